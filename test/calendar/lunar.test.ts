import { describe, expect, it } from 'vitest';
import { lunarToJdn, solarToLunar } from '../../shared/calendar/index.ts';

function jdnToIso(jdn: number | null): string | null {
  if (jdn === null) return null;
  return new Date((jdn - 2440588) * 86_400_000).toISOString().slice(0, 10);
}

describe('Vietnamese lunar calendar (UTC+7), not the Chinese one (UTC+8)', () => {
  // Tết where Vietnam and China differ because the new moon falls between 16:00 and
  // 17:00 UTC (midnight in UTC+8 vs UTC+7) or because month 11 / the leap month differ.
  it.each([
    // year, Tết in Vietnam, Tết in China
    [1968, '1968-01-29', '1968-01-30'],
    [1985, '1985-01-21', '1985-02-20'],
    [2007, '2007-02-17', '2007-02-18'],
  ])('Tết %i is %s in Vietnam (China: %s)', (year, vn, cn) => {
    expect(jdnToIso(lunarToJdn({ day: 1, month: 1, year, leap: false }))).toBe(vn);
    // The same algorithm at UTC+8 gives China's date: the zone really is what decides.
    expect(jdnToIso(lunarToJdn({ day: 1, month: 1, year, leap: false }, 8))).toBe(cn);
  });

  it.each([
    ['2007-02-17', { day: 1, month: 1, year: 2007, leap: false }],
    ['2007-02-18', { day: 2, month: 1, year: 2007, leap: false }],
    ['1985-01-21', { day: 1, month: 1, year: 1985, leap: false }],
    ['1985-01-20', { day: 30, month: 12, year: 1984, leap: false }],
  ])('solar %s → lunar %o', (iso, lunar) => {
    const [y, m, d] = iso.split('-').map(Number);
    expect(solarToLunar(y, m, d)).toEqual(lunar);
  });

  it.each([
    // lunar new year (mùng 1 Tết) and Giỗ Tổ Hùng Vương (10/3 âm lịch), 2025–2027
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
  ])('%i: Tết %s, Giỗ Tổ %s', (year, tet, gioTo) => {
    expect(jdnToIso(lunarToJdn({ day: 1, month: 1, year, leap: false }))).toBe(tet);
    expect(jdnToIso(lunarToJdn({ day: 10, month: 3, year, leap: false }))).toBe(gioTo);
  });

  it.each([
    // leap months: Canh Tý 2020 tháng 4 nhuận, Quý Mão 2023 tháng 2 nhuận, Ất Tỵ 2025 tháng 6 nhuận
    ['2020-05-23', { day: 1, month: 4, year: 2020, leap: true }],
    ['2023-03-22', { day: 1, month: 2, year: 2023, leap: true }],
    ['2025-07-25', { day: 1, month: 6, year: 2025, leap: true }],
    ['2025-06-25', { day: 1, month: 6, year: 2025, leap: false }],
  ])('leap month: %s → %o', (iso, lunar) => {
    const [y, m, d] = iso.split('-').map(Number);
    expect(solarToLunar(y, m, d)).toEqual(lunar);
    expect(jdnToIso(lunarToJdn(lunar))).toBe(iso);
  });

  it.each([
    ['30 tháng Chạp Ất Tỵ (a 29-day month)', { day: 30, month: 12, year: 2025, leap: false }],
    ['tháng 5 nhuận 2025 (the leap month is 6)', { day: 1, month: 5, year: 2025, leap: true }],
    ['a leap month in a 12-month year (2026)', { day: 1, month: 3, year: 2026, leap: true }],
    ['day 31', { day: 31, month: 1, year: 2026, leap: false }],
  ])('a lunar date that does not exist gives null, never a rolled-over date: %s', (_label, lunar) => {
    expect(lunarToJdn(lunar)).toBeNull();
  });

  it('solar → lunar → solar is the identity on every day of 2020–2032', () => {
    const bad: string[] = [];
    for (let t = Date.UTC(2020, 0, 1); t <= Date.UTC(2032, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      const lunar = solarToLunar(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      if (lunar.day < 1 || lunar.day > 30 || jdnToIso(lunarToJdn(lunar)) !== d.toISOString().slice(0, 10)) bad.push(d.toISOString().slice(0, 10));
    }
    expect(bad).toEqual([]);
  });

  it('never reports "day 0" when a new moon is near local midnight (7/5/2054, 9/4/2062)', () => {
    expect(solarToLunar(2054, 5, 7).day).toBe(30);
    expect(solarToLunar(2062, 4, 9)).toEqual({ day: 30, month: 2, year: 2062, leap: false });
  });

  it('rejects years outside 1900–2199 with a bilingual message', () => {
    expect(() => solarToLunar(2200, 1, 1)).toThrow(/Năm ngoài phạm vi.*\/ Year outside/);
  });
});
