/** Import/export of the user's own settings (options page): all-or-nothing, locks respected. */
import { describe, expect, it } from 'vitest';
import { checkAddress, exportSettings, parseSettings, SETTINGS_FORMAT } from '../../extension/ui/options/settings-io';

const unlocked = { preset: false, ownAddresses: false };
const file = (o: object) => JSON.stringify({ format: SETTINGS_FORMAT, version: 1, ...o });

describe('user settings file', () => {
  it('round-trips', () => {
    const s = { preset: 'cantho', ownAddresses: ['an@sonv.cantho.gov.vn'], unitMailboxes: ['sonv@cantho.gov.vn'], signupGuard: true, language: 'vi' as const, webmailOrigins: ['https://mail.cantho.gov.vn/*'] };
    const r = parseSettings('\uFEFF' + exportSettings(s), unlocked);
    expect(r).toEqual({ ok: true, settings: s, skipped: [] });
  });

  it('bad files change nothing and say why in both languages', () => {
    for (const [text, vi] of [
      ['{', 'không phải JSON'],
      ['{"preset":"mic"}', 'không phải tệp cài đặt'],
      [file({ preset: 'khong-co' }), '$.preset'],
      [file({ unitMailboxes: ['ok@x.gov.vn', 'hỏng'] }), '$.unitMailboxes[1]'],
      [file({ extra: 1 }), 'không hợp lệ'],
      [file({ ownAddresses: ['ai@gmail.com'] }), 'thư công cộng'],
    ] as const) {
      const r = parseSettings(text, unlocked);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.vi).toContain(vi);
        expect(r.en.length).toBeGreaterThan(5);
      }
    }
  });

  it('fields the agency locks are skipped and reported, not an error', () => {
    const r = parseSettings(file({ preset: 'cantho', ownAddresses: ['an@sonv.cantho.gov.vn'], language: 'en' }), { preset: true, ownAddresses: true });
    expect(r).toEqual({ ok: true, settings: { language: 'en' }, skipped: ['preset', 'ownAddresses'] });
  });

  it('own addresses must be agency addresses', () => {
    expect(checkAddress('an@sonv.cantho.gov.vn', { agencyOnly: true })).toBe('ok');
    expect(checkAddress('an@yahoo.com.vn', { agencyOnly: true })).toBe('public');
    expect(checkAddress('not an address')).toBe('invalid');
  });
});
