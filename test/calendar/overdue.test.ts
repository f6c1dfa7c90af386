import { describe, expect, it } from 'vitest';
import { type OverdueItem, overdue } from '../../shared/calendar/index.ts';
import { mic } from './policies.ts';

const HOUR = 3_600_000;

function item(id: string, receivedAt: string, extra: Partial<OverdueItem> = {}): OverdueItem {
  return { id, from: 'Sở TT&TT <sotttt@binhphuoc.gov.vn>', subject: `Công văn ${id}`, receivedAt, answered: false, ...extra };
}

const work = [
  item('b', '2026-04-20T09:00:00+07:00'), // due Wed 22/4 17:00
  item('a', '2026-04-24T10:00:00+07:00'), // due Wed 29/4 17:00 (spec example)
  item('c', '2026-04-28T10:00:00+07:00'), // due Mon 4/5 17:00 (30/4, 1/5, weekend)
  item('j', '2026-04-29T08:00:00+07:00'), // due Tue 5/5 17:00
];

describe('overdue(): unanswered work mail, most late first', () => {
  it('statuses, lateBy and order at Wed 29/4/2026 18:00', () => {
    const out = overdue(work, mic, '2026-04-29T18:00:00+07:00');
    expect(out.map((r) => [r.id, r.status, r.due, r.lateBy])).toEqual([
      ['b', 'overdue', '2026-04-22T17:00:00+07:00', 7 * 24 * HOUR + HOUR],
      ['a', 'overdue', '2026-04-29T17:00:00+07:00', HOUR],
      ['c', 'ok', '2026-05-04T17:00:00+07:00', undefined],
      ['j', 'ok', '2026-05-05T17:00:00+07:00', undefined],
    ]);
  });

  it('due-soon within dueSoonHours (default 24 h)', () => {
    const now = '2026-05-04T08:00:00+07:00';
    expect(overdue(work, mic, now).map((r) => r.status)).toEqual(['overdue', 'overdue', 'due-soon', 'ok']);
    expect(overdue(work, mic, now, { dueSoonHours: 48 }).map((r) => r.status)).toEqual(['overdue', 'overdue', 'due-soon', 'due-soon']);
    expect(overdue(work, mic, now, { dueSoonHours: 1 }).map((r) => r.status)).toEqual(['overdue', 'overdue', 'ok', 'ok']);
  });

  it('exactly at the deadline is not yet overdue', () => {
    const [a] = overdue([work[1]], mic, '2026-04-29T17:00:00+07:00');
    expect(a.status).toBe('due-soon');
    expect(a.lateBy).toBeUndefined();
    const [late] = overdue([work[1]], mic, '2026-04-29T17:00:01+07:00');
    expect([late.status, late.lateBy]).toEqual(['overdue', 1000]);
  });

  it('keeps the host fields and receivedAt as given', () => {
    const [r] = overdue([item('x', 'Fri, 24 Apr 2026 10:00:00 +0700', { subject: 'Báo cáo tuần' })], mic, '2026-04-24T11:00:00+07:00');
    expect(r).toEqual({
      id: 'x',
      from: 'Sở TT&TT <sotttt@binhphuoc.gov.vn>',
      subject: 'Báo cáo tuần',
      receivedAt: 'Fri, 24 Apr 2026 10:00:00 +0700',
      due: '2026-04-29T17:00:00+07:00',
      status: 'ok',
    });
  });

  it.each([
    ['answered', { answered: true }],
    ['flagged spam by the host', { spam: true }],
    ['[SPAM] subject tag', { subject: '[SPAM] Khuyến mãi' }],
    ['***SPAM*** subject tag', { subject: '***SPAM*** Trúng thưởng' }],
    ['Auto-Submitted (host flag)', { autoReply: true }],
    ['"Tự động trả lời:"', { subject: 'Tự động trả lời: Kế hoạch năm 2026' }],
    ['"Tự động trả lời:" typed in NFD (macOS)', { subject: 'Tự động trả lời: Kế hoạch'.normalize('NFD') }],
    ['"Trả lời Tự động:" (Outlook, Vietnamese UI)', { subject: 'Trả lời Tự động: Giấy mời' }],
    ['"Automatic reply:"', { subject: 'Automatic reply: Meeting' }],
    ['"Out of Office"', { subject: 'Out of Office: Nguyễn Văn A' }],
    ['"Auto:"', { subject: 'AUTO: Vắng mặt' }],
    ['"Undeliverable:" bounce', { subject: 'Undeliverable: Công văn 12' }],
    ['MAILER-DAEMON', { from: 'Mail Delivery System <MAILER-DAEMON@mail.binhphuoc.gov.vn>' }],
    ['postmaster', { from: 'postmaster@binhphuoc.gov.vn' }],
    ['no-reply', { from: 'Cổng DVC <no-reply@dichvucong.gov.vn>' }],
    ['noreply+tag', { from: 'noreply+alerts@example.vn' }],
    ['do-not-reply', { from: 'do-not-reply@example.vn' }],
    ['the mailbox itself (case-insensitive)', { from: 'Văn phòng <VANPHONG@binhphuoc.gov.vn>' }],
    ['an unreadable receivedAt', { receivedAt: 'hôm qua' }],
  ])('ignores %s', (_label, extra) => {
    const out = overdue([item('z', '2026-04-20T09:00:00+07:00', extra)], mic, '2026-04-29T18:00:00+07:00', {
      mailboxAddress: 'vanphong@binhphuoc.gov.vn',
    });
    expect(out).toEqual([]);
  });

  it.each([
    ['a subject that only mentions automation', { subject: 'Re: Tự động hóa quy trình một cửa' }],
    ['a subject starting with "Automation"', { subject: 'Automation report' }],
    ['a sender whose name contains noreply', { from: 'Nguyễn Văn Noreply <nvnoreply@binhphuoc.gov.vn>' }],
    ['a sender named postmaster-like', { from: 'postmasterclass@binhphuoc.gov.vn' }],
    ['mail from another unit mailbox', { from: 'vanphong@mic.gov.vn' }],
  ])('keeps %s', (_label, extra) => {
    const out = overdue([item('z', '2026-04-20T09:00:00+07:00', extra)], mic, '2026-04-29T18:00:00+07:00', {
      mailboxAddress: 'vanphong@binhphuoc.gov.vn',
    });
    expect(out.map((r) => r.id)).toEqual(['z']);
  });

  it('without mailboxAddress, mail from that address is kept', () => {
    expect(overdue([item('z', '2026-04-20T09:00:00+07:00', { from: 'vanphong@binhphuoc.gov.vn' })], mic, '2026-04-29T18:00:00+07:00')).toHaveLength(1);
  });

  it('ties on the deadline are ordered by receipt, then id', () => {
    const out = overdue(
      [item('q', '2026-03-09T15:00:00+07:00'), item('p', '2026-03-09T15:00:00+07:00'), item('o', '2026-03-09T08:00:00+07:00')],
      mic,
      '2026-03-12T08:00:00+07:00',
    );
    expect(out.map((r) => r.id)).toEqual(['o', 'p', 'q']);
  });

  it('rejects an invalid now and a negative dueSoonHours', () => {
    expect(() => overdue(work, mic, 'bây giờ')).toThrow(/Invalid now/);
    expect(() => overdue(work, mic, '2026-04-29T18:00:00+07:00', { dueSoonHours: -1 })).toThrow(/dueSoonHours/);
  });
});
