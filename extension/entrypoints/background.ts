/**
 * Background (Chrome/Edge: service worker; Firefox: event page). Three jobs, all local:
 *  - resolve the policy in force and hand it to content scripts (extension/lib/policy-source);
 *  - show per-tab protection status on the toolbar button ("bảo vệ chưa hoạt động" = badge "!");
 *  - register the content scripts for webmail origins the user added on the options page
 *    (optional_host_permissions; needs the optional `scripting` permission, asked together).
 * No telemetry. The only network request is the admin's own policyUrl (HTTPS), when an
 * enterprise policy sets one; otherwise nothing here talks to anything but the browser.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { createPolicyService, type FetchLike, type PolicyServiceDeps } from '../lib/policy-source';
import { isRuntimeRequest, STORAGE_KEYS, type TabStatus } from '../lib/messages';
import { CONTENT_SCRIPT_FILES, isBuiltInPattern } from '../lib/origins';
import { initUnitMailbox, type UnitBrowser } from '../unit-mailbox/background';
import { initHygiene, type HygieneBrowser } from '../hygiene/background';

const STATUS_KEY = (tabId: number) => `tab:${tabId}`;
const DYNAMIC_IDS = { guard: 'congvu-guard-user-origins', hook: 'congvu-guard-user-origins-hook' } as const;

type SessionArea = { get(k: string): Promise<Record<string, unknown>>; set(o: Record<string, unknown>): Promise<void>; remove(k: string): Promise<void> };

export default defineBackground(() => {
  // Policy layers (issue #6): embedded preset ← managed ← admin policyUrl ← user. The policyUrl
  // fetch is the only request the extension makes, and only when an admin configured one.
  const policy = createPolicyService({
    stores: { local: browser.storage.local, managed: browser.storage.managed },
    fetch: ((url, init) => fetch(url, init)) as FetchLike,
    onStorageChanged: (fn) => browser.storage.onChanged.addListener((changes, area) => fn(changes, area)),
    alarms: (browser as unknown as { alarms?: PolicyServiceDeps['alarms'] }).alarms,
  });
  // Unit-mailbox reminders, badge count and notifications (issue #5): extension/unit-mailbox/.
  initUnitMailbox({ browser: browser as unknown as UnitBrowser, loadPolicy: () => policy.get() });
  // Account hygiene (issue #7): sign-up warning registration, password-change dates: extension/hygiene/.
  initHygiene({ browser: browser as unknown as HygieneBrowser, loadPolicy: () => policy.get() });

  // Tab status survives the service worker going to sleep in storage.session (memory-only,
  // cleared when the browser closes); the Map is the fast path while awake.
  const statuses = new Map<number, TabStatus>();
  const session = (browser.storage as unknown as { session?: SessionArea }).session;

  const showStatus = async (tabId: number, status: TabStatus | null) => {
    const inactive = status?.state === 'inactive';
    const title = !status
      ? 'congvu-guard'
      : inactive
        ? `congvu-guard: bảo vệ chưa hoạt động — protection inactive (${status.missing.join(', ')})`
        : 'congvu-guard: đang bảo vệ — protection active';
    try {
      // "!" is per tab and wins over the global unit-mailbox overdue count on that tab (issue #5,
      // extension/unit-mailbox/background.ts); otherwise null drops the tab's own text so the
      // count shows (Chrome and Firefox: tabId + null = inherit the global badge text; '' would hide it).
      await browser.action.setBadgeText({ tabId, text: inactive ? '!' : (null as unknown as string) });
      if (inactive) await browser.action.setBadgeBackgroundColor({ tabId, color: '#B00020' });
      await browser.action.setTitle({ tabId, title });
    } catch {
      /* the tab went away */
    }
  };

  const setStatus = async (tabId: number, status: TabStatus | null) => {
    if (status) statuses.set(tabId, status);
    else statuses.delete(tabId);
    try {
      if (status) await session?.set({ [STATUS_KEY(tabId)]: status });
      else await session?.remove(STATUS_KEY(tabId));
    } catch {
      /* storage.session missing (old Firefox): memory only */
    }
    await showStatus(tabId, status);
  };

  const getStatus = async (tabId: number): Promise<TabStatus | null> => {
    const known = statuses.get(tabId);
    if (known) return known;
    try {
      const got = await session?.get(STATUS_KEY(tabId));
      return (got?.[STATUS_KEY(tabId)] as TabStatus | undefined) ?? null;
    } catch {
      return null;
    }
  };

  browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: unknown) => void) => {
    // Only our own content scripts and pages talk to us (no externally_connectable).
    if (sender.id !== browser.runtime.id || !isRuntimeRequest(msg)) return false;
    const reply = (p: Promise<unknown>) => {
      p.then(sendResponse, (e) => sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }));
      return true; // keep the channel open for the async answer (Chrome needs this)
    };
    switch (msg.type) {
      case 'get-policy':
        return reply(policy.get());
      case 'status':
        if (sender.tab?.id === undefined || sender.frameId !== 0) return false;
        return reply(setStatus(sender.tab.id, msg.status).then(() => ({ ok: true })));
      case 'get-tab-status':
        return reply(getStatus(msg.tabId));
      case 'origins-changed':
        return reply(syncUserOrigins().then(() => ({ ok: true })));
    }
  });

  // A navigation starts a new page: forget the old status until its content script reports.
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') void setStatus(tabId, null);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    statuses.delete(tabId);
    void session?.remove(STATUS_KEY(tabId)).catch(() => {});
  });

  browser.runtime.onInstalled.addListener(() => void syncUserOrigins());
  browser.runtime.onStartup?.addListener(() => void syncUserOrigins());
  browser.permissions.onRemoved?.addListener(() => void syncUserOrigins());
});

/**
 * (Re)register the content scripts for user-added origins that are still granted. The manifest
 * already covers the built-in webmail origins; this only handles the extra ones.
 */
async function syncUserOrigins(): Promise<void> {
  const scripting = (browser as unknown as { scripting?: typeof browser.scripting }).scripting;
  if (!scripting?.registerContentScripts) return; // `scripting` not granted: nothing added yet
  const got = await browser.storage.local.get(STORAGE_KEYS.userOrigins);
  const wanted = Array.isArray(got[STORAGE_KEYS.userOrigins]) ? (got[STORAGE_KEYS.userOrigins] as string[]) : [];
  const granted: string[] = [];
  for (const pattern of wanted) {
    if (isBuiltInPattern(pattern)) continue;
    try {
      if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
    } catch {
      /* malformed pattern stored: skip */
    }
  }
  try {
    const existing = await scripting.getRegisteredContentScripts({ ids: [DYNAMIC_IDS.guard, DYNAMIC_IDS.hook] });
    if (existing.length) await scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  } catch {
    /* none registered */
  }
  if (!granted.length) return;
  await scripting.registerContentScripts([
    { id: DYNAMIC_IDS.guard, matches: granted, js: [CONTENT_SCRIPT_FILES.guard], runAt: 'document_start', persistAcrossSessions: true },
    {
      id: DYNAMIC_IDS.hook,
      matches: granted,
      js: [CONTENT_SCRIPT_FILES.roundcubeHook],
      runAt: 'document_end',
      world: 'MAIN',
      persistAcrossSessions: true,
    },
  ]);
}
