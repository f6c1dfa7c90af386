import { describe, expect, it } from 'vitest';
import { loadEffectivePolicy, describeOrigin, policyFromRef, type FetchText } from '../../outlook-addin/common/policy-source';
import { memoryStore } from '../../outlook-addin/common/storage';
import { STORAGE_KEYS } from '../../outlook-addin/common/constants';

const URL_ = 'https://addin.example.gov.vn/policy.json';
const serve = (status: number, text: string): FetchText => () => Promise.resolve({ status, text });
const down: FetchText = () => Promise.reject(new Error('network error'));

describe('organisation policy (policy.json beside the add-in)', () => {
  it('uses a valid admin policy and caches it as the last good one', async () => {
    const store = memoryStore();
    const eff = await loadEffectivePolicy({ policyUrl: URL_, fetchText: serve(200, JSON.stringify({ extends: 'mic', onError: 'block' })), timeoutMs: 100, store });
    expect(eff.origin.kind).toBe('admin');
    expect(eff.policy.preset).toBe('mic');
    expect(eff.policy.onError).toBe('block');
    expect(JSON.parse((await store.get(STORAGE_KEYS.lastGoodPolicy))!)).toMatchObject({ json: { extends: 'mic' }, url: URL_ });
  });

  it('falls back to the last good policy when the file turns invalid, and says why', async () => {
    const store = memoryStore();
    await loadEffectivePolicy({ policyUrl: URL_, fetchText: serve(200, JSON.stringify({ extends: 'cantho' })), timeoutMs: 100, store });
    const eff = await loadEffectivePolicy({ policyUrl: URL_, fetchText: serve(200, JSON.stringify({ extends: 'nowhere', rules: 5 })), timeoutMs: 100, store });
    expect(eff.origin.kind).toBe('last-good');
    expect(eff.policy.preset).toBe('cantho');
    if (eff.origin.kind === 'last-good') {
      expect(eff.origin.problem.code).toBe('invalid');
      expect(eff.origin.problem.issues?.length).toBeGreaterThan(0);
    }
    expect(describeOrigin(eff.origin).vi).toMatch(/không hợp lệ/);
  });

  it('falls back to vn-baseline when the file is invalid and nothing good was ever seen (ignores the user preset)', async () => {
    const eff = await loadEffectivePolicy({ policyUrl: URL_, fetchText: serve(200, '{not json'), timeoutMs: 100, store: memoryStore(), userPreset: 'mic' });
    expect(eff.origin).toMatchObject({ kind: 'baseline', problem: { code: 'invalid' } });
    expect(eff.policy.preset).toBe('vn-baseline');
  });

  it('without an admin policy (404) the user preset from roamingSettings applies', async () => {
    const eff = await loadEffectivePolicy({ policyUrl: URL_, fetchText: serve(404, 'not found'), timeoutMs: 100, store: memoryStore(), userPreset: 'binhphuoc' });
    expect(eff.origin).toEqual({ kind: 'user-preset', preset: 'binhphuoc' });
    expect(eff.policy.preset).toBe('binhphuoc');
  });

  it('without an admin policy or a preset choice: vn-baseline', async () => {
    const eff = await loadEffectivePolicy({ policyUrl: URL_, fetchText: serve(404, ''), timeoutMs: 100, store: memoryStore(), userPreset: 'not-a-preset' });
    expect(eff.origin).toMatchObject({ kind: 'baseline', problem: { code: 'missing' } });
  });

  it('offline: keeps the last good admin policy', async () => {
    const store = memoryStore();
    await loadEffectivePolicy({ policyUrl: URL_, fetchText: serve(200, JSON.stringify({ extends: 'tphcm-stnmt' })), timeoutMs: 100, store });
    const eff = await loadEffectivePolicy({ policyUrl: URL_, fetchText: down, timeoutMs: 100, store });
    expect(eff.origin.kind).toBe('last-good');
    expect(eff.policy.preset).toBe('tphcm-stnmt');
  });

  it('a runtime without fetch/XHR still gets a policy', async () => {
    const eff = await loadEffectivePolicy({ policyUrl: URL_, timeoutMs: 100, store: memoryStore() });
    expect(eff.origin).toMatchObject({ kind: 'baseline', problem: { code: 'unreachable' } });
  });

  it('a policy reference survives the trip through sessionData', async () => {
    const eff = await loadEffectivePolicy({ policyUrl: URL_, fetchText: serve(200, JSON.stringify({ extends: 'quangngai', attachmentLimitMB: 10 })), timeoutMs: 100, store: memoryStore() });
    const back = policyFromRef(JSON.parse(JSON.stringify({ origin: eff.origin, source: eff.source })));
    expect(back.policy.attachmentLimitMB).toBe(10);
    expect(back.origin.kind).toBe('admin');
  });
});
