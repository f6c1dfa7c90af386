/**
 * `reply-overdue` (REQUIREMENTS.md §2): which unanswered mail in a unit mailbox is past
 * its reply deadline or close to it. Deadlines come from dueAt() (working days, Bộ luật
 * Dân sự 2015 Đ147; e.g. QĐ 652/QĐ-BTTTT Đ12 k4: reply within 02 working days).
 */

import type { MailboxItem } from '../types.ts';
import { formatIsoVn, parseInstant } from './time.ts';
import { type CalendarPolicy, calendarError, internal } from './working.ts';

export interface OverdueItem extends Omit<MailboxItem, 'receivedAt'> {
  receivedAt: string | Date;
  /** Set by the host when the message is in the Junk folder or flagged (X-Spam-Flag: YES). */
  spam?: boolean;
  /** Set by the host from `Auto-Submitted: auto-replied|auto-generated` (RFC 3834), `X-Autoreply: yes` or `Precedence: auto_reply`. */
  autoReply?: boolean;
}

export type OverdueStatus = 'overdue' | 'due-soon' | 'ok';

export interface OverdueEntry {
  id: string;
  from: string;
  subject: string;
  /** As the host gave it. */
  receivedAt: string | Date;
  /** Reply deadline, ISO-8601 with +07:00. */
  due: string;
  status: OverdueStatus;
  /** Milliseconds past the deadline, only when overdue. */
  lateBy?: number;
}

export interface OverdueOptions {
  /** The unit mailbox's own address: mail it sent to itself needs no reply. */
  mailboxAddress?: string;
  /** How close to the deadline (wall-clock hours) an item becomes 'due-soon'. Default 24: the evening before and the day it falls due. */
  dueSoonHours?: number;
}

const DEFAULT_DUE_SOON_HOURS = 24;

/**
 * Subject prefixes of automatic messages, matched case-insensitively after Unicode NFC
 * (Outlook for Mac sends decomposed Vietnamese). Out-of-office replies in Vietnamese and
 * English, and delivery-failure reports, are not work mail: nobody answers them.
 */
const AUTOMATIC_SUBJECT_PREFIXES = [
  'tự động trả lời:',
  'trả lời tự động:', // Outlook, Vietnamese UI
  'automatic reply:',
  'auto reply:',
  'auto-reply:',
  'autoreply:',
  'auto:',
  'out of office',
  'undeliverable:',
  'không thể chuyển phát:', // Exchange non-delivery report, Vietnamese UI
  'delivery status notification',
  'mail delivery failed',
  'returned mail:',
  'undelivered mail returned to sender',
];

/** Subject tags that spam filters add (SpamAssassin "***SPAM***", Zimbra/Roundcube "[SPAM]"). */
const SPAM_SUBJECT = /^\s*(?:\*+\s*spam\s*\*+|\[\s*spam\s*\])/i;

/** Local parts of system senders: bounces (MAILER-DAEMON, postmaster, Exchange's MicrosoftExchange<guid>) and no-reply robots. */
const SYSTEM_SENDER = /^(?:mailer[-_.]?daemon|postmaster|no[-_.]?reply|do[-_.]?not[-_.]?reply|microsoftexchange[0-9a-f]{32})(?:[+._-].*)?$/i;

/**
 * The bare, lower-cased address of "Name <addr>" or "addr": senders as the mailbox readers
 * give them. Not mailbox/index.ts bareAddress: that one only strips "<…>" around the whole
 * value, and taking the address out of "Name <addr>" there would reclassify draft addresses
 * typed that way; importing it would also pull the RE2 address patterns into the calendar.
 */
function senderAddress(from: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(from);
  return (angle ? angle[1] : from).trim().toLowerCase();
}

function isAutomatic(item: OverdueItem): boolean {
  if (item.autoReply) return true;
  const subject = (item.subject ?? '').normalize('NFC').trim().toLowerCase();
  if (AUTOMATIC_SUBJECT_PREFIXES.some((p) => subject.startsWith(p))) return true;
  const address = senderAddress(item.from ?? '');
  const local = address.includes('@') ? address.slice(0, address.lastIndexOf('@')) : address;
  return SYSTEM_SENDER.test(local);
}

/**
 * The unanswered work mail with its deadline and status, most late first (earliest
 * deadline first, so 'overdue' items come before 'due-soon' before 'ok').
 *
 * Left out: answered items, spam, automatic replies and bounces, mail from the mailbox
 * itself, and items whose receivedAt cannot be read (a host bug should not hide every
 * other reminder; hosts give ISO-8601 or RFC 5322 dates with a zone).
 * An item is overdue only once `now` is past the deadline (a reply at 17:00 sharp is on
 * time).
 */
export function overdue(items: readonly OverdueItem[], policy: CalendarPolicy, now: Date | string, opts: OverdueOptions = {}): OverdueEntry[] {
  const c = internal.compile(policy);
  const nowMs = internal.toInstant(now, 'Thời điểm hiện tại', 'now');
  const dueSoonHours = opts.dueSoonHours ?? DEFAULT_DUE_SOON_HOURS;
  if (!(dueSoonHours >= 0)) {
    throw calendarError(`dueSoonHours không hợp lệ: ${JSON.stringify(dueSoonHours)}`, `Invalid dueSoonHours: ${JSON.stringify(dueSoonHours)}`);
  }
  const dueSoonMs = dueSoonHours * 3_600_000;
  const own = opts.mailboxAddress ? senderAddress(opts.mailboxAddress) : undefined;

  const rows: { entry: OverdueEntry; dueMs: number; receivedMs: number }[] = [];
  for (const item of items) {
    if (item.answered || item.spam || SPAM_SUBJECT.test(item.subject ?? '')) continue;
    if (isAutomatic(item)) continue;
    if (own && senderAddress(item.from ?? '') === own) continue;
    const receivedMs = parseInstant(item.receivedAt);
    if (receivedMs === null) continue;
    const dueMs = internal.dueInstant(receivedMs, c);
    const entry: OverdueEntry = {
      id: item.id,
      from: item.from,
      subject: item.subject,
      receivedAt: item.receivedAt,
      due: formatIsoVn(dueMs),
      status: nowMs > dueMs ? 'overdue' : dueMs - nowMs <= dueSoonMs ? 'due-soon' : 'ok',
    };
    if (entry.status === 'overdue') entry.lateBy = nowMs - dueMs;
    rows.push({ entry, dueMs, receivedMs });
  }
  rows.sort((a, b) => a.dueMs - b.dueMs || a.receivedMs - b.receivedMs || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
  return rows.map((r) => r.entry);
}
