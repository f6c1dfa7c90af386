/**
 * Which adapter handles a page (refined-github style: one registry, adapters in folders).
 * Order matters: specific applications first, `generic` (heuristic) last.
 */
import type { WebmailAdapter } from './types';
import { roundcubeAdapter, connectRoundcubeHook, isRoundcubeHookReady } from './roundcube';

export interface AdapterEntry {
  adapter: WebmailAdapter;
  /**
   * The application's own pre-send hook bridged from a world:'MAIN' script, when it has one.
   * `check` answers synchronously (true = send). Returns a disposer.
   */
  connectHook?(doc: Document, check: () => boolean): () => void;
  /** Has the page-world hook announced itself (shown in the popup)? */
  hookReady?(doc: Document): boolean;
}

export const ADAPTERS: AdapterEntry[] = [
  { adapter: roundcubeAdapter, connectHook: connectRoundcubeHook, hookReady: isRoundcubeHookReady },
];

export function pickAdapter(doc: Document, entries: readonly AdapterEntry[] = ADAPTERS): AdapterEntry | null {
  for (const entry of entries) {
    try {
      if (entry.adapter.detect(doc)) return entry;
    } catch {
      // A broken detect() must not take the other adapters down with it.
    }
  }
  return null;
}
