/**
 * Unit-mailbox reminders in the real browser (issue #5 "Done means"): Roundcube 1.6 + Dovecot
 * from the harness, Debian Chromium with the PRODUCTION build loaded, the webmail reached as
 * http://mail.mic.gov.vn:<port>/ (host-resolver rule), so the shipped content scripts run.
 * The unit mailbox vanthu@mic.gov.vn is seeded with \Answered and unanswered messages whose
 * INTERNALDATE (Maildir mtime) is long past (overdue) or just now (not due); the user logs in
 * as the unit mailbox, and:
 *   - the toolbar badge shows the overdue count (global badge text);
 *   - the popup page lists exactly the overdue, unanswered mail with sender/subject/received/due/how late;
 *   - "Xác nhận đã nhận" opens Roundcube's compose as a reply, with subject and body filled in
 *     (Cần Thơ QĐ 33/2015 Đ7 k1); sending it flags the original \Answered and, after "Làm mới",
 *     the message leaves the list and the badge;
 *   - the webmail tab itself shows the count (the per-tab "!" only when protection is inactive);
 *   - snoozing takes a message off the badge;
 *   - a message marked "TỐI MẬT" shows the report banner (Quảng Ngãi Đ11 k4);
 *   - deleting from the unit mailbox asks first, and "Cancel" keeps the message (Cần Thơ Đ11 k3);
 *   - no request leaves for anything but the webmail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utimesSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { E2E_PASSWORD, E2E_USERS, startMailStack, type MailStack } from './harness/mailstack.ts';
import { clickSend, closePage, launchBrowser, login, readComposeFields, waitForCompose, waitForRoundcube, waitForSent, type E2EBrowser } from './harness/browser.ts';
import type { Chrome } from './harness/chrome.ts';
import { makeEml } from '../fixtures/builders.ts';

const EXT = process.env.E2E_EXTENSION_DIR;
const RUN = randomBytes(3).toString('hex');
const HOST = 'mail.mic.gov.vn';
const UNIT = E2E_USERS.micUnit;
const DAY = 86_400_000;

declare const chrome: Chrome;

interface Seed { key: string; from: string; subject: string; ageMs: number; answered?: boolean; body?: string }
const SEEDS: Seed[] = [
  { key: 'old-answered', from: 'vanthu@quangngai.gov.vn', subject: `Đã trả lời ${RUN}`, ageMs: 20 * DAY, answered: true },
  { key: 'old1', from: `"Sở TT&TT Cần Thơ" <${E2E_USERS.sender}>`, subject: `Đề nghị phối hợp ${RUN}`, ageMs: 15 * DAY },
  { key: 'old2', from: 'phongkhcn@binhphuoc.gov.vn', subject: `Báo cáo số liệu ${RUN}`, ageMs: 9 * DAY },
  { key: 'secret', from: 'vanphong@cantho.gov.vn', subject: `TỐI MẬT Kế hoạch ${RUN}`, ageMs: 12 * DAY, answered: true, body: 'TỐI MẬT\nNội dung kế hoạch.' },
  { key: 'new', from: 'ubnd@tphcm.gov.vn', subject: `Thư mới ${RUN}`, ageMs: 60_000 },
];

describe('unit-mailbox reminders on real Roundcube (production build)', () => {
  it('has the built extension', () => expect(EXT, 'E2E_EXTENSION_DIR unset: build the extension').toBeTruthy());
  let stack: MailStack;
  let browser: E2EBrowser;
  let page: Page;
  let base: string;
  const uids = new Map<string, string>();

  beforeAll(async () => {
    stack = await startMailStack({ language: 'vi_VN' });
    for (const s of SEEDS) {
      // seedMessage turns makeEml's CRLF into the LF a Maildir holds.
      const eml = makeEml({
        from: s.from,
        to: UNIT,
        subject: s.subject,
        date: new Date(Date.now() - s.ageMs).toUTCString(),
        messageId: `${s.key}.${RUN}@e2e`,
        text: s.body ?? 'Nội dung ' + s.key,
      });
      const file = await stack.seedMessage(UNIT, 'INBOX', eml, { answered: s.answered, seen: s.answered });
      const t = new Date(Date.now() - s.ageMs);
      utimesSync(file, t, t); // Maildir INTERNALDATE = mtime: the received time the reader reports
    }
    base = `http://${HOST}:${stack.ports.http}/`;
    browser = await launchBrowser({ extensionPath: EXT, hostResolverRules: `MAP ${HOST} 127.0.0.1` });
    page = browser.page;
    // The user names the unit mailbox they manage (options page, issue #6) and the Bộ TT&TT preset.
    await browser.inWorker('evaluate', (unit) => chrome.storage.local.set({ unitMailboxes: [unit], preset: 'mic' }), UNIT);
    await login(page, UNIT, E2E_PASSWORD, base);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const badge = () => browser.inWorker('evaluate', () => chrome.action.getBadgeText({}));

  it('shows the overdue count on the toolbar badge', async () => {
    await expect.poll(badge, { timeout: 20_000, interval: 250 }).toBe('2');
    const cache = await browser.inWorker('evaluate', () => chrome.storage.local.get('overdueCache'));
    const json = JSON.stringify(cache);
    // Only ids, senders, subjects and times are kept: no body text, no cookies.
    expect(json).not.toContain('Nội dung');
    expect(json).not.toMatch(/roundcube_sessid|_token|password/i);
    const items = (cache.overdueCache as { mailboxes: Record<string, { items: { id: string; subject: string }[] }> }).mailboxes[UNIT].items;
    for (const it of items) uids.set(it.subject, it.id);
    expect(items.map((i) => i.subject).sort()).toEqual([SEEDS[1].subject, SEEDS[2].subject, SEEDS[4].subject].sort());
  });

  it('the webmail tab (protection ready, no "!") shows the count too', async () => {
    const tabBadge = () =>
      browser.inWorker('evaluate', async (host) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url?.includes(host));
        return chrome.action.getBadgeText({ tabId: tab!.id });
      }, HOST);
    await expect.poll(tabBadge, { timeout: 10_000 }).toBe('2');
  });

  it('lists the overdue mail in the popup: sender, subject, received, due, how late', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const rows = popup.locator('.unit-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    // Most late first; the fresh message is listed as not yet due; the answered one is absent.
    expect(await rows.nth(0).locator('.unit-subject').textContent()).toBe(SEEDS[1].subject);
    expect(await rows.nth(1).locator('.unit-subject').textContent()).toBe(SEEDS[2].subject);
    expect(await rows.nth(2).getAttribute('data-status')).toBe('ok');
    expect(await rows.nth(0).getAttribute('data-status')).toBe('overdue');
    expect(await rows.nth(0).locator('.unit-from').textContent()).toBe(E2E_USERS.sender);
    expect(await rows.nth(0).locator('.unit-late').textContent()).toMatch(/trễ \d+ ngày/);
    expect(await rows.nth(0).locator('.unit-due').textContent()).toMatch(/^\d\d\/\d\d\/\d{4} 17:00$/);
    expect(await popup.locator('.unit-summary').getAttribute('data-count')).toBe('2');
    expect(await popup.locator('.preset').getAttribute('data-preset')).toBe('mic');
    await closePage(popup);
  });

  it('"Xác nhận đã nhận" opens a prefilled reply in Roundcube', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const first = popup.locator('.unit-row').first();
    await first.waitFor();
    const [compose] = await Promise.all([browser.context.waitForEvent('page'), first.locator('.unit-confirm').click()]);
    await compose.waitForLoadState('domcontentloaded');
    await waitForCompose(compose);
    // Roundcube redirects to ?_action=compose&_id=…; the reply mode is kept in its env.
    expect(await compose.evaluate(() => window.rcmail?.env.compose_mode)).toBe('reply');
    expect(uids.get(SEEDS[1].subject)).toBeTruthy();
    const f = await readComposeFields(compose);
    expect(f.subject).toBe(`Xác nhận đã nhận: ${SEEDS[1].subject}`);
    expect(f.to).toContain(E2E_USERS.sender);
    expect(f.body).toContain(`Chúng tôi đã nhận được thư "${SEEDS[1].subject}"`);
    await compose.evaluate(() => {
      (window.rcmail as unknown as { compose_skip_unsavedcheck?: boolean }).compose_skip_unsavedcheck = true;
    });
    await closePage(compose);
    await closePage(popup);
  });

  it('snoozing a message takes it off the badge count', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('.unit-row').first().locator('.unit-snooze').click();
    await expect.poll(badge, { timeout: 10_000 }).toBe('1');
    await popup.locator('.unit-row.snoozed .unit-unsnooze').click();
    await expect.poll(badge, { timeout: 10_000 }).toBe('2');
    await closePage(popup);
  });

  it('a "TỐI MẬT" message shows the report banner (Quảng Ngãi Đ11 k4)', async () => {
    const list = await browser.inWorker('evaluate', () => chrome.storage.local.get('overdueCache'));
    void list;
    const uid = await page.evaluate(async (subject) => {
      const r = await fetch('./?_task=mail&_action=list&_remote=1&_mbox=INBOX', { credentials: 'include' });
      const j = await r.json();
      const m = new RegExp(`add_message_row\\((\\d+),\\{[^\\n]*?${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(j.exec);
      return m ? m[1] : null;
    }, SEEDS[3].subject);
    expect(uid).toBeTruthy();
    await page.goto(`${base}?_task=mail&_mbox=INBOX&_uid=${uid}&_action=show`, { waitUntil: 'domcontentloaded' });
    await waitForRoundcube(page, 'mail', 'show');
    const banner = page.locator('congvu-guard-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.getAttribute('data-mark')).toMatch(/TỐI MẬT/);
    const text = await banner.evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(text).toContain('Báo cáo ngay Thủ trưởng cơ quan và người quản trị hệ thống');
  });

  it('deleting from the unit mailbox asks first; "Cancel" keeps the message (Cần Thơ Đ11 k3)', async () => {
    const dialogs: string[] = [];
    const onDialog = (d: import('playwright-core').Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    };
    page.on('dialog', onDialog);
    try {
      await page.locator('a.delete:not(.disabled)').first().click();
      await expect.poll(() => dialogs.length, { timeout: 5000 }).toBe(1);
      expect(dialogs[0]).toContain('hộp thư đơn vị');
      await page.waitForTimeout(1500);
      expect((await stack.messages(UNIT)).some((m) => m.subject === SEEDS[3].subject)).toBe(true);
    } finally {
      page.off('dialog', onDialog);
    }
  });

  it('sending the receipt confirmation answers the message: after "Làm mới" it leaves the list and the badge', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const first = popup.locator('.unit-row').first();
    expect(await first.locator('.unit-subject').textContent()).toBe(SEEDS[1].subject);
    const [compose] = await Promise.all([browser.context.waitForEvent('page'), first.locator('.unit-confirm').click()]);
    await compose.waitForLoadState('domcontentloaded');
    await waitForCompose(compose);
    await clickSend(compose);
    await waitForSent(compose);
    const got = await stack.waitForDelivery(E2E_USERS.sender, (m) => m.subject === `Xác nhận đã nhận: ${SEEDS[1].subject}`);
    expect(got.body).toContain('Chúng tôi đã nhận được thư');
    // Roundcube flagged the original \Answered (reply_uid); the next read sees it.
    expect((await stack.messages(UNIT)).find((m) => m.subject === SEEDS[1].subject)!.flags).toContain('\\Answered');
    await closePage(compose);
    await popup.locator('.unit-refresh').click();
    await expect.poll(badge, { timeout: 15_000 }).toBe('1');
    await expect.poll(() => popup.locator('.unit-row').count(), { timeout: 10_000 }).toBe(2);
    await closePage(popup);
  });

  it('talks to nothing but the webmail', () => {
    // (The harness counts chrome-extension:// as outside: Node's URL gives such URLs the origin "null".)
    expect(browser.requestsOutside([base]).filter((r) => !r.url.startsWith(`chrome-extension://${browser.extensionId}/`))).toEqual([]);
  });
});
