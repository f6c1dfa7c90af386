/**
 * Messages of the unit-mailbox feature (issue #5). Kept apart from extension/lib/messages.ts
 * (whose listener ignores unknown types): the background's unit-mailbox listener and the
 * mailbox content script handle these.
 */
import type { MailboxItem } from '../../shared/types';
import type { WebmailKind } from './model';

/** Background -> webmail tab: read the mailbox that is open, with the page's session. */
export interface ReadRequest {
  type: 'cg-unit:read';
  /** Only read when the logged-in account is one of these. */
  mailboxes: string[];
}

export type ReadResponse =
  | { ok: true; account: string; webmail: WebmailKind; baseUrl: string; items: MailboxItem[]; complete: boolean }
  | { ok: false; account?: string; webmail?: WebmailKind; baseUrl?: string; error_vi: string; error_en: string }
  /** Not a supported webmail page, not logged in, or not a managed mailbox. */
  | null;

/** Popup -> background: read the open unit mailboxes now. */
export interface RefreshRequest {
  type: 'cg-unit:refresh';
}

export function isUnitRequest(v: unknown): v is RefreshRequest {
  return !!v && typeof v === 'object' && (v as { type?: unknown }).type === 'cg-unit:refresh';
}

export function isReadRequest(v: unknown): v is ReadRequest {
  return !!v && typeof v === 'object' && (v as { type?: unknown }).type === 'cg-unit:read' && Array.isArray((v as ReadRequest).mailboxes);
}
