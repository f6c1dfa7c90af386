/**
 * `congvu-guard due --policy ID|FILE --received ISO-8601 [--format json]`: the reply
 * deadline of one message, for scripts and for checking a policy's calendar by hand.
 * The lead wires argument parsing and policy loading in shared/cli.ts; this is the pure part.
 */

import { formatIsoVn, parseIsoInstant } from './time.ts';
import { type CalendarPolicy, calendarError, dueAt, workingDaysBetween } from './working.ts';

export interface DueCommandArgs {
  /** ISO-8601; without a zone it is read as Vietnamese time (+07:00). */
  received: string;
  format: 'text' | 'json';
}

/**
 * text: the deadline as ISO-8601 with +07:00, one line.
 * json: {"received": ISO +07:00, "due": ISO +07:00, "workingDays": N} on one line.
 * Errors are CalendarErrors: a one-line message, Vietnamese then English, and both halves apart.
 */
export function runDueCommand(args: DueCommandArgs, policy: CalendarPolicy): { stdout: string } {
  const raw = args.received;
  const received = typeof raw === 'string' ? parseIsoInstant(raw) : null;
  if (received === null) {
    const shown = JSON.stringify(String(raw));
    throw calendarError(`Thời điểm nhận không hợp lệ: ${shown} (cần ISO-8601)`, `Invalid --received: ${shown} (ISO-8601 expected)`);
  }
  if (args.format !== 'text' && args.format !== 'json') {
    const shown = JSON.stringify(String(args.format));
    throw calendarError(`Định dạng không hợp lệ: ${shown} (cần text hoặc json)`, `Invalid --format: ${shown} (text or json expected)`);
  }
  const due = dueAt(new Date(received), policy).getTime();
  if (args.format === 'text') return { stdout: `${formatIsoVn(due)}\n` };
  const result = {
    received: formatIsoVn(received),
    due: formatIsoVn(due),
    workingDays: workingDaysBetween(new Date(received), new Date(due), policy),
  };
  return { stdout: `${JSON.stringify(result)}\n` };
}
