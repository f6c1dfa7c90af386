/**
 * Checks of the harness itself, so a failing product test is never the harness's fault:
 * extension loading and request recording, mailbox seeding and flags, the change-password
 * plugin, and what bare Roundcube does with Ctrl+Enter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { E2E_PASSWORD, E2E_USERS, startMailStack, type MailStack } from './harness/mailstack.ts';
import {
  ROUNDCUBE, clickSend, fillCompose, isRoundcubeSend, launchBrowser, login, openChangePassword, openCompose,
  pressCtrlEnter, serverMessages, waitForSent, type E2EBrowser,
} from './harness/browser.ts';

const PROBE = fileURLToPath(new URL('./fixtures/probe-extension', import.meta.url));
const RUN = randomBytes(3).toString('hex');

describe('harness', () => {
  let stack: MailStack;
  beforeAll(async () => { stack = await startMailStack(); });
  afterAll(async () => { await stack?.stop(); });

  it('loads an unpacked MV3 extension and records its service worker\'s requests', async () => {
    const browser = await launchBrowser({ extensionPath: PROBE });
    try {
      expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
      const url = `${stack.roundcubeUrl}?probe=${RUN}`;
      await browser.inWorker('evaluate', (u) => (self as unknown as { probeFetch(u: string): Promise<string> }).probeFetch(u), url);
      expect(browser.requests).toContainEqual(expect.objectContaining({ url, source: 'service-worker' }));
      // The recorder flags anything off the allowed origins.
      expect(browser.requestsOutside(['http://example.invalid']).map((r) => r.url)).toContain(url);
      expect(browser.requestsOutside([stack.roundcubeOrigin])).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('seeds messages with \\Answered/\\Seen, reads them back, and clears the mailbox', async () => {
    const user = E2E_USERS.micUnit;
    const eml = (n: number, subject: string) =>
      `From: van-thu@quangngai.gov.vn\nTo: ${user}\nSubject: ${subject}\nDate: Mon, 16 Nov 2026 0${n}:00:00 +0700\n` +
      `Message-ID: <${RUN}.${n}@e2e>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nNội dung ${n}\n`;
    await stack.seedMessage(user, 'INBOX', eml(1, 'Công văn đã trả lời'), { answered: true, seen: true });
    await stack.seedMessage(user, 'INBOX', eml(2, 'Công văn chưa trả lời'));
    await stack.seedMessage(user, 'Lưu trữ', eml(3, 'Công văn lưu trữ'), { seen: true });

    const inbox = await stack.messages(user);
    expect(inbox.map((m) => [m.subject, m.flags])).toEqual([
      ['Công văn đã trả lời', ['\\Answered', '\\Seen']],
      ['Công văn chưa trả lời', []],
    ]);
    expect((await stack.messages(user, 'Lưu trữ')).map((m) => m.subject)).toEqual(['Công văn lưu trữ']);

    // Roundcube (through Dovecot IMAP) sees the same flags.
    const browser = await launchBrowser();
    try {
      await login(browser.page, user, E2E_PASSWORD, stack.roundcubeUrl);
      const rows = await browser.page.$$eval(`${ROUNDCUBE.messageList} tbody tr`, (trs) =>
        trs.map((tr) => ({ text: tr.textContent ?? '', unread: tr.classList.contains('unread'), replied: !!tr.querySelector('.msgicon.replied') })));
      const answered = rows.find((r) => r.text.includes('Công văn đã trả lời'));
      const open = rows.find((r) => r.text.includes('Công văn chưa trả lời'));
      expect(answered).toMatchObject({ unread: false, replied: true });
      expect(open).toMatchObject({ unread: true, replied: false });
    } finally {
      await browser.close();
    }

    await stack.clear(user);
    expect(await stack.messages(user)).toEqual([]);
    expect(await stack.messages(user, 'Lưu trữ')).toEqual([]);
  });

  it('Roundcube\'s change-password form really changes the Dovecot password', async () => {
    const user = E2E_USERS.qnUnit;
    const next = 'Doimatkhau#2027';
    const browser = await launchBrowser();
    try {
      await login(browser.page, user, E2E_PASSWORD, stack.roundcubeUrl);
      const form = await openChangePassword(browser.page);
      await form.fill(ROUNDCUBE.currentPassword, E2E_PASSWORD);
      await form.fill(ROUNDCUBE.newPassword, next);
      await form.fill(ROUNDCUBE.confirmPassword, next);
      await form.click(ROUNDCUBE.passwordSave);
      await expect.poll(() => stack.checkLogin(user, next), { timeout: 15_000 }).toBe(true);
      expect(await stack.checkLogin(user, E2E_PASSWORD)).toBe(false);
      expect(await serverMessages(browser.page)).not.toMatch(/error/i);
    } finally {
      await browser.close();
    }
  });

  it('bare Roundcube 1.6 has no Ctrl+Enter send shortcut; its Send button sends once', async () => {
    const browser = await launchBrowser();
    try {
      const page = browser.page;
      await login(page, E2E_USERS.sender, E2E_PASSWORD, stack.roundcubeUrl);
      await openCompose(page);
      const subject = `Thử phím tắt ${RUN}`;
      await fillCompose(page, { to: E2E_USERS.recipient, subject, body: 'Ctrl+Enter' });
      await pressCtrlEnter(page);
      await page.waitForTimeout(2000);
      expect(browser.requests.filter(isRoundcubeSend)).toHaveLength(0);
      expect((await stack.messages(E2E_USERS.recipient)).filter((m) => m.subject === subject)).toHaveLength(0);

      await clickSend(page);
      await waitForSent(page);
      await stack.waitForDelivery(E2E_USERS.recipient, (m) => m.subject === subject);
      expect(browser.requests.filter(isRoundcubeSend)).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });
});
