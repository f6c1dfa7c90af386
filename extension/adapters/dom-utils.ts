/**
 * Helpers shared by the webmail adapters (zimbra, owa, gmail, generic).
 *
 * Everything here is deterministic and layout-free: no innerText, no getBoundingClientRect
 * for decisions, no computed layout. That keeps a Draft read in the browser identical to
 * the one read from a saved page under happy-dom (test/fixtures/pages), which is what
 * lets the tests pin exact values.
 */
import type { Address, DraftAttachment } from '../../shared/types';

// ---------------------------------------------------------------------------------------
// Text

/** Zero-width and bidi control characters. Gmail wraps "(Ctrl-Enter)" in U+202A/U+202C. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069\u00AD]/g;

/** NFC, no invisible characters, every run of whitespace (incl. NBSP) one space, trimmed. */
export function cleanText(s: string | null | undefined): string {
  return (s ?? '').normalize('NFC').replace(INVISIBLE, '').replace(/[\s\u00A0]+/g, ' ').trim();
}

/** Label comparison form: cleanText, no trailing colon ("Đến:" = "Đến"), lower case. */
export function normalizeLabel(s: string | null | undefined): string {
  return cleanText(s).replace(/\s*[:：]$/, '').toLocaleLowerCase('vi');
}

/** Exact label match against a list (Vietnamese and English variants). */
export function labelIs(text: string | null | undefined, labels: readonly string[]): boolean {
  const t = normalizeLabel(text);
  if (!t) return false;
  return labels.some((l) => normalizeLabel(l) === t);
}

// ---------------------------------------------------------------------------------------
// Addresses

const EMAIL_CORE =
  "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+";
const EMAIL_EXACT = new RegExp(`^${EMAIL_CORE}$`);

export function isEmail(s: string | null | undefined): boolean {
  return EMAIL_EXACT.test((s ?? '').trim());
}

function unquote(s: string): string {
  let t = s.trim();
  // Display names arrive as "Name", 'Name' or Name; commas inside quotes are kept.
  if (t.length >= 2 && ((t[0] === '"' && t.endsWith('"')) || (t[0] === "'" && t.endsWith("'")))) {
    t = t.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  return t.trim();
}

function makeAddress(name: string, address: string): Address {
  const n = cleanText(unquote(name));
  const a = address.trim();
  return n && n.toLowerCase() !== a.toLowerCase() ? { name: n, address: a } : { address: a };
}

/**
 * One address as webmails display it: `"Nguyễn Văn An" <nvan@mic.gov.vn>`, `Name <addr>`,
 * `Name (addr)`, `addr (Name)`, `mailto:addr` or a bare `addr`. Null when no address is in it.
 */
export function parseAddress(raw: string | null | undefined): Address | null {
  const text = cleanText(raw).replace(/[;,]+$/, '').trim();
  if (!text) return null;
  // Anything may follow the <addr> (Zimbra appends " (persona name)" to non-default identities).
  const angle = /^(.*?)<\s*(?:mailto:)?([^<>\s]+)\s*>/i.exec(text);
  if (angle && isEmail(angle[2])) return makeAddress(angle[1], angle[2]);
  const parenAddr = /^(.*?)\(\s*(?:mailto:)?([^()\s]+)\s*\)$/i.exec(text);
  if (parenAddr && isEmail(parenAddr[2])) return makeAddress(parenAddr[1], parenAddr[2]);
  const addrParen = /^(?:mailto:)?(\S+)\s*\((.*)\)$/i.exec(text);
  if (addrParen && isEmail(addrParen[1])) return makeAddress(addrParen[2], addrParen[1]);
  const bare = text.replace(/^mailto:/i, '');
  if (isEmail(bare)) return { address: bare };
  return null;
}

/** Split on , ; and newlines that are outside quotes, <…> and (…). */
export function splitAddressList(text: string | null | undefined): string[] {
  const s = (text ?? '').normalize('NFC');
  const out: string[] = [];
  let cur = '';
  let quote = false;
  let angle = 0;
  let paren = 0;
  for (const ch of s) {
    if (ch === '"') quote = !quote;
    else if (!quote && ch === '<') angle++;
    else if (!quote && ch === '>' && angle > 0) angle--;
    else if (!quote && ch === '(') paren++;
    else if (!quote && ch === ')' && paren > 0) paren--;
    if (!quote && angle === 0 && paren === 0 && (ch === ',' || ch === ';' || ch === '\n')) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function parseAddressList(text: string | null | undefined): Address[] {
  const out: Address[] = [];
  for (const part of splitAddressList(text)) {
    const a = parseAddress(part);
    if (a) out.push(a);
  }
  return out;
}

/** Drops repeats of the same address (case-insensitive), keeping the first (with its name). */
export function uniqueAddresses(list: readonly Address[]): Address[] {
  const seen = new Set<string>();
  const out: Address[] = [];
  for (const a of list) {
    const key = a.address ? a.address.toLowerCase() : `name:${a.name ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Sizes ("26,3 MB", "1.2 KB", "(26K)", "800 byte")

const UNIT_EXP: Record<string, number> = {
  b: 0, byte: 0, bytes: 0,
  k: 1, kb: 1, kib: 1,
  m: 2, mb: 2, mib: 2,
  g: 3, gb: 3, gib: 3,
  t: 4, tb: 4, tib: 4,
};
const NUM = String.raw`\d[\d.,\u00A0\u202F ]*\d|\d`;
const UNIT = String.raw`bytes?|[KMGT]i?B|[KMGT]|B`;
const SIZE_EXACT = new RegExp(String.raw`^\(?\s*(${NUM})\s*(${UNIT})\s*\)?$`, 'i');
const SIZE_TRAILING = new RegExp(String.raw`^(.*?)[\s,\-–—]*\(?\s*(${NUM})\s*(${UNIT})\s*\)?\s*$`, 'i');

/**
 * A displayed number in either convention: Vietnamese "26,3" / "1.234,5", English "26.3" /
 * "1,234.5". With one separator the choice is ambiguous; webmails show at most one or two
 * decimals, so exactly three digits after a lone separator on a B/KB value means thousands.
 */
function parseLocaleNumber(raw: string, exp: number): number {
  const s = raw.replace(/[\u00A0\u202F ]/g, '');
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normalized: string;
  if (dots && commas) {
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    normalized = s.split(thousands).join('').replace(decimal, '.');
  } else if (dots + commas === 0) {
    normalized = s;
  } else {
    const sep = dots ? '.' : ',';
    const count = dots || commas;
    const after = s.length - s.lastIndexOf(sep) - 1;
    const thousands = count > 1 || (after === 3 && exp <= 1);
    normalized = thousands ? s.split(sep).join('') : s.replace(sep, '.');
  }
  return Number(normalized);
}

function toBytes(num: string, unit: string): number | null {
  const exp = UNIT_EXP[unit.toLowerCase()];
  if (exp === undefined) return null;
  const n = parseLocaleNumber(num, exp);
  if (!Number.isFinite(n)) return null;
  // Webmails count 1 KB as 1024 bytes (Zimbra AjxUtil.formatSize, Gmail, OWA).
  return Math.round(n * 1024 ** exp);
}

/** The whole string is a size ("26,3 MB", "(26K)"); bytes, or null. */
export function parseSize(text: string | null | undefined): number | null {
  const m = SIZE_EXACT.exec(cleanText(text));
  return m ? toBytes(m[1], m[2]) : null;
}

/** "bao-cao.docx (26,3 KB)" → { name: "bao-cao.docx", size: 27546 }; size null if none. */
export function splitNameAndSize(text: string | null | undefined): { name: string; size: number | null } {
  const t = cleanText(text);
  const m = SIZE_TRAILING.exec(t);
  if (m && m[1].trim()) {
    const size = toBytes(m[2], m[3]);
    if (size !== null) return { name: m[1].trim(), size };
  }
  return { name: t, size: null };
}

/** Builds a DraftAttachment; an unreadable size is 0 and the caller reports it (readIssues). */
export function attachment(name: string, size: number | null): DraftAttachment {
  return { name: cleanText(name), size: size ?? 0 };
}

/** Reports a size the page did not show readably: the size rule cannot be trusted for that file. */
export function noteUnreadableSize(issues: string[], name: string, size: number | null): void {
  if (size === null) issues.push(`Không đọc được dung lượng tệp "${name}".`);
}

// ---------------------------------------------------------------------------------------
// DOM queries

/** An event target as an Element (text nodes → their parent), or null. */
export function asElement(target: EventTarget | null | undefined): Element | null {
  if (!target || typeof (target as Node).nodeType !== 'number') return null;
  const node = target as Node;
  if (node.nodeType === 1) return node as Element;
  return node.parentElement;
}

/** querySelector over alternatives in order; invalid selectors are skipped, never thrown. */
export function first<E extends Element = Element>(root: ParentNode | null | undefined, selectors: readonly string[]): E | null {
  if (!root) return null;
  for (const s of selectors) {
    try {
      const el = root.querySelector<E>(s);
      if (el) return el;
    } catch {
      /* an invalid selector in one browser must not break the others */
    }
  }
  return null;
}

/** All matches of all alternatives, in document order, without duplicates. */
export function all<E extends Element = Element>(root: ParentNode | null | undefined, selectors: readonly string[]): E[] {
  if (!root) return [];
  const set = new Set<E>();
  for (const s of selectors) {
    try {
      root.querySelectorAll<E>(s).forEach((e) => set.add(e));
    } catch {
      /* see first() */
    }
  }
  const list = [...set];
  list.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1));
  return list;
}

/** closest() over alternatives. */
export function closest(el: Element | null, selectors: readonly string[]): Element | null {
  if (!el) return null;
  for (const s of selectors) {
    try {
      const c = el.closest(s);
      if (c) return c;
    } catch {
      /* see first() */
    }
  }
  return null;
}

function inlineHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = (el as HTMLElement).style;
  if (!style) return false;
  if (style.display === 'none' || style.visibility === 'hidden') return true;
  // Zimbra parks inactive views at Dwt.LOC_NOWHERE (-10000px) instead of hiding them.
  const left = parseFloat(style.left);
  const top = parseFloat(style.top);
  return left <= -10000 || top <= -10000;
}

/**
 * Hidden by markup: `hidden`, inline display:none / visibility:hidden, Zimbra's LOC_NOWHERE,
 * or aria-hidden="true" (Zimbra marks inactive toolbars that way). Walks up to `stopAt`.
 * Stylesheet rules are deliberately ignored: saved pages and happy-dom do not apply them.
 */
export function isHidden(el: Element | null, stopAt?: Element | null): boolean {
  for (let e: Element | null = el; e && e !== stopAt; e = e.parentElement) {
    if (inlineHidden(e)) return true;
    if (e.getAttribute('aria-hidden') === 'true') return true;
  }
  return false;
}

/** Visible text of a control: its own text, else aria-label, else title. */
export function controlText(el: Element): string {
  return cleanText(el.textContent) || cleanText(el.getAttribute('aria-label')) || cleanText(el.getAttribute('title'));
}

/**
 * Editor documents seen through frameDocument(), mapped to the document holding the iframe.
 * window.frameElement would give the same answer in browsers, but not in every sandboxed
 * or test DOM, and a key event's target only knows its own (iframe) document.
 */
const FRAME_PARENT = new WeakMap<Document, Document>();

/** An iframe's document when same-origin and loaded, else null (never throws). */
export function frameDocument(frame: Element | null): Document | null {
  if (!frame) return null;
  try {
    const d = (frame as HTMLIFrameElement).contentDocument ?? null;
    if (d && d !== frame.ownerDocument) FRAME_PARENT.set(d, frame.ownerDocument);
    return d;
  } catch {
    return null;
  }
}

/** The top document an event target belongs to (a same-origin editor iframe → its parent). */
export function topDocumentOf(target: EventTarget | null): Document | null {
  const el = asElement(target);
  let doc: Document | null = el?.ownerDocument ?? ((target as Node | null)?.nodeType === 9 ? (target as Document) : null);
  for (let i = 0; doc && i < 5; i++) {
    let parent: Document | null = FRAME_PARENT.get(doc) ?? null;
    if (!parent) {
      try {
        parent = doc.defaultView?.frameElement?.ownerDocument ?? null;
      } catch {
        parent = null; // cross-origin parent: stay in this document
      }
    }
    if (!parent || parent === doc) break;
    doc = parent;
  }
  return doc;
}

// ---------------------------------------------------------------------------------------
// Reading editable text

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE',
  'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL',
]);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE', 'META', 'LINK']);

/**
 * Plain text of a contenteditable (or any element), the way a reader sees it: <br> and
 * block boundaries become line breaks, other whitespace collapses, hidden nodes are skipped.
 * A hand-written walk rather than innerText because innerText depends on layout, and a
 * Draft read in the browser must equal the one read from a saved page in the tests.
 */
export function editableText(root: Element | null | undefined): string {
  if (!root) return '';
  const parts: string[] = [];
  const newline = () => {
    if (parts.length && !parts[parts.length - 1].endsWith('\n')) parts.push('\n');
  };
  const walk = (node: Node, pre: boolean) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const v = child.nodeValue ?? '';
        parts.push(pre ? v : v.replace(/[ \t\r\n\f]+/g, ' '));
      } else if (child.nodeType === 1) {
        const el = child as Element;
        const tag = el.tagName.toUpperCase();
        if (SKIP_TAGS.has(tag) || inlineHidden(el)) continue;
        if (tag === 'BR') {
          parts.push('\n');
          continue;
        }
        if (tag === 'TD' || tag === 'TH') {
          walk(el, pre);
          parts.push('\t');
          continue;
        }
        const block = BLOCK_TAGS.has(tag);
        if (block) newline();
        walk(el, pre || tag === 'PRE');
        if (block) newline();
      }
    }
  };
  walk(root, false);
  return parts
    .join('')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\u00A0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The chosen <option> of a <select>; a select always shows one, so fall back to the first. */
export function selectedOption(select: HTMLSelectElement | null | undefined): HTMLOptionElement | null {
  if (!select) return null;
  return (
    select.selectedOptions?.[0] ??
    (select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null) ??
    select.querySelector<HTMLOptionElement>('option[selected]') ??
    select.options[0] ??
    null
  );
}

/** Value of an input/textarea, NFC. */
export function fieldValue(el: Element | null | undefined): string {
  if (!el) return '';
  const v = (el as HTMLInputElement).value;
  return (typeof v === 'string' ? v : el.textContent ?? '').normalize('NFC');
}

/** A plain-text editor's body: fieldValue with CRLF/CR line ends as \n, trimmed. */
export function plainBodyText(el: Element | null | undefined): string {
  return fieldValue(el).replace(/\r\n?/g, '\n').trim();
}

// ---------------------------------------------------------------------------------------
// Writing (for "Chuyển sang Unicode")

/**
 * Sets an input's value so frameworks notice: the native setter (React tracks value
 * through it), then input + change events.
 */
export function setFieldValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const view = el.ownerDocument.defaultView;
  const proto = el.tagName === 'TEXTAREA' ? view?.HTMLTextAreaElement?.prototype : view?.HTMLInputElement?.prototype;
  const setter = proto ? Object.getOwnPropertyDescriptor(proto, 'value')?.set : undefined;
  if (setter) setter.call(el, value);
  else el.value = value;
  fireInput(el);
}

export function fireInput(el: Element): void {
  const view = el.ownerDocument.defaultView;
  const EventCtor = view?.Event ?? Event;
  el.dispatchEvent(new EventCtor('input', { bubbles: true, cancelable: false }));
  el.dispatchEvent(new EventCtor('change', { bubbles: true, cancelable: false }));
}

/**
 * Applies `convert` to every text node under `root`, keeping the markup (bold, lists,
 * signatures) intact. Returns how many nodes changed.
 */
export function convertTextNodes(root: Element, convert: (s: string) => string): number {
  let changed = 0;
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const before = child.nodeValue ?? '';
        const after = convert(before);
        if (after !== before) {
          child.nodeValue = after;
          changed++;
        }
      } else if (child.nodeType === 1 && !SKIP_TAGS.has((child as Element).tagName.toUpperCase())) {
        walk(child);
      }
    }
  };
  walk(root);
  return changed;
}

/**
 * "Chuyển sang Unicode" on a compose body: a rich editor keeps its markup (text nodes only,
 * then input/change so the app notices); a plain-text one gets its value replaced.
 */
export function rewriteBody(body: { rich?: Element | null; plain?: HTMLInputElement | HTMLTextAreaElement | null }, convert: (s: string) => string): void {
  if (body.rich) {
    convertTextNodes(body.rich, convert);
    fireInput(body.rich);
  } else if (body.plain) setFieldValue(body.plain, convert(body.plain.value));
}

// ---------------------------------------------------------------------------------------
// Re-triggering Send

const PRESSED = new Set(['pointerdown', 'mousedown']);

/** Dispatches one synthetic mouse/pointer event at the centre of `el`. */
export function dispatchMouse(el: Element, type: string, init: MouseEventInit = {}): boolean {
  const view = el.ownerDocument.defaultView;
  const pointer = type.startsWith('pointer');
  const Ctor: typeof MouseEvent =
    (pointer ? (view as (Window & typeof globalThis) | null)?.PointerEvent : undefined) ??
    (view as (Window & typeof globalThis) | null)?.MouseEvent ??
    MouseEvent;
  let clientX = 0;
  let clientY = 0;
  try {
    const r = el.getBoundingClientRect();
    clientX = r.left + r.width / 2;
    clientY = r.top + r.height / 2;
  } catch {
    /* detached or layout-less: (0,0) is fine for the apps we drive */
  }
  const ev = new Ctor(type, {
    bubbles: true,
    cancelable: true,
    composed: true,
    view: view ?? undefined,
    button: 0,
    buttons: PRESSED.has(type) ? 1 : 0,
    detail: type === 'click' || type === 'mousedown' || type === 'mouseup' ? 1 : 0,
    clientX,
    clientY,
    ...(pointer ? { pointerId: 1, pointerType: 'mouse', isPrimary: true } : {}),
    ...init,
  } as MouseEventInit);
  return el.dispatchEvent(ev);
}

/** The full sequence a real left click produces; React, Closure and Fluent all accept it. */
export function simulateClick(el: Element): void {
  for (const type of ['pointerover', 'mouseover', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
    dispatchMouse(el, type);
  }
}

// ---------------------------------------------------------------------------------------
// Keys

/**
 * True while an input method is composing. Vietnamese Telex/VNI (Unikey, EVKey, OS IMEs)
 * compose every syllable; Chrome also reports keyCode 229 / key "Process" on the first
 * keydown of a composition before isComposing turns true.
 */
export function isImeComposing(ev: KeyboardEvent): boolean {
  return ev.isComposing === true || ev.keyCode === 229 || ev.key === 'Process';
}

export function isEnterKey(ev: KeyboardEvent): boolean {
  return ev.key === 'Enter' || ev.code === 'Enter' || ev.code === 'NumpadEnter' || ev.keyCode === 13;
}

/**
 * Where a key event was typed, for a send-shortcut check: its element and the top document
 * (a same-origin editor iframe → the page). Null while an input method is composing (an Enter
 * that ends a Telex/VNI syllable is not Send) or when the target is not in a document.
 */
export function shortcutTarget(ev: KeyboardEvent): { doc: Document; el: Element } | null {
  if (isImeComposing(ev)) return null;
  const doc = topDocumentOf(ev.target);
  const el = asElement(ev.target);
  return doc && el ? { doc, el } : null;
}

/** Ctrl+Enter or Cmd+Enter and no other modifier. */
export function isModEnter(ev: KeyboardEvent, allowMeta = true): boolean {
  if (!isEnterKey(ev) || ev.altKey || ev.shiftKey) return false;
  if (ev.ctrlKey && !ev.metaKey) return true;
  return allowMeta && ev.metaKey && !ev.ctrlKey;
}

// ---------------------------------------------------------------------------------------
// Which compose form the user acted on

/**
 * Gmail and OWA can show several compose forms at once (popped-out drafts, inline replies).
 * The contract's readDraft/triggerSend only receive the document, so adapters remember the
 * form whose Send control or shortcut the guard last asked about, and use it while it is
 * still in the page. Without one they fall back to the form holding the focus.
 */
const LAST_ROOT = new WeakMap<Document, Element>();

export function rememberRoot(root: Element | null): void {
  if (root) LAST_ROOT.set(root.ownerDocument, root);
}

/** The compose form among `roots` that holds `el`, remembered as the one acted on; null if none. */
export function claimRootOf(roots: readonly Element[], el: Element): Element | null {
  const root = roots.find((r) => r.contains(el)) ?? null;
  rememberRoot(root);
  return root;
}

export function recalledRoot(doc: Document, candidates: readonly Element[]): Element | null {
  const last = LAST_ROOT.get(doc);
  if (last && last.isConnected && candidates.includes(last)) return last;
  const active = doc.activeElement;
  if (active && active !== doc.body) {
    const holding = candidates.find((c) => c.contains(active));
    if (holding) return holding;
  }
  return candidates[0] ?? null;
}
