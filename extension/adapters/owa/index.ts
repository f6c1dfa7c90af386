/**
 * Outlook on the web: Microsoft 365 (outlook.office.com, outlook.office365.com) and
 * Exchange 2016/2019 on-premises OWA (https://mail.<agency>.gov.vn/owa/).
 *
 * Send paths: the Send button (React/Fluent onClick → click), Ctrl+Enter (Cmd+Enter on
 * macOS) when the keyboard-shortcut set allows it — the button's tooltip then reads
 * "Send (Ctrl+Enter)" — and Alt+S (Outlook-desktop shortcut set). Several compose forms
 * can be open (inline reply plus a popped-out draft), so the form whose Send the guard
 * last asked about is remembered (dom-utils rememberRoot).
 */
import type { Address, Draft, DraftAttachment } from '../../../shared/types';
import type { AdapterHealth, AdapterRead, WebmailAdapter } from '../types';
import {
  all,
  asElement,
  attachment,
  claimRootOf,
  cleanText,
  closest,
  editableText,
  fieldValue,
  first,
  isEmail,
  isHidden,
  isModEnter,
  noteUnreadableSize,
  parseAddress,
  parseAddressList,
  parseSize,
  plainBodyText,
  recalledRoot,
  rememberRoot,
  rewriteBody,
  setFieldValue,
  shortcutTarget,
  simulateClick,
  splitNameAndSize,
  uniqueAddresses,
} from '../dom-utils';
import {
  APP,
  ATTACHMENT_TILE,
  ATTACHMENT_WELL,
  BODY,
  CHIP,
  CHIP_NAME,
  COMPOSE_CONTAINER,
  FROM,
  ONPREM_ATTACHMENT_SIZE,
  ONPREM_INPUT,
  ONPREM_PERSONA,
  ONPREM_WELL,
  PLAIN_BODY,
  SEND,
  SUBJECT,
  WELL,
} from './selectors';

type Field = 'to' | 'cc' | 'bcc';

function isOwaLocation(doc: Document): boolean {
  const loc = doc.location;
  if (!loc) return false;
  const host = loc.hostname.toLowerCase();
  if (/^outlook\.(office|office365|live)\.com$/.test(host) || host === 'outlook.cloud.microsoft') return true;
  return /^\/owa(\/|$)/i.test(loc.pathname);
}

function rootOf(el: Element): Element {
  const container = closest(el, COMPOSE_CONTAINER);
  if (container) return container;
  for (let e = el.parentElement; e; e = e.parentElement) {
    if (first(e, SUBJECT) || first(e, SEND)) return e;
  }
  return el.ownerDocument.body;
}

/** Visible compose forms, in document order. */
function composeRoots(doc: Document): Element[] {
  const roots: Element[] = [];
  for (const body of all(doc, [...BODY, ...PLAIN_BODY])) {
    if (isHidden(body)) continue;
    const root = rootOf(body);
    // An OWA compose form has OWA's recipient well or Send button, not just a labelled editor.
    if (!first(root, WELL.to) && !first(root, ONPREM_INPUT.to) && !first(root, SEND)) continue;
    if (!roots.includes(root)) roots.push(root);
  }
  return roots;
}

function activeRoot(doc: Document): Element | null {
  return recalledRoot(doc, composeRoots(doc));
}

function bodyOf(root: Element): { rich: HTMLElement | null; plain: HTMLTextAreaElement | null } {
  const rich = all<HTMLElement>(root, BODY).find((e) => !isHidden(e)) ?? null;
  const plain = rich ? null : all<HTMLTextAreaElement>(root, PLAIN_BODY).find((e) => !isHidden(e)) ?? null;
  return { rich, plain };
}

function sendButton(root: Element): HTMLElement | null {
  return all<HTMLElement>(root, SEND).find((b) => !isHidden(b, root)) ?? null;
}

// ---------------------------------------------------------------------------------------
// Recipients

function chipAddress(chip: Element, issues: string[]): Address | null {
  const nameEl = first(chip, CHIP_NAME);
  const name = cleanText(nameEl?.textContent ?? chip.textContent);
  // The chip's own aria-label is the address even when it shows a display name.
  const addr =
    parseAddress(chip.getAttribute('aria-label')) ?? parseAddress(chip.getAttribute('title')) ?? parseAddress(name);
  if (addr) {
    if (addr.name || !name || name.toLowerCase() === addr.address.toLowerCase()) return addr;
    return { name, address: addr.address };
  }
  if (!name) return null;
  issues.push(`Người nhận "${name}" chỉ hiện tên, không thấy địa chỉ e-mail.`);
  return { name, address: '' };
}

function m365Field(root: Element, field: Field, issues: string[]): Address[] | null {
  const well = first(root, WELL[field]);
  if (!well) return null;
  const out: Address[] = [];
  const chips = all(well, CHIP);
  for (const chip of chips) {
    const a = chipAddress(chip, issues);
    if (a) out.push(a);
  }
  // Typed text not yet resolved to a chip is sent as typed: read what is left.
  const rest = well.cloneNode(true) as Element;
  rest.querySelectorAll(CHIP.join(',')).forEach((c) => c.remove());
  out.push(...parseAddressList(editableText(rest)));
  return uniqueAddresses(out);
}

function onpremField(root: Element, field: Field, issues: string[]): Address[] | null {
  const input = first<HTMLInputElement>(root, ONPREM_INPUT[field]);
  if (!input) return null;
  const well = closest(input, ONPREM_WELL) ?? input.parentElement ?? root;
  const out: Address[] = [];
  for (const persona of all(well, ONPREM_PERSONA)) {
    const outer = persona.parentElement?.closest('span.allowTextSelection');
    if (persona.contains(input) || (outer && well.contains(outer))) continue; // nested spans of one persona
    const name = cleanText(persona.textContent);
    const addr =
      parseAddress(persona.getAttribute('title')) ?? parseAddress(persona.getAttribute('aria-label')) ?? parseAddress(name);
    if (addr) out.push(addr.name || !name || name === addr.address ? addr : { name, address: addr.address });
    else if (name) {
      out.push({ name, address: '' });
      issues.push(`Người nhận "${name}" chỉ hiện tên, không thấy địa chỉ e-mail.`);
    }
  }
  out.push(...parseAddressList(fieldValue(input)));
  return uniqueAddresses(out);
}

function recipients(root: Element, field: Field, issues: string[]): Address[] {
  return m365Field(root, field, issues) ?? onpremField(root, field, issues) ?? [];
}

// ---------------------------------------------------------------------------------------
// Attachments, From

function sizeInside(el: Element): number | null {
  for (const e of all(el, ['*'])) {
    if (e.children.length) continue;
    const s = parseSize(e.textContent);
    if (s !== null) return s;
  }
  return null;
}

function attachments(root: Element, issues: string[]): DraftAttachment[] {
  const out: DraftAttachment[] = [];
  for (const well of all(root, ATTACHMENT_WELL)) {
    for (const tile of all(well, ATTACHMENT_TILE)) {
      const label = splitNameAndSize(tile.getAttribute('aria-label'));
      const titled = tile.getAttribute('title') ? tile : first(tile, ['[title]']);
      const name = cleanText(titled?.getAttribute('title')) || label.name;
      const size = sizeInside(tile) ?? label.size;
      if (!name) continue;
      noteUnreadableSize(issues, name, size);
      out.push(attachment(name, size));
    }
  }
  for (const sizeEl of all(root, ONPREM_ATTACHMENT_SIZE)) {
    const parent = sizeEl.parentElement;
    const nameEl = parent ? [...parent.children].find((c) => c !== sizeEl && cleanText(c.textContent)) : null;
    const name = cleanText(nameEl?.textContent);
    if (!name) continue;
    const size = parseSize(sizeEl.textContent);
    noteUnreadableSize(issues, name, size);
    out.push(attachment(name, size));
  }
  return out;
}

function fromOf(doc: Document, root: Element): Address | undefined {
  const composeFrom = first(root, FROM.compose);
  if (composeFrom) {
    const text = cleanText(composeFrom.textContent) || cleanText(composeFrom.getAttribute('aria-label'));
    const a = parseAddress(text.replace(/^(from|từ)\s*:\s*/i, ''));
    if (a) return a;
  }
  const name = cleanText(first(doc, FROM.accountName)?.textContent);
  let address = cleanText(first(doc, FROM.accountAddress)?.textContent);
  if (!isEmail(address)) {
    // The suite header's own photo is fetched by address (GetPersonaPhoto?email=…).
    const src = first(doc, FROM.accountPhoto)?.getAttribute('src') ?? '';
    const m = /[?&]email=([^&]+)/i.exec(src);
    address = m ? cleanText(decodeURIComponent(m[1])) : '';
  }
  if (isEmail(address)) return name && name !== address ? { name, address } : { address };
  return undefined;
}

// ---------------------------------------------------------------------------------------


function read(doc: Document): AdapterRead | null {
  const root = activeRoot(doc);
  if (!root) return null;
  const issues: string[] = [];
  const { rich, plain } = bodyOf(root);
  const subjectEl = first(root, SUBJECT);
  if (!subjectEl) issues.push('Không thấy ô chủ đề (trả lời ngay trong khung đọc): chủ đề chưa được kiểm tra.');
  const draft: Draft = {
    to: recipients(root, 'to', issues),
    cc: recipients(root, 'cc', issues),
    bcc: recipients(root, 'bcc', issues),
    subject: cleanText(fieldValue(subjectEl)),
    bodyText: rich ? editableText(rich) : plainBodyText(plain),
    attachments: attachments(root, issues),
  };
  if (rich) draft.bodyHtml = rich.innerHTML.trim();
  const from = fromOf(doc, root);
  if (from) draft.from = from;
  return { draft, issues };
}

export const owaAdapter: WebmailAdapter = {
  id: 'owa',

  detect(doc) {
    return isOwaLocation(doc) || !!first(doc, APP);
  },

  isComposeOpen(doc) {
    return composeRoots(doc).length > 0;
  },

  read,

  readDraft(doc) {
    return read(doc)?.draft ?? null;
  },

  readIssues(doc) {
    return read(doc)?.issues ?? [];
  },

  isSendControl(target, doc) {
    const el = asElement(target);
    const btn = closest(el, SEND);
    return !!btn && !!claimRootOf(composeRoots(doc), btn);
  },

  isSendShortcut(ev) {
    const altS = ev.altKey && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey && (ev.code === 'KeyS' || ev.key === 's' || ev.key === 'S');
    const modEnter = isModEnter(ev);
    if (!altS && !modEnter) return false;
    const t = shortcutTarget(ev);
    if (!t) return false;
    // Found, not claimed yet: a Ctrl+Enter that would not send must not change the remembered form.
    const root = composeRoots(t.doc).find((r) => r.contains(t.el));
    if (!root) return false;
    if (modEnter) {
      // With the shortcut turned off the tooltip loses "(Ctrl+Enter)"; a hint naming
      // another key means Ctrl+Enter would not send, so do not intercept it.
      const title = sendButton(root)?.getAttribute('title') ?? '';
      if (/\(.+\)/.test(title) && !/enter/i.test(title)) return false;
    }
    rememberRoot(root);
    return true;
  },

  health(doc): AdapterHealth {
    const root = activeRoot(doc);
    if (!root) return { ok: true, missing: [] };
    const missing: string[] = [];
    if (!sendButton(root)) missing.push('owa.sendButton');
    if (!first(root, WELL.to) && !first(root, ONPREM_INPUT.to)) missing.push('owa.to');
    const b = bodyOf(root);
    if (!b.rich && !b.plain) missing.push('owa.body');
    // No subject requirement: inline replies in the reading pane have no subject field.
    return { ok: missing.length === 0, missing };
  },

  triggerSend(doc) {
    const root = activeRoot(doc);
    const btn = root ? sendButton(root) : null;
    if (!btn) throw new Error('congvu-guard/owa: Send button not found');
    simulateClick(btn);
  },

  writeSubjectBody(doc, subject, convert) {
    const root = activeRoot(doc);
    if (!root) return;
    const input = first<HTMLInputElement>(root, SUBJECT);
    if (input) setFieldValue(input, subject);
    rewriteBody(bodyOf(root), convert);
  },
};

export default owaAdapter;
