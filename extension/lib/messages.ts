/**
 * Runtime messages between the content scripts, the popup/options pages and the background.
 * Nothing here leaves the browser: chrome.runtime messaging stays inside the extension.
 */
import type { Policy } from '../../shared/policy';

/** What the guard tells the toolbar about the tab it runs in. */
export type ProtectionState =
  /** Adapter found, compose form open and every selector the guard needs matches. */
  | 'active'
  /** Adapter found, no compose form open: ready. */
  | 'ready'
  /** Compose form open but selectors miss: "bảo vệ chưa hoạt động". */
  | 'inactive';

export interface TabStatus {
  state: ProtectionState;
  adapter: string;
  missing: string[];
  /** Was the webmail's own send hook installed (Roundcube `beforesend`)? */
  hook: boolean;
}

export type RuntimeRequest =
  | { type: 'get-policy' }
  | { type: 'status'; status: TabStatus }
  | { type: 'get-tab-status'; tabId: number }
  | { type: 'origins-changed' };

export type PolicyResponse =
  | {
      ok: true;
      policy: Policy;
      source: PolicySourceInfo;
      /**
       * Flat managed keys (shared/policy/managed.ts MANAGED_PROPERTIES) the agency has set, plus
       * 'preset' whenever the user may not choose the preset: the UI shows these locked,
       * "Do cơ quan quản lý".
       */
      lockedKeys: string[];
      /** Admin `allowClearAuditLog` (default true): may the user clear the "Vẫn gửi" log? */
      allowClearAuditLog: boolean;
    }
  | { ok: false; error: string };

export interface PolicySourceInfo {
  preset: string;
  /**
   * The highest layer in force: 'remote' = the admin's policyUrl file, 'managed' = enterprise
   * policy (GPO / policies.json / managed JSON), 'local' = chosen on the options page,
   * 'default' = the embedded vn-baseline.
   */
  from: 'default' | 'local' | 'managed' | 'remote';
  /**
   * Set when an admin (managed or remote) policy is invalid or could not be fetched: plain
   * Vietnamese / English, for the popup and the options page. The last good policy stays in force.
   */
  error_vi?: string;
  error_en?: string;
  /** Technical detail of the same problem (paths, HTTP status), for admins. */
  fallbackReason?: string;
}

export function isRuntimeRequest(value: unknown): value is RuntimeRequest {
  if (!value || typeof value !== 'object') return false;
  const type = (value as { type?: unknown }).type;
  return type === 'get-policy' || type === 'status' || type === 'get-tab-status' || type === 'origins-changed';
}

/** chrome.storage.local keys owned by the extension. */
export const STORAGE_KEYS = {
  /** Preset id chosen on the options page. */
  preset: 'preset',
  /** Origins (match patterns) the user added on the options page. */
  userOrigins: 'userOrigins',
  /** Local audit log of "Vẫn gửi" decisions (never sent anywhere). */
  overrideLog: 'overrideLog',
  /** UI language chosen on the options page: 'vi' (default) | 'en'. */
  language: 'language',
  /** Unit mailboxes this user manages (addresses, string[]) — issue #5. */
  unitMailboxes: 'unitMailboxes',
  /** Overdue cache: ids, senders, subjects, received/due times only (issue #5, never bodies). */
  overdueCache: 'overdueCache',
  /** Snoozed reminders: { [itemId or 'all']: ISO time until } (issue #5). */
  snoozes: 'snoozes',
  /** Opt-in to the no-service-signup warning on other sites (issue #7): boolean. */
  signupGuard: 'signupGuard',
  /** Date (YYYY-MM-DD) of the last successful password change per account — never the password (issue #7). */
  passwordChanges: 'passwordChanges',
  /** Last good managed / remote policy, with ETag and fetch time (issue #6). */
  policyCache: 'policyCache',
  /** The user's own agency addresses (options page; user layer of the policy: agencyDomains). */
  ownAddresses: 'ownAddresses',
} as const;

/** storage.local keys the background's policy is resolved from (extension/lib/policy-source.ts). */
const POLICY_LOCAL_KEYS: readonly string[] = [STORAGE_KEYS.preset, STORAGE_KEYS.policyCache, STORAGE_KEYS.ownAddresses];

/**
 * Does this storage change alter the policy in force? One answer for everyone who keeps
 * something derived from the policy (content scripts, the sign-up registration, reminders).
 */
export function affectsPolicy(changes: Record<string, unknown>, area: string): boolean {
  return area === 'managed' || (area === 'local' && POLICY_LOCAL_KEYS.some((k) => k in changes));
}

export const DEFAULT_PRESET = 'vn-baseline';
