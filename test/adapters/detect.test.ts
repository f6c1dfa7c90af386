// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true,"disableJavaScriptFileLoading":true,"disableCSSFileLoading":true}}
/**
 * Every saved page against every adapter: a specific adapter must claim its own pages and
 * no other application's, so the registry's first match is the right one. The generic
 * adapter claims any page (it is the last resort) and finds the compose form on all of
 * them, but the specific adapters must not see a compose form on foreign pages.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zimbraAdapter } from '../../extension/adapters/zimbra';
import { owaAdapter } from '../../extension/adapters/owa';
import { gmailAdapter } from '../../extension/adapters/gmail';
import { genericAdapter } from '../../extension/adapters/generic';
import type { WebmailAdapter } from '../../extension/adapters/types';
import { loadFixture } from './helpers';

const PAGES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pages');

const SPECIFIC: Record<string, WebmailAdapter> = { zimbra: zimbraAdapter, owa: owaAdapter, gmail: gmailAdapter };

/** Fixture name prefix → adapter id and the URL the page would have. */
const OWNER: Record<string, { id: string; url: string }> = {
  'zimbra-classic': { id: 'zimbra', url: 'https://mail.stttt.quangngai.gov.vn/' },
  'zimbra-modern': { id: 'zimbra', url: 'https://mail.sotttt.hanoi.gov.vn/modern/email/Inbox' },
  'owa-m365': { id: 'owa', url: 'https://outlook.office.com/mail/' },
  'owa-onprem': { id: 'owa', url: 'https://mail.sotnmt.quangtri.gov.vn/owa/' },
  gmail: { id: 'gmail', url: 'https://mail.google.com/mail/u/0/' },
  generic: { id: 'generic', url: 'https://mail.quangngai.gov.vn/mail/' },
};

const fixtures = readdirSync(PAGES).filter((f) => /^(zimbra|owa|gmail|generic)-.*\.html$/.test(f));

function ownerOf(file: string) {
  const prefix = Object.keys(OWNER).find((p) => file.startsWith(`${p}-`));
  if (!prefix) throw new Error(`no owner for ${file}`);
  return OWNER[prefix];
}

describe('adapter detection across all saved pages', () => {
  it('has the fixtures the brief asks for (compose, clean, send-moved per app)', () => {
    for (const app of ['zimbra-classic', 'zimbra-modern', 'owa-m365', 'gmail', 'generic']) {
      for (const kind of ['compose', 'clean', 'send-moved']) expect(fixtures).toContain(`${app}-${kind}.html`);
    }
  });

  for (const file of fixtures) {
    it(file, async () => {
      const owner = ownerOf(file);
      // Served from the owner's URL, yet no other adapter may claim it from the markup…
      await loadFixture(file, { url: owner.url });
      for (const [id, adapter] of Object.entries(SPECIFIC)) {
        expect.soft(adapter.detect(document), `${id}.detect on ${file}`).toBe(id === owner.id);
      }
      // …and from a neutral URL the markup alone must still identify the owner.
      await loadFixture(file, { url: 'https://webmail.example.gov.vn/' });
      for (const [id, adapter] of Object.entries(SPECIFIC)) {
        expect.soft(adapter.detect(document), `${id}.detect (neutral URL) on ${file}`).toBe(id === owner.id);
        if (id !== owner.id) expect.soft(adapter.isComposeOpen(document), `${id}.isComposeOpen on ${file}`).toBe(false);
      }
      expect(genericAdapter.detect(document)).toBe(true);
      const composing = !file.includes('-clean');
      if (owner.id !== 'generic') {
        expect(SPECIFIC[owner.id].isComposeOpen(document)).toBe(composing);
      }
    });
  }
});
