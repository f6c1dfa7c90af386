/**
 * Content-script side of the policy: ask the background once, cache, refresh when the stored
 * choice changes. Synchronous `current()` for the guard; `ready()` for the first Send that
 * arrives before the answer (the guard then shows "Đang kiểm tra…" and waits).
 */
import type { Policy } from '../../shared/policy';
import type { PolicySource } from '../guard/guard';
import type { PolicyResponse } from './messages';

export interface PolicyClientDeps {
  request(): Promise<PolicyResponse | undefined>;
  /** Subscribe to "the stored policy choice changed". Returns a disposer. */
  onChanged(fn: () => void): () => void;
  retryMs?: number;
}

export function createPolicyClient(deps: PolicyClientDeps): PolicySource & { refresh(): Promise<void>; lastError(): string | undefined } {
  let policy: Policy | undefined;
  let error: string | undefined;
  let inflight: Promise<Policy | undefined> | null = null;

  const fetchOnce = async (): Promise<Policy | undefined> => {
    // The service worker may be waking up; one retry covers "Receiving end does not exist".
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await deps.request();
        if (res?.ok) {
          policy = res.policy;
          error = undefined;
          return policy;
        }
        error = res ? res.error : 'no answer from background';
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      await new Promise((r) => setTimeout(r, deps.retryMs ?? 300));
    }
    return policy; // keep the last good policy, if any
  };

  const load = () => {
    if (!inflight) inflight = fetchOnce().finally(() => (inflight = null));
    return inflight;
  };

  void load();
  deps.onChanged(() => void load());

  return {
    current: () => policy,
    ready: () => (policy ? Promise.resolve(policy) : load()),
    refresh: async () => {
      await load();
    },
    lastError: () => error,
  };
}
