/**
 * Options page entry: wires the page (extension/ui/options) to the browser. The policy comes
 * from the background (`get-policy`), so the page shows exactly what the guard enforces,
 * including which settings the agency locked and any error in the agency's policy.
 */
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { OptionsPage, type OptionsApi } from '../../ui/options/OptionsPage';
import type { UserSettings } from '../../ui/options/settings-io';
import { STORAGE_KEYS, type PolicyResponse } from '../../lib/messages';
import { OWN_ADDRESSES_KEY } from '../../lib/policy-source';
import { clearOverrides, readOverrides } from '../../lib/override-log';

/** The no-service-signup warning (issue #7) watches sign-up forms on any site. */
const SIGNUP_ORIGINS = ['https://*/*', 'http://*/*'];

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const api: OptionsApi = {
  async load() {
    const local = browser.storage.local;
    const got = await local.get([STORAGE_KEYS.preset, OWN_ADDRESSES_KEY, STORAGE_KEYS.unitMailboxes, STORAGE_KEYS.signupGuard, STORAGE_KEYS.language, STORAGE_KEYS.userOrigins]);
    const policy = ((await browser.runtime.sendMessage({ type: 'get-policy' }).catch(() => null)) as PolicyResponse | null) ?? null;
    const user: UserSettings = {
      ...(typeof got[STORAGE_KEYS.preset] === 'string' ? { preset: got[STORAGE_KEYS.preset] as string } : {}),
      ownAddresses: strings(got[OWN_ADDRESSES_KEY]),
      unitMailboxes: strings(got[STORAGE_KEYS.unitMailboxes]),
      signupGuard: got[STORAGE_KEYS.signupGuard] === true,
      language: got[STORAGE_KEYS.language] === 'en' ? 'en' : 'vi',
      webmailOrigins: strings(got[STORAGE_KEYS.userOrigins]),
    };
    return { policy, user, audit: await readOverrides(local) };
  },
  async save(s) {
    const out: Record<string, unknown> = {};
    if (s.preset !== undefined) out[STORAGE_KEYS.preset] = s.preset;
    if (s.ownAddresses) out[OWN_ADDRESSES_KEY] = s.ownAddresses;
    if (s.unitMailboxes) out[STORAGE_KEYS.unitMailboxes] = s.unitMailboxes;
    if (s.signupGuard !== undefined) out[STORAGE_KEYS.signupGuard] = s.signupGuard;
    if (s.language) out[STORAGE_KEYS.language] = s.language;
    await browser.storage.local.set(out);
  },
  async addOrigin(pattern) {
    // Must run inside the click handler (user gesture) for the browser to show its prompt.
    const granted = await browser.permissions.request({ origins: [pattern], permissions: ['scripting'] });
    if (!granted) return false;
    const got = await browser.storage.local.get(STORAGE_KEYS.userOrigins);
    const list = strings(got[STORAGE_KEYS.userOrigins]);
    if (!list.includes(pattern)) await browser.storage.local.set({ [STORAGE_KEYS.userOrigins]: [...list, pattern] });
    await browser.runtime.sendMessage({ type: 'origins-changed' });
    return true;
  },
  async removeOrigin(pattern) {
    const got = await browser.storage.local.get(STORAGE_KEYS.userOrigins);
    await browser.storage.local.set({ [STORAGE_KEYS.userOrigins]: strings(got[STORAGE_KEYS.userOrigins]).filter((p) => p !== pattern) });
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    await browser.runtime.sendMessage({ type: 'origins-changed' });
  },
  requestSignupPermission: () => browser.permissions.request({ origins: SIGNUP_ORIGINS }),
  hasSignupPermission: () => browser.permissions.contains({ origins: SIGNUP_ORIGINS }),
  clearAudit: () => clearOverrides(browser.storage.local),
  download(name, content, type) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  onChanged(fn) {
    // The background writes policyCache after a policyUrl fetch; the admin may change managed policy.
    browser.storage.onChanged.addListener(() => fn());
  },
  confirm: (text) => window.confirm(text),
};

createRoot(document.getElementById('root')!).render(<OptionsPage api={api} />);
