import { describe, expect, it } from 'vitest';
import { checkTimesOn, formatIsoVn, nextCheckTimes } from '../../shared/calendar/index.ts';
import { binhphuoc, mic, mic2025Swap, policy } from './policies.ts';

const fmt = (dates: Date[]) => dates.map((d) => formatIsoVn(d).slice(0, 16));

describe('check-reminder times fire on working days only (QĐ 48/2009 Bình Phước Đ8 k2; QĐ 652/QĐ-BTTTT Đ12 k3 đ.a)', () => {
  it('at 9:00 on a working day the Bình Phước list includes 09:00', () => {
    expect(fmt(nextCheckTimes('2026-03-09T09:00:00+07:00', binhphuoc, 3))).toEqual(['2026-03-09T09:00', '2026-03-09T11:00', '2026-03-09T13:30']);
  });

  it('one second after 9:00 the next one is 11:00', () => {
    expect(fmt(nextCheckTimes('2026-03-09T09:00:01+07:00', binhphuoc, 1))).toEqual(['2026-03-09T11:00']);
  });

  it('all six Bình Phước times on a working day, in Vietnamese time', () => {
    const times = checkTimesOn('2026-03-09', binhphuoc);
    expect(fmt(times)).toEqual(['2026-03-09T07:00', '2026-03-09T09:00', '2026-03-09T11:00', '2026-03-09T13:30', '2026-03-09T15:00', '2026-03-09T16:30']);
    expect(times[0].toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });

  it.each([
    ['2026-03-08', 'Sunday'],
    ['2026-03-07', 'Saturday'],
    ['2026-04-30', '30/4'],
    ['2026-04-27', 'compensatory day for Giỗ Tổ'],
    ['2026-02-18', 'Tết'],
  ])('none on %s (%s)', (date) => {
    expect(checkTimesOn(date, binhphuoc)).toEqual([]);
  });

  it('on an admin make-up Saturday they fire; on an admin day off they do not', () => {
    const p = { ...mic2025Swap, checkTimes: binhphuoc.checkTimes };
    expect(checkTimesOn('2025-04-26', p)).toHaveLength(6);
    expect(checkTimesOn('2025-05-02', p)).toEqual([]);
  });

  it('after the last time on Wednesday 29/4/2026 the next ones skip 30/4, 1/5 and the weekend', () => {
    expect(fmt(nextCheckTimes('2026-04-29T16:31:00+07:00', binhphuoc, 2))).toEqual(['2026-05-04T07:00', '2026-05-04T09:00']);
  });

  it('from Friday evening the next is Monday morning', () => {
    expect(fmt(nextCheckTimes('2026-03-06T16:45:00+07:00', mic, 1))).toEqual(['2026-03-09T07:30']);
  });

  it('a night instant given in UTC counts by the Vietnamese day (Sun 23:00Z = Mon 06:00 +07)', () => {
    expect(fmt(nextCheckTimes('2026-03-08T23:00:00Z', mic, 1))).toEqual(['2026-03-09T07:30']);
  });

  it('times are sorted and de-duplicated', () => {
    expect(fmt(checkTimesOn('2026-03-09', policy({ checkTimes: ['15:00', '07:00', '15:00'] })))).toEqual(['2026-03-09T07:00', '2026-03-09T15:00']);
  });

  it('count ≤ 0 or no check times gives an empty list', () => {
    expect(nextCheckTimes('2026-03-09T09:00:00+07:00', binhphuoc, 0)).toEqual([]);
    expect(nextCheckTimes('2026-03-09T09:00:00+07:00', policy({ checkTimes: [] }), 5)).toEqual([]);
  });

  it('spans several days when count is large', () => {
    const next = nextCheckTimes('2026-03-09T00:00:00+07:00', mic, 7);
    expect(fmt(next).at(-1)).toBe('2026-03-11T07:30');
  });

  it('rejects a malformed check time', () => {
    expect(() => checkTimesOn('2026-03-09', policy({ checkTimes: ['9h'] }))).toThrow(/Invalid check time: "9h"/);
  });
});
