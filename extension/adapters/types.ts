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
   * Read the open compose form once: the Draft and why that read may be incomplete (see
   * readIssues). Attachments carry names and sizes as the page shows them; the attach-time
   * capture layer merges in bytes for files attached in this tab. Returns null when no compose
   * form is open. The guard calls this on every Send, so the form is read once, not per half.
   */
  read(doc: Document): AdapterRead | null;
  /** read(doc)?.draft, for callers that need only the draft. */
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

  // Optional members (added by the zimbra/owa/gmail/generic adapters; absent = default).

  /**
   * Which mouse event makes the app act on its Send control. Default 'click'. Zimbra's
   * classic client (DwtButton) sends on 'mouseup', so a guard that only cancels 'click'
   * arrives after the mail is gone.
   */
  sendActivation?: 'click' | 'mouseup';
  /**
   * Same-origin documents other than `doc` where the send shortcut can be typed (editor
   * iframes such as Zimbra's TinyMCE body). Key events there do not bubble to `doc`, so the
   * guard must add its capture keydown listener to each (re-ask: editors are re-created).
   */
  keyDocuments?(doc: Document): Document[];
  /** read(doc)?.issues ?? [], for callers that need only the issues (absent = none). */
  readIssues?(doc: Document): string[];
}

/** One read of the compose form (WebmailAdapter.read). */
export interface AdapterRead {
  draft: Draft;
  /**
   * Why this read may be incomplete or guessed (Vietnamese, shown to the user), e.g.
   * recipients shown by name only, an unreadable size, or a heuristic (generic) adapter.
   * Non-empty → the guard must treat the findings as warn-only and show these reasons;
   * it must never block silently on a low-confidence read.
   */
  issues: string[];
}
