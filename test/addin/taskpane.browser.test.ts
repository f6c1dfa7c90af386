/**
 * The built task pane in real Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
 * with a mocked Office and a classified draft. Every request is answered from the build
 * directory through page.route; anything else is aborted and fails the test, which also
 * proves the pane makes no request besides its own files and policy.json.
 *
 * Deliberately not skippable: without Chromium this test FAILS (CI installs it first,
 * test/e2e/install.sh).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildForTest, type BuiltAddin } from './build';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ORIGIN = 'https://addin.test';
const ARTIFACTS = resolve(import.meta.dirname, '../../.output/test-artifacts');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

let built: BuiltAddin;
let browser: Browser;
let mockScript: string;

/** The page-side Office mock: test/addin/office-mock.ts bundled with a scenario. */
async function pageMock(scenario: object): Promise<string> {
  const r = await esbuild({
    stdin: {
      contents: `import { createOfficeMock } from './office-mock';
        const m = createOfficeMock(${JSON.stringify(scenario)});
        window.Office = m.Office; window.__mock = m;`,
      resolveDir: import.meta.dirname,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'chrome109',
    write: false,
  });
  return r.outputFiles[0].text;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. This test needs a real browser: install Debian's chromium ` +
        `(bash test/e2e/install.sh, or apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.`,
    );
  }
  built = await buildForTest({ baseUrl: ORIGIN, officeJsUrl: 'office-mock.js' });
  mockScript = await pageMock({
    displayLanguage: 'vi-VN',
    roaming: { congvuGuardPreset: 'quangngai' },
    item: {
      subject: 'TUYỆT MẬT - Phương án bảo vệ mục tiêu quan trọng',
      bodyHtml: '<p>Kính gửi Văn phòng UBND tỉnh,</p><p>Sở gửi phương án (tài liệu mật).</p>',
      from: { displayName: 'Trần Minh Hùng - Sở Y tế', emailAddress: 'tmhung-syt@quangngai.gov.vn' },
      to: [{ displayName: 'Văn phòng UBND tỉnh', emailAddress: 'ubnd@quangngai.gov.vn' }],
      attachments: [{ id: 'a1', name: 'phuong-an.zip', size: 26 * 1024 * 1024 }],
    },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('task pane in Chromium', () => {
  it('shows the classified-content finding with its citation, the policy source and the preset choice', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 1400 }, locale: 'vi-VN' });
    const stray: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/policy\.json/.test(m.text()) && !/404/.test(m.text())) errors.push(m.text());
    });
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) {
        stray.push(url.href);
        return route.abort();
      }
      if (url.pathname === '/office-mock.js') return route.fulfill({ status: 200, contentType: TYPES['.js'], body: mockScript });
      const file = join(built.outDir, decodeURIComponent(url.pathname));
      if (!file.startsWith(built.outDir) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });

    await page.goto(`${ORIGIN}/taskpane.html`);
    const card = page.locator('[data-rule="classified-content"]');
    mkdirSync(ARTIFACTS, { recursive: true });
    try {
      await card.waitFor({ state: 'visible', timeout: 20_000 });
    } catch (e) {
      await page.screenshot({ path: join(ARTIFACTS, 'taskpane-failed.png'), fullPage: true });
      const body = await page.locator('body').innerText().catch(() => '');
      throw new Error(`finding not shown (${String(e)}); page errors: ${JSON.stringify(errors)}; stray: ${JSON.stringify(stray)}; page text: ${body.slice(0, 1500)}`);
    }

    await expect.poll(() => card.innerText()).toMatch(/Chặn gửi/);
    const text = await card.innerText();
    expect(text).toMatch(/Điều 6 khoản 1, Quy chế kèm QĐ 51\/2015\/QĐ-UBND \(Quảng Ngãi\)/);
    // the regulation's own words, bundled at build time
    expect(text).toMatch(/bí mật nhà nước/);
    await expect.poll(() => page.locator('[data-rule="attachment-too-large"]').count()).toBe(1);

    const policy = await page.locator('[data-testid="policy"]').innerText();
    expect(policy).toMatch(/quangngai/);
    expect(policy).toMatch(/Bộ quy tắc do bạn chọn/);

    await page.screenshot({ path: join(ARTIFACTS, 'taskpane.png'), fullPage: true });

    expect(errors).toEqual([]);
    expect(stray).toEqual([]);
    await page.close();
  }, 60_000);
});
