/**
 * Generic fallback for webmails without a dedicated adapter, on origins the user or the
 * administrator added. It reads what it can with narrow heuristics (see selectors.ts) and
 * is LOW-CONFIDENCE by design:
 *  - readIssues() is never empty: it always carries GENERIC_NOTICE, plus what it could not
 *    find. The guard must therefore treat findings from this adapter as warn-only ("Vẫn
 *    gửi" always offered, no hard block) and show these reasons, so a wrong guess never
 *    stops a legitimate mail without saying why.
 *  - detect() is true for any HTML page: the registry must try every specific adapter first
 *    and use this one only on explicitly enabled origins.
 *  - health() is not ok when a compose form is visible but no control labelled exactly
 *    "Gửi"/"Send" is found, so the toolbar shows "bảo vệ chưa hoạt động".
 */
import type { Address, Draft, DraftAttachment } from '../../../shared/types';
import type { AdapterHealth, AdapterRead, WebmailAdapter } from '../types';
import {
  all,
  asElement,
  attachment,
  cleanText,
  closest,
  editableText,
  fieldValue,
  first,
  frameDocument,
  isHidden,
  isModEnter,
  labelIs,
  normalizeLabel,
  parseAddress,
  parseAddressList,
  plainBodyText,
  rewriteBody,
  selectedOption,
  setFieldValue,
  shortcutTarget,
  simulateClick,
  splitNameAndSize,
  uniqueAddresses,
} from '../dom-utils';
import {
  ATTACHMENT_LINE,
  EDITABLE,
  EDITOR_FRAME,
  FIELD_WORDS,
  FILE_INPUT,
  FROM_FIELDS,
  SEND_CANDIDATES,
  SEND_LABELS,
  SUBJECT_WORDS,
  TEXTAREA,
  TEXT_INPUTS,
} from './selectors';

export const GENERIC_NOTICE =
  'Thư được đọc bằng bộ đọc chung (chưa có bộ đọc riêng cho hệ thống thư này), có thể thiếu thông tin: ' +
  'các cảnh báo chỉ mang tính nhắc nhở, không chặn gửi.';

type Field = 'to' | 'cc' | 'bcc';

type Editor =
  | { kind: 'rich'; el: HTMLElement }
  | { kind: 'plain'; el: HTMLTextAreaElement }
  | { kind: 'frame'; frame: HTMLIFrameElement; body: HTMLElement };

interface Compose {
  root: Element;
  editor: Editor;
  send: HTMLElement | null;
}

// ---------------------------------------------------------------------------------------
// Labels of form fields

function labelTexts(el: Element): string[] {
  const doc = el.ownerDocument;
  const out: string[] = [];
  for (const attr of ['name', 'id', 'aria-label', 'placeholder', 'title']) {
    const v = el.getAttribute(attr);
    if (!v) continue;
    out.push(v);
    if (attr === 'name' || attr === 'id') {
      // "compose-to", "msg_subject", "data[cc]" → also the last word
      const parts = v.split(/[-_:[\].\s]+/).filter(Boolean);
      if (parts.length > 1) out.push(parts[parts.length - 1]);
    }
  }
  const id = el.getAttribute('id');
  if (id) {
    for (const label of doc.querySelectorAll(`label[for="${id.replace(/["\\]/g, '\\$&')}"]`)) out.push(label.textContent ?? '');
  }
  for (const ref of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    const l = doc.getElementById(ref);
    if (l) out.push(l.textContent ?? '');
  }
  const wrapping = el.closest('label');
  if (wrapping) out.push(wrapping.textContent ?? '');
  return out.map(normalizeLabel).filter(Boolean);
}

function fieldKind(el: Element): Field | 'subject' | null {
  const labels = labelTexts(el);
  for (const f of ['to', 'cc', 'bcc'] as const) if (labels.some((l) => FIELD_WORDS[f].test(l))) return f;
  if (el.tagName === 'INPUT' && labels.some((l) => SUBJECT_WORDS.test(` ${l} `))) return 'subject';
  return null;
}

function subjectField(root: ParentNode): HTMLInputElement | null {
  return all<HTMLInputElement>(root, ['input:not([type])', 'input[type="text"]']).find((i) => !isHidden(i) && fieldKind(i) === 'subject') ?? null;
}

function recipientField(root: ParentNode, f: Field): Element | null {
  return all(root, TEXT_INPUTS).find((i) => !isHidden(i) && fieldKind(i) === f) ?? null;
}

// ---------------------------------------------------------------------------------------
// Send, editor, compose form

function isSendLabelled(el: Element): boolean {
  const value = el.tagName === 'INPUT' ? (el as HTMLInputElement).value : '';
  return [value, el.textContent, el.getAttribute('aria-label'), el.getAttribute('title')].some((l) => labelIs(l, SEND_LABELS));
}

function sendButtons(root: ParentNode): HTMLElement[] {
  return all<HTMLElement>(root, SEND_CANDIDATES).filter((b) => !isHidden(b) && isSendLabelled(b));
}

function editors(doc: Document): Editor[] {
  const out: Editor[] = [];
  for (const el of all<HTMLElement>(doc, EDITABLE)) {
    if (isHidden(el) || fieldKind(el)) continue;
    if (el.parentElement?.closest(EDITABLE.join(','))) continue; // only the outermost editable
    out.push({ kind: 'rich', el });
  }
  for (const el of all<HTMLTextAreaElement>(doc, TEXTAREA)) {
    if (!isHidden(el) && !fieldKind(el)) out.push({ kind: 'plain', el });
  }
  for (const frame of all<HTMLIFrameElement>(doc, EDITOR_FRAME)) {
    if (isHidden(frame)) continue;
    const fdoc = frameDocument(frame);
    const body = fdoc?.body;
    if (!body) continue;
    const editable = fdoc.designMode === 'on' || body.getAttribute('contenteditable') === 'true' || body.isContentEditable === true;
    if (editable) out.push({ kind: 'frame', frame, body });
  }
  return out;
}

function anchorOf(e: Editor): Element {
  return e.kind === 'frame' ? e.frame : e.el;
}

function findCompose(doc: Document): Compose | null {
  for (const editor of editors(doc)) {
    let root: Element | null = null;
    for (let e = anchorOf(editor).parentElement; e && e !== doc.documentElement; e = e.parentElement) {
      if (subjectField(e) || recipientField(e, 'to')) {
        root = e;
        break;
      }
    }
    if (!root) continue;
    let send = sendButtons(root)[0] ?? null;
    // Toolbars often sit just outside the form: widen a little, but only to a single
    // unambiguous Send control.
    for (let e: Element = root, i = 0; !send && e.parentElement && i < 4; i++) {
      e = e.parentElement;
      const found = sendButtons(e);
      if (found.length === 1) {
        send = found[0];
        root = e;
      } else if (found.length > 1) break;
    }
    return { root, editor, send };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Reading

function readField(root: Element, f: Field): Address[] {
  const field = recipientField(root, f);
  if (!field) return [];
  const out: Address[] = [];
  const text = field.tagName === 'INPUT' || field.tagName === 'TEXTAREA' ? fieldValue(field) : editableText(field);
  out.push(...parseAddressList(text));
  // Chips beside the input (tokenising widgets keep one attribute per recipient).
  const box = field.parentElement ?? root;
  for (const chip of all(box, ['[data-email]', '[email]', '[data-address]', '[title*="@"]'])) {
    if (chip === field) continue;
    const raw = chip.getAttribute('data-email') ?? chip.getAttribute('email') ?? chip.getAttribute('data-address') ?? chip.getAttribute('title');
    const a = parseAddress(raw);
    if (!a) continue;
    const name = cleanText(chip.getAttribute('data-name') ?? chip.getAttribute('name') ?? chip.textContent);
    out.push(a.name || !name || name === a.address ? a : { name, address: a.address });
  }
  return uniqueAddresses(out);
}

function readFrom(root: Element): Address | undefined {
  const el = first(root, FROM_FIELDS) ?? first(root.ownerDocument, FROM_FIELDS);
  if (!el) return undefined;
  if (el.tagName === 'SELECT') {
    const opt = selectedOption(el as HTMLSelectElement);
    return parseAddress(opt?.textContent) ?? parseAddress(opt?.value) ?? undefined;
  }
  return parseAddress(fieldValue(el)) ?? undefined;
}

/** A listed attachment's text without the trailing remove icon ("×"). */
function attachmentText(el: Element): string {
  return cleanText(el.textContent).replace(/[\s×✕✖⨯]+$/u, '');
}

function readAttachments(root: Element, editor: Editor): DraftAttachment[] {
  const out: DraftAttachment[] = [];
  const seen = new Set<string>();
  const add = (name: string, size: number | null) => {
    const key = name.toLowerCase();
    if (!name || seen.has(key)) return;
    seen.add(key);
    out.push(attachment(name, size));
  };
  for (const input of all<HTMLInputElement>(root, FILE_INPUT)) {
    for (const file of Array.from(input.files ?? [])) add(file.name, file.size);
  }
  const editorEl = anchorOf(editor);
  for (const el of all(root, ['li', 'span', 'div', 'td', 'a', 'p'])) {
    if (editorEl.contains(el) || el.closest('select, option, textarea, button')) continue;
    const text = attachmentText(el);
    if (text.length > 200 || !ATTACHMENT_LINE.test(text)) continue;
    // innermost match only: a <ul> holding one line would match too
    if ([...el.children].some((c) => ATTACHMENT_LINE.test(attachmentText(c)))) continue;
    const { name, size } = splitNameAndSize(text);
    add(name, size);
  }
  return out;
}

function read(doc: Document): AdapterRead | null {
  const c = findCompose(doc);
  if (!c) return null;
  const issues = [GENERIC_NOTICE];
  const subjectEl = subjectField(c.root);
  const draft: Draft = {
    to: readField(c.root, 'to'),
    cc: readField(c.root, 'cc'),
    bcc: readField(c.root, 'bcc'),
    subject: cleanText(fieldValue(subjectEl)),
    bodyText: '',
    attachments: readAttachments(c.root, c.editor),
  };
  if (c.editor.kind === 'plain') draft.bodyText = plainBodyText(c.editor.el);
  else {
    const el = c.editor.kind === 'rich' ? c.editor.el : c.editor.body;
    draft.bodyText = editableText(el);
    draft.bodyHtml = el.innerHTML.trim();
  }
  const from = readFrom(c.root);
  if (from) draft.from = from;
  if (!subjectEl) issues.push('Không nhận ra ô chủ đề.');
  if (!recipientField(c.root, 'to')) issues.push('Không nhận ra ô người nhận.');
  if (!from) issues.push('Không đọc được địa chỉ người gửi.');
  return { draft, issues };
}

// ---------------------------------------------------------------------------------------

export const genericAdapter: WebmailAdapter = {
  id: 'generic',

  detect(doc) {
    return !!doc.body;
  },

  isComposeOpen(doc) {
    return !!findCompose(doc);
  },

  read,

  readDraft(doc) {
    return read(doc)?.draft ?? null;
  },

  readIssues(doc) {
    return read(doc)?.issues ?? [];
  },

  isSendControl(target, doc) {
    // Cheap test first: the guard asks on every pointer event anywhere in the page.
    const btn = closest(asElement(target), SEND_CANDIDATES);
    if (!btn || !isSendLabelled(btn)) return false;
    return findCompose(doc)?.send === btn;
  },

  isSendShortcut(ev) {
    if (!isModEnter(ev)) return false;
    const t = shortcutTarget(ev);
    if (!t) return false;
    const c = findCompose(t.doc);
    if (!c?.send) return false;
    return c.root.contains(t.el) || (c.editor.kind === 'frame' && t.el.ownerDocument === c.editor.body.ownerDocument);
  },

  health(doc): AdapterHealth {
    const c = findCompose(doc);
    if (!c) return { ok: true, missing: [] };
    return c.send ? { ok: true, missing: [] } : { ok: false, missing: ['generic.sendButton'] };
  },

  triggerSend(doc) {
    const c = findCompose(doc);
    if (!c?.send) throw new Error('congvu-guard/generic: Send button not found');
    // A synthetic click runs a submit button's activation behaviour, so form-based
    // webmails submit exactly as if the user had clicked.
    simulateClick(c.send);
  },

  writeSubjectBody(doc, subject, convert) {
    const c = findCompose(doc);
    if (!c) return;
    const s = subjectField(c.root);
    if (s) setFieldValue(s, subject);
    rewriteBody(c.editor.kind === 'plain' ? { plain: c.editor.el } : { rich: c.editor.kind === 'rich' ? c.editor.el : c.editor.body }, convert);
  },

  keyDocuments(doc) {
    const c = findCompose(doc);
    return c?.editor.kind === 'frame' ? [c.editor.body.ownerDocument] : [];
  },
};

export default genericAdapter;
