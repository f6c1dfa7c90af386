/**
 * Which policy is in force, decided in ONE place (the background) and handed to content
 * scripts as a plain, already-merged Policy object (issue #6 item 2).
 *
 * Layers, lowest first (each later one overrides the earlier):
 *   1. the embedded preset (`vn-baseline`, or the preset a higher layer names);
 *   2. the admin's managed policy: chrome.storage.managed (Chrome/Edge enterprise policy,
 *      managed_schema.json) or browser.storage.managed (Firefox policies.json 3rdparty) — the
 *      same flat keys, turned into a policy by shared/policy/managed.ts;
 *   3. the admin's `policyUrl` file (HTTPS, fetched by the background with If-None-Match and
 *      cached in storage `policyCache`; see refreshRemote);
 *   4. the user's own choices, only where the admin allows them: the preset (allowUserPreset,
 *      and only while no admin layer names one) and the user's own agency addresses.
 *
 * An invalid managed or remote policy never lowers protection (DESIGN.md "Policy"): the last
 * good one (policyCache) stays in force and the error is reported in plain Vietnamese through
 * `source.error_vi`, which the popup and the options page show.
 */
import { isPresetId, resolvePolicy, validatePolicy, validatePolicyText, type PolicyInput, type PolicyIssue } from '../../shared/policy';
import { managedToPolicy, policyToManaged, type ManagedSettings } from '../../shared/policy/managed';
import { resolveLayers } from '../../shared/policy/resolve';
import { isPublicProviderDomain } from './public-domains';
import { DEFAULT_PRESET, STORAGE_KEYS, affectsPolicy, type PolicyResponse, type PolicySourceInfo } from './messages';

export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
}
export interface WritableArea extends StorageAreaLike {
  set(items: Record<string, unknown>): Promise<void>;
}

export interface PolicyStores {
  local: StorageAreaLike & Partial<Pick<WritableArea, 'set'>>;
  /** chrome.storage.managed; undefined where the browser has none. */
  managed?: StorageAreaLike;
}

/** Storage `policyCache`: the last GOOD admin layers, so a broken update never lowers protection. */
export interface PolicyCache {
  managed?: { values: Record<string, unknown>; savedAt: string };
  remote?: { url: string; etag?: string; fetchedAt: string; input: PolicyInput };
  /** Last failed fetch/validation of policyUrl (cleared by the next good answer). */
  remoteError?: { url: string; at: string; vi: string; en: string; detail: string };
  /** Last successful contact with policyUrl (200 or 304): drives the refresh interval. */
  checkedAt?: string;
}

/** Storage key for the user's own agency addresses (options page; user layer of the policy). */
export const OWN_ADDRESSES_KEY = STORAGE_KEYS.ownAddresses;

/** Re-fetch policyUrl this often (also on browser start and whenever managed policy changes). */
export const REMOTE_REFRESH_MS = 4 * 60 * 60 * 1000;
export const REMOTE_TIMEOUT_MS = 15_000;
/** After a failed fetch, try again no sooner than this. */
export const REMOTE_RETRY_MS = 10 * 60 * 1000;
/** A policy file is a few KB; refuse anything absurd before parsing it. */
export const REMOTE_MAX_BYTES = 512 * 1024;

const issuesText = (issues: PolicyIssue[], lang: 'vi' | 'en') =>
  issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${lang === 'vi' ? i.message_vi : i.message_en}`)
    .join('; ') + (issues.length > 5 ? (lang === 'vi' ? ` (và ${issues.length - 5} lỗi khác)` : ` (and ${issues.length - 5} more)`) : '');

export async function readCache(local: StorageAreaLike): Promise<PolicyCache> {
  const got = await local.get(STORAGE_KEYS.policyCache);
  const c = got[STORAGE_KEYS.policyCache];
  return c && typeof c === 'object' ? (c as PolicyCache) : {};
}

/**
 * policyCache is written by loadPolicy (last good managed) and refreshRemote (remote file) which
 * may overlap in the background; each change is a read-modify-write of its own fields, queued,
 * so one never writes back a stale copy of the other's part.
 */
let cacheQueue: Promise<unknown> = Promise.resolve();
export function updateCache(local: StorageAreaLike & { set(items: Record<string, unknown>): Promise<void> }, mutate: (c: PolicyCache) => void): Promise<void> {
  const run = cacheQueue.then(async () => {
    const c = await readCache(local);
    mutate(c);
    await local.set({ [STORAGE_KEYS.policyCache]: c });
  });
  cacheQueue = run.catch(() => {});
  return run;
}

/**
 * Firefox rejects storage.managed.get() when no policies.json names the add-on ("Managed storage
 * manifest not found"); Chrome answers {}. Both mean "no managed policy".
 */
async function readManaged(stores: PolicyStores): Promise<Record<string, unknown> | undefined> {
  if (!stores.managed) return undefined;
  let values: Record<string, unknown>;
  try {
    values = await stores.managed.get(null);
  } catch {
    return undefined;
  }
  return values && typeof values === 'object' && Object.keys(values).length ? values : undefined;
}

/**
 * Chromium answers the first storage.managed.get() after browser start only once its policy
 * service has loaded — seen at ~4.7 s on Debian Chromium in the E2E runs. A Send in that window
 * must not wait for it (a clean mail must go without a dialog), so the service reads managed
 * storage with a short wait and, past it, answers from the last good managed policy in
 * policyCache; when the slow read lands, `onLateManaged` re-runs loadPolicy, which updates
 * policyCache and so tells content scripts to ask again (messages.ts affectsPolicy).
 */
const managedReads = new WeakMap<StorageAreaLike, Promise<Record<string, unknown> | undefined>>();
type ManagedRead = { pending: false; values: Record<string, unknown> | undefined } | { pending: true; late: Promise<unknown> };

async function readManagedWithin(stores: PolicyStores, waitMs: number): Promise<ManagedRead> {
  if (!stores.managed || !Number.isFinite(waitMs)) return { pending: false, values: await readManaged(stores) };
  const area = stores.managed;
  let read = managedReads.get(area);
  if (!read) {
    read = readManaged(stores).finally(() => managedReads.delete(area));
    managedReads.set(area, read);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((r) => (timer = setTimeout(() => r(TIMED_OUT), waitMs)));
  const got = await Promise.race([read, timeout]);
  clearTimeout(timer);
  return got === TIMED_OUT ? { pending: true, late: read } : { pending: false, values: got };
}
const TIMED_OUT = Symbol('timed out');
/** How long a get-policy answer may wait for storage.managed before using the last good copy. */
export const MANAGED_WAIT_MS = 300;

/** Only agency addresses: a public provider's domain as "agency" would switch personal-sender off. */
export function ownAgencyDomains(addresses: unknown): string[] {
  if (!Array.isArray(addresses)) return [];
  const out = new Set<string>();
  for (const a of addresses) {
    if (typeof a !== 'string') continue;
    const m = /^[^@\s]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i.exec(a.trim());
    if (!m) continue;
    const d = m[1].toLowerCase();
    if (isPublicProviderDomain(d)) continue;
    out.add(d);
  }
  return [...out];
}

export interface LoadOptions {
  now?: () => Date;
  /** Wait at most this long for storage.managed (default: as long as it takes). */
  managedWaitMs?: number;
  /** Called when the managed read outlived managedWaitMs, with the read still under way. */
  onLateManaged?: (late: Promise<unknown>) => void;
}

export async function loadPolicy(stores: PolicyStores, opts: LoadOptions = {}): Promise<PolicyResponse> {
  const now = opts.now ?? (() => new Date());
  const problems = { vi: [] as string[], en: [] as string[], detail: [] as string[] };
  const cache = await readCache(stores.local).catch((): PolicyCache => ({}));
  /** undefined = unchanged, null = remove, else the new last good managed policy. */
  let managedWrite: PolicyCache['managed'] | null | undefined;

  // ---- 2. managed ----------------------------------------------------------------------------
  let managed: { settings: ManagedSettings; values: Record<string, unknown> } | undefined;
  const read = await readManagedWithin(stores, opts.managedWaitMs ?? Infinity);
  if (read.pending) {
    // Not known yet: the last good managed policy stays in force meanwhile (never a weaker one
    // when there was one), and nothing is written until the real answer arrives.
    opts.onLateManaged?.(read.late);
    const last = cache.managed && managedToPolicy(cache.managed.values);
    if (last && last.ok) managed = { settings: last.settings, values: cache.managed!.values };
  }
  const values = read.pending ? undefined : read.values;
  if (read.pending) {
    // (see above)
  } else if (values) {
    const r = managedToPolicy(values);
    if (r.ok) {
      managed = { settings: r.settings, values };
      if (JSON.stringify(cache.managed?.values) !== JSON.stringify(values)) {
        cache.managed = { values, savedAt: now().toISOString() };
        managedWrite = cache.managed;
      }
    } else {
      problems.vi.push(`Chính sách do cơ quan cài đặt không hợp lệ — ${issuesText(r.issues, 'vi')}`);
      problems.en.push(`The policy set by your agency is invalid — ${issuesText(r.issues, 'en')}`);
      problems.detail.push(`managed: ${issuesText(r.issues, 'en')}`);
      const last = cache.managed && managedToPolicy(cache.managed.values);
      if (last && last.ok) managed = { settings: last.settings, values: cache.managed!.values };
    }
  } else if (cache.managed) {
    // The admin removed the policy: it no longer applies (removal is deliberate, not an error).
    delete cache.managed;
    managedWrite = null;
  }

  // ---- 3. remote (policyUrl) -----------------------------------------------------------------
  const url = managed?.settings.policyUrl;
  let remote: PolicyInput | undefined;
  if (url) {
    if (cache.remote?.url === url) {
      const v = validatePolicy(cache.remote.input);
      if (v.ok) remote = v.input;
    }
    if (cache.remoteError?.url === url) {
      problems.vi.push(cache.remoteError.vi);
      problems.en.push(cache.remoteError.en);
      problems.detail.push(`remote: ${cache.remoteError.detail}`);
    }
  }

  // ---- 4. user ------------------------------------------------------------------------------
  const userGot = await stores.local.get([STORAGE_KEYS.preset, OWN_ADDRESSES_KEY]).catch(() => ({}) as Record<string, unknown>);
  const userPreset = userGot[STORAGE_KEYS.preset];
  const allowUserPreset = (!managed || managed.settings.allowUserPreset) && !remote?.extends;
  const lockedKeys = new Set<string>();
  if (managed) for (const k of Object.keys(managed.values)) lockedKeys.add(k);
  if (remote) for (const k of Object.keys(policyToManagedSafe(remote))) lockedKeys.add(k);
  if (!allowUserPreset) lockedKeys.add('preset');

  // Lowest first; resolveLayers merges them with the preset chain's own rules (shared/policy).
  const layers: PolicyInput[] = [];
  let from: PolicySourceInfo['from'] = 'default';
  if (managed) {
    layers.push(managed.settings.policy);
    from = 'managed';
  }
  if (remote) {
    layers.push(remote);
    from = 'remote';
  }
  if (allowUserPreset && userPreset !== undefined) {
    if (isPresetId(userPreset)) {
      layers.push({ extends: userPreset });
      if (from === 'default') from = 'local';
    } else {
      problems.vi.push(`Quy chế đã chọn "${String(userPreset)}" không tồn tại; dùng quy chế mặc định.`);
      problems.en.push(`The chosen preset "${String(userPreset)}" does not exist; the default applies.`);
      problems.detail.push(`local: unknown preset ${JSON.stringify(userPreset)}`);
    }
  }
  const own = lockedKeys.has('agencyDomains') ? [] : ownAgencyDomains(userGot[OWN_ADDRESSES_KEY]);
  if (own.length) layers.push({ agencyDomains: own });
  if (!layers.some((l) => l.extends)) layers.unshift({ extends: DEFAULT_PRESET as PolicyInput['extends'] });

  if (managedWrite !== undefined && stores.local.set) {
    const local = stores.local as WritableArea;
    await updateCache(local, (c) => {
      if (managedWrite) c.managed = managedWrite;
      else delete c.managed;
    }).catch(() => {});
  }

  let policy;
  try {
    policy = resolveLayers(layers);
  } catch (e) {
    // Cannot happen with validated layers; if it does, the embedded preset still protects.
    problems.detail.push(`merge: ${e instanceof Error ? e.message : String(e)}`);
    policy = resolvePolicy(DEFAULT_PRESET);
    from = 'default';
  }
  return {
    ok: true,
    policy,
    source: {
      preset: policy.preset,
      from,
      ...(problems.vi.length ? { error_vi: problems.vi.join(' · '), error_en: problems.en.join(' · ') } : {}),
      ...(problems.detail.length ? { fallbackReason: problems.detail.join('; ') } : {}),
    },
    lockedKeys: [...lockedKeys].sort(),
    allowClearAuditLog: managed ? managed.settings.allowClearAuditLog : true,
  };
}

function policyToManagedSafe(input: PolicyInput): Record<string, unknown> {
  try {
    return policyToManaged(input);
  } catch {
    return {};
  }
}

// ---- remote policy ------------------------------------------------------------------------------

export interface FetchLike {
  (url: string, init: { headers: Record<string, string>; signal: AbortSignal; cache: 'no-store'; credentials: 'omit'; redirect: 'follow' }): Promise<{
    status: number;
    ok: boolean;
    url: string;
    headers: { get(name: string): string | null };
    text(): Promise<string>;
  }>;
}

export interface RefreshOptions {
  fetch: FetchLike;
  now?: () => Date;
  /** Re-fetch even when the cache is younger than REMOTE_REFRESH_MS. */
  force?: boolean;
  timeoutMs?: number;
}

export type RefreshResult = 'no-url' | 'fresh' | 'not-modified' | 'updated' | 'error';

/**
 * Fetch the admin's policyUrl (HTTPS only) with If-None-Match; validate with the shared schema;
 * keep the last good file in policyCache. The only network request the extension makes, and only
 * when an admin configured it.
 */
export async function refreshRemote(stores: PolicyStores & { local: WritableArea }, opts: RefreshOptions): Promise<RefreshResult> {
  const now = opts.now ?? (() => new Date());
  const values = await readManaged(stores);
  let settings: ManagedSettings | undefined;
  if (values) {
    const r = managedToPolicy(values);
    if (r.ok) settings = r.settings;
  }
  const cache = await readCache(stores.local);
  if (!settings && cache.managed) {
    const r = managedToPolicy(cache.managed.values);
    if (r.ok) settings = r.settings; // invalid managed now: keep using the last good one's URL
  }
  const url = settings?.policyUrl;
  /** Write only the remote fields (see updateCache). */
  const save = (c: PolicyCache) =>
    updateCache(stores.local, (fresh) => {
      for (const k of ['remote', 'remoteError', 'checkedAt'] as const) {
        if (c[k] === undefined) delete fresh[k];
        else (fresh as Record<string, unknown>)[k] = c[k];
      }
    });
  if (!url) {
    if (cache.remote || cache.remoteError) {
      delete cache.remote;
      delete cache.remoteError;
      delete cache.checkedAt;
      await save(cache);
    }
    return 'no-url';
  }
  if (!opts.force) {
    const age = (iso?: string) => (iso ? now().getTime() - Date.parse(iso) : Infinity);
    const failedRecently = cache.remoteError?.url === url && age(cache.remoteError.at) < REMOTE_RETRY_MS;
    const fresh = cache.remote?.url === url && cache.remoteError?.url !== url && age(cache.checkedAt) < REMOTE_REFRESH_MS;
    // Every webmail page load asks for the policy: without this an unreachable server would be
    // hit on each one.
    if (fresh || failedRecently) return 'fresh';
  }

  const fail = async (vi: string, en: string, detail: string): Promise<RefreshResult> => {
    cache.remoteError = { url, at: now().toISOString(), vi, en, detail };
    await save(cache);
    return 'error';
  };
  if (!/^https:\/\//i.test(url)) return fail('policyUrl phải là địa chỉ https://', 'policyUrl must be https://', url);

  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs ?? REMOTE_TIMEOUT_MS);
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (cache.remote?.url === url && cache.remote.etag) headers['If-None-Match'] = cache.remote.etag;
    const res = await opts.fetch(url, { headers, signal: ctl.signal, cache: 'no-store', credentials: 'omit', redirect: 'follow' });
    // A redirect to plain HTTP would let anyone on the path rewrite the agency's policy.
    if (res.url && !/^https:\/\//i.test(res.url))
      return fail(`Máy chủ chính sách chuyển hướng sang địa chỉ không an toàn (${res.url}); giữ chính sách cũ.`, `The policy server redirected to an insecure address (${res.url}); the previous policy stays.`, `redirect to ${res.url}`);
    if (res.status === 304 && cache.remote?.url === url) {
      cache.checkedAt = now().toISOString();
      delete cache.remoteError;
      await save(cache);
      return 'not-modified';
    }
    if (!res.ok)
      return fail(`Không tải được chính sách từ ${url} (HTTP ${res.status}); giữ chính sách cũ.`, `Could not load the policy from ${url} (HTTP ${res.status}); the previous policy stays.`, `HTTP ${res.status}`);
    const text = await res.text();
    if (text.length > REMOTE_MAX_BYTES)
      return fail(`Tệp chính sách ở ${url} quá lớn; giữ chính sách cũ.`, `The policy file at ${url} is too large; the previous policy stays.`, `${text.length} bytes`);
    const v = validatePolicyText(text);
    if (!v.ok)
      return fail(
        `Tệp chính sách ở ${url} không hợp lệ — ${issuesText(v.issues, 'vi')}; giữ chính sách cũ.`,
        `The policy file at ${url} is invalid — ${issuesText(v.issues, 'en')}; the previous policy stays.`,
        issuesText(v.issues, 'en'),
      );
    const etag = res.headers.get('ETag') ?? undefined;
    cache.remote = { url, fetchedAt: now().toISOString(), input: v.input, ...(etag ? { etag } : {}) };
    cache.checkedAt = cache.remote.fetchedAt;
    delete cache.remoteError;
    await save(cache);
    return 'updated';
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail(`Không kết nối được máy chủ chính sách ${url}; giữ chính sách cũ.`, `Could not reach the policy server ${url}; the previous policy stays.`, detail);
  } finally {
    clearTimeout(timer);
  }
}

// ---- background wiring ------------------------------------------------------------------------

interface AlarmsLike {
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): unknown;
  get(name: string): Promise<unknown>;
  onAlarm: { addListener(fn: (a: { name: string }) => void): void };
}

export interface PolicyServiceDeps {
  stores: PolicyStores & { local: WritableArea };
  fetch: FetchLike;
  /** storage.onChanged: the service re-checks policyUrl when the managed policy changes. */
  onStorageChanged(fn: (changes: Record<string, unknown>, area: string) => void): void;
  /** Present only if the `alarms` permission is granted; else refresh is lazy (on get-policy). */
  alarms?: AlarmsLike;
}

export const POLICY_ALARM = 'congvu-guard-policy-refresh';

/**
 * The background's policy: `get()` answers at once from storage and, when the policyUrl copy is
 * older than REMOTE_REFRESH_MS, starts a fetch; a new file lands in policyCache, whose change
 * makes the content scripts ask again (messages.ts affectsPolicy).
 *
 * Every content script, the unit-mailbox reminders and the hygiene status ask through get(),
 * often in bursts (a tab load asks several times); the answer depends only on storage, so the
 * last resolution is kept until something it was read from changes: a policy storage key
 * (affectsPolicy), the late storage.managed answer, or a policyUrl refresh that wrote.
 */
export function createPolicyService(deps: PolicyServiceDeps) {
  let cached: Promise<PolicyResponse> | null = null;
  const invalidate = () => {
    cached = null;
  };
  let running: Promise<RefreshResult> | null = null;
  const refresh = (force = false) => {
    running ??= refreshRemote(deps.stores, { fetch: deps.fetch, force })
      .catch((): RefreshResult => 'error')
      .then((r) => {
        // 'fresh' wrote nothing; 'no-url' writes only to drop old remote data, and that write is
        // a policyCache change the storage listener below sees.
        if (r !== 'fresh' && r !== 'no-url') invalidate();
        return r;
      })
      .finally(() => (running = null));
    return running;
  };
  deps.onStorageChanged((changes, area) => {
    if (affectsPolicy(changes, area)) invalidate();
    if (area === 'managed') void refresh(true);
  });
  if (deps.alarms) {
    const alarms = deps.alarms;
    // create() with an existing name restarts the period; the worker wakes often, so only once.
    void Promise.resolve(alarms.get(POLICY_ALARM))
      .then((a) => a || alarms.create(POLICY_ALARM, { periodInMinutes: REMOTE_REFRESH_MS / 60_000 }))
      .catch(() => {});
    deps.alarms.onAlarm.addListener((a) => {
      if (a.name === POLICY_ALARM) void refresh();
    });
  }
  // Worker start: check policyUrl if due, and record the managed policy as "last good" now, so
  // a broken update later still has something to fall back on.
  void refresh().then(() => loadPolicy(deps.stores).catch(() => {}));
  return {
    get(): Promise<PolicyResponse> {
      void refresh();
      if (cached) return cached;
      const p = loadPolicy(deps.stores, {
        managedWaitMs: MANAGED_WAIT_MS,
        // The answer came from the last good copy meanwhile: ask again once the real one is in.
        onLateManaged: (late) =>
          void late
            .then(() => {
              invalidate();
              return loadPolicy(deps.stores);
            })
            .catch(() => {}),
      });
      cached = p;
      // A failed resolution is not kept: the next request tries again.
      p.catch(() => {
        if (cached === p) invalidate();
      });
      return p;
    },
    refresh,
  };
}
