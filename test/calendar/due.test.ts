import { describe, expect, it } from 'vitest';
import { dueAt, formatIsoVn, runDueCommand, workingDaysBetween } from '../../shared/calendar/index.ts';
import { mic, mic2025Swap, policy } from './policies.ts';

const due = (received: string | Date, p = mic) => formatIsoVn(dueAt(received, p));

describe('dueAt: end of working hours on the N-th working day after the day of receipt (Bộ luật Dân sự 2015 Đ147)', () => {
  it('spec example: Fri 24/4/2026 10:00 → Wed 29/4/2026 17:00 (Giỗ Tổ Sun 26/4, compensatory Mon 27/4)', () => {
    expect(due('2026-04-24T10:00:00+07:00')).toBe('2026-04-29T17:00:00+07:00');
    expect(dueAt('2026-04-24T10:00:00+07:00', mic).toISOString()).toBe('2026-04-29T10:00:00.000Z');
  });

  it.each([
    // received (ISO), due, why
    ['2026-03-06T16:55:00+07:00', '2026-03-10T17:00:00+07:00', 'Friday 16:55: Friday not counted → Mon, Tue'],
    ['2026-03-06T17:30:00+07:00', '2026-03-10T17:00:00+07:00', 'Friday after hours: same day of receipt, same deadline'],
    ['2026-03-06T07:00:00+07:00', '2026-03-10T17:00:00+07:00', 'Friday before hours: same'],
    ['2026-03-07T10:00:00+07:00', '2026-03-10T17:00:00+07:00', 'Saturday: Mon is day 1'],
    ['2026-03-08T23:59:00+07:00', '2026-03-10T17:00:00+07:00', 'Sunday night'],
    ['2026-03-09T23:30:00+07:00', '2026-03-11T17:00:00+07:00', 'Monday 23:30 is a Monday receipt'],
    ['2026-03-10T00:30:00+07:00', '2026-03-12T17:00:00+07:00', 'Tuesday 00:30 is a Tuesday receipt'],
    ['2026-03-09T17:30:00Z', '2026-03-12T17:00:00+07:00', 'the Vietnamese day decides, not the UTC day (Tue 00:30 +07)'],
    ['2026-04-30T09:00:00+07:00', '2026-05-05T17:00:00+07:00', 'received on a holiday (30/4): 1/5 and the weekend skipped'],
    ['2026-04-26T09:00:00+07:00', '2026-04-29T17:00:00+07:00', 'received on Giỗ Tổ (Sunday): compensatory Monday skipped'],
    ['2026-02-17T10:00:00+07:00', '2026-02-24T17:00:00+07:00', 'received on mùng 1 Tết 2026'],
    ['2026-02-13T16:55:00+07:00', '2026-02-24T17:00:00+07:00', 'Friday 16:55 before Tết 2026'],
    ['2025-01-24T15:00:00+07:00', '2025-02-04T17:00:00+07:00', 'Friday before Tết 2025'],
    ['2025-08-29T10:00:00+07:00', '2025-09-04T17:00:00+07:00', 'Friday before Quốc khánh 2025 (1/9, 2/9)'],
    ['2027-04-30T09:00:00+07:00', '2027-05-05T17:00:00+07:00', '30/4/2027 Fri; 1/5 Sat compensated Mon 3/5'],
    ['2027-02-03T10:00:00+07:00', '2027-02-12T17:00:00+07:00', 'Wednesday before Tết 2027 (default 4/2–10/2)'],
  ])('%s → %s (%s)', (received, expected) => {
    expect(due(received)).toBe(expected);
  });

  it('a string without a zone is Vietnamese time, whatever the machine TZ', () => {
    expect(due('2026-04-24T10:00')).toBe('2026-04-29T17:00:00+07:00');
    expect(due('2026-04-24 10:00:00')).toBe('2026-04-29T17:00:00+07:00');
    expect(due('2026-03-09T23:30')).toBe('2026-03-11T17:00:00+07:00'); // would be Tuesday if read as UTC
  });

  it.each(['2026-04-24T10:00:00+0700', '2026-04-24T10:00:00+07', '2026-04-24T03:00:00.000Z', '2026-04-24T10:00:00.5+07:00', '2026-04-23T22:00:00-05:00'])(
    'accepts the ISO-8601 zone form %s',
    (received) => {
      expect(due(received)).toBe('2026-04-29T17:00:00+07:00');
    },
  );

  it('accepts Date objects and RFC 5322 dates with a zone', () => {
    expect(due(new Date(Date.UTC(2026, 3, 24, 3, 0)))).toBe('2026-04-29T17:00:00+07:00');
    expect(due('Fri, 24 Apr 2026 10:00:00 +0700')).toBe('2026-04-29T17:00:00+07:00');
    // Sat 25/4 03:00 in Vietnam: a Saturday receipt, so Tue 28 and Wed 29 are days 1 and 2
    expect(due('Fri, 24 Apr 2026 20:00:00 GMT')).toBe('2026-04-29T17:00:00+07:00');
    expect(due('Mon, 09 Mar 2026 17:30:00 GMT')).toBe('2026-03-12T17:00:00+07:00'); // Tue 00:30 in Vietnam
  });

  it('admin make-up Saturday counts, admin day off does not (30/4 2025 swap)', () => {
    expect(due('2025-04-25T10:00:00+07:00')).toBe('2025-04-29T17:00:00+07:00');
    expect(due('2025-04-25T10:00:00+07:00', mic2025Swap)).toBe('2025-04-28T17:00:00+07:00');
    expect(due('2025-04-29T10:00:00+07:00')).toBe('2025-05-05T17:00:00+07:00');
    expect(due('2025-04-29T10:00:00+07:00', mic2025Swap)).toBe('2025-05-06T17:00:00+07:00');
  });

  it('an admin can move a whole Tết window (e.g. if 2027 is decided as 5/2–11/2)', () => {
    const p2027 = policy({ calendar: { extraDaysOff: ['2027-02-11'], makeUpWorkdays: ['2027-02-04'] } });
    expect(due('2027-02-04T10:00:00+07:00')).toBe('2027-02-12T17:00:00+07:00'); // default: 11/2, 12/2
    expect(due('2027-02-04T10:00:00+07:00', p2027)).toBe('2027-02-15T17:00:00+07:00'); // moved: 12/2, Mon 15/2
  });

  it('the deadline is the end of the last working-hour interval of the policy', () => {
    const p = policy({ calendar: { workingHours: [['13:30', '17:30'], ['08:00', '12:00']] } });
    expect(due('2026-04-24T10:00:00+07:00', p)).toBe('2026-04-29T17:30:00+07:00');
  });

  it.each([
    [1, '2026-04-24T10:00:00+07:00', '2026-04-28T17:00:00+07:00'],
    [3, '2026-04-24T10:00:00+07:00', '2026-05-04T17:00:00+07:00'],
    [0, '2026-04-24T10:00:00+07:00', '2026-04-24T17:00:00+07:00'],
    [0, '2026-04-24T17:00:00+07:00', '2026-04-24T17:00:00+07:00'],
    [0, '2026-04-24T17:01:00+07:00', '2026-04-28T17:00:00+07:00'],
    [0, '2026-04-25T09:00:00+07:00', '2026-04-28T17:00:00+07:00'],
  ])('N = %i: %s → %s', (n, received, expected) => {
    expect(due(received, policy({ replyDeadlineWorkingDays: n }))).toBe(expected);
  });

  it('workingDaysBetween(received, due) = N', () => {
    for (const received of ['2026-04-24T10:00:00+07:00', '2026-02-13T16:55:00+07:00', '2027-04-30T09:00:00+07:00']) {
      expect(workingDaysBetween(received, dueAt(received, mic), mic)).toBe(2);
    }
  });

  it.each(['x', '2026-04-31T10:00:00+07:00', '2026-04-24T25:00', '24/04/2026 10:00', '2026-04-24Z', 'Fri, 24 Apr 2026 10:00:00'])(
    'rejects %j with a bilingual message',
    (bad) => {
      expect(() => dueAt(bad, mic)).toThrow(/^Thời điểm nhận không hợp lệ: .* \(cần ISO-8601\) \/ Invalid receivedAt: .* \(ISO-8601 expected\)$/);
    },
  );

  it.each([
    [-1, 'negative'],
    [1.5, 'fractional'],
    [Number.NaN, 'NaN'],
  ])('rejects replyDeadlineWorkingDays %s (%s)', (n) => {
    expect(() => dueAt('2026-04-24T10:00:00+07:00', policy({ replyDeadlineWorkingDays: n }))).toThrow(/replyDeadlineWorkingDays/);
  });

  it('rejects working hours that are not HH:MM intervals', () => {
    expect(() => dueAt('2026-04-24T10:00:00+07:00', policy({ calendar: { workingHours: [['17:00', '07:30']] } }))).toThrow(/Giờ làm việc không hợp lệ/);
    expect(() => dueAt('2026-04-24T10:00:00+07:00', policy({ calendar: { workingHours: [] } }))).toThrow(/workingHours/);
  });
});

describe('formatIsoVn', () => {
  it.each([
    [new Date('2026-04-29T10:00:00Z'), '2026-04-29T17:00:00+07:00'],
    [new Date('2026-12-31T17:30:00Z'), '2027-01-01T00:30:00+07:00'],
    [new Date('2026-04-29T10:00:00.999Z'), '2026-04-29T17:00:00+07:00'],
    [Date.UTC(2024, 1, 28, 17, 0), '2024-02-29T00:00:00+07:00'],
  ])('%s → %s', (input, expected) => {
    expect(formatIsoVn(input)).toBe(expected);
  });

  it('throws on an invalid date', () => {
    expect(() => formatIsoVn(new Date('nope'))).toThrow(RangeError);
  });
});

describe('runDueCommand (congvu-guard due)', () => {
  it('text prints the deadline as ISO-8601 +07:00 on one line', () => {
    expect(runDueCommand({ received: '2026-04-24T10:00:00+07:00', format: 'text' }, mic)).toEqual({ stdout: '2026-04-29T17:00:00+07:00\n' });
  });

  it('json prints received (normalised to +07:00), due and working days', () => {
    const { stdout } = runDueCommand({ received: '2026-04-24T03:00:00Z', format: 'json' }, mic);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd().includes('\n')).toBe(false);
    expect(JSON.parse(stdout)).toEqual({ received: '2026-04-24T10:00:00+07:00', due: '2026-04-29T17:00:00+07:00', workingDays: 2 });
  });

  it('invalid --received: one line, Vietnamese then English', () => {
    expect(() => runDueCommand({ received: 'x', format: 'text' }, mic)).toThrow(
      new Error('Thời điểm nhận không hợp lệ: "x" (cần ISO-8601) / Invalid --received: "x" (ISO-8601 expected)'),
    );
    try {
      runDueCommand({ received: '2026-04-24\nrm -rf /', format: 'json' }, mic);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
      expect((e as Error).message).toMatch(/^Thời điểm nhận không hợp lệ: .* \/ Invalid --received: /);
    }
  });

  it('--received is ISO-8601 only (an RFC 5322 date is refused)', () => {
    expect(() => runDueCommand({ received: 'Fri, 24 Apr 2026 10:00:00 +0700', format: 'text' }, mic)).toThrow(/Invalid --received/);
  });

  it('invalid --format is refused', () => {
    expect(() => runDueCommand({ received: '2026-04-24T10:00:00+07:00', format: 'xml' as 'text' }, mic)).toThrow(/Invalid --format: "xml"/);
  });
});
