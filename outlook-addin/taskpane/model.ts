/**
 * Everything the task pane shows, computed without React so it can be tested on its own:
 * the active policy (and where it came from), the item (compose or read) as a Draft, and
 * the findings. Uses the same readers as the event handlers, with a roomier time budget
 * because nobody is waiting on a Send dialog here.
 */
import type { Draft, Finding } from '../../shared/types';
import { evaluate, decide } from '../../shared/engine';
import { prepareDraft } from '../../shared/attachments';
import { htmlToText } from '../../shared/text/html';
import { FILES, ROAMING_KEYS, SESSION_KEYS } from '../common/constants';
import { loadEffectivePolicy, makeFetchText, type EffectivePolicy } from '../common/policy-source';
import { localStore, memoryStore, officeRuntimeStore, type KeyValueStore } from '../common/storage';
import { readOverrides, readUserPreset, type Overrides } from '../common/user-choices';
import { extractBefore, readDraft, sessionSet } from '../handlers/read-draft';
import { call, type ComposeItemLike, type OfficeLike } from '../handlers/office-api';

export type ItemMode = 'compose' | 'read' | 'none';

export interface PaneModel {
  mode: ItemMode;
  draft: Draft | null;
  findings: Finding[];
  effective: EffectivePolicy;
  /** Preset remembered in roamingSettings (users without an admin policy). */
  userPreset: string | null;
  /** The user may pick a preset only while no admin policy is in force. */
  canChoosePreset: boolean;
  overrides: Overrides;
  readError?: string;
  storeKind: KeyValueStore['kind'];
}

export interface PaneEnv {
  office: OfficeLike;
  window: {
    location: { href: string };
    fetch?: typeof fetch;
    localStorage?: Storage;
    setTimeout: (fn: () => void, ms: number) => unknown;
    OfficeRuntime?: { storage?: { getItem(k: string): Promise<string | null>; setItem(k: string, v: string): Promise<void> } };
  };
}

export function pickStore(env: PaneEnv): KeyValueStore {
  const rt = env.window.OfficeRuntime;
  if (rt && rt.storage && typeof rt.storage.getItem === 'function') return officeRuntimeStore(rt.storage);
  try {
    if (env.window.localStorage) {
      const probe = '__cg_probe__';
      env.window.localStorage.setItem(probe, '1');
      env.window.localStorage.removeItem(probe);
      return localStore(env.window.localStorage);
    }
  } catch {
    // Storage disabled (private mode, policy): fall through.
  }
  return memoryStore();
}

export function itemMode(item: ComposeItemLike | null | undefined): ItemMode {
  if (!item) return 'none';
  // Compose items expose subject as an object with getAsync; read items as a string.
  return typeof item.subject === 'object' && item.subject !== null ? 'compose' : 'read';
}

export async function saveUserPreset(office: OfficeLike, preset: string): Promise<void> {
  const rs = office.context.roamingSettings;
  if (!rs || !rs.set || !rs.saveAsync) throw new Error('roamingSettings unavailable');
  rs.set(ROAMING_KEYS.preset, preset);
  await call<void>('roamingSettings.saveAsync', (cb) => rs.saveAsync!(cb));
}

export async function loadPaneModel(env: PaneEnv): Promise<PaneModel> {
  const office = env.office;
  const store = pickStore(env);
  const userPreset = readUserPreset(office);
  const effective = await loadEffectivePolicy({
    // Same origin as the pane: new URL() keeps any sub-path the add-in is hosted under.
    policyUrl: new URL(FILES.policyJson, env.window.location.href).href,
    fetchText: makeFetchText({ fetch: env.window.fetch?.bind(env.window) as never, setTimeout: env.window.setTimeout }),
    timeoutMs: 8000,
    store,
    userPreset,
  });
  const canChoosePreset = effective.origin.kind === 'user-preset' || (effective.origin.kind === 'baseline' && effective.origin.problem?.code !== 'invalid');

  const item = office.context.mailbox.item;
  const mode = itemMode(item);
  const base: PaneModel = {
    mode,
    draft: null,
    findings: [],
    effective,
    userPreset,
    canChoosePreset,
    overrides: {},
    storeKind: store.kind,
  };
  if (!item) return base;
  if (mode === 'compose') {
    // The send check reuses this (sessionData), so a preset picked here applies to this
    // draft's Send at once, and pane and Smart Alert never judge by different policies.
    await sessionSet(item, SESSION_KEYS.policy, JSON.stringify({ origin: effective.origin, source: effective.source })).catch(() => undefined);
  }

  const clock = { now: () => Date.now(), setTimeout: env.window.setTimeout };
  const core = { evaluate, decide, prepareDraft, htmlToText };
  try {
    const start = Date.now();
    const read = await readDraft(office, item, core, {
      contents: 'fetch',
      contentDeadline: start + 8000,
      maxInspectBytes: 10 * 1024 * 1024,
      maxInspectCount: 20,
      clock,
    });
    const draft = await extractBefore(core, read.draft, read.metas, start + 15000, clock);
    const findings = evaluate(draft, effective.policy);
    const overrides = mode === 'compose' ? await readOverrides(item) : {};
    return { ...base, draft, findings, overrides };
  } catch (e) {
    return { ...base, readError: e instanceof Error ? e.message : String(e) };
  }
}

/** Records "send anyway, because …" for a rule; the send handler honours it for this item. */
export async function recordOverride(item: ComposeItemLike, rule: string, reason: string): Promise<PaneModel['overrides']> {
  const current = await readOverrides(item);
  const next = { ...current, [rule]: { reason: reason.trim(), at: new Date().toISOString() } };
  await sessionSet(item, SESSION_KEYS.overrides, JSON.stringify(next));
  return next;
}

