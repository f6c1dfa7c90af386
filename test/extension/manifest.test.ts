/**
 * Manifest facts that must not regress: the fixed extension ID, minimal permissions, where the
 * content scripts start, and (when the Firefox build exists) addons-linter with zero errors.
 * The build itself is not run here (it takes ~15 s and writes the shared .output/); CI runs
 * `npx wxt build -b firefox && npx addons-linter .output/firefox-mv3` (see the report).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, CHROME_PUBLIC_KEY } from '../../extension/lib/manifest-key';
import { WEBMAIL_INCLUDE_GLOBS, WEBMAIL_MATCHES } from '../../extension/lib/origins';

const ROOT = process.cwd();

/** Chrome's include_globs: `*` = any run of characters, `?` = one character, whole URL. */
function globMatch(glob: string, url: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(url);
}
const injected = (url: string) => WEBMAIL_INCLUDE_GLOBS.some((g) => globMatch(g, url));

describe('extension identity', () => {
  it('the manifest key yields the documented extension ID', () => {
    const hex = createHash('sha256').update(Buffer.from(CHROME_PUBLIC_KEY, 'base64')).digest('hex').slice(0, 32);
    const id = [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
    expect(id).toBe(CHROME_EXTENSION_ID);
  });
});

describe('where the content scripts start', () => {
  it.each([
    'https://mail.quangngai.gov.vn/',
    'https://mail.quangngai.gov.vn/?_task=mail&_action=compose',
    'https://mail.quangngai.gov.vn:8443/roundcube/',
    'https://email.cantho.gov.vn/zimbra/',
    'http://webmail.binhphuoc.gov.vn/',
    'https://thudientu.tphcm.gov.vn/',
    'https://portal.mic.gov.vn/owa/#path=/mail',
    'https://mail.google.com/mail/u/0/#inbox',
    'https://outlook.office.com/mail/',
  ])('on %s', (url) => expect(injected(url)).toBe(true));

  it.each(['https://www.quangngai.gov.vn/tin-tuc', 'https://dichvucong.gov.vn/', 'https://mail.example.com/'])('not on %s', (url) =>
    expect(injected(url)).toBe(false),
  );

  it('never lists loopback or all-sites host access', () => {
    for (const m of WEBMAIL_MATCHES) expect(m).not.toMatch(/127\.0\.0\.1|localhost|<all_urls>|^\*:\/\/\*\/|^https?:\/\/\*\//);
  });
});

const built = (browser: 'chrome' | 'firefox') => join(ROOT, '.output', `${browser}-mv3`, 'manifest.json');

describe.skipIf(!existsSync(built('chrome')))('built Chrome manifest (.output/chrome-mv3)', () => {
  const m = JSON.parse(readFileSync(built('chrome'), 'utf8'));
  it('asks only for storage (scripting is optional), host access only for webmail', () => {
    expect(m.permissions).toEqual(['storage']);
    expect(m.optional_permissions).toEqual(['scripting']);
    expect(m.host_permissions).toEqual(WEBMAIL_MATCHES);
    expect(m.key).toBe(CHROME_PUBLIC_KEY);
    expect(m.default_locale).toBe('vi');
    expect(m.content_scripts.find((c: { world?: string }) => c.world === 'MAIN')).toBeTruthy();
  });
});

describe.skipIf(!existsSync(built('firefox')))('built Firefox manifest (.output/firefox-mv3)', () => {
  it('passes addons-linter with no errors', async () => {
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
