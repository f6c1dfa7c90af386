import { describe, expect, it } from 'vitest';
import { holidaysOf, isWorkingDay, workingDaysBetween } from '../../shared/calendar/index.ts';
import { mic, mic2025Swap, policy } from './policies.ts';

const off = (year: number, p = mic) => holidaysOf(year, p).map((h) => `${h.date} ${h.kind}`);

describe('holidaysOf: Bộ luật Lao động 2019 Đ112 k1 + Đ111 k3 compensation, 2025–2027', () => {
  it('2025: Tết 27–31/1 as decided (9 days 25/1–2/2, no make-up), Giỗ Tổ Mon 7/4, 30/4–1/5, 2/9 with Mon 1/9', () => {
    expect(off(2025)).toEqual([
      '2025-01-01 holiday',
      '2025-01-27 holiday', // 28 tháng Chạp
      '2025-01-28 holiday', // 29 tháng Chạp, last day of Giáp Thìn
      '2025-01-29 holiday', // mùng 1
      '2025-01-30 holiday',
      '2025-01-31 holiday', // mùng 3
      '2025-04-07 holiday',
      '2025-04-30 holiday',
      '2025-05-01 holiday',
      '2025-09-01 holiday',
      '2025-09-02 holiday',
    ]);
  });

  it('2026: Tết 16–20/2 as decided (9 days 14/2–22/2), Giỗ Tổ Sun 26/4 → compensatory Mon 27/4, 2/9 Wed with Tue 1/9', () => {
    expect(off(2026)).toEqual([
      '2026-01-01 holiday',
      '2026-02-16 holiday', // 29 tháng Chạp: Ất Tỵ's last month has 29 days
      '2026-02-17 holiday',
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday',
      '2026-04-26 holiday',
      '2026-04-27 compensatory',
      '2026-04-30 holiday',
      '2026-05-01 holiday',
      '2026-09-01 holiday',
      '2026-09-02 holiday',
    ]);
  });

  it('2027 (not decided yet): Tết Sat 6/2 → default Thu 4/2–Wed 10/2, 1/5 Sat → Mon 3/5, 2/9 Thu with Fri 3/9', () => {
    expect(off(2027)).toEqual([
      '2027-01-01 holiday',
      '2027-02-04 holiday',
      '2027-02-05 holiday',
      '2027-02-08 holiday',
      '2027-02-09 holiday',
      '2027-02-10 holiday', // mùng 5
      '2027-04-16 holiday',
      '2027-04-30 holiday',
      '2027-05-01 holiday',
      '2027-05-03 compensatory',
      '2027-09-02 holiday',
      '2027-09-03 holiday',
    ]);
  });

  it('names Tết days by their lunar date and the compensatory day by its holiday', () => {
    const h2026 = holidaysOf(2026, mic);
    expect(h2026.find((h) => h.date === '2026-02-16')?.name_vi).toBe('Tết Âm lịch (29 tháng Chạp)');
    expect(h2026.find((h) => h.date === '2026-02-17')?.name_vi).toBe('Tết Âm lịch (mùng 1 tháng Giêng)');
    const comp = h2026.find((h) => h.date === '2026-04-27');
    expect(comp).toMatchObject({ kind: 'compensatory', compensatesFor: '2026-04-26', name_vi: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
    expect(comp?.name_en).toContain("Hùng Kings' Commemoration Day");
  });

  it.each([
    // year, Tết window that the yearly decisions gave (weekdays off)
    [2020, ['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29']], // Tết Sat: 29 Chạp → mùng 5
    [2021, ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16']], // Tết Fri
    [2022, ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04']], // Tết Tue
    [2023, ['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26']], // Tết Sun
    [2024, ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14']], // Tết Sat
  ])('the Tết default reproduces the decision of %i', (year, days) => {
    expect(holidaysOf(year, mic).filter((h) => h.name_vi.startsWith('Tết Âm lịch')).map((h) => h.date)).toEqual(days);
  });

  it.each([
    // 2/9 weekday → adjacent day chosen in practice, with compensation when 2/9 is a weekend
    [2021, ['2021-09-02', '2021-09-03']], // Thu → Fri 3/9
    [2022, ['2022-09-01', '2022-09-02']], // Fri → Thu 1/9
    [2023, ['2023-09-01', '2023-09-02', '2023-09-04']], // Sat → Fri 1/9, compensatory Mon 4/9
    [2024, ['2024-09-02', '2024-09-03']], // Mon → Tue 3/9
    [2025, ['2025-09-01', '2025-09-02']], // Tue → Mon 1/9
  ])('Quốc khánh %i: %j', (year, days) => {
    expect(holidaysOf(year, mic).filter((h) => h.date.slice(5, 7) === '09').map((h) => h.date)).toEqual(days);
  });

  it('two holidays on one weekend get two compensatory days, in order (30/4 Sat + 1/5 Sun 2022 → Mon 2/5, Tue 3/5)', () => {
    const may = holidaysOf(2022, mic).filter((h) => h.kind === 'compensatory' && h.date.startsWith('2022-05'));
    expect(may.map((h) => [h.date, h.compensatesFor])).toEqual([
      ['2022-05-02', '2022-04-30'],
      ['2022-05-03', '2022-05-01'],
    ]);
  });

  it('Tết Dương lịch on a Sunday is compensated on Monday (2023-01-02)', () => {
    expect(holidaysOf(2023, mic).find((h) => h.date === '2023-01-02')?.kind).toBe('compensatory');
  });

  it('every year 2000–2199 has exactly 11 weekdays off (1 + 5 Tết + Giỗ Tổ + 30/4 + 1/5 + 2 Quốc khánh)', () => {
    const wrong: string[] = [];
    for (let year = 2000; year <= 2199; year++) {
      let weekdaysOff = 0;
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const d = new Date(t);
        const wd = d.getUTCDay();
        if (wd !== 0 && wd !== 6 && !isWorkingDay(d.toISOString().slice(0, 10), mic)) weekdaysOff++;
      }
      if (weekdaysOff !== 11) wrong.push(`${year}:${weekdaysOff}`);
    }
    expect(wrong).toEqual([]);
  });

  it('admin-added days are listed as "extra" in their own year only, and make-up days are left out', () => {
    const p = policy({ calendar: { extraDaysOff: ['2027-02-11', '2026-12-31', '2027-04-30'], makeUpWorkdays: ['2027-02-10'] } });
    const list = holidaysOf(2027, p);
    expect(list.find((h) => h.date === '2027-02-11')).toMatchObject({ kind: 'extra', name_vi: 'Ngày nghỉ do quản trị viên bổ sung' });
    expect(list.some((h) => h.date === '2026-12-31')).toBe(false);
    expect(list.filter((h) => h.date === '2027-04-30')).toHaveLength(1); // already a holiday: not duplicated
    expect(list.some((h) => h.date === '2027-02-10')).toBe(false);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-04-24', true, 'Friday'],
    ['2026-04-25', false, 'Saturday'],
    ['2026-04-26', false, 'Giỗ Tổ on a Sunday'],
    ['2026-04-27', false, 'compensatory day for Giỗ Tổ'],
    ['2026-04-28', true, 'Tuesday between Giỗ Tổ and 30/4'],
    ['2026-04-30', false, 'Ngày Chiến thắng'],
    ['2026-05-01', false, 'Quốc tế lao động'],
    ['2026-05-04', true, 'Monday after 1/5'],
    ['2026-02-16', false, 'last day of Ất Tỵ'],
    ['2026-02-20', false, 'mùng 4 Tết'],
    ['2026-02-23', true, 'first working day after Tết 2026'],
    ['2025-02-03', true, 'Monday after Tết 2025 (no compensation owed)'],
    ['2025-09-01', false, 'Quốc khánh adjacent day'],
    ['2027-05-03', false, 'compensatory day for 1/5/2027'],
    ['2027-09-01', true, 'Wednesday before Quốc khánh 2027'],
    ['2027-09-03', false, 'Quốc khánh adjacent day 2027'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, mic)).toBe(expected);
  });

  it('admin swap (30/4 2025): Saturday 26/4 is worked, Friday 2/5 is off', () => {
    expect(isWorkingDay('2025-04-26', mic)).toBe(false);
    expect(isWorkingDay('2025-04-26', mic2025Swap)).toBe(true);
    expect(isWorkingDay('2025-05-02', mic)).toBe(true);
    expect(isWorkingDay('2025-05-02', mic2025Swap)).toBe(false);
  });

  it('a make-up workday wins over a holiday and over the same date in extraDaysOff', () => {
    expect(isWorkingDay('2026-04-27', policy({ calendar: { makeUpWorkdays: ['2026-04-27'] } }))).toBe(true);
    expect(isWorkingDay('2026-03-10', policy({ calendar: { extraDaysOff: ['2026-03-10'], makeUpWorkdays: ['2026-03-10'] } }))).toBe(true);
  });

  it('an instant counts by its Vietnamese day: 2026-04-24T18:00Z is Saturday 25/4 01:00 in Vietnam', () => {
    expect(isWorkingDay('2026-04-24T16:59:59Z', mic)).toBe(true);
    expect(isWorkingDay('2026-04-24T17:00:00Z', mic)).toBe(false);
    expect(isWorkingDay(new Date('2026-04-24T18:00:00Z'), mic)).toBe(false);
  });

  it.each(['2026-02-30', '2026-13-01', 'tomorrow', ''])('rejects %j', (bad) => {
    expect(() => isWorkingDay(bad, mic)).toThrow(/Ngày không hợp lệ.*\/ Invalid date/);
  });

  it('rejects a malformed admin date instead of ignoring it', () => {
    expect(() => isWorkingDay('2026-03-10', policy({ calendar: { extraDaysOff: ['10/03/2026'] } }))).toThrow(/calendar\.extraDaysOff/);
  });
});

describe('workingDaysBetween (first day not counted, Bộ luật Dân sự 2015 Đ147)', () => {
  it.each([
    ['2026-04-24', '2026-04-29', 2], // Fri → Wed across Giỗ Tổ compensation
    ['2026-02-13', '2026-02-23', 1], // across Tết 2026
    ['2026-03-09', '2026-03-09', 0],
    ['2026-03-10', '2026-03-09', -1],
    ['2025-01-01', '2025-12-31', 250],
    ['2026-01-01', '2026-12-31', 250],
    ['2027-01-01', '2027-12-31', 250],
  ])('%s → %s = %i', (a, b, n) => {
    expect(workingDaysBetween(a, b, mic)).toBe(n);
  });

  it('counts an admin make-up Saturday and skips an admin day off', () => {
    expect(workingDaysBetween('2025-04-25', '2025-05-05', mic)).toBe(4); // 28, 29/4, 2/5, 5/5
    expect(workingDaysBetween('2025-04-25', '2025-05-05', mic2025Swap)).toBe(4); // 26, 28, 29/4, 5/5
  });
});
