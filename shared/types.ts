/**
 * The data that flows through congvu-guard (see DESIGN.md "The data that flows").
 * Hosts (webmail DOM, Office.js, .eml files) build a Draft; the engine returns Findings.
 * Pure types only: this file must load in a content script, a service worker,
 * Outlook's JavaScript-only runtime and Node.
 */

export type Severity = 'block' | 'warn' | 'info';
export type SeveritySetting = Severity | 'off';
export type Locale = 'vi' | 'en';

export interface Address {
  /** Display name as typed ("Nguyễn Văn An - Sở TT&TT"); may be empty. */
  name?: string;
  /** The bare address, e.g. "nvan@mic.gov.vn". */
  address: string;
}

/** One piece of text taken out of an attachment, with where it came from. */
export interface ExtractedPart {
  /** e.g. "attachment:bao-cao.docx", "attachment:thu.eml > attachment:ke-hoach.xlsx" */
  where: string;
  text: string;
  /**
   * Which piece of the file the text came from, when the format tells us. Lets a rule
   * treat a marking in a page header/footer ("MẬT" stamp) differently from body prose.
   */
  section?: ExtractedSection;
  /** Position inside the file, e.g. "word/header1.xml", "Sheet1", "page 3", "slide 2". */
  locator?: string;
}

export type ExtractedSection =
  | 'subject'
  | 'headers'
  | 'body'
  | 'header'
  | 'footer'
  | 'footnotes'
  | 'endnotes'
  | 'comments'
  | 'notes'
  | 'drawing'
  | 'master'
  | 'sheet'
  | 'sheet-names'
  | 'page'
  | 'slide'
  | 'properties';

export type UnreadableReason =
  | 'encrypted'
  | 'corrupt'
  | 'unsupported'
  | 'too-large'
  | 'timeout'
  | 'no-content';

export interface Extraction {
  parts: ExtractedPart[];
  /** Set when (part of) the attachment could not be inspected. */
  unreadable?: { reason: UnreadableReason; detail?: string; where: string }[];
}

export interface DraftAttachment {
  name: string;
  /** Size in bytes. */
  size: number;
  /** MIME type when known. */
  type?: string;
  /** The file's bytes, when the host has them (attached in this tab, .eml, Office). */
  bytes?: Uint8Array;
  /** Filled by prepareDraft() / extractAttachment(): text for content rules. */
  extraction?: Extraction;
}

export interface Draft {
  from?: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  bodyText: string;
  bodyHtml?: string;
  attachments: DraftAttachment[];
}

export type EvidenceWhere = 'subject' | 'body' | 'from' | 'to' | 'cc' | 'bcc' | `attachment:${string}`;

export interface Evidence {
  where: EvidenceWhere | string;
  excerpt: string;
}

/** A one-click repair the host may offer (e.g. "Chuyển sang Unicode"). */
export type Fix = { kind: 'convert-encoding'; encoding: 'tcvn3' | 'vni' };

export interface Finding {
  rule: string;
  severity: Severity;
  /** Vietnamese message (TCVN 6909:2001, NFC). */
  message: string;
  /** English message. */
  messageEn: string;
  /** Citations for the active preset, Vietnamese. */
  citations: string[];
  evidence: Evidence[];
  /** Whether the user may send anyway ("Vẫn gửi"). */
  allowOverride: boolean;
  /** Whether "Vẫn gửi" needs a written reason (audit log). */
  requireReason: boolean;
  fix?: Fix;
}

/** Received-side item (issue: unanswered unit-mailbox mail). */
export interface MailboxItem {
  id: string;
  from: string;
  subject: string;
  receivedAt: string;
  answered: boolean;
}
