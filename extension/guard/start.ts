/**
 * Content-script bootstrap: find the adapter for this page, wire guard + attachments + UI +
 * policy, and keep the toolbar told whether protection is working on this tab.
 * Browser APIs come in through `StartDeps` so this file stays testable and browser-neutral.
 */
import type { Draft, Finding, Fix } from '../../shared/types';
import type { Policy } from '../../shared/policy';
import { pickAdapter, type AdapterEntry } from '../adapters/registry';
import type { WebmailAdapter } from '../adapters/types';
import { affectsPolicy, type PolicyResponse, type RuntimeRequest, type TabStatus } from '../lib/messages';
import { createPolicyClient } from '../lib/policy-client';
import { appendOverride, type LocalArea } from '../lib/override-log';
import { createGuardUi, type MountedUi } from '../ui/mount';
import { AttachmentStore } from './attachments';
import { createAttachCheck } from './attach-check';
import { createFrameExtractor } from './extract-client';
import { Guard } from './guard';

export interface StartDeps {
  win: Window;
  doc: Document;
  sendMessage(msg: RuntimeRequest): Promise<unknown>;
  getURL(path: string): string;
  local: LocalArea;
  onStorageChanged(fn: (changes: Record<string, unknown>, area: string) => void): void;
  evaluate(draft: Draft, policy: Policy): Finding[];
  convert(text: string, encoding: Fix['encoding']): string;
}

export interface Started {
  /** The adapter in charge now (a fallback may be replaced by a specific one, see below). */
  readonly entry: AdapterEntry;
  switchTo(entry: AdapterEntry): void;
  guard: Guard;
  ui: MountedUi;
  store: AttachmentStore;
}

/** How often the page is re-checked: adapter health, new editor frames. Cheap selector lookups. */
const HEALTH_INTERVAL_MS = 1000;
/** Single-page webmails (OWA, Gmail) render late: keep looking for an adapter this long. */
const DETECT_FOR_MS = 120_000;

export function startGuard(deps: StartDeps, onStarted?: (s: Started) => void): void {
  const { win, doc } = deps;
  const began = Date.now();

  let started: Started | null = null;

  // Single-page webmails (OWA, Gmail, Zimbra) build their DOM after load, so the generic
  // fallback may be all that matches at first. It guards (warn-only) until a specific adapter
  // recognises the page, which then takes over the same guard, listeners and UI.
  const loop = () => {
    if (!started) {
      const entry = pickAdapter(doc);
      if (entry) {
        // Not `onStarted?.(wire(…))`: an optional call skips evaluating its arguments.
        started = wire(deps, entry);
        onStarted?.(started);
      }
    } else if (started.entry.fallback) {
      const better = pickAdapter(doc, undefined, { specificOnly: true });
      if (better) started.switchTo(better);
    }
    const settled = started && !started.entry.fallback;
    if (!settled && Date.now() - began < DETECT_FOR_MS) win.setTimeout(loop, 2000);
  };

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', loop, { once: true });
  else loop();
}

/**
 * An adapter that always forwards to the entry in charge, so the guard, the attach check and
 * the health loop follow a switch from the fallback to a specific adapter.
 */
function delegating(ref: { entry: AdapterEntry }): WebmailAdapter {
  return new Proxy({} as WebmailAdapter, {
    get: (_t, key) => Reflect.get(ref.entry.adapter, key),
    has: (_t, key) => Reflect.has(ref.entry.adapter, key),
  });
}

function wire(deps: StartDeps, first: AdapterEntry): Started {
  const { win, doc, evaluate } = deps;
  const ref = { entry: first };
  const adapter = delegating(ref);
  const ui = createGuardUi(doc);
  const policy = createPolicyClient({
    request: () => deps.sendMessage({ type: 'get-policy' }) as Promise<PolicyResponse | undefined>,
    onChanged: (fn) => {
      deps.onStorageChanged((changes, area) => {
        if (affectsPolicy(changes, area)) fn();
      });
      return () => {};
    },
  });

  // `store` is referenced by the attach check before it exists; the callbacks only run later.
  let attachCheck: ReturnType<typeof createAttachCheck> | null = null;
  const store = new AttachmentStore({
    extract: createFrameExtractor(doc, deps.getURL('/extractor.html'), () => ui.shadow()),
    onAdded: (files) => attachCheck?.onAdded(files),
    onExtracted: (file) => attachCheck?.onExtracted(file),
  });
  attachCheck = createAttachCheck({ doc, adapter, policy, evaluate, ui, store });

  const guard = new Guard({
    win,
    doc,
    adapter,
    policy,
    evaluate,
    ui,
    attachments: store,
    convert: deps.convert,
    logOverride: (record) => void appendOverride(deps.local, record).catch(() => {}),
  });
  guard.listen(win);
  store.listen(win, (ev) => ui.owns(ev));
  const hooks: (() => void)[] = [];
  const connect = (entry: AdapterEntry) => {
    if (entry.connectHook) hooks.push(entry.connectHook(doc, () => guard.check('hook') === 'allow'));
  };
  connect(first);

  // Health: report to the toolbar when it changes; hook key guards into editor documents.
  const keyDocs = new WeakSet<Document>();
  let last = '';
  const tick = () => {
    let status: TabStatus;
    try {
      const composing = adapter.isComposeOpen(doc);
      const health = composing ? adapter.health(doc) : { ok: true, missing: [] };
      status = {
        state: !composing ? 'ready' : health.ok ? 'active' : 'inactive',
        adapter: adapter.id,
        missing: health.missing,
        hook: ref.entry.hookReady?.(doc) ?? false,
      };
      for (const d of adapter.keyDocuments?.(doc) ?? []) {
        if (keyDocs.has(d) || !d.defaultView) continue;
        keyDocs.add(d);
        guard.listenKeys(d.defaultView);
        store.listen(d.defaultView, (ev) => ui.owns(ev));
      }
    } catch (e) {
      status = { state: 'inactive', adapter: adapter.id, missing: [`error: ${e instanceof Error ? e.message : String(e)}`], hook: false };
    }
    const key = JSON.stringify(status);
    if (key !== last) {
      last = key;
      deps.sendMessage({ type: 'status', status }).catch(() => {
        last = ''; // background asleep or reloading: say it again next tick
      });
    }
  };
  tick();
  win.setInterval(tick, HEALTH_INTERVAL_MS);

  return {
    get entry() {
      return ref.entry;
    },
    switchTo(entry) {
      if (entry === ref.entry) return;
      for (const off of hooks.splice(0)) off();
      ref.entry = entry;
      connect(entry);
      tick();
    },
    guard,
    ui,
    store,
  };
}
