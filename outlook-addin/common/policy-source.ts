/**
 * Where the active policy comes from (issue #4, "Organisation policy").
 *
 * Order: the admin file `policy.json` hosted beside the add-in (same origin) →
 * the last good copy of it (OfficeRuntime.storage / localStorage) → the user's preset
 * (roamingSettings, only when no admin policy was ever seen) → `vn-baseline`.
 * An invalid or unreachable admin file never leaves the user unprotected (DESIGN.md "Policy").
 *
 * The result is small and serialisable (`PolicyRef`), so the change-event handlers can
 * resolve it once per compose item and park it in sessionData; OnMessageSend then
 * re-creates the Policy without any network round trip.
 */
import { isPresetId, resolvePolicy, validatePolicy, type Policy, type PolicyIssue, type PresetId } from '../../shared/policy';
import { STORAGE_KEYS } from './constants';
import type { KeyValueStore } from './storage';

export type PolicyProblemCode = 'missing' | 'invalid' | 'unreachable' | 'timeout';

export interface PolicyProblem {
  code: PolicyProblemCode;
  detail?: string;
  issues?: PolicyIssue[];
}

export type PolicyOrigin =
  | { kind: 'admin'; url: string; fetchedAt: string }
  | { kind: 'last-good'; url: string; fetchedAt: string; problem: PolicyProblem }
  | { kind: 'user-preset'; preset: string; problem?: PolicyProblem }
  | { kind: 'baseline'; problem?: PolicyProblem };

/** Serialisable description of the active policy: enough to rebuild it without the network. */
export interface PolicyRef {
  origin: PolicyOrigin;
  /** Admin JSON (already validated once) or a preset id. */
  source: { json: unknown } | { preset: string };
}

export interface EffectivePolicy extends PolicyRef {
  policy: Policy;
}

export interface FetchResult {
  status: number;
  text: string;
}
export type FetchText = (url: string, timeoutMs: number) => Promise<FetchResult>;

interface LastGood {
  json: unknown;
  url: string;
  fetchedAt: string;
}

export const BASELINE_PRESET: PresetId = 'vn-baseline';

/** Rebuilds the Policy from a PolicyRef; falls back to vn-baseline if the ref went stale. */
export function policyFromRef(ref: PolicyRef): EffectivePolicy {
  if ('preset' in ref.source) {
    const preset = isPresetId(ref.source.preset) ? ref.source.preset : BASELINE_PRESET;
    return { ...ref, policy: resolvePolicy(preset) };
  }
  const checked = validatePolicy(ref.source.json);
  if (checked.ok) return { ...ref, policy: checked.policy };
  return baseline({ code: 'invalid', issues: checked.issues });
}

export function baseline(problem?: PolicyProblem): EffectivePolicy {
  return {
    origin: problem ? { kind: 'baseline', problem } : { kind: 'baseline' },
    source: { preset: BASELINE_PRESET },
    policy: resolvePolicy(BASELINE_PRESET),
  };
}

export interface LoadPolicyOptions {
  /** Absolute URL: the JavaScript-only runtime does not resolve relative fetch URLs. */
  policyUrl: string;
  /** Absent when the runtime has neither fetch nor XMLHttpRequest. */
  fetchText?: FetchText;
  timeoutMs: number;
  store: KeyValueStore;
  /** Preset the user picked in the task pane (roamingSettings), if any. */
  userPreset?: string | null;
  now?: () => Date;
}

export async function loadEffectivePolicy(opts: LoadPolicyOptions): Promise<EffectivePolicy> {
  const now = opts.now ?? (() => new Date());
  let problem: PolicyProblem = { code: 'unreachable' };
  let adminMissing = false;

  if (!opts.fetchText) {
    problem = { code: 'unreachable', detail: 'no fetch/XMLHttpRequest in this runtime' };
  } else {
    try {
      const res = await opts.fetchText(opts.policyUrl, opts.timeoutMs);
      if (res.status === 404 || res.status === 410) {
        adminMissing = true;
        problem = { code: 'missing', detail: `HTTP ${res.status}` };
      } else if (res.status < 200 || res.status >= 300) {
        problem = { code: 'unreachable', detail: `HTTP ${res.status}` };
      } else {
        let json: unknown;
        let parsed = false;
        try {
          json = JSON.parse(res.text);
          parsed = true;
        } catch (e) {
          problem = { code: 'invalid', detail: 'JSON: ' + errorText(e) };
        }
        if (parsed) {
          const checked = validatePolicy(json);
          if (checked.ok) {
            const fetchedAt = now().toISOString();
            const lastGood: LastGood = { json, url: opts.policyUrl, fetchedAt };
            // Best effort: a full or missing store must not turn a good policy into a failure.
            await opts.store.set(STORAGE_KEYS.lastGoodPolicy, JSON.stringify(lastGood)).catch(() => undefined);
            return {
              origin: { kind: 'admin', url: opts.policyUrl, fetchedAt },
              source: { json },
              policy: checked.policy,
            };
          }
          problem = { code: 'invalid', issues: checked.issues };
        }
      }
    } catch (e) {
      const text = errorText(e);
      problem = { code: /timeout/i.test(text) ? 'timeout' : 'unreachable', detail: text };
    }
  }

  const last = await readLastGood(opts.store);
  if (last) {
    const checked = validatePolicy(last.json);
    if (checked.ok) {
      return {
        origin: { kind: 'last-good', url: last.url, fetchedAt: last.fetchedAt, problem },
        source: { json: last.json },
        policy: checked.policy,
      };
    }
  }

  // No admin policy has ever reached this user: their own preset choice applies.
  // An admin file that exists but is broken does not hand control to the user.
  if (problem.code !== 'invalid' && isPresetId(opts.userPreset)) {
    const preset = opts.userPreset;
    return {
      origin: adminMissing ? { kind: 'user-preset', preset } : { kind: 'user-preset', preset, problem },
      source: { preset },
      policy: resolvePolicy(preset),
    };
  }
  return baseline(problem);
}

async function readLastGood(store: KeyValueStore): Promise<LastGood | null> {
  try {
    const raw = await store.get(STORAGE_KEYS.lastGoodPolicy);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as LastGood;
    return parsed && typeof parsed === 'object' && 'json' in parsed ? parsed : null;
  } catch {
    return null;
  }
}

export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

/**
 * fetch() when present, else XMLHttpRequest (older JS-only runtimes), with a timeout:
 * AbortController is not guaranteed in the JS-only runtime, so the timeout only stops waiting.
 */
export function makeFetchText(g: {
  fetch?: (url: string, init?: { cache?: string; credentials?: string }) => Promise<{ status: number; text(): Promise<string> }>;
  XMLHttpRequest?: new () => XMLHttpRequestLike;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}): FetchText | undefined {
  const timer = g.setTimeout;
  const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
    timer
      ? new Promise<T>((resolve, reject) => {
          timer(() => reject(new Error(`timeout after ${ms} ms`)), ms);
          p.then(resolve, reject);
        })
      : p;
  if (typeof g.fetch === 'function') {
    const f = g.fetch;
    return (url, ms) =>
      withTimeout(
        // no-cache: an admin's edit must reach users on the next compose, not after an HTTP cache expiry.
        f(url, { cache: 'no-cache', credentials: 'same-origin' }).then((r) => r.text().then((text) => ({ status: r.status, text }))),
        ms,
      );
  }
  if (typeof g.XMLHttpRequest === 'function') {
    const X = g.XMLHttpRequest;
    return (url, ms) =>
      withTimeout(
        new Promise<FetchResult>((resolve, reject) => {
          const xhr = new X();
          xhr.open('GET', url, true);
          xhr.onload = () => resolve({ status: xhr.status, text: String(xhr.responseText) });
          xhr.onerror = () => reject(new Error('network error'));
          xhr.send();
        }),
        ms,
      );
  }
  return undefined;
}

interface XMLHttpRequestLike {
  open(method: string, url: string, async: boolean): void;
  send(): void;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  status: number;
  responseText: string;
}

/** Human-readable description of where the policy came from, Vietnamese first. */
export function describeOrigin(origin: PolicyOrigin): { vi: string; en: string } {
  const why = (p?: PolicyProblem) => {
    if (!p) return { vi: '', en: '' };
    const m: Record<PolicyProblemCode, { vi: string; en: string }> = {
      missing: { vi: 'không có tệp policy.json của cơ quan', en: 'the agency policy.json is missing' },
      invalid: { vi: 'tệp policy.json của cơ quan không hợp lệ', en: 'the agency policy.json is invalid' },
      unreachable: { vi: 'không tải được policy.json', en: 'policy.json could not be loaded' },
      timeout: { vi: 'tải policy.json quá lâu', en: 'loading policy.json timed out' },
    };
    return m[p.code];
  };
  switch (origin.kind) {
    case 'admin':
      return { vi: 'Chính sách của cơ quan (policy.json)', en: 'Agency policy (policy.json)' };
    case 'last-good': {
      const w = why(origin.problem);
      return {
        vi: `Bản chính sách cơ quan hợp lệ gần nhất (${origin.fetchedAt.slice(0, 10)}) vì ${w.vi}`,
        en: `Last good agency policy (${origin.fetchedAt.slice(0, 10)}) because ${w.en}`,
      };
    }
    case 'user-preset':
      return { vi: `Bộ quy tắc do bạn chọn: ${origin.preset}`, en: `Preset chosen by you: ${origin.preset}` };
    case 'baseline': {
      const w = why(origin.problem);
      return origin.problem
        ? { vi: `Bộ quy tắc mặc định vn-baseline vì ${w.vi}`, en: `Default vn-baseline preset because ${w.en}` }
        : { vi: 'Bộ quy tắc mặc định vn-baseline', en: 'Default vn-baseline preset' };
    }
  }
}
