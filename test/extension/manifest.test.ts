/**
 * Manifest facts that must not regress: the fixed extension ID and where the content scripts
 * start. The checks of the BUILT manifests (permissions, addons-linter) are in
 * built-manifest.built.test.ts, run by `npm run test:e2e` right after it builds.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, CHROME_PUBLIC_KEY } from '../../extension/lib/manifest-key';
import { WEBMAIL_INCLUDE_GLOBS, WEBMAIL_MATCHES } from '../../extension/lib/origins';

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
