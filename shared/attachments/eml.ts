/**
 * RFC 5322 messages: attached .eml files (extracted recursively) and `emlToDraft` for the
 * CLI. MIME parsing is postal-mime's; this file only maps its output and adds the checks
 * a best-effort reader needs (warnings instead of exceptions).
 */
import PostalMime, { addressParser, decodeWords } from 'postal-mime';
import type { Address as PmAddress, Attachment as PmAttachment, Email, PostalMimeOptions } from 'postal-mime';
import type { Address, Draft, DraftAttachment } from '../types.ts';
import { htmlToText } from '../text/html.ts';
import { ExtractStop } from './budget.ts';
import { addPart, childNode, type Node } from './context.ts';
import { decodeUtf8 } from './encoding.ts';

export type Recurse = (node: Node, bytes: Uint8Array, name: string, type?: string) => Promise<void>;

const PARSE_OPTIONS: PostalMimeOptions = {
  // Every attached message stays an attachment with its raw bytes, so nesting is walked
  // (and depth-limited) by our own recursion instead of being merged into the body.
  forceRfc822Attachments: true,
  attachmentEncoding: 'arraybuffer',
  maxNestingDepth: 64,
  maxHeadersSize: 1024 * 1024,
};

function toBytes(c: PmAttachment['content']): Uint8Array {
  if (typeof c === 'string') return new TextEncoder().encode(c);
  return c instanceof Uint8Array ? c : new Uint8Array(c);
}

const EXT_BY_TYPE: Record<string, string> = {
  'message/rfc822': '.eml',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/csv': '.csv',
  'text/calendar': '.ics',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
};

/** postal-mime gives null for parts without a file name; give them a stable one. */
export function attachmentName(a: PmAttachment, index: number): string {
  const n = a.filename?.trim();
  if (n) return n.replace(/[\r\n\t]/g, ' ');
  const ext = EXT_BY_TYPE[a.mimeType] ?? '';
  return `${a.mimeType === 'message/rfc822' ? 'message' : 'attachment'}-${index + 1}${ext}`;
}

function mailboxes(list: PmAddress[] | PmAddress | undefined): Address[] {
  const out: Address[] = [];
  const arr = list === undefined ? [] : Array.isArray(list) ? list : [list];
  for (const a of arr) {
    if (a.group) {
      for (const m of a.group) out.push(toAddress(m.name, m.address));
    } else if (a.address !== undefined) {
      out.push(toAddress(a.name, a.address));
    }
  }
  return out.filter((a) => a.address || a.name);
}

function toAddress(name: string | undefined, address: string): Address {
  const n = (name ?? '').trim();
  return n ? { name: n, address: address.trim() } : { address: address.trim() };
}

function formatAddresses(list: Address[]): string {
  return list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
}

/** Whether the message had a real text/plain body (postal-mime otherwise renders one from HTML). */
function hasPlainTextPart(raw: string): boolean {
  return /content-type:\s*text\/plain/i.test(raw) || !/content-type:/i.test(raw);
}

function bodyTextOf(email: Email, raw: string): string {
  if (email.html && (!email.text || !hasPlainTextPart(raw))) return htmlToText(email.html);
  return (email.text ?? '').replace(/\r\n?/g, '\n');
}

/** Header section as a string, for the cheap checks below (first 64 KiB is plenty). */
function rawHead(bytes: Uint8Array): string {
  return decodeUtf8(bytes.subarray(0, 65536));
}

// ---------------------------------------------------------------------------------------
// Attached messages

export async function extractEml(node: Node, bytes: Uint8Array, recurse: Recurse): Promise<void> {
  const budget = node.sink.budget;
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, PARSE_OPTIONS);
  } catch (err) {
    throw new ExtractStop('corrupt', `message could not be parsed (${(err as Error).message})`, 'item');
  }
  budget.checkTime();
  if (email.subject) addPart(node, email.subject, 'subject');
  const from = mailboxes(email.from);
  const to = mailboxes(email.to);
  const cc = mailboxes(email.cc);
  const head = [
    from.length ? `From: ${formatAddresses(from)}` : '',
    to.length ? `To: ${formatAddresses(to)}` : '',
    cc.length ? `Cc: ${formatAddresses(cc)}` : '',
  ].filter(Boolean);
  if (head.length) addPart(node, head.join('\n'), 'headers');
  addPart(node, bodyTextOf(email, rawHead(bytes)), 'body');
  for (let k = 0; k < email.attachments.length; k++) {
    budget.checkTime();
    budget.countEntry();
    const a = email.attachments[k];
    const name = attachmentName(a, k);
    await recurse(childNode(node, name), toBytes(a.content), name, a.mimeType);
  }
}

// ---------------------------------------------------------------------------------------
// .eml -> Draft (CLI)

/**
 * Lines of a base64 body that contain characters outside the alphabet. postal-mime skips
 * such characters silently; the user should know the attachment may be garbled.
 */
function countBadBase64Lines(raw: string): number {
  let bad = 0;
  let pending = false; // saw "Content-Transfer-Encoding: base64" in the current header block
  let inBody = false;
  let inHeaders = true;
  for (const line of raw.split(/\r?\n/)) {
    if (inBody) {
      if (line === '' || line.startsWith('--')) {
        inBody = false;
        inHeaders = line.startsWith('--');
        continue;
      }
      if (!/^[A-Za-z0-9+/=\s]*$/.test(line)) bad++;
      continue;
    }
    if (line.startsWith('--')) {
      inHeaders = true;
      pending = false;
      continue;
    }
    if (inHeaders) {
      if (line === '') {
        inHeaders = false;
        if (pending) inBody = true;
        pending = false;
      } else if (/^content-transfer-encoding:\s*base64\s*$/i.test(line)) {
        pending = true;
      }
    }
  }
  return bad;
}

function headerValue(email: Email, key: string): string | undefined {
  return email.headers.find((h) => h.key === key)?.value;
}

function lintMessage(email: Email, raw: string, tail: string, warnings: string[]): void {
  if (!headerValue(email, 'from')) warnings.push('no From header');
  else if (!mailboxes(email.from).some((a) => a.address.includes('@'))) warnings.push('From header has no valid address');
  if (!headerValue(email, 'to') && !headerValue(email, 'cc') && !headerValue(email, 'bcc')) warnings.push('no recipients (To/Cc/Bcc)');
  for (const key of ['to', 'cc', 'bcc'] as const) {
    const bad = mailboxes(email[key]).filter((a) => !/^[^@\s]+@[^@\s]+$/.test(a.address));
    if (bad.length) warnings.push(`${key}: ${bad.length} address(es) not in user@domain form: ${bad.map((a) => a.address || a.name).join(', ')}`);
  }
  if (!headerValue(email, 'subject')) warnings.push('no Subject header');
  const ct = headerValue(email, 'content-type') ?? '';
  const m = /boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(ct);
  if (/^\s*multipart\//i.test(ct)) {
    const boundary = m ? (m[1] ?? m[2]) : undefined;
    if (!boundary) warnings.push('multipart message without a boundary parameter; body read as plain text');
    else if (!raw.includes(`--${boundary}`)) warnings.push(`MIME boundary "${boundary}" never occurs; body read as plain text`);
    else if (!raw.includes(`--${boundary}--`) && !tail.includes(`--${boundary}--`)) warnings.push(`MIME boundary "${boundary}" is never closed (truncated message?); parts read best-effort`);
  }
  const badB64 = countBadBase64Lines(raw);
  if (badB64) warnings.push(`${badB64} line(s) of invalid base64; the affected part was decoded best-effort`);
}

/** Last resort when postal-mime rejects the message: unfold headers by hand, body as text. */
function fallbackDraft(bytes: Uint8Array): Draft {
  const raw = decodeUtf8(bytes);
  const sep = /\r?\n\r?\n/.exec(raw);
  const headText = sep ? raw.slice(0, sep.index) : raw;
  const body = sep ? raw.slice(sep.index + sep[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of headText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const k = line.indexOf(':');
    if (k > 0) {
      const key = line.slice(0, k).trim().toLowerCase();
      if (!headers.has(key)) headers.set(key, line.slice(k + 1).trim());
    }
  }
  const addr = (key: string): Address[] => {
    const v = headers.get(key);
    if (!v) return [];
    try {
      return mailboxes(addressParser(v, { flatten: true }) as PmAddress[]);
    } catch {
      return [];
    }
  };
  let subject = headers.get('subject') ?? '';
  try {
    subject = decodeWords(subject);
  } catch {
    /* keep raw */
  }
  return { from: addr('from')[0], to: addr('to'), cc: addr('cc'), bcc: addr('bcc'), subject, bodyText: body, attachments: [] };
}

/**
 * Parse an .eml into a Draft. Never throws: anything odd becomes a warning and the Draft
 * holds whatever could be read. Attachments carry their bytes; call prepareDraft() to
 * extract their text.
 */
export async function emlToDraft(bytes: Uint8Array): Promise<{ draft: Draft; warnings: string[] }> {
  const warnings: string[] = [];
  let raw = '';
  try {
    // The checks below read the first 8 MiB (headers, bodies) and the last 64 KiB (the
    // closing boundary of a message with a big attachment), not all of a 30 MB message.
    const HEAD = 8 * 1024 * 1024;
    raw = decodeUtf8(bytes.subarray(0, HEAD));
    const tail = bytes.length > HEAD ? decodeUtf8(bytes.subarray(bytes.length - 65536)) : '';
    if (!raw.trim()) warnings.push('empty message');
    const email = await PostalMime.parse(bytes, PARSE_OPTIONS);
    lintMessage(email, raw, tail, warnings);
    const from = mailboxes(email.from);
    const attachments: DraftAttachment[] = email.attachments.map((a, k) => {
      const data = toBytes(a.content);
      const att: DraftAttachment = { name: attachmentName(a, k), size: data.length, bytes: data };
      if (a.mimeType) att.type = a.mimeType;
      return att;
    });
    const draft: Draft = {
      to: mailboxes(email.to),
      cc: mailboxes(email.cc),
      bcc: mailboxes(email.bcc),
      subject: email.subject ?? '',
      bodyText: bodyTextOf(email, raw),
      attachments,
    };
    if (from[0]) draft.from = from[0];
    if (email.html) draft.bodyHtml = email.html;
    return { draft, warnings };
  } catch (err) {
    warnings.push(`message could not be parsed as MIME (${(err as Error)?.message ?? String(err)}); read headers and body as plain text`);
    try {
      const draft = fallbackDraft(bytes);
      if (!draft.from) delete draft.from;
      return { draft, warnings };
    } catch (err2) {
      warnings.push(`fallback reader failed too (${(err2 as Error)?.message ?? String(err2)})`);
      return { draft: { to: [], cc: [], bcc: [], subject: '', bodyText: raw, attachments: [] }, warnings };
    }
  }
}
