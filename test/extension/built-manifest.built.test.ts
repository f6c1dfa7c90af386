/**
 * Checks of the built extension (run by `npm run test:e2e`, which builds first; see
 * vitest.e2e.config.ts): permissions of the shipped Chrome manifest, and the Firefox build
 * passing addons-linter with no errors, as addons.mozilla.org would check it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROME_PUBLIC_KEY } from '../../extension/lib/manifest-key';
import { WEBMAIL_MATCHES } from '../../extension/lib/origins';

const ROOT = process.cwd();
const built = (browser: 'chrome' | 'firefox') => join(ROOT, '.output', `${browser}-mv3`, 'manifest.json');

function readBuilt(browser: 'chrome' | 'firefox') {
  const p = built(browser);
  if (!existsSync(p)) throw new Error(`${p} missing: run npm run build:ext first`);
  return JSON.parse(readFileSync(p, 'utf8'));
}

describe('built Chrome manifest (.output/chrome-mv3)', () => {
  it('asks for storage, alarms and notifications (unit-mailbox reminders, issue #5; scripting is optional), host access only for webmail', () => {
    const m = readBuilt('chrome');
    expect(m.permissions).toEqual(['storage', 'alarms', 'notifications']);
    expect(m.optional_permissions).toEqual(['scripting']);
    expect(m.host_permissions).toEqual(WEBMAIL_MATCHES);
    expect(m.key).toBe(CHROME_PUBLIC_KEY);
    expect(m.default_locale).toBe('vi');
    expect(m.content_scripts.find((c: { world?: string }) => c.world === 'MAIN')).toBeTruthy();
  });
});

describe('built content scripts (.output/chrome-mv3)', () => {
  // The small helpers run on every webmail page; a shared import that drags in the rule checks
  // (the markings matcher, legacy tables, re2js) once made password.js 205 KB instead of 25 KB.
  it('the password and mailbox helpers stay small (no rule checks bundled in)', () => {
    readBuilt('chrome');
    const size = (f: string) => readFileSync(join(ROOT, '.output', 'chrome-mv3', 'content-scripts', f)).length;
    expect(size('password.js'), 'password.js bytes').toBeLessThan(64 * 1024);
    expect(size('mailbox.js'), 'mailbox.js bytes').toBeLessThan(64 * 1024);
  });
});

describe('built Firefox manifest (.output/firefox-mv3)', () => {
  it('passes addons-linter with no errors', async () => {
    readBuilt('firefox');
    const name = 'addons-linter'; // untyped package: imported by name so tsc does not look for types
    const { createInstance } = (await import(name)) as {
      createInstance(o: { config: Record<string, unknown>; runAsBinary: boolean }): { run(): Promise<{ errors: { code: string; message: string; file?: string }[] }> };
    };
    const linter = createInstance({
      config: { _: [join(ROOT, '.output', 'firefox-mv3')], logLevel: 'fatal', stack: false, pretty: false, warningsAsErrors: false, metadata: false, output: 'none', boring: true, selfHosted: false },
      runAsBinary: false,
    });
    const result = await linter.run();
    expect(result.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
  }, 120_000);
});
