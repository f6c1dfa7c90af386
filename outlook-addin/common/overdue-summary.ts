/**
 * The overdue summary the task pane leaves for OnNewMessageCompose (issue #5): per unit mailbox,
 * how many messages are past the reply deadline (QĐ 652/QĐ-BTTTT Đ12 k4: 02 working days) and
 * the earliest deadline. Counts and times only — no senders or subjects — in OfficeRuntime.storage
 * (classic Outlook) or localStorage (browser runtimes), never sent anywhere.
 * Used by the event-handler bundle: ES2016 only (no object spread at run time, no async
 * iteration); keep it small and free of imports from shared/.
 */
import type { KeyValueStore } from './storage';

export const OVERDUE_SUMMARY_KEY = 'congvu-guard.overdue.summary';
/** Info bar key (notificationMessages), one per compose item. */
export const OVERDUE_INFOBAR_KEY = 'cg-unit-overdue';
/** A summary older than this is not shown: the pane has not looked for a day. */
export const SUMMARY_MAX_AGE_MS = 24 * 3600 * 1000;

export interface OverdueSummary {
  /** When the pane read the mailboxes (ms). */
  at: number;
  mailboxes: { address: string; overdue: number; earliestDue?: string }[];
}

export function parseSummary(raw: string | null): OverdueSummary | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as OverdueSummary;
    if (!v || typeof v.at !== 'number' || !Array.isArray(v.mailboxes)) return null;
    return v;
  } catch (e) {
    return null;
  }
}

export function writeSummary(store: KeyValueStore, summary: OverdueSummary): Promise<void> {
  return store.set(OVERDUE_SUMMARY_KEY, JSON.stringify(summary));
}

export function readSummary(store: KeyValueStore): Promise<OverdueSummary | null> {
  return store.get(OVERDUE_SUMMARY_KEY).then(parseSummary, () => null);
}

/**
 * The info bar text (Outlook caps it at 150 characters), or null when nothing is overdue or the
 * summary is too old to trust. Vietnamese first; English when Outlook runs in another language.
 */
export function overdueInfobarText(summary: OverdueSummary | null, nowMs: number, lang: 'vi' | 'en'): string | null {
  if (!summary || nowMs - summary.at > SUMMARY_MAX_AGE_MS || summary.at - nowMs > 5 * 60 * 1000) return null;
  let total = 0;
  const names: string[] = [];
  for (let i = 0; i < summary.mailboxes.length; i++) {
    const m = summary.mailboxes[i];
    if (m && m.overdue > 0) {
      total += m.overdue;
      names.push(m.address);
    }
  }
  if (total === 0) return null;
  const where = names.length === 1 ? names[0] : names.length + (lang === 'vi' ? ' hộp thư đơn vị' : ' unit mailboxes');
  const text =
    lang === 'vi'
      ? 'Hộp thư đơn vị ' + where + ' có ' + total + ' thư quá hạn trả lời (02 ngày làm việc). Mở ngăn Kiểm tra thư công vụ để xem.'
      : 'Unit mailbox ' + where + ' has ' + total + ' message(s) past the 2-working-day reply deadline. Open the task pane to see them.';
  return text.length > 150 ? text.slice(0, 149) + '…' : text;
}
