/** A fake of the WebExtension APIs initUnitMailbox uses; chrome.alarms runs on (fake) setTimeout. */
import type { UnitBrowser } from '../../extension/unit-mailbox/background';

export interface FakeTab {
  id: number;
  url: string;
  answer?: (msg: unknown) => unknown;
}

export function fakeBrowser(initial: Record<string, unknown> = {}, tabs: FakeTab[] = []) {
  const data: Record<string, unknown> = structuredClone(initial);
  const changed: ((c: Record<string, unknown>, area: string) => void)[] = [];
  const alarmListeners: ((a: { name: string }) => void)[] = [];
  const alarms = new Map<string, { when?: number; period?: number; timer: ReturnType<typeof setTimeout> }>();
  const notifications: { id: string; title: string; message: string; at: number }[] = [];
  const badge: { text: string; tabId?: number }[] = [];
  const created: string[] = [];
  const messageListeners: ((msg: unknown, sender: { id?: string }, send: (r: unknown) => void) => boolean | void)[] = [];
  const updatedListeners: ((id: number, info: { status?: string }, tab: { id?: number; url?: string }) => void)[] = [];

  const fire = (name: string) => alarmListeners.forEach((fn) => fn({ name }));
  const b: UnitBrowser = {
    runtime: {
      id: 'ext',
      getURL: (p) => `chrome-extension://ext${p}`,
      onMessage: { addListener: (fn) => void messageListeners.push(fn) },
    },
    storage: {
      local: {
        async get(keys) {
          const out: Record<string, unknown> = {};
          for (const k of Array.isArray(keys) ? keys : [keys]) if (k in data) out[k] = structuredClone(data[k]);
          return out;
        },
        async set(items) {
          const c: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(items)) {
            c[k] = { oldValue: data[k], newValue: v };
            data[k] = structuredClone(v);
          }
          changed.forEach((fn) => fn(c, 'local'));
        },
      },
      onChanged: { addListener: (fn) => void changed.push(fn) },
    },
    tabs: {
      query: async () => tabs.map(({ id, url }) => ({ id, url })),
      async sendMessage(tabId, msg) {
        const t = tabs.find((x) => x.id === tabId);
        if (!t?.answer) throw new Error('Could not establish connection. Receiving end does not exist.');
        return t.answer(msg);
      },
      create: async (p) => void created.push(p.url),
      onUpdated: { addListener: (fn) => void updatedListeners.push(fn) },
    },
    action: {
      setBadgeText: async (d) => void badge.push(d),
      setBadgeBackgroundColor: async () => undefined,
    },
    alarms: {
      create(name, info) {
        const old = alarms.get(name);
        if (old) clearTimeout(old.timer);
        if (info.periodInMinutes) {
          const ms = info.periodInMinutes * 60_000;
          const timer = setInterval(() => fire(name), ms) as unknown as ReturnType<typeof setTimeout>;
          alarms.set(name, { period: ms, timer });
        } else {
          const when = info.when ?? Date.now() + (info.delayInMinutes ?? 0) * 60_000;
          const timer = setTimeout(() => {
            alarms.delete(name);
            fire(name);
          }, Math.max(0, when - Date.now()));
          alarms.set(name, { when, timer });
        }
      },
      async get(name) {
        return alarms.has(name) ? { name } : undefined;
      },
      async clear(name) {
        const a = alarms.get(name);
        if (a) {
          clearTimeout(a.timer);
          clearInterval(a.timer as unknown as ReturnType<typeof setInterval>);
        }
        return alarms.delete(name);
      },
      onAlarm: { addListener: (fn) => void alarmListeners.push(fn) },
    },
    notifications: {
      async create(id, o) {
        notifications.push({ id, title: o.title, message: o.message, at: Date.now() });
        return id;
      },
      onClicked: { addListener: () => undefined },
    },
  };
  return {
    browser: b, data, alarms, notifications, badge, created,
    sendRuntime(msg: unknown) {
      return new Promise((resolve) => {
        for (const fn of messageListeners) fn(msg, { id: 'ext' }, resolve);
      });
    },
    /** A storage change in another area (e.g. 'managed': the agency changed its policy). */
    storageChanged(changes: Record<string, unknown>, area: string) {
      changed.forEach((fn) => fn(changes, area));
    },
    tabUpdated(id: number, url: string) {
      updatedListeners.forEach((fn) => fn(id, { status: 'complete' }, { id, url }));
    },
  };
}
