import type { Draft } from '../../shared/types';

export type AdapterId = 'roundcube' | 'zimbra' | 'owa' | 'gmail' | 'generic';

/** Result of checking that an adapter's selectors still match the live page. */
export interface AdapterHealth {
  ok: boolean;
  /** Names of the selectors that did not match (shown in "bảo vệ chưa hoạt động"). */
  missing: string[];
}

/**
 * One webmail. Adapters are thin (DESIGN.md "Hosts, thin"): they only turn the page into a
 * Draft and locate / re-trigger Send. The shared guard (extension/guard/) owns the capture
 * listeners, the dialog and the "send exactly once" bookkeeping.
 * Selectors live in `extension/adapters/<id>/selectors.ts`.
 */
export interface WebmailAdapter {
  id: AdapterId;
  /** Does this document belong to this webmail? Must be cheap (called on every page). */
  detect(doc: Document): boolean;
  /** Is a compose form open right now? */
  isComposeOpen(doc: Document): boolean;
  /**
   * Read the open compose form. Attachments carry names and sizes as the page shows them;
   * the attach-time capture layer merges in bytes for files attached in this tab.
   * Returns null when no compose form is open.
   */
  readDraft(doc: Document): Draft | null;
  /** Does this event target (or an ancestor) act as Send? */
  isSendControl(target: EventTarget | null, doc: Document): boolean;
  /** Is this key event a send shortcut here (e.g. Ctrl/Cmd+Enter)? Never true while isComposing. */
  isSendShortcut(ev: KeyboardEvent): boolean;
  /** While composing: do the selectors the guard relies on still match? */
  health(doc: Document): AdapterHealth;
  /** After the user confirmed "Vẫn gửi": send exactly once, bypassing our guard. */
  triggerSend(doc: Document): void;
  /** Replace subject and body in place (for "Chuyển sang Unicode"). */
  writeSubjectBody(doc: Document, subject: string, convert: (s: string) => string): void;
}
