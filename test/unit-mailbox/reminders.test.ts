/**
 * Check-time reminders and overdue notifications with a FAKE CLOCK (vitest fake timers drive
 * both Date.now() and the fake chrome.alarms): Bình Phước QĐ 48/2009 Đ8 k2 — open the unit
 * mailbox at 7:00, 9:00, 11:00, 13:30, 15:00, 16:30 — on working days only (not on Sunday, not
 * on 30/4, Bộ luật Lao động 2019 Đ112 k1 điểm c).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolvePolicy } from '../../shared/policy';
import { initUnitMailbox, ALARM_CHECK, STATE_KEY } from '../../extension/unit-mailbox/background';
import { dueCheckTime, nextCheckAlarm } from '../../extension/unit-mailbox/schedule';
import { fakeBrowser, type FakeTab } from './fake-browser';

const binhphuoc = resolvePolicy('binhphuoc');
const mic = resolvePolicy('mic');
const UNIT = 'vanthu@binhphuoc.gov.vn';
const at = (iso: string) => Date.parse(iso);

/** Let the promise chains of the background run (fake timers do not advance microtasks by themselves). */
async function settle() {
  for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(0);
}

function start(nowIso: string, opts: { policy?: unknown; storage?: Record<string, unknown>; tabs?: FakeTab[] } = {}) {
  vi.setSystemTime(at(nowIso));
  const fake = fakeBrowser({ unitMailboxes: [UNIT], ...opts.storage }, opts.tabs);
  const ctl = initUnitMailbox({ browser: fake.browser, loadPolicy: async () => ({ ok: true, policy: opts.policy ?? binhphuoc }), log: () => {} });
  return { fake, ctl };
}

const checks = <T extends { id: string }>(n: T[]) => n.filter((x) => x.id.startsWith('cg-check:'));

describe('check-time reminders (fake clock)', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('a managed policy change re-plans the next check reminder', async () => {
    vi.setSystemTime(at('2026-05-05T08:30:00+07:00')); // Tuesday
    const fake = fakeBrowser({ unitMailboxes: [UNIT] });
    let policy = resolvePolicy({ extends: 'binhphuoc', checkTimes: ['09:00'] });
    initUnitMailbox({ browser: fake.browser, loadPolicy: async () => ({ ok: true, policy }), log: () => {} });
    await settle();
    expect(fake.alarms.get(ALARM_CHECK)?.when).toBe(at('2026-05-05T09:00:00+07:00'));
    policy = resolvePolicy({ extends: 'binhphuoc', checkTimes: ['10:00'] });
    fake.storageChanged({ checkTimes: {} }, 'managed');
    await settle();
    expect(fake.alarms.get(ALARM_CHECK)?.when).toBe(at('2026-05-05T10:00:00+07:00'));
  });

  it('at 9:00 on a working day a check reminder fires for binhphuoc', async () => {
    const { fake } = start('2026-05-05T08:30:00+07:00'); // Tuesday
    await settle();
    expect(fake.alarms.get(ALARM_CHECK)?.when).toBe(at('2026-05-05T09:00:00+07:00'));
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    await settle();
    expect(checks(fake.notifications)).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    const fired = checks(fake.notifications);
    expect(fired).toHaveLength(1);
    expect(fired[0].at).toBe(at('2026-05-05T09:00:00+07:00'));
    expect(fired[0].title).toMatch(/^09:00 — Giờ kiểm tra hộp thư đơn vị/);
    expect(fired[0].message).toContain(UNIT);
    // The next alarm is the next check time (11:00), and 9:00 is remembered.
    expect(fake.alarms.get(ALARM_CHECK)?.when).toBe(at('2026-05-05T11:00:00+07:00'));
    expect((fake.data[STATE_KEY] as { lastCheckAt: number }).lastCheckAt).toBe(at('2026-05-05T09:00:00+07:00'));
  });

  it('all six Bình Phước times on a working day, once each', async () => {
    const { fake } = start('2026-05-05T06:00:00+07:00');
    await settle();
    await vi.advanceTimersByTimeAsync(12 * 3_600_000);
    await settle();
    expect(checks(fake.notifications).map((n) => n.title.slice(0, 5))).toEqual(['07:00', '09:00', '11:00', '13:30', '15:00', '16:30']);
  });

  it('not on Sunday: the next reminder is Monday 7:00', async () => {
    const { fake } = start('2026-05-03T08:30:00+07:00'); // Sunday
    await settle();
    expect(fake.alarms.get(ALARM_CHECK)?.when).toBe(at('2026-05-04T07:00:00+07:00'));
    await vi.advanceTimersByTimeAsync(60 * 60_000); // through 9:00 Sunday
    await settle();
    expect(checks(fake.notifications)).toEqual([]);
  });

  it('not on 30/4 (nor 1/5): the next reminder after Wednesday 29/4 is Monday 4/5 7:00', async () => {
    const { fake } = start('2026-04-30T08:30:00+07:00'); // Thursday, Ngày Chiến thắng
    await settle();
    expect(fake.alarms.get(ALARM_CHECK)?.when).toBe(at('2026-05-04T07:00:00+07:00'));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    await settle();
    expect(checks(fake.notifications)).toEqual([]);
    // Even if an alarm fired at 9:00 on 30/4 (clock change, stale alarm), nothing is shown.
    expect(dueCheckTime(at('2026-04-30T09:00:00+07:00'), null, binhphuoc)).toBeNull();
    expect(dueCheckTime(at('2026-05-05T09:00:00+07:00'), null, binhphuoc)).toBe(at('2026-05-05T09:00:00+07:00'));
  });

  it('a reminder missed by more than 30 minutes (computer asleep) is skipped; one is never shown twice', () => {
    expect(dueCheckTime(at('2026-05-05T09:31:00+07:00'), null, binhphuoc)).toBeNull();
    expect(dueCheckTime(at('2026-05-05T09:10:00+07:00'), at('2026-05-05T09:00:00+07:00'), binhphuoc)).toBeNull();
    expect(nextCheckAlarm(at('2026-05-05T09:00:00+07:00'), binhphuoc)).toBe(at('2026-05-05T11:00:00+07:00'));
    expect(nextCheckAlarm(at('2026-05-05T09:00:00+07:00'), { ...binhphuoc, checkTimes: [] })).toBeNull();
  });

  it('no unit mailbox named: no reminder', async () => {
    const { fake } = start('2026-05-05T08:59:00+07:00', { storage: { unitMailboxes: [] } });
    await settle();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await settle();
    expect(checks(fake.notifications)).toEqual([]);
  });

  it("'snooze all' silences the check reminder", async () => {
    const { fake } = start('2026-05-05T08:59:00+07:00', { storage: { snoozes: { all: '2026-05-05T03:00:00.000Z' } } });
    await settle();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await settle();
    expect(checks(fake.notifications)).toEqual([]);
  });
});

describe('reading, badge and "became overdue" notifications (fake clock)', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  const MIC = 'vanthu@mic.gov.vn';
  const items = [
    // Fri 24/4/2026 10:00 → due Wed 29/4 17:00 (shared/calendar README example).
    { id: '1', from: 'a@quangngai.gov.vn', subject: 'Công văn 1', receivedAt: '2026-04-24T03:00:00.000Z', answered: false },
    { id: '2', from: 'b@cantho.gov.vn', subject: 'Đã trả lời', receivedAt: '2026-04-20T03:00:00.000Z', answered: true },
    { id: '3', from: MIC, subject: 'Tự gửi', receivedAt: '2026-04-20T03:00:00.000Z', answered: false },
  ];
  const roundcubeTab = (): FakeTab => ({
    id: 5,
    url: 'https://mail.mic.gov.vn/?_task=mail',
    answer: (msg) => {
      expect(msg).toEqual({ type: 'cg-unit:read', mailboxes: [MIC] });
      return { ok: true, account: MIC, webmail: 'roundcube', baseUrl: 'https://mail.mic.gov.vn/', items, complete: true };
    },
  });

  it('reads through the webmail tab, keeps only ids/senders/subjects/times, badges and notifies once when overdue', async () => {
    const { fake, ctl } = start('2026-04-29T16:00:00+07:00', { policy: mic, storage: { unitMailboxes: [MIC] }, tabs: [roundcubeTab()] });
    await settle();
    await ctl.refresh(true);
    await settle();
    const cache = fake.data.overdueCache as { mailboxes: Record<string, { items: object[] }> };
    expect(cache.mailboxes[MIC].items).toEqual([
      { id: '1', from: 'a@quangngai.gov.vn', subject: 'Công văn 1', receivedAt: '2026-04-24T03:00:00.000Z', due: '2026-04-29T17:00:00+07:00' },
    ]);
    expect(fake.badge.at(-1)).toEqual({ text: '' }); // due at 17:00, not yet overdue
    expect(fake.notifications).toEqual([]);

    // 17:05: the refresh alarm (every 5 min) finds it overdue.
    await vi.advanceTimersByTimeAsync(65 * 60_000);
    await settle();
    expect(fake.badge.at(-1)).toEqual({ text: '1' });
    const over = fake.notifications.filter((n) => n.id.startsWith('cg-overdue:'));
    expect(over).toHaveLength(1);
    expect(over[0].message).toContain('Công văn 1');
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    await settle();
    expect(fake.notifications.filter((n) => n.id.startsWith('cg-overdue:'))).toHaveLength(1);

    // Snoozing the item takes it off the badge.
    await fake.browser.storage.local.set({ snoozes: { [`${MIC}#1`]: new Date(Date.now() + 3_600_000).toISOString() } });
    await settle();
    expect(fake.badge.at(-1)).toEqual({ text: '' });
  });

  it('a popup "Làm mới" message reads now; a failed read keeps the old items with the error', async () => {
    let fail = false;
    const tab = roundcubeTab();
    const ok = tab.answer!;
    tab.answer = (m) => (fail ? { ok: false, account: MIC, webmail: 'roundcube', baseUrl: 'https://mail.mic.gov.vn/', error_vi: 'Hãy đăng nhập lại', error_en: 'Log in again' } : ok(m));
    const { fake } = start('2026-05-05T10:00:00+07:00', { policy: mic, storage: { unitMailboxes: [MIC] }, tabs: [tab] });
    await settle();
    expect(await fake.sendRuntime({ type: 'cg-unit:refresh' })).toEqual({ ok: true });
    expect(fake.badge.at(-1)).toEqual({ text: '1' });
    fail = true;
    await fake.sendRuntime({ type: 'cg-unit:refresh' });
    const mb = (fake.data.overdueCache as { mailboxes: Record<string, { items: object[]; error?: object }> }).mailboxes[MIC];
    expect(mb.items).toHaveLength(1);
    expect(mb.error).toEqual({ vi: 'Hãy đăng nhập lại', en: 'Log in again' });
  });

  it('a tab that is not a managed unit mailbox (or has no content script) is ignored', async () => {
    const { fake, ctl } = start('2026-05-05T10:00:00+07:00', {
      policy: mic,
      storage: { unitMailboxes: [MIC] },
      tabs: [{ id: 1, url: 'https://example.org/' }, { id: 2, url: 'https://mail.mic.gov.vn/', answer: () => null }],
    });
    await ctl.refresh(true);
    await settle();
    expect(fake.data.overdueCache).toBeUndefined();
  });
});

describe('service-worker wake-ups', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('re-running init does not restart the 5-minute refresh alarm', async () => {
    vi.setSystemTime(at('2026-05-05T10:00:00+07:00'));
    const fake = fakeBrowser({ unitMailboxes: [UNIT] });
    const deps = { browser: fake.browser, loadPolicy: async () => ({ ok: true, policy: binhphuoc }), log: () => {} };
    initUnitMailbox(deps);
    await settle();
    const first = fake.alarms.get('cg-unit-refresh');
    expect(first?.period).toBe(5 * 60_000);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    initUnitMailbox(deps); // the worker woke up for a message
    await settle();
    expect(fake.alarms.get('cg-unit-refresh')).toBe(first);
  });
});
