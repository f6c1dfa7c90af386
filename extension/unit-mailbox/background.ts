/**
 * Unit-mailbox reminders in the background (issue #5):
 *  - reads the managed unit mailboxes through the webmail tabs that are open (the mailbox
 *    content script runs Roundcube's own list request with the page's session — no credentials
 *    are ever seen or stored here) and keeps ids/senders/subjects/received/due times in
 *    `overdueCache`;
 *  - badge: the number of overdue, unsnoozed messages, as the GLOBAL badge text. Precedence:
 *    the per-tab "!" (protection inactive, set by the core with a tabId) overrides the global
 *    count on that tab, because a broken guard on the page in front of the user is the more
 *    urgent thing; every other tab shows the count;
 *  - notifications at the preset's check times on working days (Bình Phước QĐ 48/2009 Đ8 k2)
 *    and once per message when it becomes overdue (reply within 02 working days, QĐ 652/QĐ-BTTTT
 *    Đ12 k4), unless snoozed.
 * Everything is injected (browser APIs, policy, clock) so tests run it with fakes and fake timers.
 */
import { overdue, type CalendarPolicy } from '../../shared/calendar';
import { VN_OFFSET_MS } from '../../shared/calendar/time';
import { affectsPolicy } from '../lib/messages';
import {
  SNOOZE_ALL, badgeText, emptyCache, isCache, normalizeMailboxes, popupModel, pruneSnoozes, toCachedItems,
  type OverdueCache, type Snoozes,
} from './model';
import { dueCheckTime, newlyOverdue, nextCheckAlarm } from './schedule';
import { isUnitRequest, type ReadRequest, type ReadResponse } from './protocol';

/** storage.local keys shared with the other parts (extension/lib/messages.ts STORAGE_KEYS). */
export const KEYS = { unitMailboxes: 'unitMailboxes', overdueCache: 'overdueCache', snoozes: 'snoozes' } as const;
/** This module's own bookkeeping: last check reminder and the items already notified as overdue. */
export const STATE_KEY = 'unitMailboxReminders';

export const ALARM_CHECK = 'cg-unit-check';
export const ALARM_REFRESH = 'cg-unit-refresh';
const REFRESH_MINUTES = 5;
/** A tab load re-reads a mailbox at most this often (a popup "Làm mới" always reads). */
const MIN_READ_INTERVAL_MS = 60_000;
const MAX_ITEMS_PER_MAILBOX = 300;
const BADGE_COLOR = '#B25E00';

interface ReminderState {
  lastCheckAt: number | null;
  notified: string[];
}

export interface UnitPolicy extends CalendarPolicy {
  unitMailboxes?: { directory?: string[] };
}

interface TabLike {
  id?: number;
  url?: string;
}

/** The slice of the WebExtension API used here (wxt's `browser` fits). */
export interface UnitBrowser {
  runtime: {
    id: string;
    getURL(path: string): string;
    onMessage: { addListener(fn: (msg: unknown, sender: { id?: string }, sendResponse: (r: unknown) => void) => boolean | void): void };
  };
  storage: {
    local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
    onChanged: { addListener(fn: (changes: Record<string, unknown>, area: string) => void): void };
  };
  tabs: {
    query(q: Record<string, unknown>): Promise<TabLike[]>;
    sendMessage(tabId: number, msg: unknown, opts?: { frameId?: number }): Promise<unknown>;
    create(p: { url: string }): Promise<unknown>;
    onUpdated: { addListener(fn: (tabId: number, info: { status?: string }, tab: TabLike) => void): void };
  };
  action: {
    setBadgeText(d: { text: string; tabId?: number }): Promise<void>;
    setBadgeBackgroundColor(d: { color: string; tabId?: number }): Promise<void>;
  };
  alarms?: {
    create(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): unknown;
    clear(name: string): Promise<boolean> | unknown;
    get?(name: string): Promise<{ name: string } | undefined> | unknown;
    onAlarm: { addListener(fn: (alarm: { name: string }) => void): void };
  };
  notifications?: {
    create(id: string, opts: { type: 'basic'; iconUrl: string; title: string; message: string; priority?: number }): Promise<string> | unknown;
    onClicked: { addListener(fn: (id: string) => void): void };
  };
}

export interface UnitMailboxDeps {
  browser: UnitBrowser;
  /** The policy in force (the background's loadPolicy()). */
  loadPolicy(): Promise<{ ok: true; policy: UnitPolicy } | { ok: false; error?: string } | unknown>;
  now?: () => number;
  log?: (...a: unknown[]) => void;
}

export interface UnitMailboxController {
  /** Read the open unit mailboxes (force: ignore the per-mailbox interval). */
  refresh(force?: boolean): Promise<void>;
  /** Re-evaluate the cache against the clock: badge and overdue notifications. */
  evaluate(): Promise<void>;
  onAlarm(name: string): Promise<void>;
  /** Schedule the next check-time alarm. */
  schedule(): Promise<void>;
}

export function initUnitMailbox(deps: UnitMailboxDeps): UnitMailboxController {
  const b = deps.browser;
  const now = deps.now ?? (() => Date.now());
  const log = deps.log ?? ((...a: unknown[]) => console.warn('[congvu-guard unit-mailbox]', ...a));
  const lastRead = new Map<string, number>();
  let chain: Promise<unknown> = Promise.resolve();
  /** Serialise storage read-modify-write cycles (alarms, tab loads and the popup race). */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn, fn);
    chain = p.catch(() => undefined);
    return p;
  };

  async function policy(): Promise<UnitPolicy | null> {
    try {
      const r = (await deps.loadPolicy()) as { ok?: boolean; policy?: UnitPolicy };
      return r && r.ok && r.policy ? r.policy : null;
    } catch (e) {
      log('policy', e);
      return null;
    }
  }

  async function managed(p: UnitPolicy | null): Promise<string[]> {
    const got = await b.storage.local.get(KEYS.unitMailboxes);
    return normalizeMailboxes([...normalizeMailboxes(got[KEYS.unitMailboxes]), ...(p?.unitMailboxes?.directory ?? [])]);
  }

  async function state(): Promise<ReminderState> {
    const got = (await b.storage.local.get(STATE_KEY))[STATE_KEY] as Partial<ReminderState> | undefined;
    return { lastCheckAt: typeof got?.lastCheckAt === 'number' ? got.lastCheckAt : null, notified: Array.isArray(got?.notified) ? got!.notified : [] };
  }

  async function notify(id: string, title: string, message: string): Promise<void> {
    if (!b.notifications) return;
    try {
      await b.notifications.create(id, { type: 'basic', iconUrl: b.runtime.getURL('/icon/128.png'), title, message, priority: 1 });
    } catch (e) {
      log('notification', e);
    }
  }

  async function readAll(force: boolean): Promise<void> {
    const p = await policy();
    if (!p) return;
    const boxes = await managed(p);
    if (!boxes.length) return;
    // Tab loads come in bursts (every Roundcube click is a page load): read each mailbox at most
    // once a minute unless the user asked (popup "Làm mới").
    if (!force && boxes.every((a) => now() - (lastRead.get(a) ?? -Infinity) < MIN_READ_INTERVAL_MS)) return;
    let tabs: TabLike[] = [];
    try {
      tabs = await b.tabs.query({});
    } catch {
      return;
    }
    const req: ReadRequest = { type: 'cg-unit:read', mailboxes: boxes };
    const answers: ReadResponse[] = [];
    const asked = new Set<string>();
    for (const tab of tabs) {
      if (tab.id === undefined || !/^https?:/.test(tab.url ?? 'https:')) continue;
      // One read per webmail origin and round: two tabs of the same webmail share a session.
      const origin = tab.url ? new URL(tab.url).origin : `tab${tab.id}`;
      if (asked.has(origin)) continue;
      try {
        const r = (await b.tabs.sendMessage(tab.id, req, { frameId: 0 })) as ReadResponse | undefined;
        if (r) {
          asked.add(origin);
          answers.push(r);
        }
      } catch {
        /* no content script in that tab */
      }
    }
    if (!answers.length) return;
    await serial(async () => {
      const got = await b.storage.local.get(KEYS.overdueCache);
      const cache: OverdueCache = isCache(got[KEYS.overdueCache]) ? (got[KEYS.overdueCache] as OverdueCache) : emptyCache();
      for (const a of answers) {
        if (!a || !a.account) continue;
        const account = a.account.toLowerCase();
        if (!boxes.includes(account)) continue;
        lastRead.set(account, now());
        const before = cache.mailboxes[account];
        if (a.ok) {
          const entries = overdue(a.items, p, new Date(now()), { mailboxAddress: account });
          cache.mailboxes[account] = {
            address: account,
            webmail: a.webmail,
            baseUrl: a.baseUrl,
            checkedAt: new Date(now()).toISOString(),
            complete: a.complete,
            items: toCachedItems(entries.slice(0, MAX_ITEMS_PER_MAILBOX)),
          };
        } else if (before) {
          cache.mailboxes[account] = { ...before, error: { vi: a.error_vi, en: a.error_en } };
        } else if (a.webmail && a.baseUrl) {
          cache.mailboxes[account] = {
            address: account, webmail: a.webmail, baseUrl: a.baseUrl, checkedAt: new Date(now()).toISOString(),
            complete: false, items: [], error: { vi: a.error_vi, en: a.error_en },
          };
        }
      }
      await b.storage.local.set({ [KEYS.overdueCache]: cache });
    });
  }

  async function evaluate(): Promise<void> {
    await serial(async () => {
      const p = await policy();
      const boxes = await managed(p);
      const got = await b.storage.local.get([KEYS.overdueCache, KEYS.snoozes]);
      const cache = isCache(got[KEYS.overdueCache]) ? (got[KEYS.overdueCache] as OverdueCache) : null;
      const snoozes = pruneSnoozes((got[KEYS.snoozes] as Snoozes) ?? {}, now());
      const model = popupModel(cache, snoozes, boxes, now());
      try {
        await b.action.setBadgeText({ text: badgeText(model.overdueCount) });
        if (model.overdueCount) await b.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
      } catch {
        /* no action API (tests) */
      }
      const st = await state();
      const overdueKeys = model.rows.filter((r) => r.status === 'overdue').map((r) => r.key);
      const fresh = newlyOverdue(
        model.rows.filter((r) => r.status === 'overdue' && r.snoozedUntil === null).map((r) => r.key),
        st.notified,
      );
      if (fresh.length) {
        const first = model.rows.find((r) => r.key === fresh[0])!;
        // QĐ 652/QĐ-BTTTT Đ12 k4: reply within 02 working days.
        await notify(
          `cg-overdue:${now()}`,
          fresh.length === 1 ? 'Thư quá hạn trả lời — Reply overdue' : `${fresh.length} thư quá hạn trả lời — ${fresh.length} replies overdue`,
          `${first.subject} — ${first.from} (${first.mailbox})`,
        );
      }
      // Remember what was notified; forget what is no longer overdue (answered or gone).
      const notified = [...new Set([...st.notified.filter((k) => overdueKeys.includes(k)), ...fresh])];
      await b.storage.local.set({ [STATE_KEY]: { ...st, notified } satisfies ReminderState });
    });
  }

  async function checkReminder(): Promise<void> {
    const p = await policy();
    if (!p) return;
    const boxes = await managed(p);
    if (!boxes.length) return;
    await serial(async () => {
      const st = await state();
      const due = dueCheckTime(now(), st.lastCheckAt, p);
      if (due === null) return;
      await b.storage.local.set({ [STATE_KEY]: { ...st, lastCheckAt: due } satisfies ReminderState });
      const got = await b.storage.local.get([KEYS.overdueCache, KEYS.snoozes]);
      const snoozes = pruneSnoozes((got[KEYS.snoozes] as Snoozes) ?? {}, now());
      if (snoozes[SNOOZE_ALL]) return; // "Tạm ẩn nhắc nhở" covers the check reminders too
      const cache = isCache(got[KEYS.overdueCache]) ? (got[KEYS.overdueCache] as OverdueCache) : null;
      const model = popupModel(cache, snoozes, boxes, now());
      const hhmm = new Date(due + VN_OFFSET_MS).toISOString().slice(11, 16); // Vietnamese time
      // Bình Phước QĐ 48/2009 Đ8 k2 (and the other presets' check times): open the unit mailbox.
      await notify(
        `cg-check:${due}`,
        `${hhmm} — Giờ kiểm tra hộp thư đơn vị / Time to check the unit mailbox`,
        `${boxes.join(', ')}: ${model.overdueCount} thư quá hạn trả lời / ${model.overdueCount} overdue`,
      );
    });
  }

  async function schedule(): Promise<void> {
    if (!b.alarms) return;
    const p = await policy();
    const next = p ? nextCheckAlarm(now(), p) : null;
    await b.alarms.clear(ALARM_CHECK);
    if (next !== null) b.alarms.create(ALARM_CHECK, { when: next });
  }

  async function onAlarm(name: string): Promise<void> {
    if (name === ALARM_CHECK) {
      await checkReminder();
      await schedule();
    } else if (name === ALARM_REFRESH) {
      await readAll(false).catch((e) => log('read', e));
      await evaluate();
    }
  }

  async function refresh(force = false): Promise<void> {
    await readAll(force).catch((e) => log('read', e));
    await evaluate();
  }

  // ---- wiring
  b.alarms?.onAlarm.addListener((a) => void onAlarm(a.name));
  // The service worker re-runs this on every wake-up; re-creating a periodic alarm would restart
  // its period each time (and it might never fire), so it is created only when missing.
  void (async () => {
    if (!b.alarms) return;
    const existing = b.alarms.get ? await Promise.resolve(b.alarms.get(ALARM_REFRESH)).catch(() => undefined) : undefined;
    if (!existing) b.alarms.create(ALARM_REFRESH, { periodInMinutes: REFRESH_MINUTES });
  })();
  void schedule();
  void evaluate();
  b.notifications?.onClicked.addListener((id) => {
    if (id.startsWith('cg-')) void b.tabs.create({ url: b.runtime.getURL('/popup.html') });
  });
  b.storage.onChanged.addListener((changes, area) => {
    if (area === 'local') {
      if (KEYS.snoozes in changes || KEYS.unitMailboxes in changes) void evaluate();
      if (KEYS.unitMailboxes in changes) void refresh(true);
    }
    // The check times come from the policy, which an agency can change through managed storage
    // too (GPO checkTimes): any change to the policy re-plans the next reminder.
    if (affectsPolicy(changes, area)) void schedule();
  });
  let pending: ReturnType<typeof setTimeout> | undefined;
  b.tabs.onUpdated.addListener((_id, info, tab) => {
    if (info.status !== 'complete' || !/^https?:/.test(tab.url ?? '')) return;
    // A webmail page finished loading (e.g. right after login): read soon, once for a burst.
    clearTimeout(pending);
    pending = setTimeout(() => void refresh(false), 1500);
  });
  b.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== b.runtime.id || !isUnitRequest(msg)) return false;
    refresh(true).then(
      () => sendResponse({ ok: true }),
      (e) => sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
    return true;
  });

  return { refresh, evaluate, onAlarm, schedule };
}
