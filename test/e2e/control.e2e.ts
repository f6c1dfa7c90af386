/**
 * Control run: the bare webmail, WITHOUT the extension. Everything the extension tests treat as
 * "blocked" must be delivered here, so that "not delivered" there means something
 * (E2E-NOTES: prove a negative with a control).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_PASSWORD, E2E_TMP, E2E_USERS, startMailStack, type MailStack, type StoredMessage } from './harness/mailstack.ts';
import {
  attachFile, clickSend, fillCompose, launchBrowser, login, openCompose, readComposeFields, waitForSent,
  isRoundcubeSend, type E2EBrowser,
} from './harness/browser.ts';

const RUN = randomBytes(3).toString('hex');

describe('control: Roundcube without the extension', () => {
  let stack: MailStack;
  let browser: E2EBrowser;

  beforeAll(async () => {
    stack = await startMailStack();
    browser = await launchBrowser();
    await login(browser.page, E2E_USERS.sender, E2E_PASSWORD, stack.roundcubeUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Send through the UI and return the single delivered copy; fails if it arrives twice. */
  async function sendAndExpectOnce(subject: string, body: string, attach?: string): Promise<StoredMessage> {
    const page = browser.page;
    await openCompose(page);
    await fillCompose(page, { to: E2E_USERS.recipient, subject, body });
    if (attach) await attachFile(page, attach);
    const fields = await readComposeFields(page);
    expect(fields).toMatchObject({ to: E2E_USERS.recipient, subject, body });
    const sendsBefore = browser.requests.filter(isRoundcubeSend).length;
    await clickSend(page);
    await waitForSent(page, attach ? 120_000 : 30_000);
    expect(browser.requests.filter(isRoundcubeSend).length - sendsBefore).toBe(1);

    const delivered = await stack.waitForDelivery(E2E_USERS.recipient, (m) => m.subject === subject, attach ? 120_000 : 15_000);
    // A duplicate would arrive right behind the first: give it a moment, then count.
    await new Promise((r) => setTimeout(r, 1500));
    const copies = (await stack.messages(E2E_USERS.recipient)).filter((m) => m.subject === subject);
    expect(copies, `copies of "${subject}" in ${E2E_USERS.recipient}'s INBOX`).toHaveLength(1);
    return delivered;
  }

  it('delivers a clean mail exactly once', async () => {
    const subject = `Giấy mời họp giao ban tuần ${RUN}`;
    const m = await sendAndExpectOnce(subject, 'Kính gửi anh/chị,\nMời dự họp lúc 8 giờ sáng thứ Hai.');
    expect(m.from).toBe(E2E_USERS.sender);
    expect(m.to).toEqual([E2E_USERS.recipient]);
    expect(m.body).toContain('Mời dự họp lúc 8 giờ sáng thứ Hai.');
  });

  it('delivers a "TUYỆT MẬT" mail exactly once, Vietnamese subject intact', async () => {
    const subject = `TUYỆT MẬT: Kế hoạch ${RUN}`;
    const m = await sendAndExpectOnce(subject, 'Nội dung kế hoạch (thử nghiệm).');
    // Decoded subject equals what was typed, in NFC (TCVN 6909:2001 Unicode).
    expect(m.subject).toBe(subject);
    expect(m.subject.normalize('NFC')).toBe(m.subject);
    expect(m.body).toContain('Nội dung kế hoạch');
  });

  it('gets a 26 MiB attachment through PHP, Roundcube, Postfix and Dovecot', async () => {
    const dir = join(E2E_TMP, `files-${RUN}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'bao-cao-26MiB.bin');
    // Random bytes: compression anywhere on the way could not hide a size limit.
    const bytes = randomBytes(26 * 1024 * 1024);
    writeFileSync(file, bytes);
    try {
      const subject = `Báo cáo kèm tệp lớn ${RUN}`;
      const m = await sendAndExpectOnce(subject, 'Gửi kèm báo cáo.', file);
      expect(m.attachments).toHaveLength(1);
      expect(m.attachments[0]).toMatchObject({ filename: 'bao-cao-26MiB.bin', size: bytes.length });
      expect(m.attachments[0].sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('made no request to any origin but the webmail', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.requestsOutside([stack.roundcubeOrigin]).map((r) => r.url)).toEqual([]);
  });
});
