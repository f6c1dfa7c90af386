/**
 * Background half of the account-hygiene rules (issue #7, REQUIREMENTS.md §3):
 *  - `no-service-signup`: (un)registers the sign-up content script. It is registered ONLY while
 *    the user opted in (storage `signupGuard` === true, set by the options page) AND the
 *    optional `scripting` permission plus at least one of the optional host permissions
 *    (SIGNUP_PERMISSIONS) are granted. Otherwise nothing is registered, so nothing is injected
 *    into any outside page. Agency sites (*.gov.vn, policy agencyDomains) and the policy's
 *    `signupAllowList` are excluded from injection altogether (TP.HCM Đ11 k4, Bộ TT&TT Đ15 k4
 *    concern outside services only).
 *  - `password-policy`: records the DATE of the last successful change per account in storage
 *    `passwordChanges` (account → YYYY-MM-DD; never the password) and answers the webmail
 *    pages' rotation status (Cần Thơ Đ10 k3 / Đ11 k4, TP.HCM Đ8 k3 đ.b).
 * No network, nothing leaves the browser.
 */
import type { Policy } from '../../shared/policy';
import type { PolicyResponse } from '../lib/messages';
import { STORAGE_KEYS, affectsPolicy } from '../lib/messages';
import { ruleKey } from '../../shared/policy/managed';
import { signupExcludeMatches } from '../../shared/rules/no-service-signup';
import { localDate, rotationStatus } from '../../shared/rules/password-policy';
import { isHygieneRequest, type HygieneStatus } from './messages';
import { SIGNUP_PERMISSIONS, SIGNUP_SCRIPT_FILE, SIGNUP_SCRIPT_ID } from './permissions';

interface Area {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove?(keys: string | string[]): Promise<void>;
}
interface RegisteredScript { id: string }
interface Scripting {
  registerContentScripts(s: object[]): Promise<void>;
  unregisterContentScripts(f?: { ids?: string[] }): Promise<void>;
  getRegisteredContentScripts(f?: { ids?: string[] }): Promise<RegisteredScript[]>;
}
interface Sender { id?: string; origin?: string; url?: string; tab?: { id?: number }; frameId?: number }

/** The slice of the browser API this module uses (wxt's `browser`, or a fake in unit tests). */
export interface HygieneBrowser {
  runtime: {
    id: string;
    onMessage: { addListener(fn: (msg: unknown, sender: Sender, send: (r: unknown) => void) => boolean | undefined): void };
    onInstalled: { addListener(fn: () => void): void };
    onStartup?: { addListener(fn: () => void): void };
  };
  storage: {
    local: Area;
    session?: Area;
    onChanged: { addListener(fn: (changes: Record<string, unknown>, area: string) => void): void };
  };
  permissions: {
    contains(p: { permissions?: string[]; origins?: string[] }): Promise<boolean>;
    onAdded?: { addListener(fn: () => void): void };
    onRemoved?: { addListener(fn: () => void): void };
  };
  scripting?: Scripting;
}

export interface HygieneDeps {
  browser: HygieneBrowser;
  loadPolicy(): Promise<PolicyResponse>;
  /** Injectable clock for tests. */
  now?: () => Date;
}

/** How long registration waits for the policy before using the last known one. */
const POLICY_WAIT_MS = 1000;
const ACCOUNT_KEY = (origin: string) => `hygiene:account:${origin}`;

export function initHygiene(deps: HygieneDeps): { syncSignup(): Promise<boolean> } {
  const b = deps.browser;
  const now = deps.now ?? (() => new Date());
  const accounts = new Map<string, string>();

  /** Set when the agency itself turned the rule off (managed `severity_no_service_signup: off`). */
  let adminOff = false;
  const policyOrNull = async (): Promise<Policy | null> => {
    try {
      const r = await deps.loadPolicy();
      if (!r.ok) return null;
      const locked = (r as { lockedKeys?: string[] }).lockedKeys ?? [];
      adminOff = locked.includes(ruleKey('no-service-signup', 'severity')) && r.policy.rules['no-service-signup'].severity === 'off';
      return r.policy;
    } catch {
      return null;
    }
  };

  // ---- no-service-signup: registration ---------------------------------------------------

  let syncing: Promise<boolean> = Promise.resolve(false);
  let lastPolicy: Policy | null = null;
  const syncSignup = (): Promise<boolean> => (syncing = syncing.then(doSync, doSync));

  async function doSync(): Promise<boolean> {
    const got = await b.storage.local.get(STORAGE_KEYS.signupGuard).catch(() => ({} as Record<string, unknown>));
    const optedIn = got[STORAGE_KEYS.signupGuard] === true;
    const scripting = b.scripting;
    const origins: string[] = [];
    if (optedIn && scripting?.registerContentScripts) {
      const hasScripting = await b.permissions.contains({ permissions: [...SIGNUP_PERMISSIONS.permissions] }).catch(() => false);
      if (hasScripting)
        for (const o of SIGNUP_PERMISSIONS.origins)
          if (await b.permissions.contains({ origins: [o] }).catch(() => false)) origins.push(o);
    }
    if (scripting?.getRegisteredContentScripts) {
      const existing = await scripting.getRegisteredContentScripts({ ids: [SIGNUP_SCRIPT_ID] }).catch(() => []);
      if (existing.length) await scripting.unregisterContentScripts({ ids: [SIGNUP_SCRIPT_ID] }).catch(() => {});
    }
    if (!optedIn || !origins.length || !scripting) return false;
    // The first policy load can take seconds (Chromium answers the first storage.managed.get()
    // late): register at once with the last known policy (or *.gov.vn), and again when it lands.
    const fresh = policyOrNull().then((p) => (p ? (lastPolicy = p) : p));
    const policy = await Promise.race([fresh, new Promise<null>((r) => setTimeout(() => r(null), POLICY_WAIT_MS))]);
    if (!policy && !lastPolicy) void fresh.then((p) => p && syncSignup());
    // The user's opt-in turns the rule on even where the preset is silent; only an explicit
    // "off" from the agency's managed policy overrides it.
    if (adminOff) return false;
    const excludeMatches = signupExcludeMatches(policy ?? lastPolicy ?? { agencyDomains: ['*.gov.vn'], signupAllowList: [] });
    await scripting.registerContentScripts([
      { id: SIGNUP_SCRIPT_ID, matches: origins, excludeMatches, js: [SIGNUP_SCRIPT_FILE], runAt: 'document_start', allFrames: false, persistAcrossSessions: true },
    ]);
    return true;
  }

  b.runtime.onInstalled.addListener(() => void syncSignup());
  b.runtime.onStartup?.addListener(() => void syncSignup());
  b.permissions.onAdded?.addListener(() => void syncSignup());
  b.permissions.onRemoved?.addListener(() => void syncSignup());
  b.storage.onChanged.addListener((changes, area) => {
    // excludeMatches come from the policy (agencyDomains, which the user's own addresses feed,
    // and signupAllowList): any change to it re-registers, as does the opt-in itself.
    if (affectsPolicy(changes, area) || (area === 'local' && STORAGE_KEYS.signupGuard in changes)) void syncSignup();
  });
  // The worker also starts for other reasons (a message, an alarm): make sure the registration
  // matches the stored choice every time.
  void syncSignup();

  // ---- password-policy: account, date of change, rotation ----------------------------------

  const originOf = (s: Sender): string | null => {
    if (s.origin) return s.origin;
    try { return s.url ? new URL(s.url).origin : null; } catch { return null; }
  };

  const getAccount = async (origin: string): Promise<string | null> => {
    const known = accounts.get(origin);
    if (known) return known;
    const got = await b.storage.session?.get(ACCOUNT_KEY(origin)).catch(() => ({} as Record<string, unknown>));
    const v = got?.[ACCOUNT_KEY(origin)];
    return typeof v === 'string' ? v : null;
  };

  /** Account key under which the date is kept: the signed-in address, else the webmail host. */
  const accountKey = async (origin: string) => (await getAccount(origin)) ?? new URL(origin).host;

  const readChanges = async (): Promise<Record<string, string>> => {
    const got = await b.storage.local.get(STORAGE_KEYS.passwordChanges);
    const v = got[STORAGE_KEYS.passwordChanges];
    return v && typeof v === 'object' ? { ...(v as Record<string, string>) } : {};
  };

  b.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== b.runtime.id || !isHygieneRequest(msg)) return false;
    const origin = originOf(sender);
    if (!origin) return false;
    const reply = (p: Promise<unknown>) => {
      p.then(sendResponse, (e) => sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }));
      return true;
    };
    switch (msg.type) {
      case 'hygiene:account':
        accounts.set(origin, msg.account.toLowerCase());
        return reply(
          (b.storage.session?.set({ [ACCOUNT_KEY(origin)]: msg.account.toLowerCase() }) ?? Promise.resolve()).catch(() => {}).then(() => ({ ok: true })),
        );
      case 'hygiene:password-changed':
        return reply((async () => {
          const key = await accountKey(origin);
          const changes = await readChanges();
          changes[key] = localDate(now());
          // Only account → date: the password itself never reaches the background.
          await b.storage.local.set({ [STORAGE_KEYS.passwordChanges]: changes });
          return { ok: true, date: changes[key] };
        })());
      case 'hygiene:status':
        return reply((async (): Promise<HygieneStatus | { ok: false; error: string }> => {
          const policy = await policyOrNull();
          if (!policy) return { ok: false, error: 'policy unavailable' };
          const account = await getAccount(origin);
          const key = account ?? new URL(origin).host;
          const changes = await readChanges();
          const rotation = rotationStatus(account ?? key, changes[key] ?? null, policy, now());
          return { ok: true, policy, account, rotation };
        })());
    }
    return false;
  });

  return { syncSignup };
}
