/**
 * Which adapter handles a page (refined-github style: one registry, adapters in folders).
 * Order matters: specific applications first, `generic` (heuristic, warn-only) last — its
 * detect() is true for any page, so it is only a fallback on the origins the extension runs on
 * (built-in webmail hosts and origins the user or admin added).
 */
import type { WebmailAdapter } from './types';
import { roundcubeAdapter, connectRoundcubeHook, isRoundcubeHookReady } from './roundcube';
import { zimbraAdapter } from './zimbra';
import { owaAdapter } from './owa';
import { gmailAdapter } from './gmail';
import { genericAdapter } from './generic';

export interface AdapterEntry {
  adapter: WebmailAdapter;
  /** A heuristic fallback: used only while no specific adapter recognises the page. */
  fallback?: boolean;
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
  { adapter: zimbraAdapter },
  { adapter: owaAdapter },
  { adapter: gmailAdapter },
  { adapter: genericAdapter, fallback: true },
];

export function pickAdapter(doc: Document, entries: readonly AdapterEntry[] = ADAPTERS, opts: { specificOnly?: boolean } = {}): AdapterEntry | null {
  for (const entry of entries) {
    if (opts.specificOnly && entry.fallback) continue;
    try {
      if (entry.adapter.detect(doc)) return entry;
    } catch {
      // A broken detect() must not take the other adapters down with it.
    }
  }
  return null;
}
