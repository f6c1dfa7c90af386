import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Options, type OptionsApi } from '../../ui/pages/Options';
import { DEFAULT_PRESET, STORAGE_KEYS } from '../../lib/messages';

const api: OptionsApi = {
  async getPreset() {
    const got = await browser.storage.local.get(STORAGE_KEYS.preset);
    return typeof got[STORAGE_KEYS.preset] === 'string' ? (got[STORAGE_KEYS.preset] as string) : DEFAULT_PRESET;
  },
  async setPreset(id) {
    await browser.storage.local.set({ [STORAGE_KEYS.preset]: id });
  },
  async getOrigins() {
    const got = await browser.storage.local.get(STORAGE_KEYS.userOrigins);
    return Array.isArray(got[STORAGE_KEYS.userOrigins]) ? (got[STORAGE_KEYS.userOrigins] as string[]) : [];
  },
  async addOrigin(pattern) {
    // Must run inside the click handler (user gesture) for the browser to show its prompt.
    const granted = await browser.permissions.request({ origins: [pattern], permissions: ['scripting'] });
    if (!granted) return false;
    const list = await api.getOrigins();
    if (!list.includes(pattern)) await browser.storage.local.set({ [STORAGE_KEYS.userOrigins]: [...list, pattern] });
    await browser.runtime.sendMessage({ type: 'origins-changed' });
    return true;
  },
  async removeOrigin(pattern) {
    const list = (await api.getOrigins()).filter((p) => p !== pattern);
    await browser.storage.local.set({ [STORAGE_KEYS.userOrigins]: list });
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    await browser.runtime.sendMessage({ type: 'origins-changed' });
  },
};

createRoot(document.getElementById('root')!).render(<Options api={api} />);
