/**
 * Roundcube adapter (isolated world). Reads the compose form into a Draft and gives Send back.
 *
 * Send is watched through two doors (issue #3 item 2):
 *  1. Roundcube's own `beforesend` plugin hook, installed by the world:'MAIN' script
 *     (./hook-main.ts) and bridged here synchronously (extension/lib/bridge.ts). Every way
 *     Roundcube sends — the button, the toolbar copy on small screens, a plugin calling
 *     rcmail.command('send') — goes through rcmail.command(), which fires it.
 *  2. The shared capture guards (button click, Ctrl/Cmd+Enter), which also work if the hook
 *     could not be installed.
 */
import type { Address, Draft, DraftAttachment } from '../../../shared/types';
import type { AdapterHealth, WebmailAdapter } from '../types';
import {
  all,
  asElement,
  attachment,
  cleanText,
  convertTextNodes,
  editableText,
  fieldValue,
  fireInput,
  first,
  frameDocument,
  isImeComposing,
  isModEnter,
  parseAddress,
  parseAddressList,
  parseSize,
  selectedOption,
  setFieldValue,
  uniqueAddresses,
} from '../dom-utils';
import { BRIDGE_TO_ISOLATED, BRIDGE_TO_MAIN, emit, parseToIsolated } from '../../lib/bridge';
import { REQUIRED, SEL } from './selectors';
import { isRoundcubePage } from './detect';

/** Set once the MAIN-world hook announced itself for this document. */
const hookReady = new WeakSet<Document>();

/** One selector (a comma list) → first match; an invalid one answers null (dom-utils first). */
const q = <E extends Element = Element>(doc: Document, selector: string): E | null => first<E>(doc, [selector]);

function readRecipients(doc: Document, selector: string): Address[] {
  const field = q<HTMLTextAreaElement>(doc, selector);
  if (!field) return [];
  let text = fieldValue(field);
  // Elastic's recipient widget (skins/elastic/ui.js recipient_input) copies finished
  // recipients into the hidden textarea, but what is still being typed lives only in the
  // widget's <input> until it loses focus: read both.
  const widget = field.nextElementSibling;
  const typing = widget?.matches(SEL.recipientWidget) ? widget.querySelector<HTMLInputElement>(SEL.recipientWidgetInput) : null;
  const pending = typing ? fieldValue(typing).trim() : '';
  if (pending && !text.trim().endsWith(pending)) text = `${text}, ${pending}`;
  return uniqueAddresses(parseAddressList(text));
}

function readFrom(doc: Document): Address | undefined {
  const el = q<HTMLSelectElement | HTMLInputElement>(doc, SEL.from);
  if (!el) return undefined;
  if (el.tagName === 'SELECT') {
    const opt = selectedOption(el as HTMLSelectElement);
    return parseAddress(opt?.textContent ?? '') ?? undefined;
  }
  return parseAddress(fieldValue(el)) ?? undefined;
}

function htmlEditorBody(doc: Document): HTMLElement | null {
  const isHtml = q<HTMLInputElement>(doc, SEL.isHtml);
  const frame = q<HTMLIFrameElement>(doc, SEL.htmlEditorFrame);
  if (!frame) return null;
  // _is_html is the form's own record of the editor mode; when absent, trust the frame.
  if (isHtml && isHtml.value !== '1') return null;
  return frameDocument(frame)?.body ?? null;
}

function readAttachments(doc: Document): DraftAttachment[] {
  const out: DraftAttachment[] = [];
  for (const li of all(doc, [SEL.attachmentItems])) {
    const nameEl = li.querySelector(SEL.attachmentName);
    const sizeEl = li.querySelector(SEL.attachmentSize);
    // While uploading, Roundcube shows `<span class="uploading">name</span>` (app.js
    // add2attachment_list) and no size yet; the attach-time capture knows the real size.
    const name = cleanText(nameEl?.textContent ?? li.querySelector('.uploading')?.textContent ?? '');
    if (!name) continue;
    out.push(attachment(name, parseSize(sizeEl?.textContent ?? '')));
  }
  return out;
}

export const roundcubeAdapter: WebmailAdapter = {
  id: 'roundcube',

  detect(doc) {
    return isRoundcubePage(doc);
  },

  isComposeOpen(doc) {
    if (doc.body?.classList.contains(SEL.composeBodyClass)) return true;
    return !!(q(doc, SEL.subject) && q(doc, SEL.body));
  },

  read(doc) {
    // Roundcube's form shows every address and size: nothing to report about the read itself.
    const draft = roundcubeAdapter.readDraft(doc);
    return draft ? { draft, issues: [] } : null;
  },

  readDraft(doc) {
    if (!roundcubeAdapter.isComposeOpen(doc)) return null;
    const subjectEl = q<HTMLInputElement>(doc, SEL.subject);
    const bodyEl = q<HTMLTextAreaElement>(doc, SEL.body);
    if (!subjectEl || !bodyEl) return null;
    const html = htmlEditorBody(doc);
    const draft: Draft = {
      to: readRecipients(doc, SEL.to),
      cc: readRecipients(doc, SEL.cc),
      bcc: readRecipients(doc, SEL.bcc),
      subject: fieldValue(subjectEl),
      bodyText: html ? editableText(html) : fieldValue(bodyEl),
      attachments: readAttachments(doc),
    };
    if (html) draft.bodyHtml = html.innerHTML;
    const from = readFrom(doc);
    if (from) draft.from = from;
    return draft;
  },

  isSendControl(target, doc) {
    const el = asElement(target);
    if (!el || el.ownerDocument !== doc) return false;
    try {
      return !!el.closest(SEL.sendButton);
    } catch {
      return false;
    }
  },

  isSendShortcut(ev) {
    // Roundcube 1.6 binds no send shortcut itself; Ctrl/Cmd+Enter is what users of every
    // other webmail press, and plugins add it, so it is treated as a send attempt.
    return !isImeComposing(ev) && isModEnter(ev);
  },

  health(doc): AdapterHealth {
    const missing = REQUIRED.filter((name) => !q(doc, SEL[name]));
    return { ok: missing.length === 0, missing: [...missing] };
  },

  keyDocuments(doc) {
    // TinyMCE edits in an iframe: key events there never reach the top window's listeners.
    const frame = q<HTMLIFrameElement>(doc, SEL.htmlEditorFrame);
    const inner = frameDocument(frame);
    return inner ? [inner] : [];
  },

  triggerSend(doc) {
    if (hookReady.has(doc)) {
      // rcmail.command('send') in the page world: the same path as Roundcube's own button.
      emit(doc, BRIDGE_TO_MAIN, { v: 1, kind: 'send' });
      return;
    }
    q<HTMLElement>(doc, SEL.sendButton)?.click();
  },

  writeSubjectBody(doc, subject, convert) {
    const subjectEl = q<HTMLInputElement>(doc, SEL.subject);
    if (subjectEl && subjectEl.value !== subject) setFieldValue(subjectEl, subject);
    const html = htmlEditorBody(doc);
    if (html) {
      // Keep the formatting: convert text nodes in TinyMCE's document; Roundcube serialises
      // the editor (editor.save()) when it submits, so the converted text is what is sent.
      if (convertTextNodes(html, convert) > 0) fireInput(html);
      return;
    }
    const bodyEl = q<HTMLTextAreaElement>(doc, SEL.body);
    if (bodyEl) {
      const next = convert(bodyEl.value);
      if (next !== bodyEl.value) setFieldValue(bodyEl, next);
    }
  },
};

/**
 * Connect the MAIN-world `beforesend` hook to the guard. `check` answers synchronously:
 * true = let Roundcube send, false = cancel. Returns a disposer.
 */
export function connectRoundcubeHook(doc: Document, check: () => boolean): () => void {
  const onMessage = (ev: Event) => {
    const msg = parseToIsolated((ev as CustomEvent).detail);
    if (!msg || msg.adapter !== 'roundcube') return;
    if (msg.kind === 'hook-ready') {
      hookReady.add(doc);
      return;
    }
    if (msg.kind === 'beforesend' && !check()) ev.preventDefault();
  };
  doc.addEventListener(BRIDGE_TO_ISOLATED, onMessage);
  // The MAIN script may have announced itself before we listened: ask again.
  emit(doc, BRIDGE_TO_MAIN, { v: 1, kind: 'ping' });
  return () => doc.removeEventListener(BRIDGE_TO_ISOLATED, onMessage);
}

export function isRoundcubeHookReady(doc: Document): boolean {
  return hookReady.has(doc);
}
