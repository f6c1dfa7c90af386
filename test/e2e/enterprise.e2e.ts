/**
 * Enterprise policy in real Chromium (issue #6 "Done means"): a policy file made by
 * `congvu-guard policy export --target chromium-linux` is placed in
 * /etc/chromium/policies/managed/, Debian's Chromium hands its `3rdparty` block to the
 * extension's chrome.storage.managed (checked against public/managed_schema.json), and the
 * guard on a real Roundcube then enforces `mic` — the dialog cites Bộ TT&TT. Then the admin
 * breaks the file: the last good policy stays and the options page says what is wrong.
 *
 * Found on the way (Chromium 14x, Debian): 3rdparty policy IS delivered to an unpacked
 * `--load-extension` extension whose manifest `key` gives it the policy's ID — no force-install
 * needed. The export writes two files; the force-install one (`congvu-guard-install.json`,
 * update_url = Chrome Web Store, unreachable here) keeps Chromium from starting the unpacked copy
 * at all (no service worker within 15 s; the policy claims the ID for the store package), so the
 * test installs the settings file (`congvu-guard-settings.json`) byte-for-byte as exported and
 * checks the install file separately. Needs root (CI runs as root), and runs
 * under `flock /tmp/e2e.lock` because /etc/chromium is shared by every browser on the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { E2E_PASSWORD, E2E_TMP, E2E_USERS, startMailStack, type MailStack } from './harness/mailstack.ts';
import { ROUNDCUBE, clickSend, closePage, fillCompose, launchBrowser, login, waitForCompose, type E2EBrowser } from './harness/browser.ts';
import { CHROME_EXTENSION_ID } from '../../shared/admin/ids.ts';
import type { Chrome } from './harness/chrome.ts';

const EXT = process.env.E2E_EXTENSION_DIR;
const RUN = randomBytes(3).toString('hex');
const HOST = 'mail.mic.gov.vn';
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, `congvu-guard-e2e-${RUN}.json`);
const CUSTOM_DOMAIN = 'congvu-thunghiem.gov.vn';
const MIC_CITATION = 'Điều 4 khoản 1, Quy chế kèm QĐ 652/QĐ-BTTTT (Bộ TT&TT)';
export const SHOTS = join(E2E_TMP, 'screenshots');

declare const chrome: Chrome;

interface PolicyAnswer {
  ok: boolean;
  policy: { preset: string; agencyDomains: string[] };
  source: { from: string; error_vi?: string; error_en?: string };
  lockedKeys: string[];
}

describe('enterprise policy from /etc/chromium/policies/managed (production build)', () => {
  it('has the built extension', () => expect(EXT, 'E2E_EXTENSION_DIR unset: build the extension (npm run build:ext)').toBeTruthy());
  let stack: MailStack;
  let browser: E2EBrowser | undefined;
  let base: string;
  let work: string;
  let profile: string;
  let exported: { '3rdparty': { extensions: Record<string, Record<string, unknown>> } };
  let exportedInstall: { ExtensionSettings: Record<string, { installation_mode: string }> };

  const installPolicy = (json: unknown) => {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify(json, null, 2));
  };
  const removePolicy = () => rmSync(POLICY_FILE, { force: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(E2E_TMP, `enterprise-${RUN}-`));
    profile = join(work, 'profile');
    // The admin's workflow, with the real CLI.
    const policyPath = join(work, 'chinh-sach.json');
    writeFileSync(policyPath, JSON.stringify({ extends: 'mic', agencyDomains: [CUSTOM_DOMAIN]}));
    execFileSync(process.execPath, ['bin/congvu-guard.mjs', 'policy', 'export', '--target', 'chromium-linux', '--policy', policyPath, '--out', join(work, 'out')], { stdio: 'pipe' });
    exported = JSON.parse(readFileSync(join(work, 'out', 'congvu-guard-settings.json'), 'utf8'));
    exportedInstall = JSON.parse(readFileSync(join(work, 'out', 'congvu-guard-install.json'), 'utf8'));
    stack = await startMailStack();
    base = `http://${HOST}:${stack.ports.http}/`;
  });

  afterAll(async () => {
    // Never leave a policy behind: it would apply to every Chromium on this machine.
    removePolicy();
    await browser?.close();
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const launch = async () => {
    await browser?.close();
    browser = await launchBrowser({ extensionPath: EXT, hostResolverRules: `MAP ${HOST} 127.0.0.1`, userDataDir: profile });
    return browser;
  };

  /** The background's answer, asked from an extension page (a worker cannot message itself). */
  async function getPolicy(page: Page): Promise<PolicyAnswer> {
    return page.evaluate(() => chrome.runtime.sendMessage({ type: 'get-policy' })) as Promise<PolicyAnswer>;
  }

  async function openOptions(): Promise<Page> {
    const p = await browser!.context.newPage();
    await p.goto(`chrome-extension://${browser!.extensionId}/options.html`);
    await p.locator('#in-force .preset-name').waitFor();
    return p;
  }

  async function dialogCitesMic(): Promise<void> {
    const page = browser!.page;
    await page.goto(base, { waitUntil: 'domcontentloaded' });
    // A relaunch on the same profile may or may not have kept the Roundcube session.
    if (await page.locator(ROUNDCUBE.loginUser).count()) await login(page, E2E_USERS.sender, E2E_PASSWORD);
    await page.goto(`${base}?_task=mail&_action=compose`, { waitUntil: 'domcontentloaded' });
    await waitForCompose(page);
    const subject = `TUYỆT MẬT: Kế hoạch ${RUN}`;
    await fillCompose(page, { to: E2E_USERS.recipient, subject, body: 'Kính gửi anh/chị.' });
    await clickSend(page);
    const item = page.locator('congvu-guard-ui .dialog li.finding[data-rule="classified-content"]');
    await item.waitFor({ timeout: 15_000 });
    expect(await item.textContent()).toContain(MIC_CITATION);
    await page.keyboard.press('Escape');
  }

  it('the export is a force-install file plus a 3rdparty settings file for our ID', () => {
    expect(exportedInstall.ExtensionSettings[CHROME_EXTENSION_ID].installation_mode).toBe('force_installed');
    expect(Object.keys(exported)).toEqual(['3rdparty']);
    expect(exported['3rdparty'].extensions[CHROME_EXTENSION_ID]).toEqual({ preset: 'mic', agencyDomains: [CUSTOM_DOMAIN] });
  });

  it('managed policy: Chromium delivers it, the guard cites Bộ TT&TT, the options page shows it locked', async () => {
    try {
      installPolicy(exported);
      const b = await launch();
      expect(b.extensionId).toBe(CHROME_EXTENSION_ID);
      await expect.poll(() => b.inWorker('evaluate', () => chrome.storage.managed.get(null)), { timeout: 10_000 })
        .toEqual({ preset: 'mic', agencyDomains: [CUSTOM_DOMAIN] });

      const opts = await openOptions();
      const answer = await getPolicy(opts);
      expect(answer.ok).toBe(true);
      expect(answer.policy.preset).toBe('mic');
      expect(answer.policy.agencyDomains).toContain(CUSTOM_DOMAIN);
      expect(answer.source.from).toBe('managed');
      expect(answer.source.error_vi).toBeUndefined();
      expect(answer.lockedKeys).toEqual(expect.arrayContaining(['preset', 'agencyDomains']));
      expect(await opts.locator('#preset').isDisabled()).toBe(true);
      expect(await opts.locator('#preset-section .lock').textContent()).toContain('Do cơ quan quản lý');
      expect(await opts.locator('.managed-row[data-key="agencyDomains"] dd').textContent()).toContain(CUSTOM_DOMAIN);
      await opts.screenshot({ path: join(SHOTS, 'enterprise-managed.png'), fullPage: true });
      await closePage(opts);

      await dialogCitesMic();
    } catch (e) {
      removePolicy();
      throw e;
    }
  });

  it('an invalid value: the last good policy stays and the options page shows the error', async () => {
    try {
      const bad = structuredClone(exported['3rdparty']);
      // Passes Chrome's schema (a string list) but not ours (not a domain): only the
      // extension can catch it, so it must say so instead of silently dropping protection.
      bad.extensions[CHROME_EXTENSION_ID] = { preset: 'mic', agencyDomains: [CUSTOM_DOMAIN, 'khong phai ten mien'] };
      installPolicy({ '3rdparty': bad });
      const b = await launch(); // same profile: policyCache holds the last good policy
      await expect.poll(() => b.inWorker('evaluate', async () => (await chrome.storage.managed.get(null)).agencyDomains), { timeout: 10_000 })
        .toEqual([CUSTOM_DOMAIN, 'khong phai ten mien']);

      const opts = await openOptions();
      const answer = await getPolicy(opts);
      expect(answer.policy.preset).toBe('mic');
      expect(answer.policy.agencyDomains).toContain(CUSTOM_DOMAIN);
      expect(answer.source.error_vi).toContain('$.agencyDomains[1]');
      const error = opts.locator('#policy-error');
      await error.waitFor();
      const text = (await error.textContent()) ?? '';
      expect(text).toContain('Chính sách của cơ quan có lỗi');
      expect(text).toContain('tên miền không hợp lệ');
      await opts.screenshot({ path: join(SHOTS, 'enterprise-invalid.png'), fullPage: true });
      await closePage(opts);

      await dialogCitesMic();
    } finally {
      removePolicy();
    }
  });
});
