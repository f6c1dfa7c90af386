/**
 * Public holidays (ngày nghỉ lễ, tết) of Bộ luật Lao động 2019 Điều 112 khoản 1, and the
 * compensatory days off of Điều 111 khoản 3, computed for a Gregorian year.
 *
 * State agencies work Monday–Friday (40-hour week, Quyết định 188/1999/QĐ-TTg), so
 * Saturday and Sunday are the weekly rest days, and a holiday falling on either is
 * compensated on the next working day (Bộ luật Lao động 2019 Điều 111 khoản 3: "Nếu ngày
 * nghỉ hằng tuần trùng với ngày nghỉ lễ, tết … thì người lao động được nghỉ bù ngày nghỉ
 * hằng tuần vào ngày làm việc kế tiếp").
 *
 * For Tết Âm lịch and the second Quốc khánh day, Điều 112 khoản 3 lets the Prime Minister
 * fix the exact days each year. We compute defaults that reproduce the decisions of
 * 2020–2026 for Tết (tetWeekdays) and 2021–2025 for Quốc khánh
 * (NATIONAL_DAY_ADJACENT_OFFSET); admins match a year that
 * differs, or the bridge days the Government swaps with a Saturday (e.g. 2/5/2025 off,
 * 26/4/2025 worked), with `calendar.extraDaysOff` / `calendar.makeUpWorkdays`.
 */

import { VN_TIME_ZONE_HOURS, lunarToJdn, solarToLunar, tetJdn } from './lunar.ts';
import { dateKey, epochDayFromYmd, isWeekend, weekdayOf, ymdFromEpochDay } from './time.ts';

export type HolidayKind = 'holiday' | 'compensatory' | 'extra';

export interface Holiday {
  /** YYYY-MM-DD (Vietnam). */
  date: string;
  name_vi: string;
  name_en: string;
  kind: HolidayKind;
  /** For a compensatory day: the holiday (YYYY-MM-DD) it makes up for. */
  compensatesFor?: string;
}

/** Julian Day Number of 1970-01-01, to turn lunar results into epoch days. */
const JDN_UNIX_EPOCH = 2440588;

interface DayOff {
  epochDay: number;
  name_vi: string;
  name_en: string;
  kind: 'holiday' | 'compensatory';
  compensatesFor?: number;
}

function lunarEpochDay(day: number, month: number, year: number): number {
  const jdn = lunarToJdn({ day, month, year, leap: false }, VN_TIME_ZONE_HOURS);
  if (jdn === null) throw new Error(`unreachable: lunar ${day}/${month}/${year} does not exist`);
  return jdn - JDN_UNIX_EPOCH;
}

function ymdOf(epochDay: number): [number, number, number] {
  const { year, month, day } = ymdFromEpochDay(epochDay);
  return [year, month, day];
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** "29 tháng Chạp" / "mùng 1 tháng Giêng", and the English. */
function lunarDayName(day: number, month: number): [string, string] {
  const monthVi = month === 12 ? 'tháng Chạp' : month === 1 ? 'tháng Giêng' : `tháng ${month}`;
  const dayVi = day <= 10 ? `mùng ${day}` : String(day);
  return [`${dayVi} ${monthVi}`, `${ordinal(day)} day of the ${ordinal(month)} lunar month`];
}

/**
 * The five Tết weekdays off (Bộ luật Lao động 2019 Đ112 k1 điểm b, k3), by the weekday of
 * mùng 1 Tết, as the Prime Minister has decided them every year:
 *  - Tết on Monday–Thursday: Monday–Friday of Tết's week (a 9-day break with both
 *    weekends): 2022 (Tết Tue 1/2: 31/1–4/2), 2025 (Wed 29/1: 27/1–31/1),
 *    2026 (Tue 17/2: 16/2–20/2);
 *  - Tết on Friday–Sunday: the weekdays among the seven days from two days before Tết to
 *    mùng 5 (a 7-day break): 2020 (Sat 25/1: 23/1–29/1), 2021 (Fri 12/2: 10/2–16/2),
 *    2023 (Sun 22/1: 20/1–26/1), 2024 (Sat 10/2: 8/2–14/2).
 * The literal reading "last day of the year + mùng 1–4, weekend days compensated after"
 * matches only the Tuesday years; it was the option the Ministry of Labour put forward
 * and the Government did not take for 2021. Admins correct a year that differs with
 * calendar.extraDaysOff / calendar.makeUpWorkdays.
 */
function tetWeekdays(year: number): number[] {
  const tet = tetJdn(year, VN_TIME_ZONE_HOURS) - JDN_UNIX_EPOCH;
  const weekday = weekdayOf(tet);
  if (weekday >= 1 && weekday <= 4) {
    const monday = tet - (weekday - 1);
    return [0, 1, 2, 3, 4].map((i) => monday + i);
  }
  const days: number[] = [];
  for (let day = tet - 2; day <= tet + 4; day++) if (!isWeekend(day)) days.push(day);
  return days;
}

/**
 * The day next to 2 September that is taken as the second Quốc khánh day
 * (Bộ luật Lao động 2019 Điều 112 khoản 1 điểm đ: "ngày 02 tháng 9 dương lịch và 01 ngày
 * liền kề trước hoặc sau"; the Prime Minister picks it each year, khoản 3).
 * Default = the pick that joins a weekend, as decided every year since the rule took
 * effect: 2021 (2/9 Thu → 3/9), 2022 (Fri → 1/9), 2023 (Sat → 1/9, plus 4/9 in
 * compensation), 2024 (Mon → 3/9), 2025 (Tue → 1/9). With no bridge to gain (2/9 on a
 * Wednesday) we take the day before, the first option the Code names; for a Sunday we
 * take Monday 3/9 (Saturday 1/9 would end in the same days off, via two compensations).
 * Indexed by the weekday of 2 September (0 = Sunday).
 */
const NATIONAL_DAY_ADJACENT_OFFSET: readonly number[] = [+1, +1, -1, -1, +1, -1, -1];

function statutoryDaysOff(year: number): DayOff[] {
  const days: DayOff[] = [];
  const add = (epochDay: number, name_vi: string, name_en: string) => {
    // Two holidays on one day never happen in 1968–2199 (Giỗ Tổ falls on 29/4 at the
    // latest), but if they did it would still be one day off: merge, don't list it twice.
    const same = days.find((d) => d.epochDay === epochDay);
    if (same) {
      same.name_vi += `; ${name_vi}`;
      same.name_en += `; ${name_en}`;
    } else days.push({ epochDay, name_vi, name_en, kind: 'holiday' });
  };

  // Điều 112 k1 điểm a.
  add(epochDayFromYmd(year, 1, 1), 'Tết Dương lịch', "New Year's Day");

  // Điều 112 k1 điểm b: "Tết Âm lịch: 05 ngày"; the Prime Minister fixes the days each
  // year (k3), and fixes them as five weekdays, so no compensation is owed for Tết. The
  // default reproduces every decision since 2020 (see tetWeekdays).
  for (const day of tetWeekdays(year)) {
    const lunar = solarToLunar(...ymdOf(day), VN_TIME_ZONE_HOURS);
    const [vi, en] = lunarDayName(lunar.day, lunar.month);
    add(day, `Tết Âm lịch (${vi})`, `Lunar New Year (Tết) – ${en}`);
  }

  // Điều 112 k1 điểm e: 10 tháng 3 âm lịch.
  add(lunarEpochDay(10, 3, year), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)");

  // Điều 112 k1 điểm c, d.
  add(epochDayFromYmd(year, 4, 30), 'Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)');
  add(epochDayFromYmd(year, 5, 1), 'Ngày Quốc tế lao động (1/5)', 'International Labour Day (1 May)');

  // Điều 112 k1 điểm đ.
  const nationalDay = epochDayFromYmd(year, 9, 2);
  const adjacent = nationalDay + NATIONAL_DAY_ADJACENT_OFFSET[weekdayOf(nationalDay)];
  const ordered = [nationalDay, adjacent].sort((a, b) => a - b);
  for (const day of ordered) {
    if (day === nationalDay) add(day, 'Quốc khánh (2/9)', 'National Day (2 September)');
    else {
      const dom = Number(dateKey(day).slice(8));
      add(day, `Quốc khánh (ngày liền kề ${dom}/9)`, `National Day (adjacent day, ${dom} September)`);
    }
  }

  days.sort((a, b) => a.epochDay - b.epochDay);

  // Điều 111 k3: each holiday on a weekly rest day gives one day off on the next working
  // day, i.e. the next weekday that is neither a holiday nor already a compensatory day
  // (30/4 Sat + 1/5 Sun 2022 → Mon 2/5 and Tue 3/5).
  const taken = new Set(days.map((d) => d.epochDay));
  const compensations: DayOff[] = [];
  for (const holiday of days) {
    if (!isWeekend(holiday.epochDay)) continue;
    let day = holiday.epochDay + 1;
    while (isWeekend(day) || taken.has(day)) day++;
    taken.add(day);
    compensations.push({
      epochDay: day,
      name_vi: `Nghỉ bù ${holiday.name_vi}`,
      name_en: `Compensatory day off for ${holiday.name_en}`,
      kind: 'compensatory',
      compensatesFor: holiday.epochDay,
    });
  }
  return [...days, ...compensations].sort((a, b) => a.epochDay - b.epochDay);
}

const cache = new Map<number, { list: DayOff[]; byDay: Map<number, DayOff> }>();

/** Statutory holidays and compensatory days of a Gregorian year, cached (pure function of the year). */
export function statutoryYear(year: number): { list: readonly DayOff[]; byDay: ReadonlyMap<number, DayOff> } {
  let entry = cache.get(year);
  if (!entry) {
    const list = statutoryDaysOff(year);
    entry = { list, byDay: new Map(list.map((d) => [d.epochDay, d])) };
    cache.set(year, entry);
  }
  return entry;
}

export function toHoliday(d: DayOff): Holiday {
  const h: Holiday = { date: dateKey(d.epochDay), name_vi: d.name_vi, name_en: d.name_en, kind: d.kind };
  if (d.compensatesFor !== undefined) h.compensatesFor = dateKey(d.compensatesFor);
  return h;
}
