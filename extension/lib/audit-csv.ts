/**
 * The "Vẫn gửi" log as CSV for the periodic report (Cần Thơ QĐ 33/2015 Đ15, Phụ lục II).
 * Excel on Vietnamese Windows opens a CSV as ANSI (Windows-1258) unless it starts with a UTF-8
 * BOM, which turns "Lý do" into mojibake: hence the BOM. Quoting per RFC 4180: a field with a
 * comma, a double quote, CR or LF is wrapped in quotes and its quotes doubled; lines end CRLF.
 * A field starting with = + - @ gets a leading apostrophe so Excel does not run it as a formula
 * (a reason typed by a user is untrusted text; OWASP "CSV injection").
 */
import type { OverrideRecord } from '../guard/guard';
import { vnClock } from './vn-time';

export const CSV_BOM = '\uFEFF';

export const AUDIT_COLUMNS = [
  ['Thời điểm (giờ Việt Nam)', 'Time (Vietnam, UTC+7)'],
  ['Thời điểm (UTC, ISO 8601)', 'Time (UTC, ISO 8601)'],
  ['Quy tắc', 'Rules'],
  ['Quy chế', 'Preset'],
  ['Lý do', 'Reason'],
  ['Tên miền người nhận', 'Recipient domains'],
  ['Webmail', 'Webmail'],
] as const;

export function csvField(value: string): string {
  let v = value.normalize('NFC');
  if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** "yyyy-MM-dd HH:mm:ss" in Vietnamese time (UTC+7), whatever the machine's zone. */
export function vietnamTime(iso: string): string {
  const c = vnClock(iso);
  return c ? `${c.year}-${c.month}-${c.day} ${c.hours}:${c.minutes}:${c.seconds}` : iso;
}

export function auditCsv(records: readonly OverrideRecord[], lang: 'vi' | 'en' = 'vi'): string {
  const header = AUDIT_COLUMNS.map(([vi, en]) => csvField(lang === 'vi' ? vi : en)).join(',');
  const rows = records.map((r) =>
    [
      vietnamTime(r.at),
      r.at,
      (r.rules ?? []).join('; '),
      r.preset ?? '',
      r.reason ?? '',
      (r.recipientDomains ?? []).join('; '),
      r.adapter ?? '',
    ]
      .map((f) => csvField(String(f)))
      .join(','),
  );
  return CSV_BOM + [header, ...rows].join('\r\n') + '\r\n';
}

/** congvu-guard-nhat-ky-2026-11-22.csv */
export function auditFileName(now: Date): string {
  return `congvu-guard-nhat-ky-${vietnamTime(now.toISOString()).slice(0, 10)}.csv`;
}
