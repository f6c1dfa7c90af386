/**
 * The calendar must give the same answers whatever the machine's time zone: a CLI on a
 * UTC server, a laptop set to Asia/Shanghai (UTC+8, where the lunar calendar differs) or
 * to a zone that changes date earlier than Vietnam.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkTimesOn, dueAt, formatIsoVn, holidaysOf, isWorkingDay, solarToLunar } from '../../shared/calendar/index.ts';
import { binhphuoc, mic } from './policies.ts';

const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe.each([
  ['UTC', 0],
  ['Asia/Shanghai', -480],
  ['America/Los_Angeles', 420], // PDT in April
  ['Pacific/Kiritimati', -840],
])('machine TZ = %s', (tz, expectedOffset) => {
  it('gives the Vietnamese answers', () => {
    process.env.TZ = tz;
    // Prove the zone really changed for this process; otherwise this test would prove nothing.
    expect(new Date(Date.UTC(2026, 3, 24, 12)).getTimezoneOffset()).toBe(expectedOffset);
    expect(formatIsoVn(dueAt('2026-04-24T10:00', mic))).toBe('2026-04-29T17:00:00+07:00');
    expect(formatIsoVn(dueAt('2026-03-09T23:30', mic))).toBe('2026-03-11T17:00:00+07:00');
    expect(isWorkingDay('2026-04-27', mic)).toBe(false);
    expect(solarToLunar(2007, 2, 17)).toEqual({ day: 1, month: 1, year: 2007, leap: false });
    expect(holidaysOf(2026, mic).find((h) => h.name_vi.includes('mùng 1'))?.date).toBe('2026-02-17');
    expect(checkTimesOn('2026-03-09', binhphuoc)[0].toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });
});
