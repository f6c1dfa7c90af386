/**
 * The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.
 *
 * Why our own code and not an npm package: the candidates were checked (see
 * shared/calendar/README.md, "Lunar library"): `amlich` and `vietnamese-lunar-calendar`
 * ship Hồ Ngọc Đức's 2006 code under a "personal, non-commercial use" notice, and the
 * latter's public API takes the time zone from the machine (under TZ=Asia/Shanghai it
 * returns the Chinese calendar: 17/2/2007 becomes 30/12); `@dqcai/vn-lunar` publishes
 * javascript-obfuscator output as its CommonJS and `browser` builds, code nobody can
 * review against its source (and the Chrome Web Store forbids obfuscated code).
 *
 * Algorithm: Hồ Ngọc Đức, "Âm lịch Việt Nam" / "Thuật toán tính âm lịch"
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/), with the astronomical
 * approximations of J. Meeus, "Astronomical Algorithms" (1998). Re-implemented here from
 * the published rules:
 *  1. a lunar month starts on the civil day (in UTC+7) that contains the new moon;
 *  2. month 11 is the month that contains the December solstice (sun longitude 270°);
 *  3. a lunar year with 13 months (13 new moons between two months 11) has a leap month:
 *     the first month after month 11 that contains no major solar term (trung khí).
 * Vietnam has computed its calendar for UTC+7 since 1968 (before: UTC+8, like China),
 * which is why Tết differs from the Chinese New Year in e.g. 1985 (21/1 vs 20/2) and
 * 2007 (17/2 vs 18/2). Results are supported for 1900–2199.
 */

/** Vietnam's civil time zone in hours (Asia/Ho_Chi_Minh, no daylight saving). */
export const VN_TIME_ZONE_HOURS = 7;

const DEG = Math.PI / 180;
/** Mean synodic month in days (Meeus). */
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01 13:52 UTC, the origin of new moon number k. */
const NEW_MOON_EPOCH_JD = 2415021.076998695;

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

/** Julian Day Number (integer, noon-based) of a Gregorian date. */
export function julianDayNumber(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

/**
 * Moment (Julian day, UT) of the k-th new moon after the one of 1900-01-01.
 * Meeus' series truncated to the terms used by Hồ Ngọc Đức; the published Vietnamese
 * calendars are generated with exactly this approximation, so keeping the same terms
 * keeps us day-for-day identical to them.
 */
function newMoonMoment(k: number): number {
  const t = k / 1236.85; // Julian centuries from 1900-01-00.5
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const latitudeArg = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  const s = (deg: number) => Math.sin(deg * DEG);
  const correction =
    (0.1734 - 0.000393 * t) * s(sunAnomaly) +
    0.0021 * s(2 * sunAnomaly) -
    0.4068 * s(moonAnomaly) +
    0.0161 * s(2 * moonAnomaly) -
    0.0004 * s(3 * moonAnomaly) +
    0.0104 * s(2 * latitudeArg) -
    0.0051 * s(sunAnomaly + moonAnomaly) -
    0.0074 * s(sunAnomaly - moonAnomaly) +
    0.0004 * s(2 * latitudeArg + sunAnomaly) -
    0.0004 * s(2 * latitudeArg - sunAnomaly) -
    0.0006 * s(2 * latitudeArg + moonAnomaly) +
    0.001 * s(2 * latitudeArg - moonAnomaly) +
    0.0005 * s(2 * moonAnomaly + sunAnomaly);
  // ΔT (TT − UT) in days, polynomial fits from the same source.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + correction - deltaT;
}

/** Julian Day Number of the civil day (in the given zone) that contains the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoonMoment(k) + 0.5 + tz / 24);
}

/** Apparent longitude of the sun, radians in [0, 2π), at Julian day `jd` (UT). Meeus ch. 25, low precision. */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525; // Julian centuries from J2000.0
  const t2 = t * t;
  const meanAnomaly = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const center =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(DEG * meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(DEG * 2 * meanAnomaly) +
    0.00029 * Math.sin(DEG * 3 * meanAnomaly);
  const longitude = (meanLongitude + center) * DEG;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/**
 * Which 30° sector (0…11) the sun is in at the start (local midnight) of civil day `jdn`.
 * Sector 9 begins at 270°, the December solstice (Đông chí).
 */
function sunSectorAtDayStart(jdn: number, tz: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - tz / 24) / Math.PI) * 6);
}

/** JDN of the first day of lunar month 11 of the lunar year that ends in Gregorian `year`. */
function month11Start(year: number, tz: number): number {
  const off = julianDayNumber(year, 12, 31) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const candidate = newMoonDay(k, tz);
  // If the sun has already passed 270° when this month starts, the solstice is in the
  // previous month, which is then month 11.
  return sunSectorAtDayStart(candidate, tz) >= 9 ? newMoonDay(k - 1, tz) : candidate;
}

/**
 * In a 13-month year starting at month 11 (`a11`), the offset (1…13) of the leap month:
 * the first month that stays in the same sun sector, i.e. contains no major term.
 */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSectorAtDayStart(newMoonDay(k + i, tz), tz);
  let previous: number;
  do {
    previous = sector;
    i++;
    sector = sunSectorAtDayStart(newMoonDay(k + i, tz), tz);
  } while (sector !== previous && i < 14);
  return i - 1;
}

function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) {
    throw new RangeError(
      `Năm ngoài phạm vi âm lịch hỗ trợ (1900–2199): ${year} / Year outside the supported lunar range (1900–2199): ${year}`,
    );
  }
}

/** Vietnamese lunar date of a Gregorian date. */
export function solarToLunar(year: number, month: number, day: number, tz = VN_TIME_ZONE_HOURS): LunarDate {
  assertSupportedYear(year);
  const jdn = julianDayNumber(year, month, day);
  const k = Math.floor((jdn - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, tz);
  // The mean-month estimate of k can be one month ahead when a new moon falls close to
  // local midnight (e.g. 7/5/2054); step back until the month has begun. The original
  // code stops after one step and then reports "day 0".
  for (let back = 0; monthStart > jdn && back < 3; back++) monthStart = newMoonDay(k - back, tz);
  let a11 = month11Start(year, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = month11Start(year - 1, tz);
  } else {
    lunarYear = year + 1;
    b11 = month11Start(year + 1, tz);
  }
  const lunarDay = jdn - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: lunarDay, month: lunarMonth, year: lunarYear, leap };
}

/**
 * JDN of a Vietnamese lunar date. Returns null when the date does not exist (a leap month
 * that this year does not have, or day 30 of a 29-day month) instead of silently rolling
 * over into the next month, as some libraries do.
 */
export function lunarToJdn(lunar: LunarDate, tz = VN_TIME_ZONE_HOURS): number | null {
  const { day, month, year, leap } = lunar;
  assertSupportedYear(year);
  if (!Number.isInteger(day) || day < 1 || day > 30 || !Number.isInteger(month) || month < 1 || month > 12) return null;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = month11Start(year - 1, tz);
    b11 = month11Start(year, tz);
  } else {
    a11 = month11Start(year, tz);
    b11 = month11Start(year + 1, tz);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const start = newMoonDay(k + off, tz);
  const nextStart = newMoonDay(k + off + 1, tz);
  if (day > nextStart - start) return null;
  return start + day - 1;
}

/** JDN of Tết (1 tháng Giêng) of lunar year `year`; it always falls in Gregorian `year`. */
export function tetJdn(year: number, tz = VN_TIME_ZONE_HOURS): number {
  const jdn = lunarToJdn({ day: 1, month: 1, year, leap: false }, tz);
  if (jdn === null) throw new Error(`unreachable: no 1/1 lunar in ${year}`);
  return jdn;
}
