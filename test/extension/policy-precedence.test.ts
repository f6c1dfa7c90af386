/**
 * Issue #6 item 2: embedded preset ← managed ← policyUrl ← user (where allowed); an invalid
 * managed or remote layer never lowers protection (the last good one stays, error in Vietnamese).
 */
import { describe, expect, it, vi } from 'vitest';
import { createPolicyService, loadPolicy, ownAgencyDomains, refreshRemote, REMOTE_REFRESH_MS, type FetchLike, type PolicyCache } from '../../extension/lib/policy-source';
import { STORAGE_KEYS } from '../../extension/lib/messages';
import { resolveLayers } from '../../shared/policy/resolve';

function area(init: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = structuredClone(init);
  return {
    data,
    async get(keys?: string | string[] | null) {
      if (keys == null) return structuredClone(data);
      const ks = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(ks.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items: Record<string, unknown>) {
      Object.assign(data, structuredClone(items));
    },
  };
}

const ok = async (stores: Parameters<typeof loadPolicy>[0]) => {
  const r = await loadPolicy(stores);
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('loadPolicy precedence', () => {
  it('nothing set: the embedded vn-baseline', async () => {
    const r = await ok({ local: area(), managed: area() });
    expect(r.policy.preset).toBe('vn-baseline');
    expect(r.source.from).toBe('default');
    expect(r.lockedKeys).toEqual([]);
    expect(r.allowClearAuditLog).toBe(true);
  });

  it('user preset applies when there is no admin policy', async () => {
    const r = await ok({ local: area({ preset: 'cantho' }), managed: area() });
    expect(r.policy.preset).toBe('cantho');
    expect(r.source.from).toBe('local');
  });

  it('managed preset beats the user preset and locks it', async () => {
    const r = await ok({ local: area({ preset: 'cantho' }), managed: area({ preset: 'mic', agencyDomains: ['bo.gov.vn'], allowClearAuditLog: false }) });
    expect(r.policy.preset).toBe('mic');
    expect(r.source.from).toBe('managed');
    expect(r.policy.agencyDomains).toContain('bo.gov.vn');
    expect(r.lockedKeys).toEqual(expect.arrayContaining(['preset', 'agencyDomains', 'allowClearAuditLog']));
    expect(r.allowClearAuditLog).toBe(false);
    expect(r.source.error_vi).toBeUndefined();
  });

  it('managed without a preset and allowUserPreset: the user chooses the root preset, admin settings stay', async () => {
    const r = await ok({ local: area({ preset: 'quangngai' }), managed: area({ attachmentLimitMB: 5, allowUserPreset: true }) });
    expect(r.policy.preset).toBe('quangngai');
    expect(r.policy.attachmentLimitMB).toBe(5);
    expect(r.lockedKeys).not.toContain('preset');
    expect(r.lockedKeys).toContain('attachmentLimitMB');
  });

  it('allowUserPreset false: the user preset is ignored', async () => {
    const r = await ok({ local: area({ preset: 'quangngai' }), managed: area({ attachmentLimitMB: 5, allowUserPreset: false }) });
    expect(r.policy.preset).toBe('vn-baseline');
    expect(r.lockedKeys).toContain('preset');
  });

  it('remote (policyUrl) beats managed; the user may not change a preset the remote file names', async () => {
    const cache: PolicyCache = { remote: { url: 'https://p.gov.vn/p.json', fetchedAt: '2026-01-01T00:00:00Z', input: { extends: 'mic', attachmentLimitMB: 7 } } };
    const r = await ok({
      local: area({ preset: 'cantho', [STORAGE_KEYS.policyCache]: cache }),
      managed: area({ attachmentLimitMB: 30, agencyDomains: ['a.gov.vn'], policyUrl: 'https://p.gov.vn/p.json' }),
    });
    expect(r.source.from).toBe('remote');
    expect(r.policy.preset).toBe('mic');
    expect(r.policy.attachmentLimitMB).toBe(7);
    expect(r.policy.agencyDomains).toContain('a.gov.vn');
    expect(r.lockedKeys).toEqual(expect.arrayContaining(['preset', 'attachmentLimitMB', 'policyUrl']));
  });

  it('a remote file cached for another URL is not used', async () => {
    const cache: PolicyCache = { remote: { url: 'https://old.gov.vn/p.json', fetchedAt: '2026-01-01T00:00:00Z', input: { extends: 'cantho' } } };
    const r = await ok({ local: area({ [STORAGE_KEYS.policyCache]: cache }), managed: area({ preset: 'mic', policyUrl: 'https://new.gov.vn/p.json' }) });
    expect(r.policy.preset).toBe('mic');
    expect(r.source.from).toBe('managed');
  });

  it('invalid managed policy: the last good managed policy stays and the error is in Vietnamese', async () => {
    const local = area();
    await ok({ local, managed: area({ preset: 'mic', agencyDomains: ['bo.gov.vn'] }) });
    expect((local.data[STORAGE_KEYS.policyCache] as PolicyCache).managed?.values).toEqual({ preset: 'mic', agencyDomains: ['bo.gov.vn'] });
    const r = await ok({ local, managed: area({ preset: 'mic', agencyDomains: ['khong hop le!'] }) });
    expect(r.policy.preset).toBe('mic');
    expect(r.policy.agencyDomains).toContain('bo.gov.vn');
    expect(r.source.from).toBe('managed');
    expect(r.source.error_vi).toMatch(/^Chính sách do cơ quan cài đặt không hợp lệ — \$\.agencyDomains\[0\]: tên miền không hợp lệ/);
    expect(r.source.error_en).toMatch(/invalid/);
    // the bad values never replace the last good ones
    expect((local.data[STORAGE_KEYS.policyCache] as PolicyCache).managed?.values.agencyDomains).toEqual(['bo.gov.vn']);
  });

  it('invalid managed policy with nothing cached: the embedded preset protects, error shown', async () => {
    const r = await ok({ local: area(), managed: area({ replyDeadlineWorkingDays: -3 }) });
    expect(r.policy.preset).toBe('vn-baseline');
    expect(r.source.error_vi).toContain('replyDeadlineWorkingDays');
  });

  it('an unknown managed key is an error too (typo in a GPO), not silently ignored', async () => {
    const r = await ok({ local: area(), managed: area({ presett: 'mic' }) });
    expect(r.source.error_vi).toContain('presett');
  });

  it('Firefox without policies.json (managed.get rejects) counts as no managed policy', async () => {
    const managed = { get: () => Promise.reject(new Error('Managed storage manifest not found')) };
    const r = await ok({ local: area({ preset: 'tphcm-stnmt' }), managed });
    expect(r.policy.preset).toBe('tphcm-stnmt');
    expect(r.source.error_vi).toBeUndefined();
  });

  it('an unknown stored user preset falls back to the default and says so', async () => {
    const r = await ok({ local: area({ preset: 'khong-co' }) });
    expect(r.policy.preset).toBe('vn-baseline');
    expect(r.source.error_vi).toContain('khong-co');
  });

  it('own addresses add agency domains, never public providers, and not when the admin set agencyDomains', async () => {
    expect(ownAgencyDomains(['an@soyt.cantho.gov.vn', 'x@gmail.com', 'bad', 'y@mail.yahoo.com'])).toEqual(['soyt.cantho.gov.vn']);
    const r = await ok({ local: area({ ownAddresses: ['an@soyt.cantho.gov.vn', 'x@gmail.com'] }) });
    expect(r.policy.agencyDomains).toContain('soyt.cantho.gov.vn');
    expect(r.policy.agencyDomains).not.toContain('gmail.com');
    const locked = await ok({ local: area({ ownAddresses: ['an@soyt.cantho.gov.vn'] }), managed: area({ agencyDomains: ['bo.gov.vn'] }) });
    expect(locked.policy.agencyDomains).not.toContain('soyt.cantho.gov.vn');
  });

  it('removing the managed policy drops it (deliberate), not kept as "last good"', async () => {
    const local = area();
    await ok({ local, managed: area({ preset: 'mic' }) });
    const r = await ok({ local, managed: area() });
    expect(r.policy.preset).toBe('vn-baseline');
    expect((local.data[STORAGE_KEYS.policyCache] as PolicyCache).managed).toBeUndefined();
  });

  it('layers union naming lists and merge rules field by field', () => {
    const x = resolveLayers([
      { agencyDomains: ['a.gov.vn'], rules: { 'classified-content': { severity: 'block', requireReason: true } }, checkTimes: ['08:00'] },
      { agencyDomains: ['b.gov.vn'], rules: { 'classified-content': { allowOverride: false } }, checkTimes: ['09:00'] },
    ]);
    expect(x.agencyDomains).toEqual(expect.arrayContaining(['a.gov.vn', 'b.gov.vn']));
    expect(x.rules['classified-content']).toEqual({ severity: 'block', requireReason: true, allowOverride: false });
    expect(x.checkTimes).toEqual(['09:00']);
  });

  it('a policyUrl file setting password.rotationDays keeps the GPO passwordMinLength; sign-up allow-lists union', async () => {
    const cache: PolicyCache = {
      remote: { url: 'https://p.gov.vn/p.json', fetchedAt: '2026-01-01T00:00:00Z', input: { password: { rotationDays: 60 }, signupAllowList: ['b.vn'] } },
    };
    const r = await ok({
      local: area({ [STORAGE_KEYS.policyCache]: cache }),
      managed: area({ passwordMinLength: 12, signupAllowList: ['a.vn'], policyUrl: 'https://p.gov.vn/p.json' }),
    });
    expect(r.source.from).toBe('remote');
    expect(r.policy.password.minLength).toBe(12);
    expect(r.policy.password.rotationDays).toBe(60);
    expect(r.policy.signupAllowList).toEqual(expect.arrayContaining(['a.vn', 'b.vn']));
  });
});

function res(status: number, body = '', headers: Record<string, string> = {}, url = 'https://p.gov.vn/p.json') {
  return { status, ok: status >= 200 && status < 300, url, headers: { get: (n: string) => headers[n] ?? headers[n.toLowerCase()] ?? null }, text: async () => body };
}

describe('refreshRemote (policyUrl)', () => {
  const URL_ = 'https://p.gov.vn/p.json';
  const managed = () => area({ preset: 'vn-baseline', policyUrl: URL_ });
  const t0 = new Date('2026-11-22T00:00:00Z');

  it('fetches, validates, caches with the ETag; then sends If-None-Match and accepts 304', async () => {
    const local = area();
    const calls: Record<string, string>[] = [];
    let answer = res(200, JSON.stringify({ extends: 'mic', attachmentLimitMB: 9 }), { ETag: '"v1"' });
    const fetch: FetchLike = async (_u, init) => (calls.push(init.headers), answer);
    expect(await refreshRemote({ local, managed: managed() }, { fetch, now: () => t0 })).toBe('updated');
    const r1 = await ok({ local, managed: managed() });
    expect(r1.policy.preset).toBe('mic');
    expect(r1.policy.attachmentLimitMB).toBe(9);
    expect(r1.source.from).toBe('remote');

    expect(await refreshRemote({ local, managed: managed() }, { fetch, now: () => t0 })).toBe('fresh');
    expect(calls).toHaveLength(1);
    answer = res(304);
    const later = new Date(t0.getTime() + REMOTE_REFRESH_MS + 1);
    expect(await refreshRemote({ local, managed: managed() }, { fetch, now: () => later })).toBe('not-modified');
    expect(calls[1]['If-None-Match']).toBe('"v1"');
  });

  it('an invalid or unreachable remote file keeps the last good one and reports it', async () => {
    const local = area();
    await refreshRemote({ local, managed: managed() }, { fetch: async () => res(200, JSON.stringify({ extends: 'mic' }), { ETag: 'a' }), now: () => t0 });
    const bad: FetchLike = async () => res(200, JSON.stringify({ extends: 'mic', attachmentLimitMB: 'nhiều' }));
    expect(await refreshRemote({ local, managed: managed() }, { fetch: bad, force: true, now: () => t0 })).toBe('error');
    let r = await ok({ local, managed: managed() });
    expect(r.policy.preset).toBe('mic');
    expect(r.source.error_vi).toMatch(/không hợp lệ.*attachmentLimitMB.*giữ chính sách cũ/);

    const down: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await refreshRemote({ local, managed: managed() }, { fetch: down, force: true, now: () => t0 })).toBe('error');
    r = await ok({ local, managed: managed() });
    expect(r.policy.preset).toBe('mic');
    expect(r.source.error_vi).toContain('Không kết nối được máy chủ chính sách');

    // a later good answer clears the error
    await refreshRemote({ local, managed: managed() }, { fetch: async () => res(200, '{"extends":"cantho"}'), force: true, now: () => t0 });
    r = await ok({ local, managed: managed() });
    expect(r.policy.preset).toBe('cantho');
    expect(r.source.error_vi).toBeUndefined();
  });

  it('HTTP errors and redirects to http:// are refused', async () => {
    const local = area();
    expect(await refreshRemote({ local, managed: managed() }, { fetch: async () => res(500), now: () => t0 })).toBe('error');
    expect(await refreshRemote({ local, managed: managed() }, { fetch: async () => res(200, '{}', {}, 'http://p.gov.vn/p.json'), force: true, now: () => t0 })).toBe('error');
    expect((local.data[STORAGE_KEYS.policyCache] as PolicyCache).remote).toBeUndefined();
  });

  it('does not retry a failing server on every page load', async () => {
    const local = area();
    let n = 0;
    const down: FetchLike = async () => (n++, res(503));
    await refreshRemote({ local, managed: managed() }, { fetch: down, now: () => t0 });
    await refreshRemote({ local, managed: managed() }, { fetch: down, now: () => new Date(t0.getTime() + 60_000) });
    expect(n).toBe(1);
  });

  it('no policyUrl: nothing is fetched and old remote data is dropped', async () => {
    const local = area({ [STORAGE_KEYS.policyCache]: { remote: { url: URL_, fetchedAt: '', input: {} } } });
    let n = 0;
    expect(await refreshRemote({ local, managed: area({ preset: 'mic' }) }, { fetch: async () => (n++, res(200)) })).toBe('no-url');
    expect(n).toBe(0);
    expect((local.data[STORAGE_KEYS.policyCache] as PolicyCache).remote).toBeUndefined();
  });

  it('a fetch and a managed-policy change at the same time both end up in the cache', async () => {
    const local = area();
    const m = managed();
    await Promise.all([
      refreshRemote({ local, managed: m }, { fetch: async () => res(200, '{"extends":"mic"}'), now: () => t0 }),
      loadPolicy({ local, managed: m }),
    ]);
    const c = local.data[STORAGE_KEYS.policyCache] as PolicyCache;
    expect(c.remote?.input).toEqual({ extends: 'mic' });
    expect(c.managed?.values).toEqual({ preset: 'vn-baseline', policyUrl: URL_ });
  });

  it('the background service answers from storage and refreshes on managed changes', async () => {
    const local = area();
    const listeners: ((c: Record<string, unknown>, a: string) => void)[] = [];
    let n = 0;
    const svc = createPolicyService({
      stores: { local, managed: managed() },
      fetch: async () => (n++, res(200, '{"extends":"mic"}')),
      onStorageChanged: (fn) => listeners.push(fn),
    });
    await svc.refresh();
    const r = await svc.get();
    expect(r.ok && r.policy.preset).toBe('mic');
    listeners[0]({}, 'managed');
    await svc.refresh();
    expect(n).toBeGreaterThanOrEqual(2);
  });
});

describe('the background service keeps its last answer until the policy changes', () => {
  /** Counts reads of the user keys: only loadPolicy asks for the preset. */
  function counted(init: Record<string, unknown> = {}) {
    const a = area(init);
    let reads = 0;
    const get = a.get.bind(a);
    a.get = async (keys?: string | string[] | null) => {
      if (Array.isArray(keys) && keys.includes(STORAGE_KEYS.preset)) reads++;
      return get(keys);
    };
    return Object.assign(a, { reads: () => reads });
  }

  async function service(local: ReturnType<typeof counted>) {
    const listeners: ((c: Record<string, unknown>, a: string) => void)[] = [];
    const svc = createPolicyService({
      stores: { local, managed: area() },
      fetch: async () => res(500),
      onStorageChanged: (fn) => listeners.push(fn),
    });
    await svc.refresh();
    await new Promise((r) => setTimeout(r, 20)); // the worker-start load
    const fire = (changes: Record<string, unknown>, areaName = 'local') => listeners.forEach((l) => l(changes, areaName));
    return { svc, fire };
  }

  it('two get() calls resolve the policy (and read storage) once', async () => {
    const local = counted({ preset: 'cantho' });
    const { svc } = await service(local);
    const before = local.reads();
    const [a, b] = await Promise.all([svc.get(), svc.get()]);
    const c = await svc.get();
    expect(local.reads() - before).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.ok && a.policy.preset).toBe('cantho');
  });

  it('a change to a policy key invalidates; other keys do not', async () => {
    const local = counted({ preset: 'cantho' });
    const { svc, fire } = await service(local);
    const first = await svc.get();
    const before = local.reads();
    fire({ overrideLog: {} });
    expect(await svc.get()).toBe(first);
    expect(local.reads()).toBe(before);

    await local.set({ preset: 'mic' });
    fire({ preset: {} });
    const r = await svc.get();
    expect(local.reads()).toBe(before + 1);
    expect(r.ok && r.policy.preset).toBe('mic');

    await local.set({ ownAddresses: ['an@so.example.vn'] });
    fire({ ownAddresses: {} });
    const own = await svc.get();
    expect(own.ok && own.policy.agencyDomains).toContain('so.example.vn');

    fire({}, 'managed');
    await svc.get();
    expect(local.reads()).toBe(before + 3);
  });
});

describe('a slow storage.managed (Chromium right after start)', () => {
  /** managed.get() that answers only when released, as Chromium does until its policy loads. */
  function slowManaged(values: Record<string, unknown>) {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    return { release, get: async () => (await gate, structuredClone(values)) };
  }

  it('answers within the wait from the last good managed policy, then records the real one', async () => {
    const local = area({ [STORAGE_KEYS.policyCache]: { managed: { values: { preset: 'mic' }, savedAt: '2026-01-01T00:00:00Z' } } });
    const managed = slowManaged({ preset: 'quangngai' });
    let late: Promise<unknown> | undefined;
    const t0 = Date.now();
    const r = await loadPolicy({ local, managed }, { managedWaitMs: 50, onLateManaged: (p) => (late = p) });
    expect(Date.now() - t0).toBeLessThan(1000);
    if (!r.ok) throw new Error(r.error);
    // Never weaker than what the admin last set while the real answer is pending.
    expect(r.policy.preset).toBe('mic');
    expect(r.source.from).toBe('managed');
    expect(late).toBeDefined();
    managed.release();
    await late;
    const again = await ok({ local, managed });
    expect(again.policy.preset).toBe('quangngai');
    expect((local.data[STORAGE_KEYS.policyCache] as PolicyCache).managed!.values).toEqual({ preset: 'quangngai' });
  });

  it('the service answers from the last good copy, then anew once the late answer is in', async () => {
    const local = area({ [STORAGE_KEYS.policyCache]: { managed: { values: { preset: 'mic' }, savedAt: '2026-01-01T00:00:00Z' } } });
    const managed = slowManaged({ preset: 'quangngai' });
    // No storage events here: only the late-managed callback can invalidate the kept answer.
    const svc = createPolicyService({ stores: { local, managed }, fetch: async () => res(500), onStorageChanged: () => {} });
    const r = await svc.get();
    expect(r.ok && r.policy.preset).toBe('mic');
    expect(await svc.get()).toBe(r);
    managed.release();
    await vi.waitFor(async () => {
      const again = await svc.get();
      expect(again.ok && again.policy.preset).toBe('quangngai');
    });
  });

  it('with nothing cached, the user/default layers answer meanwhile', async () => {
    const managed = slowManaged({ preset: 'mic' });
    const r = await loadPolicy({ local: area({ preset: 'cantho' }), managed }, { managedWaitMs: 20, onLateManaged: () => {} });
    if (!r.ok) throw new Error(r.error);
    expect(r.policy.preset).toBe('cantho');
    managed.release();
  });
});
