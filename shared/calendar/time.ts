/**
 * Wall-clock arithmetic in Asia/Ho_Chi_Minh.
 *
 * Vietnam keeps UTC+7 all year (no daylight saving since 1975), so local time is plain
 * arithmetic on the UTC instant: no Intl, no dependence on the machine's TZ (a CLI on a
 * server in UTC, or a laptop set to another zone, must compute the same deadlines).
 * Days are counted as "epoch days": whole days since 1970-01-01 in Vietnam.
 */

export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Epoch day (Vietnam) of a Gregorian date; the date is assumed valid. */
export function epochDayFromYmd(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function ymdFromEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const d = new Date(epochDay * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

export function isWeekend(epochDay: number): boolean {
  const w = weekdayOf(epochDay);
  return w === 0 || w === 6;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "YYYY-MM-DD" of an epoch day. */
export function dateKey(epochDay: number): string {
  const { year, month, day } = ymdFromEpochDay(epochDay);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validYmd(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Epoch day of a strict "YYYY-MM-DD" string, or null. */
export function parseDateKey(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validYmd(year, month, day) ? epochDayFromYmd(year, month, day) : null;
}

/** Vietnamese calendar day of an instant. */
export function vnEpochDay(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** The instant at `minutes` after midnight (Vietnam) of `epochDay`. */
export function vnInstant(epochDay: number, minutes: number): number {
  return epochDay * DAY_MS + minutes * MINUTE_MS - VN_OFFSET_MS;
}

/** "HH:MM" → minutes since midnight, or null. 24:00 is allowed as the end of the day. */
export function parseClock(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/**
 * ISO-8601 instant: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an optional zone
 * (`Z`, `±HH:MM`, `±HHMM`, `±HH`); a space may replace the `T`.
 * A value without a zone is Vietnamese wall time (never the machine's local time, which is
 * what `new Date(...)` would assume); a bare date means 00:00 in Vietnam.
 */
export function parseIsoInstant(value: string): number | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      value.trim(),
    );
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validYmd(year, month, day)) return null;
  const hasTime = m[4] !== undefined;
  const hours = hasTime ? Number(m[4]) : 0;
  const minutes = hasTime ? Number(m[5]) : 0;
  const seconds = m[6] !== undefined ? Number(m[6]) : 0;
  const millis = m[7] !== undefined ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  if (!hasTime && m[8] !== undefined) return null; // "2026-04-24Z" is not ISO-8601
  let offsetMinutes = 7 * 60;
  const zone = m[8];
  if (zone !== undefined) {
    if (zone === 'Z' || zone === 'z') offsetMinutes = 0;
    else {
      const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
      if (!zm) return null;
      const zh = Number(zm[2]);
      const zmin = zm[3] !== undefined ? Number(zm[3]) : 0;
      if (zh > 18 || zmin > 59) return null;
      offsetMinutes = (zm[1] === '-' ? -1 : 1) * (zh * 60 + zmin);
    }
  }
  return Date.UTC(year, month - 1, day, hours, minutes, seconds, millis) - offsetMinutes * MINUTE_MS;
}

/**
 * An instant from a host: ISO-8601 (see parseIsoInstant) or an RFC 5322 `Date:` header
 * value ("Fri, 24 Apr 2026 10:00:00 +0700"). RFC 5322 is only accepted with an explicit
 * zone, so that the machine's TZ never leaks in.
 */
export function parseInstant(value: Date | string | number): number | null {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isFinite(t) ? t : null;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const iso = parseIsoInstant(value);
  if (iso !== null) return iso;
  const trimmed = value.trim().replace(/\s*\([^()]*\)\s*$/, ''); // trailing "(ICT)" comment
  if (/^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UT|UTC|Z)$/.test(trimmed)) {
    const t = Date.parse(trimmed);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

/**
 * ISO-8601 in Vietnamese time with an explicit `+07:00` offset, to the second
 * (e.g. `2026-04-29T17:00:00+07:00`). Milliseconds are dropped: deadlines are whole
 * minutes and a shorter string reads better in a reminder.
 */
export function formatIsoVn(date: Date | number | string): string {
  const ms = parseInstant(date);
  if (ms === null) {
    throw new RangeError(`Thời điểm không hợp lệ: ${JSON.stringify(String(date))} / Invalid instant: ${JSON.stringify(String(date))}`);
  }
  const d = new Date(ms + VN_OFFSET_MS);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+07:00`
  );
}
