/**
 * Content-script bootstrap: find the adapter for this page, wire guard + attachments + UI +
 * policy, and keep the toolbar told whether protection is working on this tab.
 * Browser APIs come in through `StartDeps` so this file stays testable and browser-neutral.
 */
import type { Draft, Finding, Fix } from '../../shared/types';
import type { Policy } from '../../shared/policy';
import { pickAdapter, type AdapterEntry } from '../adapters/registry';
import type { PolicyResponse, RuntimeRequest, TabStatus } from '../lib/messages';
import { STORAGE_KEYS } from '../lib/messages';
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
  entry: AdapterEntry;
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

  const tryStart = (): boolean => {
    const entry = pickAdapter(doc);
    if (!entry) return false;
    // Not `onStarted?.(wire(…))`: an optional call skips evaluating its arguments.
    const started = wire(deps, entry);
    onStarted?.(started);
    return true;
  };

  const loop = () => {
    if (tryStart()) return;
    if (Date.now() - began < DETECT_FOR_MS) win.setTimeout(loop, 2000);
  };

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', loop, { once: true });
  else loop();
}

function wire(deps: StartDeps, entry: AdapterEntry): Started {
  const { win, doc, evaluate } = deps;
  const adapter = entry.adapter;
  const ui = createGuardUi(doc);
  const policy = createPolicyClient({
    request: () => deps.sendMessage({ type: 'get-policy' }) as Promise<PolicyResponse | undefined>,
    onChanged: (fn) => {
      deps.onStorageChanged((changes, area) => {
        if (area === 'managed' || (area === 'local' && STORAGE_KEYS.preset in changes)) fn();
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
  entry.connectHook?.(doc, () => guard.check('hook') === 'allow');

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
        hook: entry.hookReady?.(doc) ?? false,
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

  return { entry, guard, ui, store };
}
