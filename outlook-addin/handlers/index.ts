/**
 * Entry of the event-handler bundle (built to .output/outlook-addin/handlers.js as one IIFE).
 *
 * It runs in two places: classic Outlook on Windows loads it directly in the JavaScript-only
 * runtime (the manifest's <Override type="javascript">), every other client loads it from
 * commands.html in a browser runtime. Classic Outlook ignores Office.onReady/initialize for
 * event handlers, so all wiring happens at top level, and only `Office` is assumed to exist.
 */
// polyfills.ts is NOT imported here: scripts/build-addin.mjs prepends it as a banner,
// because esbuild's own helpers capture Object.getOwnPropertyDescriptors (ES2017) in the
// first lines of the bundle, before any imported module could patch it.
import { evaluate, decide } from '../../shared/engine';
import { prepareDraft } from '../../shared/attachments';
import { htmlToText } from '../../shared/text/html';
import { HANDLER_FUNCTION_NAMES, FILES } from '../common/constants';
import { loadEffectivePolicy, makeFetchText } from '../common/policy-source';
import { handlerStore } from '../common/storage';
import { readSummary } from '../common/overdue-summary';
import { readUserPreset } from '../common/user-choices';
import { createHandlers } from './handlers';
import type { OfficeLike } from './office-api';

declare const Office: OfficeLike;

type GlobalLike = Record<string, unknown> & {
  OfficeRuntime?: { storage?: { getItem(k: string): Promise<string | null>; setItem(k: string, v: string): Promise<void> } };
};
const G: GlobalLike = (typeof globalThis !== 'undefined' ? globalThis : {}) as unknown as GlobalLike;

const timers = {
  setTimeout: typeof setTimeout === 'function' ? (fn: () => void, ms: number) => setTimeout(fn, ms) : undefined,
  clearTimeout: typeof clearTimeout === 'function' ? (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) : undefined,
};

const store = handlerStore(G);
const fetchText = makeFetchText({
  fetch: G.fetch as never,
  XMLHttpRequest: G.XMLHttpRequest as never,
  setTimeout: timers.setTimeout,
});

const handlers = createHandlers({
  office: Office,
  core: { evaluate, decide, prepareDraft, htmlToText },
  loadPolicy: (timeoutMs) =>
    loadEffectivePolicy({
      policyUrl: __ADDIN_BASE_URL__ + '/' + FILES.policyJson,
      fetchText,
      timeoutMs,
      store,
      userPreset: readUserPreset(Office),
    }),
  now: () => Date.now(),
  setTimeout: timers.setTimeout,
  clearTimeout: timers.clearTimeout,
  log: typeof console !== 'undefined' ? (...a: unknown[]) => console.warn('[congvu-guard]', ...a) : undefined,
  // The same OfficeRuntime.storage store as the policy cache; without it, an empty memory store
  // answers null, just as "no summary" (browser runtimes have no store shared with the pane).
  overdueSummary: () => readSummary(store),
});

// Outlook finds handlers by the manifest's FunctionName through this map; a missing entry
// for a SoftBlock OnMessageSend blocks sending for everyone, so every name is associated.
if (typeof Office !== 'undefined' && Office.actions && typeof Office.actions.associate === 'function') {
  for (const name of HANDLER_FUNCTION_NAMES) Office.actions.associate(name, handlers[name]);
}
// Browser runtimes of older Outlook builds look handlers up as globals.
for (const name of HANDLER_FUNCTION_NAMES) G[name] = handlers[name];
