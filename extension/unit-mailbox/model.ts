/**
 * Unit-mailbox reminders (issue #5): the data kept in chrome.storage.local and the pure logic
 * the background, the popup and the tests share. REQUIREMENTS.md §2:
 *  - reply within 02 working days (QĐ 652/QĐ-BTTTT Đ12 k4) — due times come from
 *    shared/calendar overdue()/dueAt();
 *  - confirm receipt (Cần Thơ QĐ 33/2015 Đ7 k1) — receiptComposeUrl();
 *  - open the unit mailbox at set times (Bình Phước QĐ 48/2009 Đ8 k2) — schedule.ts.
 * Privacy: only ids, senders, subjects, received and due times are kept (never bodies, never
 * credentials); the only requests are the webmail's own, made from its tab.
 */
import type { OverdueEntry } from '../../shared/calendar';
import { formatLate } from '../../shared/calendar';
import { vnClock } from '../lib/vn-time';

export { formatLate };

export type WebmailKind = 'roundcube' | 'zimbra';

/** One unanswered message, as cached. */
export interface CachedItem {
  id: string;
  from: string;
  subject: string;
  /** ISO-8601 (instant). */
  receivedAt: string;
  /** Reply deadline, ISO-8601 +07:00. */
  due: string;
}

export interface CachedMailbox {
  /** The unit mailbox's address (lower case). */
  address: string;
  webmail: WebmailKind;
  /** Where the webmail is, to open messages and compose there. */
  baseUrl: string;
  /** When it was last read (ISO). */
  checkedAt: string;
  /** False when the reader stopped at its page cap (only the newest mail was checked). */
  complete: boolean;
  items: CachedItem[];
  /** The last read failed (the items are from the read before). */
  error?: { vi: string; en: string };
}

export interface OverdueCache {
  version: 1;
  mailboxes: Record<string, CachedMailbox>;
}

/** `snoozes`: { [`${address}#${id}`] or 'all': ISO time until which reminders are quiet }. */
export type Snoozes = Record<string, string>;

export const SNOOZE_ALL = 'all';

export function emptyCache(): OverdueCache {
  return { version: 1, mailboxes: {} };
}

export function isCache(v: unknown): v is OverdueCache {
  return !!v && typeof v === 'object' && (v as OverdueCache).version === 1 && typeof (v as OverdueCache).mailboxes === 'object';
}

export function itemKey(address: string, id: string): string {
  return `${address.toLowerCase()}#${id}`;
}

/** Lower-cased, trimmed, de-duplicated addresses from the `unitMailboxes` setting. */
export function normalizeMailboxes(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const a of v) {
    if (typeof a !== 'string') continue;
    const s = a.trim().toLowerCase();
    if (/^[^\s@]+@[^\s@]+$/.test(s) && !out.includes(s)) out.push(s);
  }
  return out;
}

/** Keep only what may be stored: the overdue()/due-soon entries, reduced to id/from/subject/times. */
export function toCachedItems(entries: readonly OverdueEntry[]): CachedItem[] {
  return entries.map((e) => ({
    id: e.id,
    from: e.from,
    subject: e.subject,
    receivedAt: typeof e.receivedAt === 'string' ? e.receivedAt : e.receivedAt.toISOString(),
    due: e.due,
  }));
}

export function snoozedUntil(snoozes: Snoozes, key: string, nowMs: number): number | null {
  let until: number | null = null;
  for (const k of [key, SNOOZE_ALL]) {
    const t = snoozes[k] ? Date.parse(snoozes[k]) : NaN;
    if (t > nowMs && (until === null || t > until)) until = t;
  }
  return until;
}

/** Snoozes still in force (expired ones are dropped when writing). */
export function pruneSnoozes(snoozes: Snoozes, nowMs: number): Snoozes {
  const out: Snoozes = {};
  for (const [k, v] of Object.entries(snoozes ?? {})) if (Date.parse(v) > nowMs) out[k] = v;
  return out;
}

export function withSnooze(snoozes: Snoozes, key: string, untilMs: number, nowMs: number): Snoozes {
  return { ...pruneSnoozes(snoozes, nowMs), [key]: new Date(untilMs).toISOString() };
}

export type RowStatus = 'overdue' | 'due-soon' | 'ok';

export interface PopupRow extends CachedItem {
  key: string;
  mailbox: string;
  webmail: WebmailKind;
  baseUrl: string;
  status: RowStatus;
  /** ms past the deadline (> 0 only when overdue). */
  lateMs: number;
  late: { vi: string; en: string } | null;
  snoozedUntil: number | null;
}

export interface PopupModel {
  rows: PopupRow[];
  /** Overdue and not snoozed: what the badge counts. */
  overdueCount: number;
  mailboxes: { address: string; checkedAt: string; complete: boolean; error?: { vi: string; en: string } }[];
}

const DUE_SOON_MS = 24 * 3_600_000;

/**
 * The popup's list: the cached items of the managed mailboxes, status recomputed against `now`
 * (the cache may be hours old), most late first (earliest deadline first, then earliest
 * received), snoozed rows last. Items of mailboxes no longer managed are left out.
 */
export function popupModel(cache: OverdueCache | null, snoozes: Snoozes, managed: readonly string[], nowMs: number): PopupModel {
  const rows: PopupRow[] = [];
  const mailboxes: PopupModel['mailboxes'] = [];
  for (const address of managed) {
    const mb = cache?.mailboxes[address];
    if (!mb) continue;
    mailboxes.push({ address, checkedAt: mb.checkedAt, complete: mb.complete, ...(mb.error ? { error: mb.error } : {}) });
    for (const it of mb.items) {
      const dueMs = Date.parse(it.due);
      if (Number.isNaN(dueMs)) continue;
      const lateMs = nowMs > dueMs ? nowMs - dueMs : 0;
      const status: RowStatus = nowMs > dueMs ? 'overdue' : dueMs - nowMs <= DUE_SOON_MS ? 'due-soon' : 'ok';
      const key = itemKey(address, it.id);
      rows.push({
        ...it,
        key,
        mailbox: address,
        webmail: mb.webmail,
        baseUrl: mb.baseUrl,
        status,
        lateMs,
        late: status === 'overdue' ? formatLate(lateMs) : null,
        snoozedUntil: snoozedUntil(snoozes, key, nowMs),
      });
    }
  }
  rows.sort(
    (a, b) =>
      Number(a.snoozedUntil !== null) - Number(b.snoozedUntil !== null) ||
      Date.parse(a.due) - Date.parse(b.due) ||
      Date.parse(a.receivedAt) - Date.parse(b.receivedAt) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const overdueCount = rows.filter((r) => r.status === 'overdue' && r.snoozedUntil === null).length;
  return { rows, overdueCount, mailboxes };
}

/** Badge text: the overdue count, "99+" above 99, '' for none. */
export function badgeText(count: number): string {
  return count <= 0 ? '' : count > 99 ? '99+' : String(count);
}

/** "dd/MM/yyyy HH:mm" in Vietnamese time (UTC+7), whatever the machine's zone. */
export function formatVn(iso: string): string {
  const c = vnClock(iso);
  return c ? `${c.day}/${c.month}/${c.year} ${c.hours}:${c.minutes}` : iso;
}

/** The message in the webmail. */
export function openUrl(row: Pick<PopupRow, 'webmail' | 'baseUrl' | 'id'>): string {
  if (row.webmail === 'zimbra') return `${row.baseUrl}h/search?action=view&id=${encodeURIComponent(row.id)}`;
  return `${row.baseUrl}?_task=mail&_mbox=INBOX&_uid=${encodeURIComponent(row.id)}&_action=show`;
}

export const RECEIPT_SUBJECT_PREFIX = 'Xác nhận đã nhận: ';

/** Short receipt body (Cần Thơ QĐ 33/2015 Đ7 k1: confirm receipt to the sender). */
export function receiptBody(row: Pick<PopupRow, 'subject' | 'receivedAt'>): string {
  return (
    'Kính gửi Quý cơ quan/đơn vị,\n\n' +
    `Chúng tôi đã nhận được thư "${row.subject}" gửi lúc ${formatVn(row.receivedAt)}. ` +
    'Văn bản đang được xử lý theo quy định; chúng tôi sẽ trả lời khi có kết quả.\n\n' +
    'Trân trọng.'
  );
}

/**
 * A prefilled compose in the webmail. Roundcube: a reply (`_reply_uid`), so the recipient is the
 * sender, In-Reply-To is set and Roundcube flags the original \Answered on send; `_subject` and
 * `_body` override the reply's defaults (rcmail_sendmail::compose_subject(),
 * rcmail_action_mail_compose::prepare_message_body() use $COMPOSE['param'] first).
 * Zimbra (HTML client): a new message to the sender.
 */
export function receiptComposeUrl(row: Pick<PopupRow, 'webmail' | 'baseUrl' | 'id' | 'from' | 'subject' | 'receivedAt'>): string {
  const subject = RECEIPT_SUBJECT_PREFIX + row.subject;
  const body = receiptBody(row);
  const q = encodeURIComponent;
  if (row.webmail === 'zimbra') {
    return `${row.baseUrl}h/search?action=compose&to=${q(row.from)}&subject=${q(subject)}&body=${q(body)}`;
  }
  return `${row.baseUrl}?_task=mail&_action=compose&_reply_uid=${q(row.id)}&_mbox=INBOX&_subject=${q(subject)}&_body=${q(body)}`;
}
