/**
 * When to remind (pure; the background turns these into chrome.alarms and notifications).
 * Check times: the preset's `checkTimes` on working days only (Bình Phước QĐ 48/2009 Đ8 k2:
 * 7:00, 9:00, 11:00, 13:30, 15:00, 16:30; TP.HCM 4 a day; Bộ TT&TT 3 a day), computed by
 * shared/calendar checkTimesOn()/nextCheckTimes() in Asia/Ho_Chi_Minh (weekends, public
 * holidays of Bộ luật Lao động 2019 Đ112 and the policy's own days off are skipped).
 */
import { checkTimesOn, nextCheckTimes, type CalendarPolicy } from '../../shared/calendar';

/** A check reminder fired more than this late (the computer was asleep) is skipped: the next one comes. */
export const CHECK_GRACE_MS = 30 * 60_000;

/**
 * The check time a reminder is due for at `nowMs`: the latest check time of today that is
 * <= now, later than the last one reminded about, and at most CHECK_GRACE_MS ago; else null.
 * Never on a day off (checkTimesOn returns nothing then).
 */
export function dueCheckTime(nowMs: number, lastRemindedMs: number | null, policy: CalendarPolicy): number | null {
  const today = checkTimesOn(new Date(nowMs), policy).map((d) => d.getTime());
  let due: number | null = null;
  for (const t of today) if (t <= nowMs && (due === null || t > due)) due = t;
  if (due === null || nowMs - due > CHECK_GRACE_MS) return null;
  if (lastRemindedMs !== null && due <= lastRemindedMs) return null;
  return due;
}

/** When the next check-time alarm should fire (strictly after now), or null without check times. */
export function nextCheckAlarm(nowMs: number, policy: CalendarPolicy): number | null {
  const [next] = nextCheckTimes(new Date(nowMs + 1), policy, 1);
  return next ? next.getTime() : null;
}

/** Keys that are overdue now and were not notified before (each item is notified once). */
export function newlyOverdue(overdueKeys: readonly string[], notified: readonly string[]): string[] {
  const seen = new Set(notified);
  return overdueKeys.filter((k) => !seen.has(k));
}
