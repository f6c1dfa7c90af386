import { chromium } from 'playwright-core';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
const EXT = '/work/main/.output/chrome-mv3';
const ID = 'mooaecpeofpeigdjhjggeminelkecnlb';
const dir = '/etc/chromium/policies/managed';
const file = dir + '/cg6-probe.json';
const withForce = process.argv[2] === 'force';
mkdirSync(dir, { recursive: true });
const pol: any = { '3rdparty': { extensions: { [ID]: { preset: 'mic', agencyDomains: ['probe.gov.vn'] } } } };
if (withForce) pol.ExtensionSettings = { [ID]: { installation_mode: 'force_installed', update_url: 'https://clients2.google.com/service/update2/crx' } };
writeFileSync(file, JSON.stringify(pol));
const ud = mkdtempSync('/tmp/cg6/prof-');
try {
  const ctx = await chromium.launchPersistentContext(ud, { executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--disable-background-networking', '--disable-component-update'],
    ignoreDefaultArgs: ['--disable-extensions'] });
  const sw = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker', { timeout: 15000 });
  console.log('sw', sw.url());
  await new Promise(r => setTimeout(r, 2000));
  console.log('managed', JSON.stringify(await sw.evaluate(async () => (globalThis as any).chrome.storage.managed.get(null))));
  const p = await ctx.newPage();
  await p.goto('chrome://policy');
  await p.waitForTimeout(1500);
  console.log((await p.locator('body').innerText()).slice(0, 1500));
  await ctx.close();
} finally { rmSync(file, { force: true }); rmSync(ud, { recursive: true, force: true }); }
