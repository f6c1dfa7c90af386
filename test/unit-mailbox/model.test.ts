/**
 * The popup model of the unit-mailbox reminders (issue #5): how late, sorting, snooze, badge,
 * and the receipt-confirmation compose URL (Cần Thơ QĐ 33/2015 Đ7 k1).
 */
import { describe, expect, it } from 'vitest';
import {
  badgeText, formatLate, formatVn, normalizeMailboxes, openUrl, popupModel, pruneSnoozes, receiptComposeUrl,
  snoozedUntil, withSnooze, type OverdueCache,
} from '../../extension/unit-mailbox/model';

const H = 3_600_000;
const NOW = Date.parse('2026-05-05T10:00:00+07:00'); // Tuesday

function cache(): OverdueCache {
  return {
    version: 1,
    mailboxes: {
      'vanthu@mic.gov.vn': {
        address: 'vanthu@mic.gov.vn',
        webmail: 'roundcube',
        baseUrl: 'https://mail.mic.gov.vn/',
        checkedAt: '2026-05-05T02:55:00.000Z',
        complete: true,
        items: [
          { id: '7', from: 'b@x.gov.vn', subject: 'B', receivedAt: '2026-04-28T02:00:00.000Z', due: '2026-05-04T17:00:00+07:00' },
          { id: '3', from: 'a@x.gov.vn', subject: 'A', receivedAt: '2026-04-22T02:00:00.000Z', due: '2026-04-24T17:00:00+07:00' },
          { id: '9', from: 'c@x.gov.vn', subject: 'C', receivedAt: '2026-05-04T02:00:00.000Z', due: '2026-05-06T17:00:00+07:00' },
          { id: '10', from: 'd@x.gov.vn', subject: 'D', receivedAt: '2026-05-05T02:00:00.000Z', due: '2026-05-07T17:00:00+07:00' },
        ],
      },
      'other@mic.gov.vn': {
        address: 'other@mic.gov.vn', webmail: 'roundcube', baseUrl: 'https://mail.mic.gov.vn/', checkedAt: '2026-05-05T02:00:00.000Z',
        complete: true, items: [{ id: '1', from: 'z@x.vn', subject: 'not managed', receivedAt: '2026-04-01T02:00:00.000Z', due: '2026-04-03T17:00:00+07:00' }],
      },
    },
  };
}

describe('formatLate', () => {
  it.each([
    [30_000, 'trễ 1 phút', '1 min late'],
    [45 * 60_000, 'trễ 45 phút', '45 min late'],
    [H, 'trễ 1 giờ', '1 h late'],
    [2 * H + 5 * 60_000, 'trễ 2 giờ 5 phút', '2 h 5 min late'],
    [24 * H, 'trễ 1 ngày', '1 d late'],
    [10 * 24 * H + 17 * H + 59 * 60_000, 'trễ 10 ngày 17 giờ', '10 d 17 h late'],
  ])('%i ms → %s / %s', (ms, vi, en) => expect(formatLate(ms)).toEqual({ vi, en }));
});

describe('popupModel', () => {
  it('recomputes status against now, sorts most late first, counts overdue, leaves unmanaged mailboxes out', () => {
    const m = popupModel(cache(), {}, ['vanthu@mic.gov.vn'], NOW);
    expect(m.rows.map((r) => [r.id, r.status])).toEqual([
      ['3', 'overdue'],
      ['7', 'overdue'],
      ['9', 'ok'], // due tomorrow 17:00 = 31 h away
      ['10', 'ok'],
    ]);
    expect(m.overdueCount).toBe(2);
    // A: due Fri 24/4 17:00, now Tue 5/5 10:00 → 10 days 17 hours late.
    expect(m.rows[0].late).toEqual({ vi: 'trễ 10 ngày 17 giờ', en: '10 d 17 h late' });
    expect(m.rows[1].lateMs).toBe(17 * H);
    expect(m.rows[2].late).toBeNull();
    expect(m.mailboxes.map((b) => b.address)).toEqual(['vanthu@mic.gov.vn']);
  });

  it('due-soon within 24 h of the deadline', () => {
    const m = popupModel(cache(), {}, ['vanthu@mic.gov.vn'], Date.parse('2026-05-06T08:00:00+07:00'));
    expect(m.rows.find((r) => r.id === '9')!.status).toBe('due-soon');
  });

  it('snoozed rows go last and do not count; expired snoozes do nothing', () => {
    const key = 'vanthu@mic.gov.vn#3';
    const s = withSnooze({}, key, NOW + 4 * H, NOW);
    const m = popupModel(cache(), s, ['vanthu@mic.gov.vn'], NOW);
    expect(m.rows.map((r) => r.id)).toEqual(['7', '9', '10', '3']);
    expect(m.rows[3].snoozedUntil).toBe(NOW + 4 * H);
    expect(m.overdueCount).toBe(1);
    const later = popupModel(cache(), s, ['vanthu@mic.gov.vn'], NOW + 5 * H);
    expect(later.overdueCount).toBe(2);
    expect(later.rows[0].id).toBe('3');
    expect(pruneSnoozes(s, NOW + 5 * H)).toEqual({});
  });

  it("'all' snoozes every row", () => {
    const m = popupModel(cache(), { all: new Date(NOW + H).toISOString() }, ['vanthu@mic.gov.vn'], NOW);
    expect(m.overdueCount).toBe(0);
    expect(snoozedUntil({ all: new Date(NOW + H).toISOString() }, 'x#1', NOW)).toBe(NOW + H);
  });

  it('no cache: empty', () => {
    expect(popupModel(null, {}, ['vanthu@mic.gov.vn'], NOW)).toEqual({ rows: [], overdueCount: 0, mailboxes: [] });
  });
});

describe('badge, addresses, URLs', () => {
  it('badge text', () => {
    expect([0, 1, 99, 100].map(badgeText)).toEqual(['', '1', '99', '99+']);
  });

  it('normalizes the unitMailboxes setting', () => {
    expect(normalizeMailboxes([' VanThu@MIC.gov.vn ', 'vanthu@mic.gov.vn', 'bad', 3, null])).toEqual(['vanthu@mic.gov.vn']);
    expect(normalizeMailboxes('x')).toEqual([]);
  });

  it('formats times in Vietnamese time whatever the machine zone', () => {
    expect(formatVn('2026-04-24T03:00:00Z')).toBe('24/04/2026 10:00');
    expect(formatVn('2026-04-29T17:00:00+07:00')).toBe('29/04/2026 17:00');
  });

  const row = { webmail: 'roundcube' as const, baseUrl: 'https://mail.mic.gov.vn/', id: '42', from: 'a@b.gov.vn', subject: 'V/v họp & "báo cáo"', receivedAt: '2026-04-24T03:00:00Z' };

  it('opens the message in Roundcube', () => {
    expect(openUrl(row)).toBe('https://mail.mic.gov.vn/?_task=mail&_mbox=INBOX&_uid=42&_action=show');
  });

  it('receipt confirmation: a Roundcube reply with the subject and a short Vietnamese body', () => {
    const u = new URL(receiptComposeUrl(row));
    expect(u.searchParams.get('_action')).toBe('compose');
    expect(u.searchParams.get('_reply_uid')).toBe('42');
    expect(u.searchParams.get('_subject')).toBe('Xác nhận đã nhận: V/v họp & "báo cáo"');
    expect(u.searchParams.get('_body')).toContain('đã nhận được thư "V/v họp & "báo cáo"" gửi lúc 24/04/2026 10:00');
    const z = new URL(receiptComposeUrl({ ...row, webmail: 'zimbra' }));
    expect(z.pathname).toBe('/h/search');
    expect(z.searchParams.get('to')).toBe('a@b.gov.vn');
    expect(z.searchParams.get('subject')).toBe('Xác nhận đã nhận: V/v họp & "báo cáo"');
  });
});
