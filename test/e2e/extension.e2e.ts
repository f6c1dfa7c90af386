/**
 * The extension against a real webmail (issue #3 "Done means"): Roundcube 1.6 + Dovecot +
 * Postfix from the harness, Debian Chromium with the PRODUCTION build (.output/chrome-mv3,
 * E2E_EXTENSION_DIR from run.mjs) loaded, and every verdict checked in the recipient's real
 * Maildir.
 *
 * The webmail is reached as http://mail.mic.gov.vn:<port>/ — Chromium's --host-resolver-rules
 * maps the name to the loopback stack — so the shipped manifest's host permissions and
 * include_globs are what inject the content scripts; no test-only build widens them.
 *
 * The control run (same flows, no extension, everything delivered) is control.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { E2E_PASSWORD, E2E_TMP, E2E_USERS, startMailStack, type MailStack } from './harness/mailstack.ts';
import {
  ROUNDCUBE, attachFile, clickSend, closePage, fillCompose, isRoundcubeSend, launchBrowser, login, pressCtrlEnter,
  readComposeFields, waitForCompose, waitForSent, type E2EBrowser,
} from './harness/browser.ts';
import { makeDocx, makePdf } from '../fixtures/builders.ts';
import { evaluate } from '../../shared/engine.ts';
import { resolvePolicy } from '../../shared/policy/index.ts';
import { convertLegacyToUnicode } from '../../shared/text/index.ts';
import type { Chrome } from './harness/chrome.ts';

const EXT = process.env.E2E_EXTENSION_DIR;
const RUN = randomBytes(3).toString('hex');
const HOST = 'mail.mic.gov.vn';
const HOST_TAG = 'congvu-guard-ui';
/** How long "nothing arrived" is watched for; Postfix → LMTP delivery here takes well under 1 s. */
const QUIET_MS = 3000;

declare global {
  interface Window {
    __cgPwned?: number;
  }
}

/** The extension APIs used inside serviceWorker.evaluate() (runs in the extension, not here). */
declare const chrome: Chrome;

describe('extension on real Roundcube (production build)', () => {
  // run.mjs builds the extension and sets E2E_EXTENSION_DIR; without it these tests cannot
  // mean anything, so they fail rather than skip.
  it('has the built extension', () => expect(EXT, 'E2E_EXTENSION_DIR unset: build the extension (npm run build:ext)').toBeTruthy());
  let stack: MailStack;
  let browser: E2EBrowser;
  let page: Page;
  let base: string;
  let origin: string;
  const filesDir = join(E2E_TMP, `ext-files-${RUN}`);
  /** Dialog/alert boxes the page opened (e.g. an executed XSS payload's alert()). */
  const pageDialogs: string[] = [];
  /** send-click → dialog on screen, ms (pointerdown timestamp → first frame after it rendered). */
  const timings: number[] = [];

  beforeAll(async () => {
    mkdirSync(filesDir, { recursive: true });
    stack = await startMailStack();
    base = `http://${HOST}:${stack.ports.http}/`;
    origin = new URL(base).origin;
    browser = await launchBrowser({ extensionPath: EXT, hostResolverRules: `MAP ${HOST} 127.0.0.1` });
    page = browser.page;
    // Timing: the guard stops every event of a blocked Send gesture at window capture, so a
    // recorder added later would never see the press. An init script runs before the content
    // scripts and keeps the press's timestamp for armDialogTimer().
    await browser.context.addInitScript(() => {
      addEventListener('pointerdown', (ev) => ((window as unknown as { __cgT0?: number }).__cgT0 = ev.timeStamp), { capture: true });
    });
    page.on('dialog', (d) => {
      pageDialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => {});
    });
    await login(page, E2E_USERS.sender, E2E_PASSWORD, base);
  });

  afterAll(async () => {
    if (timings.length) {
      const sorted = [...timings].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      console.log(`e2e: send-click → dialog, typical draft: median ${median.toFixed(1)} ms over ${sorted.length} runs (${sorted.map((t) => t.toFixed(1)).join(', ')})`);
    }
    if (browser) {
      const file = join(E2E_TMP, 'extension-requests.json');
      writeFileSync(file, JSON.stringify(browser.requests, null, 1));
      console.log(`e2e: ${browser.requests.length} browser requests recorded in ${file}`);
    }
    await browser?.close();
    await stack?.stop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  // ---- helpers ------------------------------------------------------------------------------

  /** A fresh compose form (leaving a blocked draft without Roundcube's "discard?" prompt). */
  async function compose(): Promise<void> {
    await page.evaluate(() => {
      const rc = window.rcmail as unknown as { compose_skip_unsavedcheck?: boolean } | undefined;
      if (rc) rc.compose_skip_unsavedcheck = true;
      window.onbeforeunload = null;
    });
    await page.goto(`${base}?_task=mail&_action=compose`, { waitUntil: 'domcontentloaded' });
    await waitForCompose(page);
    // The guard reports itself to the toolbar once it has wired this page.
    await expect.poll(() => tabState(), { timeout: 10_000 }).toBe('active');
  }

  /** The protection state the background holds for the webmail tab (what the badge shows). */
  async function tabState(): Promise<string | undefined> {
    return browser.inWorker('evaluate', async () => {
      // Only the per-tab status entries ("tab:<id>"): other features keep their own keys there.
      const all = (await chrome.storage.session.get(null)) as Record<string, { state: string }>;
      return Object.entries(all).find(([k]) => k.startsWith('tab:'))?.[1]?.state;
    });
  }

  const dialog = () => page.locator(`${HOST_TAG} .dialog`);
  const toast = (kind: string) => page.locator(`${HOST_TAG} [data-toast="${kind}"]`);
  const sends = () => browser.requests.filter(isRoundcubeSend).length;

  async function copies(subject: string): Promise<number> {
    return (await stack.messages(E2E_USERS.recipient)).filter((m) => m.subject === subject).length;
  }

  /** Nothing with this subject reaches the recipient, and the browser never posted a send. */
  async function expectNotDelivered(subject: string, sendsBefore: number): Promise<void> {
    await page.waitForTimeout(QUIET_MS);
    expect(sends() - sendsBefore, 'Roundcube send requests').toBe(0);
    expect(await copies(subject), `copies of "${subject}"`).toBe(0);
  }

  async function expectDeliveredOnce(subject: string, sendsBefore: number, timeoutMs = 20_000) {
    const m = await stack.waitForDelivery(E2E_USERS.recipient, (x) => x.subject === subject, timeoutMs);
    await page.waitForTimeout(1500); // a duplicate would land right behind the first
    expect(await copies(subject), `copies of "${subject}"`).toBe(1);
    expect(sends() - sendsBefore, 'Roundcube send requests').toBe(1);
    return m;
  }

  /** Start watching (in the page) for the dialog; resolves ms from the Send press to its first frame. */
  async function armDialogTimer(): Promise<void> {
    await page.evaluate((tag) => {
      const w = window as unknown as { __cgT0?: number; __cgDialogMs?: Promise<number> };
      w.__cgT0 = undefined;
      w.__cgDialogMs = new Promise<number>((resolve) => {
        const poll = () => {
          const box = document.querySelector(tag)?.shadowRoot?.querySelector('.dialog');
          if (box && w.__cgT0 !== undefined) resolve(performance.now() - w.__cgT0);
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      });
    }, HOST_TAG);
  }

  async function dialogMs(): Promise<number> {
    return page.evaluate(() => (window as unknown as { __cgDialogMs: Promise<number> }).__cgDialogMs);
  }

  async function choosePreset(id: string): Promise<void> {
    const opts = await browser.context.newPage();
    await opts.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await opts.selectOption('#preset', id);
    await opts.getByRole('status').waitFor();
    await closePage(opts);
    const stored = await browser.inWorker('evaluate', async () => (await chrome.storage.local.get('preset')).preset);
    expect(stored).toBe(id);
  }

  // ---- 1 ------------------------------------------------------------------------------------

  it('1. clean mail: delivered exactly once, no dialog', async () => {
    await compose();
    const subject = `Giấy mời họp giao ban ${RUN}`;
    await fillCompose(page, { to: E2E_USERS.recipient, subject, body: 'Kính gửi anh/chị,\nMời dự họp lúc 8 giờ sáng thứ Hai.' });
    await page.evaluate((tag) => {
      // A dialog would be rendered synchronously inside the click; record it if it ever appears.
      const w = window as unknown as { __cgSawDialog?: boolean };
      new MutationObserver(() => {
        if (document.querySelector(tag)?.shadowRoot?.querySelector('.dialog')) w.__cgSawDialog = true;
      }).observe(document.documentElement, { childList: true, subtree: true });
    }, HOST_TAG);
    const before = sends();
    await clickSend(page);
    expect(await page.evaluate(() => (window as unknown as { __cgSawDialog?: boolean }).__cgSawDialog ?? false).catch(() => false)).toBe(false);
    await waitForSent(page);
    const m = await expectDeliveredOnce(subject, before);
    expect(m.body).toContain('Mời dự họp lúc 8 giờ sáng thứ Hai.');
  });

  // ---- 2 ------------------------------------------------------------------------------------

  it('2. "TUYỆT MẬT" in the subject: dialog cites the rule; nothing delivered; "Quay lại sửa" leaves the draft unchanged', async () => {
    await compose();
    const subject = `TUYỆT MẬT: Kế hoạch ${RUN}`;
    // A typical draft: two recipients, a page of text (~2 KB).
    const body = Array.from({ length: 12 }, (_, i) =>
      `${i + 1}. Triển khai nội dung kế hoạch công tác quý, phân công cán bộ phụ trách, báo cáo kết quả trước ngày 25 hằng tháng.`).join('\n');
    await fillCompose(page, { to: [E2E_USERS.recipient, E2E_USERS.qnRecipient], subject, body });
    const fieldsBefore = await readComposeFields(page);
    const before = sends();
    await armDialogTimer();
    await clickSend(page);
    await dialog().waitFor();
    timings.push(await dialogMs());

    const expected = evaluate({ to: [{ address: E2E_USERS.recipient }, { address: E2E_USERS.qnRecipient }], cc: [], bcc: [], subject, bodyText: body, attachments: [] }, resolvePolicy('vn-baseline'))
      .find((f) => f.rule === 'classified-content')!;
    const item = dialog().locator('li.finding[data-rule="classified-content"]');
    await expect.poll(() => item.count()).toBe(1);
    const text = (await item.textContent()) ?? '';
    expect(text).toContain(expected.message);
    for (const c of expected.citations) expect(text).toContain(c);
    expect(text).toContain(subject); // the excerpt
    // A block without override: no "Vẫn gửi".
    expect(await dialog().locator('[data-action="send-anyway"]').count()).toBe(0);
    // Initial focus is on "Quay lại sửa".
    expect(await page.evaluate((tag) => document.querySelector(tag)?.shadowRoot?.activeElement?.getAttribute('data-action'), HOST_TAG)).toBe('back');

    await dialog().locator('[data-action="back"]').click();
    await dialog().waitFor({ state: 'detached' });
    expect(await readComposeFields(page)).toEqual(fieldsBefore);

    // More samples for the send → dialog median: edit the draft a little (as a user going back
    // to it would; it also defeats the per-gesture cache), press Send, measure, go back.
    for (let i = 0; i < 8; i++) {
      await page.locator(ROUNDCUBE.body).press('End');
      await page.keyboard.type('.');
      await armDialogTimer();
      await clickSend(page);
      await dialog().waitFor();
      timings.push(await dialogMs());
      await page.keyboard.press('Escape');
      await dialog().waitFor({ state: 'detached' });
    }
    await expectNotDelivered(subject, before);
  });

  // ---- 3 ------------------------------------------------------------------------------------

  it('3. the same via Ctrl+Enter and via the keyboard on the Send button: stopped', async () => {
    await compose();
    const subject = `TUYỆT MẬT: Báo cáo ${RUN}`;
    await fillCompose(page, { to: E2E_USERS.recipient, subject, body: 'Nội dung báo cáo.' });
    const before = sends();

    await pressCtrlEnter(page);
    await dialog().waitFor();
    expect(await dialog().locator('li.finding[data-rule="classified-content"]').count()).toBe(1);
    await page.keyboard.press('Escape'); // Esc = "Quay lại sửa"
    await dialog().waitFor({ state: 'detached' });

    // Roundcube 1.6 binds no send shortcut; the keyboard path that DOES send on the bare
    // webmail (control run) is Enter on the focused Send button.
    await page.focus(ROUNDCUBE.sendButton);
    await page.keyboard.press('Enter');
    await dialog().waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });

    expect((await readComposeFields(page)).subject).toBe(subject);
    await expectNotDelivered(subject, before);
  });

  // ---- 4 ------------------------------------------------------------------------------------

  it('4. 26 MiB attachment under quangngai: warned at attach time and at Send; "Vẫn gửi" with a reason delivers once', async () => {
    await choosePreset('quangngai');
    await compose();
    const file = join(filesDir, 'ho-so-du-an-26MiB.bin');
    writeFileSync(file, randomBytes(26 * 1024 * 1024));
    const subject = `Hồ sơ dự án kèm tệp lớn ${RUN}`;
    await fillCompose(page, { to: E2E_USERS.recipient, subject, body: 'Gửi kèm hồ sơ dự án.' });

    // Attach time: the warning shows while the upload is still running.
    await page.setInputFiles(ROUNDCUBE.fileInput, file);
    const attachToast = toast('attachment');
    await attachToast.waitFor({ timeout: 10_000 });
    expect(await attachToast.locator('[data-rule="attachment-too-large"]').count()).toBe(1);
    expect(await attachToast.textContent()).toContain('25');
    await page.waitForFunction(
      ([done, up]) => document.querySelectorAll(done).length === 1 && document.querySelectorAll(up).length === 0,
      [ROUNDCUBE.attachmentDone, ROUNDCUBE.attachmentUploading] as const,
      { timeout: 120_000, polling: 200 },
    );

    const before = sends();
    await clickSend(page);
    await dialog().waitFor();
    // If the file's text is still being read, "Đang kiểm tra…" shows first, then the findings.
    const item = dialog().locator('li.finding[data-rule="attachment-too-large"]');
    await item.waitFor({ timeout: 30_000 });
    const expected = evaluate(
      { to: [{ address: E2E_USERS.recipient }], cc: [], bcc: [], subject, bodyText: 'x', attachments: [{ name: 'ho-so-du-an-26MiB.bin', size: 26 * 1024 * 1024 }] },
      resolvePolicy('quangngai'),
    ).find((f) => f.rule === 'attachment-too-large')!;
    for (const c of expected.citations) expect(await item.textContent()).toContain(c); // QĐ 51/2015 Quảng Ngãi, Điều 6 khoản 4
    const sendAnyway = dialog().locator('[data-action="send-anyway"]');
    expect(await sendAnyway.isDisabled()).toBe(true); // reason required
    await dialog().locator('#cg-reason').fill('Hồ sơ dự án cần gửi gấp cho Sở');
    expect(await sendAnyway.isDisabled()).toBe(false);
    await sendAnyway.click();
    await waitForSent(page, 120_000);
    const m = await expectDeliveredOnce(subject, before, 120_000);
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]!.size).toBe(26 * 1024 * 1024);

    // The override is logged on this machine only.
    const log = await browser.inWorker('evaluate', async () => (await chrome.storage.local.get('overrideLog')).overrideLog as { rules: string[]; reason: string }[]);
    expect(log.at(-1)).toMatchObject({ reason: 'Hồ sơ dự án cần gửi gấp cho Sở', rules: expect.arrayContaining(['attachment-too-large']) });
    await choosePreset('vn-baseline');
  });

  // ---- 5 ------------------------------------------------------------------------------------

  it('5. a .docx whose header says "MẬT": blocked (content read off the page thread)', async () => {
    await compose();
    const file = join(filesDir, 'ke-hoach-cong-tac.docx');
    writeFileSync(file, makeDocx({ header: ['MẬT'], body: ['KẾ HOẠCH CÔNG TÁC', 'Triển khai nhiệm vụ năm 2026.'] }));
    const subject = `Kế hoạch công tác ${RUN}`;
    await fillCompose(page, { to: E2E_USERS.recipient, subject, body: 'Gửi anh chị kế hoạch.' });
    await attachFile(page, file);
    // The content verdict also arrives as an attach-time notice once the text is extracted.
    await toast('attachment').locator('[data-rule="classified-content"]').waitFor({ timeout: 20_000 });

    const before = sends();
    await clickSend(page);
    await dialog().waitFor();
    const item = dialog().locator('li.finding[data-rule="classified-content"]');
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain('ke-hoach-cong-tac.docx');
    expect(await dialog().locator('[data-action="send-anyway"]').count()).toBe(0);
    await dialog().locator('[data-action="back"]').click();
    await expectNotDelivered(subject, before);
  });

  it('5b. a PDF with "TUYỆT MẬT" in its text layer: blocked (pdf.js in the extraction worker)', async () => {
    await compose();
    const file = join(filesDir, 'bao-cao.pdf');
    writeFileSync(file, makePdf({ lines: ['TUYỆT MẬT', 'BÁO CÁO TÌNH HÌNH', 'Nội dung báo cáo năm 2026.'] }));
    const subject = `Báo cáo ${RUN}`;
    await fillCompose(page, { to: E2E_USERS.recipient, subject, body: 'Gửi anh chị báo cáo.' });
    await attachFile(page, file);
    const before = sends();
    await clickSend(page); // extraction may still be running: then "Đang kiểm tra…" comes first
    await dialog().locator('li.finding[data-rule="classified-content"]').waitFor({ timeout: 30_000 });
    expect(await dialog().locator('li.finding[data-rule="classified-content"]').textContent()).toContain('bao-cao.pdf');
    await dialog().locator('[data-action="back"]').click();
    await expectNotDelivered(subject, before);
  });

  // ---- 6 ------------------------------------------------------------------------------------

  it('6. TCVN3 body → "Chuyển sang Unicode" → the delivered body is correct Unicode', async () => {
    await compose();
    const legacy = 'Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc';
    const unicode = 'Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc';
    expect(convertLegacyToUnicode(legacy, 'tcvn3')).toBe(unicode); // the converter, independently
    const subject = `Thông báo ${RUN}`;
    await fillCompose(page, { to: E2E_USERS.recipient, subject, body: legacy });
    const before = sends();
    await clickSend(page);
    await dialog().waitFor();
    expect(await dialog().locator('li.finding[data-rule="legacy-encoding"]').count()).toBe(1);
    await dialog().locator('[data-action="convert"]').click();
    await dialog().waitFor({ state: 'detached' });
    await toast('converted').waitFor();
    expect((await readComposeFields(page)).body).toBe(unicode);
    expect(sends()).toBe(before); // converting never sends by itself

    await clickSend(page); // now clean: goes with no dialog
    await waitForSent(page);
    const m = await expectDeliveredOnce(subject, before);
    expect(m.body.trim()).toBe(unicode);
    expect(m.body.normalize('NFC')).toBe(m.body);
  });

  // ---- 7 ------------------------------------------------------------------------------------

  it('7. a subject with <img src=x onerror=…> is shown as text and nothing executes', async () => {
    await compose();
    const payload = '<img src=x onerror="window.__cgPwned=1;alert(1)">';
    const subject = `TUYỆT MẬT ${payload} ${RUN}`;
    await fillCompose(page, { to: E2E_USERS.recipient, subject, body: 'x' });
    const before = sends();
    const requestsBefore = browser.requests.length;
    await clickSend(page);
    await dialog().waitFor();
    expect(await dialog().locator('.excerpt').first().textContent()).toContain(payload);
    const shadowImgs = await page.evaluate((tag) => document.querySelector(tag)?.shadowRoot?.querySelectorAll('img').length ?? -1, HOST_TAG);
    expect(shadowImgs).toBe(0);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.__cgPwned)).toBeUndefined();
    expect(pageDialogs.filter((d) => d.startsWith('alert'))).toEqual([]);
    // No image request for "x" was made by anything.
    expect(browser.requests.slice(requestsBefore).filter((r) => /\/x$/.test(new URL(r.url).pathname))).toEqual([]);
    await dialog().locator('[data-action="back"]').click();
    await expectNotDelivered(subject, before);
  });

  // ---- protection inactive ------------------------------------------------------------------

  it('selectors that stop matching while composing turn the toolbar to "bảo vệ chưa hoạt động"', async () => {
    await compose();
    await page.evaluate((sel) => {
      const b = document.querySelector(sel)!;
      b.removeAttribute('onclick');
      b.className = 'btn btn-primary';
    }, ROUNDCUBE.sendButton);
    await expect.poll(() => tabState(), { timeout: 5000 }).toBe('inactive');
  });

  // ---- 8 ------------------------------------------------------------------------------------

  it('8. the browser made no request to any origin but the webmail (recorded)', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    // The only other URLs are the extension's own packaged files (options page, extraction
    // frame and worker): chrome-extension:// loads that never leave the machine. (Filtered here
    // by prefix: Node's URL gives chrome-extension:// URLs the origin "null".)
    const ownFiles = `chrome-extension://${browser.extensionId}/`;
    const outside = browser.requestsOutside([origin]).filter((r) => !r.url.startsWith(ownFiles));
    expect(outside.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(browser.requests.filter((r) => r.source === 'service-worker')).toEqual([]);
  });
});
