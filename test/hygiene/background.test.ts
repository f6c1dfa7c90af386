/**
 * extension/hygiene/background.ts with a fake browser: the sign-up script is registered only
 * with opt-in AND both optional permissions; the change record holds account → date only.
 */
import { describe, expect, it, vi } from 'vitest';
import { initHygiene, type HygieneBrowser } from '../../extension/hygiene/background';
import { SIGNUP_SCRIPT_ID } from '../../extension/hygiene/permissions';
import { resolvePolicy, type Policy } from '../../shared/policy';
import type { PolicyResponse } from '../../extension/lib/messages';

function fakeBrowser(opts: { granted: string[]; scripting?: boolean; local?: Record<string, unknown> }) {
  const local: Record<string, unknown> = { ...opts.local };
  const session: Record<string, unknown> = {};
  const storageListeners: ((c: Record<string, unknown>, a: string) => void)[] = [];
  let onMessage: Parameters<HygieneBrowser['runtime']['onMessage']['addListener']>[0] = () => false;
  const registered: { id: string; matches: string[]; excludeMatches: string[] }[] = [];
  const area = (store: Record<string, unknown>, name: string) => ({
    async get(k?: string | string[] | null) {
      if (k == null) return { ...store };
      const keys = Array.isArray(k) ? k : [k];
      return Object.fromEntries(keys.filter((x) => x in store).map((x) => [x, structuredClone(store[x])]));
    },
    async set(o: Record<string, unknown>) {
      Object.assign(store, structuredClone(o));
      for (const l of storageListeners) l(Object.fromEntries(Object.keys(o).map((x) => [x, {}])), name);
    },
  });
  const b: HygieneBrowser = {
    runtime: { id: 'ext', onMessage: { addListener: (fn) => void (onMessage = fn) }, onInstalled: { addListener() {} } },
    storage: { local: area(local, 'local'), session: area(session, 'session'), onChanged: { addListener: (fn) => void storageListeners.push(fn) } },
    permissions: {
      async contains(p) {
        return [...(p.permissions ?? []), ...(p.origins ?? [])].every((x) => opts.granted.includes(x));
      },
    },
    scripting: opts.scripting === false ? undefined : {
      async registerContentScripts(s) { registered.push(...(s as typeof registered)); },
      async unregisterContentScripts(f) { for (const id of f?.ids ?? []) registered.splice(registered.findIndex((r) => r.id === id), 1); },
      async getRegisteredContentScripts(f) { return registered.filter((r) => !f?.ids || f.ids.includes(r.id)); },
    },
  };
  const send = (msg: unknown, origin = 'http://mail.cantho.gov.vn') =>
    new Promise((resolve) => { if (!onMessage(msg, { id: 'ext', origin }, resolve)) resolve(undefined); });
  return { b, local, session, registered, send };
}

const ALL = ['scripting', 'https://*/*', 'http://*/*'];
const start = (f: ReturnType<typeof fakeBrowser>, policy: Policy = resolvePolicy('mic'), now = () => new Date('2026-05-04T10:00:00')) =>
  initHygiene({ browser: f.b, loadPolicy: async () => ({ ok: true, policy, source: { preset: policy.preset, from: 'default' }, lockedKeys: [], allowClearAuditLog: true }) as PolicyResponse, now });

describe('hygiene background: sign-up registration', () => {
  it('off by default, even with every permission granted', async () => {
    const f = fakeBrowser({ granted: ALL });
    expect(await start(f).syncSignup()).toBe(false);
    expect(f.registered).toEqual([]);
  });
  it('opt-in without the host permission: nothing', async () => {
    const f = fakeBrowser({ granted: ['scripting'], local: { signupGuard: true } });
    expect(await start(f).syncSignup()).toBe(false);
    expect(f.registered).toEqual([]);
  });
  it('opt-in without scripting: nothing', async () => {
    const f = fakeBrowser({ granted: ['https://*/*', 'http://*/*'], scripting: false, local: { signupGuard: true } });
    expect(await start(f).syncSignup()).toBe(false);
  });
  it('opt-in + grant: registered for the granted origins, agency sites and the allow-list excluded', async () => {
    const f = fakeBrowser({ granted: ['scripting', 'https://*/*'], local: { signupGuard: true } });
    const h = start(f, resolvePolicy({ extends: 'mic', signupAllowList: ['*.vnpt.vn'] }));
    expect(await h.syncSignup()).toBe(true);
    expect(f.registered).toHaveLength(1);
    expect(f.registered[0]).toMatchObject({ id: SIGNUP_SCRIPT_ID, matches: ['https://*/*'] });
    expect(f.registered[0].excludeMatches).toEqual(expect.arrayContaining(['*://*.gov.vn/*', '*://*.vnpt.vn/*']));
  });
  it('an explicit managed "off" from the agency wins over the user opt-in', async () => {
    const f = fakeBrowser({ granted: ALL, local: { signupGuard: true } });
    const policy = resolvePolicy({ extends: 'mic', rules: { 'no-service-signup': { severity: 'off' } } });
    const h = initHygiene({
      browser: f.b,
      loadPolicy: async () => ({ ok: true, policy, source: { preset: 'mic', from: 'managed' }, lockedKeys: ['severity_no_service_signup'], allowClearAuditLog: true }) as PolicyResponse,
    });
    expect(await h.syncSignup()).toBe(false);
    expect(f.registered).toEqual([]);
  });
  it('preset silent on the rule (cantho) but the user opted in: registered', async () => {
    const f = fakeBrowser({ granted: ALL, local: { signupGuard: true } });
    expect(await start(f, resolvePolicy('cantho')).syncSignup()).toBe(true);
  });
  it('turning the opt-in off unregisters', async () => {
    const f = fakeBrowser({ granted: ALL, local: { signupGuard: true } });
    const h = start(f);
    await h.syncSignup();
    expect(f.registered).toHaveLength(1);
    await f.b.storage.local.set({ signupGuard: false });
    await h.syncSignup();
    expect(f.registered).toEqual([]);
  });
  it('adding an own agency address re-registers with that domain excluded', async () => {
    const f = fakeBrowser({ granted: ALL, local: { signupGuard: true } });
    let policy = resolvePolicy('mic');
    const h = initHygiene({
      browser: f.b,
      loadPolicy: async () => ({ ok: true, policy, source: { preset: policy.preset, from: 'local' }, lockedKeys: [], allowClearAuditLog: true }) as PolicyResponse,
    });
    await h.syncSignup();
    expect(f.registered[0].excludeMatches.some((m) => m.includes('so.example.vn'))).toBe(false);
    // The background's policy now holds the new agency domain (policy-source.ts ownAgencyDomains).
    policy = resolvePolicy({ extends: 'mic', agencyDomains: ['so.example.vn'] });
    await f.b.storage.local.set({ ownAddresses: ['an@so.example.vn'] });
    await vi.waitFor(() => expect(f.registered[0]?.excludeMatches.some((m) => m.includes('so.example.vn'))).toBe(true));
  });
});

describe('hygiene background: password change dates', () => {
  it('records account → date (local day), nothing else; status reflects it', async () => {
    const f = fakeBrowser({ granted: [] });
    start(f, resolvePolicy('cantho'));
    expect(await f.send({ type: 'hygiene:status' })).toMatchObject({ ok: true, account: null, rotation: { state: 'first-login' } });
    await f.send({ type: 'hygiene:account', account: 'NVMinh@cantho.gov.vn' });
    expect(await f.send({ type: 'hygiene:password-changed' })).toEqual({ ok: true, date: '2026-05-04' });
    expect(f.local).toEqual({ passwordChanges: { 'nvminh@cantho.gov.vn': '2026-05-04' } });
    expect(await f.send({ type: 'hygiene:status' })).toMatchObject({ account: 'nvminh@cantho.gov.vn', rotation: { state: 'ok', periodDays: 90, dueDate: '2026-08-02' } });
  });
  it('unknown account: keyed by the webmail host', async () => {
    const f = fakeBrowser({ granted: [] });
    start(f, resolvePolicy('cantho'));
    await f.send({ type: 'hygiene:password-changed' }, 'https://mail.cantho.gov.vn');
    expect(f.local.passwordChanges).toEqual({ 'mail.cantho.gov.vn': '2026-05-04' });
  });
  it('ignores other messages and other senders', async () => {
    const f = fakeBrowser({ granted: [] });
    start(f);
    expect(await f.send({ type: 'get-policy' })).toBeUndefined();
    expect(await f.send({ type: 'hygiene:account' })).toBeUndefined(); // no account string
  });
});
