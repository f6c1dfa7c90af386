/**
 * The options page in real Chromium (issue #6 "Done means"), production build, screenshot in an
 * unmanaged and a managed state (files in .e2e-tmp/screenshots/, looked at by a person; the
 * assertions pin what they must show). The managed state is real enterprise policy: a file in
 * /etc/chromium/policies/managed/ (root; removed in finally and afterAll, since every Chromium
 * on the machine would obey it — run under `flock /tmp/e2e.lock`, as test:e2e is).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { E2E_TMP } from '../e2e/harness/mailstack.ts';
import { launchBrowser, type E2EBrowser } from '../e2e/harness/browser.ts';
import { CHROME_EXTENSION_ID } from '../../shared/admin/ids.ts';
import { exportPolicy } from '../../shared/admin/export.ts';
import type { Chrome } from '../e2e/harness/chrome.ts';

const EXT = process.env.E2E_EXTENSION_DIR;
const RUN = randomBytes(3).toString('hex');
const POLICY_FILE = `/etc/chromium/policies/managed/congvu-guard-options-${RUN}.json`;
const SHOTS = join(E2E_TMP, 'screenshots');

declare const chrome: Chrome;

const AUDIT = [
  { at: '2026-11-20T01:15:00.000Z', adapter: 'roundcube', preset: 'cantho', rules: ['attachment-too-large'], reason: 'Hồ sơ dự thầu, lãnh đạo đã duyệt gửi gấp', recipientDomains: ['soxd.cantho.gov.vn'] },
  { at: '2026-11-21T08:40:00.000Z', adapter: 'roundcube', preset: 'cantho', rules: ['public-recipient'], reason: 'Trả lời công dân theo đơn, "số 12/ĐT"', recipientDomains: ['gmail.com', 'cantho.gov.vn'] },
];

describe('options page in Chromium (production build)', () => {
  it('has the built extension', () => expect(EXT, 'E2E_EXTENSION_DIR unset: build the extension (npm run build:ext)').toBeTruthy());
  let browser: E2EBrowser | undefined;

  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
  afterAll(async () => {
    rmSync(POLICY_FILE, { force: true });
    await browser?.close();
  });

  async function open(b: E2EBrowser, seed: Record<string, unknown>): Promise<Page> {
    await b.inWorker('evaluate', (s) => chrome.storage.local.set(s), seed);
    const p = await b.context.newPage();
    await p.setViewportSize({ width: 900, height: 900 });
    await p.goto(`chrome-extension://${b.extensionId}/options.html`);
    await p.locator('#in-force .preset-name').waitFor();
    return p;
  }

  it('unmanaged: everything is the user’s, nothing locked; the CSV export downloads', async () => {
    browser = await launchBrowser({ extensionPath: EXT });
    const p = await open(browser, {
      preset: 'cantho',
      ownAddresses: ['nvminh@sonv.cantho.gov.vn'],
      unitMailboxes: ['sonv@cantho.gov.vn'],
      overrideLog: AUDIT,
    });
    expect(await p.locator('#in-force .preset-name').getAttribute('data-preset')).toBe('cantho');
    expect(await p.locator('#in-force .source').getAttribute('data-from')).toBe('local');
    expect(await p.locator('.lock').count()).toBe(0);
    expect(await p.locator('#preset').isDisabled()).toBe(false);
    expect(await p.locator('#audit-count').textContent()).toBe('2');
    expect(await p.locator('#audit-clear').isDisabled()).toBe(false);
    // A public address is refused as an "own" address.
    await p.locator('input[aria-label="ownAddresses"]').fill('ai.do@gmail.com');
    await p.locator('#own-addresses button', { hasText: 'Thêm' }).click();
    await expect.poll(() => p.locator('#own-addresses [role="alert"]').textContent()).toContain('thư công cộng');
    await p.screenshot({ path: join(SHOTS, 'options-unmanaged.png'), fullPage: true });

    const [download] = await Promise.all([p.waitForEvent('download'), p.locator('#audit-export').click()]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('"Trả lời công dân theo đơn, ""số 12/ĐT"""');
    expect(download.suggestedFilename()).toMatch(/^congvu-guard-nhat-ky-\d{4}-\d\d-\d\d\.csv$/);

    // Import: a bad file changes nothing and says so in both languages.
    writeFileSync(join(E2E_TMP, `bad-settings-${RUN}.json`), JSON.stringify({ format: 'congvu-guard-user-settings', version: 1, preset: 'cantho', unitMailboxes: ['khong-phai-dia-chi'] }));
    await p.locator('#settings-file').setInputFiles(join(E2E_TMP, `bad-settings-${RUN}.json`));
    await expect.poll(() => p.locator('#flash').textContent()).toContain('chưa thay đổi gì');
    expect(await p.locator('#flash').textContent()).toContain('$.unitMailboxes[0]');
    expect(await p.locator('#unitMailboxes li').count()).toBe(1);
    rmSync(join(E2E_TMP, `bad-settings-${RUN}.json`), { force: true });
    await browser.close();
    browser = undefined;
  });

  it('managed: agency settings locked with "Do cơ quan quản lý", clearing the log forbidden', async () => {
    try {
      // The settings file only (not the force-install one): see enterprise.e2e.ts for why.
      const settings = exportPolicy('chromium-linux', { extends: 'mic', agencyDomains: ['congvu-thunghiem.gov.vn'], attachmentLimitMB: 10 }).find((f) => f.path === 'congvu-guard-settings.json')!;
      const json = JSON.parse(settings.content);
      json['3rdparty'].extensions[CHROME_EXTENSION_ID].allowClearAuditLog = false;
      writeFileSync(POLICY_FILE, JSON.stringify(json));
      browser = await launchBrowser({ extensionPath: EXT });
      const p = await open(browser, { preset: 'cantho', overrideLog: AUDIT, ownAddresses: ['nvminh@sonv.cantho.gov.vn'] });
      await expect.poll(() => p.locator('#in-force .source').getAttribute('data-from'), { timeout: 10_000 }).toBe('managed');
      expect(await p.locator('#in-force .preset-name').getAttribute('data-preset')).toBe('mic');
      expect(await p.locator('#preset').isDisabled()).toBe(true);
      expect(await p.locator('#preset-section .lock').textContent()).toContain('Do cơ quan quản lý');
      expect(await p.locator('#own-addresses .lock').count()).toBe(1);
      expect(await p.locator('#audit-clear').isDisabled()).toBe(true);
      expect(await p.locator('.managed-row[data-key="attachmentLimitMB"] dd').textContent()).toBe('10 MB');
      await p.screenshot({ path: join(SHOTS, 'options-managed.png'), fullPage: true });
    } finally {
      rmSync(POLICY_FILE, { force: true });
    }
  });
});
