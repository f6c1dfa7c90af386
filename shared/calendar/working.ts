/**
 * Working days, reply deadlines and check times for Vietnamese state agencies.
 * Everything is computed in Asia/Ho_Chi_Minh (see time.ts), whatever the machine's TZ.
 */

import { type Holiday, statutoryYear, toHoliday } from './holidays.ts';
import {
  dateKey,
  isWeekend,
  parseClock,
  parseDateKey,
  parseInstant,
  vnEpochDay,
  vnInstant,
  ymdFromEpochDay,
} from './time.ts';

/**
 * The part of the resolved policy this module reads (structural, so the full policy from
 * shared/policy can be passed as is).
 */
export interface CalendarPolicy {
  /** Reply deadline in working days, e.g. 2 for `mic` (QĐ 652/QĐ-BTTTT Đ12 k4). */
  replyDeadlineWorkingDays: number;
  /** "HH:MM" times to open the unit mailbox, e.g. Bình Phước ["07:00","09:00","11:00","13:30","15:00","16:30"] (QĐ 48/2009 Đ8 k2). */
  checkTimes: string[];
  calendar: {
    /** Working-hour intervals, default [["07:30","11:30"],["13:00","17:00"]]. */
    workingHours: [string, string][];
    /** YYYY-MM-DD days off set by the admin (the year's official Tết days, bridges…). */
    extraDaysOff: string[];
    /** YYYY-MM-DD days worked although normally off (a make-up Saturday). */
    makeUpWorkdays: string[];
  };
}

/** A day as "YYYY-MM-DD" (taken as a Vietnamese calendar day), or an instant (Date / ISO-8601 string) whose Vietnamese day is meant. */
export type DayInput = string | Date;

/**
 * An error with its Vietnamese and English halves kept apart, like ReaderError's: the message
 * is still one line, "vi / en", but the halves quote user input ("--received", policy dates)
 * that may itself contain " / ", so the CLI must not split the message to find them.
 */
export interface CalendarError extends Error {
  readonly message_vi: string;
  readonly message_en: string;
}

/**
 * A plain Error with the halves as non-enumerable properties, not a subclass: hosts and tests
 * compare and log these errors as plain Errors (same prototype, same enumerable fields).
 */
export function calendarError(vi: string, en: string): CalendarError {
  const e = new Error(`${vi} / ${en}`);
  Object.defineProperties(e, { message_vi: { value: vi }, message_en: { value: en } });
  return e as CalendarError;
}

export function isCalendarError(e: unknown): e is CalendarError {
  return e instanceof Error && typeof (e as Partial<CalendarError>).message_vi === 'string' && typeof (e as Partial<CalendarError>).message_en === 'string';
}

interface CompiledCalendar {
  makeUp: Set<number>;
  extra: Set<number>;
  /** End of the last working-hour interval, minutes after midnight. */
  endOfDay: number;
  checkMinutes: number[];
  deadlineDays: number;
}

function compileDays(list: readonly string[] | undefined, field: string): Set<number> {
  const out = new Set<number>();
  for (const value of list ?? []) {
    const day = typeof value === 'string' ? parseDateKey(value.trim()) : null;
    if (day === null) {
      throw calendarError(
        `Ngày không hợp lệ trong calendar.${field}: ${JSON.stringify(value)} (cần YYYY-MM-DD)`,
        `Invalid date in calendar.${field}: ${JSON.stringify(value)} (YYYY-MM-DD expected)`,
      );
    }
    out.add(day);
  }
  return out;
}

/**
 * Compiled calendars, per policy object: every public function compiles its policy, and
 * hosts call several of them (and overdue() once per refresh) with the same resolved policy.
 * Policies are replaced, never edited in place, as for the address patterns in mailbox/index.ts.
 * A policy that does not compile is not cached, so it throws the same error on every call.
 */
const compiledCalendars = new WeakMap<CalendarPolicy, CompiledCalendar>();

function compile(policy: CalendarPolicy): CompiledCalendar {
  let c = compiledCalendars.get(policy);
  if (!c) {
    c = compileUncached(policy);
    compiledCalendars.set(policy, c);
  }
  return c;
}

function compileUncached(policy: CalendarPolicy): CompiledCalendar {
  const cal = policy.calendar;
  const intervals = cal?.workingHours ?? [];
  let endOfDay = -1;
  for (const interval of intervals) {
    const start = parseClock(String(interval?.[0]));
    const end = parseClock(String(interval?.[1]));
    if (start === null || end === null || end <= start) {
      throw calendarError(
        `Giờ làm việc không hợp lệ: ${JSON.stringify(interval)} (cần ["HH:MM","HH:MM"])`,
        `Invalid working hours: ${JSON.stringify(interval)} (["HH:MM","HH:MM"] expected)`,
      );
    }
    endOfDay = Math.max(endOfDay, end);
  }
  if (endOfDay < 0) {
    throw calendarError('Chưa khai báo giờ làm việc (calendar.workingHours)', 'No working hours set (calendar.workingHours)');
  }
  const checkMinutes = [
    ...new Set(
      (policy.checkTimes ?? []).map((t) => {
        const m = parseClock(String(t));
        if (m === null || m >= 24 * 60) {
          throw calendarError(`Giờ kiểm tra hộp thư không hợp lệ: ${JSON.stringify(t)} (cần HH:MM)`, `Invalid check time: ${JSON.stringify(t)} (HH:MM expected)`);
        }
        return m;
      }),
    ),
  ].sort((a, b) => a - b);
  const n = policy.replyDeadlineWorkingDays;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw calendarError(
      `Thời hạn trả lời không hợp lệ: ${JSON.stringify(n)} (cần số ngày làm việc ≥ 0)`,
      `Invalid replyDeadlineWorkingDays: ${JSON.stringify(n)} (a whole number ≥ 0 expected)`,
    );
  }
  return {
    makeUp: compileDays(cal?.makeUpWorkdays, 'makeUpWorkdays'),
    extra: compileDays(cal?.extraDaysOff, 'extraDaysOff'),
    endOfDay,
    checkMinutes,
    deadlineDays: n,
  };
}

/**
 * Precedence, most specific first: an admin make-up workday is worked even on a weekend,
 * a holiday or a date also listed in extraDaysOff (it is the admin's explicit "work this
 * day", e.g. cancelling a computed compensatory day); then admin days off; then the
 * weekly rest (Saturday, Sunday: Quyết định 188/1999/QĐ-TTg); then statutory holidays
 * and compensatory days (Bộ luật Lao động 2019 Đ111 k3, Đ112 k1).
 */
function isWorking(day: number, c: CompiledCalendar): boolean {
  if (c.makeUp.has(day)) return true;
  if (c.extra.has(day)) return false;
  if (isWeekend(day)) return false;
  return !statutoryYear(ymdFromEpochDay(day).year).byDay.has(day);
}

function toEpochDay(value: DayInput): number {
  if (typeof value === 'string') {
    const key = parseDateKey(value.trim());
    if (key !== null) return key;
  }
  const ms = parseInstant(value);
  if (ms === null) {
    const shown = JSON.stringify(String(value));
    throw calendarError(`Ngày không hợp lệ: ${shown} (cần YYYY-MM-DD hoặc ISO-8601)`, `Invalid date: ${shown} (YYYY-MM-DD or ISO-8601 expected)`);
  }
  return vnEpochDay(ms);
}

/** `labelVi` / `labelEn` name the argument in the error, e.g. "Thời điểm nhận" / "receivedAt". */
function toInstant(value: Date | string | number, labelVi: string, labelEn: string): number {
  const ms = parseInstant(value);
  if (ms === null) {
    const shown = JSON.stringify(String(value));
    throw calendarError(`${labelVi} không hợp lệ: ${shown} (cần ISO-8601)`, `Invalid ${labelEn}: ${shown} (ISO-8601 expected)`);
  }
  return ms;
}

/** Whether `date` (YYYY-MM-DD, Vietnam) is a working day under the policy. */
export function isWorkingDay(date: DayInput, policy: CalendarPolicy): boolean {
  return isWorking(toEpochDay(date), compile(policy));
}

/**
 * Days off of a Gregorian year that are not plain weekends: statutory holidays
 * ('holiday', including those falling on a weekend), compensatory days ('compensatory')
 * and admin-added days off ('extra'), sorted by date. Dates the admin lists in
 * makeUpWorkdays are left out, since they are worked.
 */
export function holidaysOf(year: number, policy: CalendarPolicy): Holiday[] {
  const c = compile(policy);
  const out: Holiday[] = [];
  const seen = new Set<number>();
  for (const d of statutoryYear(year).list) {
    if (c.makeUp.has(d.epochDay)) continue;
    seen.add(d.epochDay);
    out.push(toHoliday(d));
  }
  for (const day of c.extra) {
    if (seen.has(day) || c.makeUp.has(day) || ymdFromEpochDay(day).year !== year) continue;
    out.push({ date: dateKey(day), name_vi: 'Ngày nghỉ do quản trị viên bổ sung', name_en: 'Day off added by the administrator', kind: 'extra' });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Reply deadline of a message received at `receivedAt`.
 *
 * Bộ luật Dân sự 2015 Đ147 k1: when a period is counted in days, the day of the event
 * (receipt) is not counted; counting starts the next day. The deadline is the end of
 * working hours (latest end in calendar.workingHours, 17:00 by default) of the N-th
 * working day after the day of receipt, N = replyDeadlineWorkingDays (e.g. QĐ
 * 652/QĐ-BTTTT Đ12 k4: "02 ngày làm việc"). Đ148 k6 would end a day-counted period at
 * 24:00; we end it with the working day instead, because the reply is an act of the
 * office, done in office hours.
 *
 * Consequences, all from "the day of receipt is not counted":
 *  - the time of receipt within the day does not matter: mail received Friday 16:55,
 *    Friday 17:30 or Friday 08:00 all fall due at 17:00 on the N-th working day after
 *    that Friday (no "after hours counts as next day" shift, which would add a day);
 *  - mail received at night counts from its own calendar day (Vietnamese time): 23:30
 *    Monday is a Monday receipt, 00:30 Tuesday a Tuesday receipt;
 *  - mail received on a weekend or holiday: that day is not counted and the days off
 *    after it are skipped, so the first working day after it is day 1.
 * N = 0 means "by the end of the day of receipt", moved to the next working day when
 * received on a day off or after working hours.
 */
export function dueAt(receivedAt: Date | string, policy: CalendarPolicy): Date {
  const c = compile(policy);
  const received = toInstant(receivedAt, 'Thời điểm nhận', 'receivedAt');
  return new Date(dueInstant(received, c));
}

function dueInstant(received: number, c: CompiledCalendar): number {
  let day = vnEpochDay(received);
  if (c.deadlineDays === 0) {
    if (received > vnInstant(day, c.endOfDay)) day++;
    while (!isWorking(day, c)) day++;
  } else {
    for (let counted = 0; counted < c.deadlineDays; ) {
      day++;
      if (isWorking(day, c)) counted++;
    }
  }
  return vnInstant(day, c.endOfDay);
}

/**
 * Working days after `a`'s day up to and including `b`'s day (Vietnamese days), i.e.
 * counted the Bộ luật Dân sự 2015 Đ147 way: the first day is not counted. So
 * workingDaysBetween(received, dueAt(received)) = replyDeadlineWorkingDays. Negative
 * when `b` is before `a`; 0 for the same day.
 */
export function workingDaysBetween(a: DayInput, b: DayInput, policy: CalendarPolicy): number {
  const c = compile(policy);
  const from = toEpochDay(a);
  const to = toEpochDay(b);
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (isWorking(day, c)) count++;
  return sign * count;
}

/**
 * The policy's check times on `date` (Vietnamese day), as instants, sorted; none on a day
 * off: the regulations set them for working days (QĐ 48/2009/QĐ-UBND Bình Phước Đ8 k2;
 * QĐ 652/QĐ-BTTTT Đ12 k3 đ.a: "3 lần trong ngày làm việc").
 */
export function checkTimesOn(date: DayInput, policy: CalendarPolicy): Date[] {
  const c = compile(policy);
  const day = toEpochDay(date);
  return isWorking(day, c) ? c.checkMinutes.map((m) => new Date(vnInstant(day, m))) : [];
}

/** How far ahead nextCheckTimes looks before giving up (a year of days off cannot happen; a bad policy can). */
const CHECK_SEARCH_DAYS = 400;

/**
 * The next `count` check times at or after `now` (a reminder due exactly now is still
 * returned), on working days only.
 */
export function nextCheckTimes(now: Date | string, policy: CalendarPolicy, count: number): Date[] {
  const c = compile(policy);
  const start = toInstant(now, 'Thời điểm hiện tại', 'now');
  const out: Date[] = [];
  if (!(count > 0) || c.checkMinutes.length === 0) return out;
  const firstDay = vnEpochDay(start);
  for (let day = firstDay; day < firstDay + CHECK_SEARCH_DAYS && out.length < count; day++) {
    if (!isWorking(day, c)) continue;
    for (const m of c.checkMinutes) {
      const t = vnInstant(day, m);
      if (t >= start) {
        out.push(new Date(t));
        if (out.length >= count) break;
      }
    }
  }
  return out;
}

/**
 * @internal for overdue.ts, which validates the policy and `now` before looking at any item
 * (an empty list still reports a bad policy) and works on epoch milliseconds per item.
 */
export const internal = { compile, dueInstant, toInstant };
export type { CompiledCalendar };
