/**
 * Zimbra adapter: the Classic (Ajax) web client and the Modern (zm-x-web) client.
 *
 * Classic facts the guard depends on (zm-ajax DwtButton.js):
 *  - Toolbar buttons act on MOUSEUP, not click: DwtButton's actionTiming defaults to
 *    ACTION_MOUSEUP; mousedown only marks the button active (isActive) and mouseup then
 *    notifies the selection listener (ZmComposeController._sendListener → _send →
 *    sendMsg). Cancelling `click` is too late; the guard must stop mousedown and mouseup.
 *  - DwtMouseEvent reads the button from `event.which` (1 = left); synthetic events in
 *    Chrome/Firefox report which = button + 1, so a dispatched mousedown+mouseup works.
 *  - Ctrl+Enter is compose.Send in ZmKeys.properties ("Ctrl+13"; Meta is a separate
 *    modifier in DwtKeyboardMgr, so Cmd+Enter does not send). In the HTML editor the key
 *    is typed inside the TinyMCE iframe, hence keyDocuments().
 *
 * Preferred interception (MAIN world), see MAIN_WORLD_HOOK.md next to this file: wrap
 * ZmComposeController.prototype._send, which both the Send button and the Ctrl+Enter
 * action call; the DOM listeners here are the fallback.
 */
import type { Address, Draft, DraftAttachment } from '../../../shared/types';
import type { AdapterHealth, AdapterRead, WebmailAdapter } from '../types';
import {
  all,
  asElement,
  attachment,
  cleanText,
  closest,
  controlText,
  dispatchMouse,
  editableText,
  fieldValue,
  first,
  frameDocument,
  isHidden,
  isImeComposing,
  isModEnter,
  labelIs,
  noteUnreadableSize,
  parseAddress,
  parseAddressList,
  plainBodyText,
  rewriteBody,
  selectedOption,
  setFieldValue,
  simulateClick,
  splitNameAndSize,
  topDocumentOf,
  uniqueAddresses,
} from '../dom-utils';
import {
  CLASSIC,
  COMPOSE_VIEW_ID,
  MODERN,
  MODERN_FIELD_LABELS,
  SEND_BUTTON_ID,
  SEND_LABELS,
  forView,
} from './selectors';

type Variant = 'classic' | 'modern';
type Field = 'to' | 'cc' | 'bcc';


// ---------------------------------------------------------------------------------------
// Which client

function isClassic(doc: Document): boolean {
  return !!first(doc, CLASSIC.app) || !!first(doc, CLASSIC.composeView);
}

function isModern(doc: Document): boolean {
  const path = doc.location?.pathname ?? '';
  // The Modern UI is served under /modern/ (ZCS 9/10); the composer markup is a fallback signal.
  return path.startsWith('/modern/') || !!first(doc, MODERN.app) || !!first(doc, MODERN.body);
}

function variant(doc: Document): Variant | null {
  if (first(doc, CLASSIC.app) || activeClassicView(doc)) return 'classic';
  if (isModern(doc)) return 'modern';
  return null;
}

// ---------------------------------------------------------------------------------------
// Classic

/** The visible compose view and its id suffix ("COMPOSE-1"); inactive tabs are hidden. */
function activeClassicView(doc: Document): { view: Element; n: string } | null {
  for (const view of all(doc, CLASSIC.composeView)) {
    const m = COMPOSE_VIEW_ID.exec(view.id);
    if (m && !isHidden(view)) return { view, n: m[1] };
  }
  return null;
}

function classicSendButton(doc: Document, n: string): Element | null {
  const btn = first(doc, forView(CLASSIC.sendButton, n));
  return btn && !isHidden(btn) ? btn : null;
}

function classicBody(view: Element): { frame: Element | null; frameBody: HTMLElement | null; textarea: HTMLTextAreaElement | null } {
  const textarea = first<HTMLTextAreaElement>(view, CLASSIC.bodyTextarea);
  const frame = first(view, CLASSIC.bodyFrame);
  const fdoc = frameDocument(frame);
  const frameBody = fdoc ? first<HTMLElement>(fdoc, CLASSIC.frameBody) : null;
  return { frame, frameBody, textarea };
}

/**
 * Text mode shows the textarea; HTML mode hides it (TinyMCE) and shows the iframe. An
 * iframe whose document cannot be read (not loaded yet) is 'unreadable', never "empty".
 */
function classicBodyMode(b: ReturnType<typeof classicBody>): 'text' | 'html' | 'unreadable' | 'none' {
  if (b.textarea && !isHidden(b.textarea)) return 'text';
  if (b.frameBody) return 'html';
  if (b.frame) return 'unreadable';
  return b.textarea ? 'text' : 'none';
}

function classicAddresses(doc: Document, n: string, field: Field, issues: string[]): Address[] {
  const sel = CLASSIC.fields[field];
  const row = first(doc, forView(sel.row, n));
  // ZmRecipients ignores a hidden field (collectAddrs skips !_using[type]); so do we.
  if (row && isHidden(row)) return [];
  const cell = first(doc, forView(sel.cell, n));
  const control = first(doc, forView(sel.control, n));
  const out: Address[] = [];
  for (const bubble of all(cell ?? row, CLASSIC.bubble)) {
    const full = first(bubble, CLASSIC.bubbleFull);
    const shown = cleanText(bubble.textContent);
    const addr = parseAddress(full?.textContent) ?? parseAddress(bubble.getAttribute('title')) ?? parseAddress(shown);
    if (addr) out.push(addr);
    else if (shown) {
      out.push({ name: shown, address: '' });
      issues.push(`Người nhận "${shown}" chỉ hiện tên, không thấy địa chỉ e-mail.`);
    }
  }
  // Text typed but not yet turned into a bubble (or bubbles disabled: a plain textarea).
  out.push(...parseAddressList(fieldValue(control)));
  return uniqueAddresses(out);
}

function classicFrom(doc: Document, n: string): Address | undefined {
  const row = first(doc, forView(CLASSIC.identityRow, n));
  if (row) {
    const title = first(row, forView(CLASSIC.identityTitle, n));
    const a = parseAddress(title?.textContent);
    if (a) return a;
  }
  const user = first(doc, CLASSIC.userName);
  if (user) {
    return parseAddress(user.getAttribute('title')) ?? parseAddress(user.textContent) ?? undefined;
  }
  return undefined;
}

function classicAttachments(doc: Document, n: string, issues: string[]): DraftAttachment[] {
  const box = first(doc, forView(CLASSIC.attachments, n));
  const out: DraftAttachment[] = [];
  for (const bubble of all(box, CLASSIC.attachmentBubble)) {
    if (bubble.matches(CLASSIC.attachmentUploading.join(','))) {
      const name = cleanText(bubble.querySelector('span')?.textContent);
      issues.push(`Tệp "${name}" đang tải lên, chưa đọc được dung lượng.`);
      out.push(attachment(name, null));
      continue;
    }
    const link = first(bubble, CLASSIC.attachmentName);
    const name = cleanText(link?.textContent);
    // The size follows the link as "(26,3 KB)"; the link text itself is the file name.
    const rest = cleanText((bubble.textContent ?? '').replace(link?.textContent ?? '', ' '));
    const { size } = splitNameAndSize(`x ${rest}`);
    if (!name) continue;
    noteUnreadableSize(issues, name, size);
    out.push(attachment(name, size));
  }
  return out;
}

function readClassic(doc: Document): AdapterRead | null {
  const active = activeClassicView(doc);
  if (!active) return null;
  const { view, n } = active;
  const issues: string[] = [];
  const body = classicBody(view);
  const mode = classicBodyMode(body);
  // A body we cannot see must not pass as an empty one: throwing makes the guard follow
  // the policy's onError and tell the user.
  if (mode === 'unreadable') throw new Error('zimbra: không đọc được nội dung thư (khung soạn thảo chưa sẵn sàng)');
  let bodyText = '';
  let bodyHtml: string | undefined;
  if (mode === 'text') {
    bodyText = plainBodyText(body.textarea);
  } else if (mode === 'html' && body.frameBody) {
    bodyText = editableText(body.frameBody);
    bodyHtml = body.frameBody.innerHTML.trim();
  }
  const draft: Draft = {
    to: classicAddresses(doc, n, 'to', issues),
    cc: classicAddresses(doc, n, 'cc', issues),
    bcc: classicAddresses(doc, n, 'bcc', issues),
    subject: cleanText(fieldValue(first(doc, forView(CLASSIC.subject, n)))),
    bodyText,
    attachments: classicAttachments(doc, n, issues),
  };
  const from = classicFrom(doc, n);
  if (from) draft.from = from;
  if (bodyHtml !== undefined) draft.bodyHtml = bodyHtml;
  return { draft, issues };
}

function healthClassic(doc: Document): AdapterHealth {
  const active = activeClassicView(doc);
  if (!active) return { ok: true, missing: [] };
  const { view, n } = active;
  const missing: string[] = [];
  if (!classicSendButton(doc, n)) missing.push('classic.sendButton');
  if (!first(doc, forView(CLASSIC.subject, n))) missing.push('classic.subject');
  if (!first(doc, forView(CLASSIC.fields.to.control, n)) && !first(doc, forView(CLASSIC.fields.to.cell, n))) {
    missing.push('classic.to');
  }
  const b = classicBody(view);
  if (!b.frame && !b.textarea) missing.push('classic.body');
  return { ok: missing.length === 0, missing };
}

function isClassicSendControl(el: Element, doc: Document): boolean {
  const btn = closest(el, CLASSIC.anySendButton);
  if (btn && SEND_BUTTON_ID.test(btn.id)) {
    const arrow = closest(el, CLASSIC.dropdownPart);
    // The arrow of "…__SEND_MENU" pops up the send-later menu; only the label half sends.
    return !(arrow && btn.contains(arrow) && arrow.id === `${btn.id}_dropdown`);
  }
  const item = closest(el, CLASSIC.sendMenuItem);
  return !!item && !!first(doc, ['div[id^="zb__COMPOSE"][id$="__SEND_MENU"]']);
}

function triggerClassic(doc: Document): void {
  const active = activeClassicView(doc);
  if (!active) throw new Error('congvu-guard/zimbra: no open compose view to send');
  const btn = classicSendButton(doc, active.n);
  if (!btn) throw new Error('congvu-guard/zimbra: Send button not found');
  // Aim at the label cell: DwtButton._isDropDownEvent compares the pointer x with the
  // drop-down cell, so the centre of the whole split button could open "send later".
  const target = first(doc, forView(CLASSIC.sendTitle, active.n)) ?? btn;
  dispatchMouse(target, 'mouseover');
  dispatchMouse(target, 'mousedown'); // DwtButton.trigger(): isActive = true
  dispatchMouse(target, 'mouseup'); // isActive → _handleClick → SELECTION → _send()
}

// ---------------------------------------------------------------------------------------
// Modern

function modernComposer(doc: Document): Element | null {
  for (const c of all(doc, MODERN.composer)) if (!isHidden(c)) return c;
  return null;
}

function modernBodyEl(root: Element): HTMLElement | null {
  const rta = first<HTMLElement>(root, MODERN.body);
  if (rta) return rta;
  const fdoc = frameDocument(first(root, MODERN.bodyFrame));
  return fdoc?.body ?? null;
}

function modernSend(root: Element): HTMLElement | null {
  for (const container of all(root, MODERN.sendContainers)) {
    for (const b of all<HTMLElement>(container, ['button', '[role="button"]'])) {
      if (labelIs(controlText(b), SEND_LABELS) && !isHidden(b, root)) return b;
    }
  }
  return null;
}

function modernFieldOf(field: Element): Field | null {
  const label = first(field, MODERN.addressLabel);
  const text = controlText(label ?? field);
  const input = first<HTMLInputElement>(field, MODERN.tokenInput);
  const placeholder = input?.getAttribute('placeholder') ?? '';
  for (const f of ['to', 'cc', 'bcc'] as const) {
    if (labelIs(text, MODERN_FIELD_LABELS[f]) || labelIs(placeholder, MODERN_FIELD_LABELS[f])) return f;
  }
  return null;
}

function modernAddresses(root: Element, issues: string[]): Record<Field, Address[]> {
  const out: Record<Field, Address[]> = { to: [], cc: [], bcc: [] };
  for (const field of all(root, MODERN.addressField)) {
    const kind = modernFieldOf(field);
    if (!kind) continue;
    for (const label of all(field, MODERN.tokenLabel)) {
      const token = label.parentElement ?? label;
      // Tokens render only a display name (address-field/index.js displayAddress); the
      // address appears in the DOM only while the contact hover card is open.
      const mailto = token.querySelector('a[href^="mailto:"]')?.getAttribute('href')?.replace(/^mailto:/i, '');
      const addr =
        parseAddress(label.getAttribute('title')) ??
        parseAddress(token.getAttribute('title')) ??
        parseAddress(label.getAttribute('aria-label')) ??
        parseAddress(mailto ? decodeURIComponent(mailto) : null) ??
        parseAddress(label.textContent);
      const name = cleanText(label.textContent);
      if (addr) out[kind].push(addr.name || !name || addr.address === name ? addr : { name, address: addr.address });
      else if (name) {
        out[kind].push({ name, address: '' });
        issues.push(`Người nhận "${name}" chỉ hiện tên, không thấy địa chỉ e-mail (Zimbra Modern).`);
      }
    }
    out[kind].push(...parseAddressList(fieldValue(first(field, MODERN.tokenInput))));
    out[kind] = uniqueAddresses(out[kind]);
  }
  return out;
}

function modernAttachments(root: Element, issues: string[]): DraftAttachment[] {
  const out: DraftAttachment[] = [];
  for (const a of all(root, MODERN.attachment)) {
    const nameEl = first(a, MODERN.attachmentName);
    const sizeEl = first(a, MODERN.attachmentSize);
    let name = cleanText(nameEl?.textContent);
    let size: number | null = null;
    if (sizeEl) size = splitNameAndSize(`x ${sizeEl.textContent ?? ''}`).size;
    if (!name || size === null) {
      const split = splitNameAndSize(a.textContent);
      name ||= split.name;
      size ??= split.size;
    }
    if (!name) continue;
    noteUnreadableSize(issues, name, size);
    out.push(attachment(name, size));
  }
  return out;
}

function readModern(doc: Document): AdapterRead | null {
  const root = modernComposer(doc);
  if (!root) return null;
  const issues: string[] = [];
  const bodyEl = modernBodyEl(root);
  const plain = bodyEl ? null : first<HTMLTextAreaElement>(root, MODERN.plainBody);
  const addrs = modernAddresses(root, issues);
  const draft: Draft = {
    to: addrs.to,
    cc: addrs.cc,
    bcc: addrs.bcc,
    subject: cleanText(fieldValue(first(root, MODERN.subject))),
    bodyText: bodyEl ? editableText(bodyEl) : fieldValue(plain).trim(),
    attachments: modernAttachments(root, issues),
  };
  if (bodyEl) draft.bodyHtml = bodyEl.innerHTML.trim();
  const fromSelect = first<HTMLSelectElement>(root, MODERN.fromSelect);
  const fromText = fromSelect ? selectedOption(fromSelect)?.textContent : first(root, MODERN.from)?.textContent;
  const from = parseAddress(fromText);
  if (from) draft.from = from;
  return { draft, issues };
}

function healthModern(doc: Document): AdapterHealth {
  const root = modernComposer(doc);
  if (!root) return { ok: true, missing: [] };
  const missing: string[] = [];
  if (!modernSend(root)) missing.push('modern.sendButton');
  if (!first(root, MODERN.subject)) missing.push('modern.subject');
  if (!first(root, MODERN.addressField)) missing.push('modern.to');
  if (!modernBodyEl(root) && !first(root, MODERN.plainBody)) missing.push('modern.body');
  return { ok: missing.length === 0, missing };
}

// ---------------------------------------------------------------------------------------
// Adapter

function composeOpen(doc: Document): boolean {
  const v = variant(doc);
  if (v === 'classic') return !!activeClassicView(doc);
  if (v === 'modern') return !!modernComposer(doc);
  return false;
}

function read(doc: Document): AdapterRead | null {
  const v = variant(doc);
  if (v === 'classic') return readClassic(doc);
  if (v === 'modern') return readModern(doc);
  return null;
}

export const zimbraAdapter: WebmailAdapter = {
  id: 'zimbra',
  sendActivation: 'mouseup',

  detect(doc) {
    return isClassic(doc) || isModern(doc);
  },

  isComposeOpen(doc) {
    return composeOpen(doc);
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
    if (!el) return false;
    if (isClassicSendControl(el, doc)) return true;
    const root = closest(el, MODERN.composer);
    if (!root) return false;
    const send = modernSend(root);
    return !!send && (send === el || send.contains(el));
  },

  isSendShortcut(ev) {
    if (isImeComposing(ev)) return false;
    const doc = topDocumentOf(ev.target);
    const v = doc ? variant(doc) : null;
    // Classic binds Ctrl+13 only (DwtKeyboardMgr keeps Meta distinct); Modern also takes Cmd on macOS.
    if (!isModEnter(ev, v !== 'classic')) return false;
    return !!doc && composeOpen(doc);
  },

  health(doc) {
    const v = variant(doc);
    if (v === 'classic') return healthClassic(doc);
    if (v === 'modern') return healthModern(doc);
    return { ok: true, missing: [] };
  },

  triggerSend(doc) {
    const v = variant(doc);
    if (v === 'classic') return triggerClassic(doc);
    const root = modernComposer(doc);
    const send = root ? modernSend(root) : null;
    if (!send) throw new Error('congvu-guard/zimbra: Send button not found');
    simulateClick(send);
  },

  writeSubjectBody(doc, subject, convert) {
    const v = variant(doc);
    if (v === 'classic') {
      const active = activeClassicView(doc);
      if (!active) return;
      const input = first<HTMLInputElement>(doc, forView(CLASSIC.subject, active.n));
      if (input) setFieldValue(input, subject);
      const b = classicBody(active.view);
      const mode = classicBodyMode(b);
      rewriteBody(mode === 'text' ? { plain: b.textarea } : mode === 'html' ? { rich: b.frameBody } : {}, convert);
      return;
    }
    const root = modernComposer(doc);
    if (!root) return;
    const input = first<HTMLInputElement>(root, MODERN.subject);
    if (input) setFieldValue(input, subject);
    const bodyEl = modernBodyEl(root);
    // The input event matters: RichTextArea.handleEvent reads innerHTML on input.
    rewriteBody(bodyEl ? { rich: bodyEl } : { plain: first<HTMLTextAreaElement>(root, MODERN.plainBody) }, convert);
  },

  keyDocuments(doc) {
    const active = activeClassicView(doc);
    const out: Document[] = [];
    const roots = active ? [active.view] : all(doc, MODERN.composer);
    for (const root of roots) {
      for (const f of all(root, [...CLASSIC.bodyFrame, ...MODERN.bodyFrame])) {
        const d = frameDocument(f);
        if (d && d !== doc) out.push(d);
      }
    }
    return out;
  },
};

export default zimbraAdapter;
