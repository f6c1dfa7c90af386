/**
 * Gmail adapter, for official mail written from a personal account (rule `personal-sender`):
 * the From address matters most, so it is read from the compose form's From selector or,
 * when the account has a single address, from the account button.
 *
 * Send paths: the Send div[role=button] (Closure control: mousedown then mouseup/click),
 * Ctrl+Enter (Cmd+Enter on macOS) anywhere in the compose form. Several compose windows can
 * be open; the one whose Send the guard last asked about is used (dom-utils rememberRoot).
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
  isHidden,
  isModEnter,
  labelIs,
  noteUnreadableSize,
  parseAddress,
  parseAddressList,
  parseSize,
  recalledRoot,
  rewriteBody,
  setFieldValue,
  shortcutTarget,
  simulateClick,
  splitNameAndSize,
  uniqueAddresses,
} from '../dom-utils';
import {
  APP,
  ATTACHMENT,
  ATTACHMENT_LABEL_PREFIX,
  ATTACHMENT_LABEL_TAIL,
  ATTACHMENT_NAME,
  ATTACHMENT_SIZE,
  BODY,
  CHIP,
  COMPOSE_CONTAINER,
  FIELD,
  FROM,
  OLD_CHIP,
  OLD_CHIP_EMAIL,
  SEND_CANDIDATES,
  SEND_LABELS,
  SUBJECT,
  TYPED,
} from './selectors';

type Field = 'to' | 'cc' | 'bcc';

function isGmailLocation(doc: Document): boolean {
  return (doc.location?.hostname ?? '').toLowerCase() === 'mail.google.com';
}

function composeRoots(doc: Document): Element[] {
  const roots: Element[] = [];
  for (const body of all(doc, BODY)) {
    if (isHidden(body)) continue;
    const root = closest(body, COMPOSE_CONTAINER);
    // Every Gmail compose form, inline replies included (hidden there), has the subjectbox.
    if (!root || !first(root, SUBJECT)) continue;
    if (!roots.includes(root)) roots.push(root);
  }
  return roots;
}

function activeRoot(doc: Document): Element | null {
  return recalledRoot(doc, composeRoots(doc));
}

function bodyOf(root: Element): HTMLElement | null {
  return all<HTMLElement>(root, BODY).find((b) => !isHidden(b)) ?? null;
}

/** "Gửi ‪(Ctrl-Enter)‬" → "Gửi": the label without its shortcut hint. */
function sendLabelOf(el: Element): string {
  const raw = el.getAttribute('data-tooltip') ?? el.getAttribute('aria-label') ?? el.textContent;
  return cleanText(raw).replace(/\s*\([^()]*\)$/, '');
}

function isSendButton(el: Element): boolean {
  return labelIs(sendLabelOf(el), SEND_LABELS) || (el.matches('[role="button"]') && labelIs(el.textContent, SEND_LABELS) && !el.hasAttribute('aria-haspopup'));
}

function sendButton(root: Element): HTMLElement | null {
  return all<HTMLElement>(root, SEND_CANDIDATES).find((b) => isSendButton(b) && !isHidden(b, root)) ?? null;
}

// ---------------------------------------------------------------------------------------
// Recipients

function fieldAddresses(root: Element, field: Field): Address[] {
  const el = first(root, FIELD[field]);
  if (!el) return [];
  const isInput = el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
  // Old UI: a textarea in a table row whose chips (.vR) sit beside it.
  const container = isInput ? (el.closest('tr') ?? el.parentElement ?? root) : el;
  const out: Address[] = [];
  for (const chip of all(container, CHIP)) {
    const address = cleanText(chip.getAttribute('data-hovercard-id'));
    const name = cleanText(chip.getAttribute('data-name'));
    const a = parseAddress(address) ?? parseAddress(cleanText(chip.textContent));
    if (a) out.push(name && name.toLowerCase() !== a.address.toLowerCase() ? { name, address: a.address } : a);
  }
  for (const chip of all(container, OLD_CHIP)) {
    const span = first(chip, OLD_CHIP_EMAIL);
    const hidden = chip.querySelector<HTMLInputElement>('input[type="hidden"]');
    const a =
      parseAddress(hidden?.value) ??
      (span ? parseAddress(`${span.getAttribute('name') ?? ''} <${span.getAttribute('email') ?? ''}>`) : null) ??
      parseAddress(chip.textContent);
    if (a) out.push(a);
  }
  const typed = isInput ? [el] : all(container, TYPED);
  for (const t of typed) out.push(...parseAddressList(fieldValue(t)));
  return uniqueAddresses(out);
}

// ---------------------------------------------------------------------------------------
// From, attachments

function fromOf(doc: Document, root: Element): Address | undefined {
  const account = first(doc, FROM.account);
  // "Tài khoản Google: Nguyễn Văn An  (nguyenvanan.qn@gmail.com)" → name + address.
  const accountAddr = parseAddress(cleanText(account?.getAttribute('aria-label')).replace(/^[^:]*:\s*/, ''));
  const chosen = cleanText(fieldValue(first(root, FROM.compose)));
  if (chosen) {
    const a = parseAddress(chosen);
    if (a) {
      // The hidden input holds the bare address; the account label supplies a name for it.
      if (!a.name && accountAddr?.name && accountAddr.address.toLowerCase() === a.address.toLowerCase()) {
        return { name: accountAddr.name, address: a.address };
      }
      return a;
    }
  }
  return accountAddr ?? undefined;
}

function attachments(root: Element, issues: string[]): DraftAttachment[] {
  const out: DraftAttachment[] = [];
  for (const chip of all(root, ATTACHMENT)) {
    const label = cleanText(chip.getAttribute('aria-label')).replace(ATTACHMENT_LABEL_PREFIX, '').replace(ATTACHMENT_LABEL_TAIL, '');
    const name = cleanText(first(chip, ATTACHMENT_NAME)?.textContent) || splitNameAndSize(label).name;
    const sizeText = first(chip, ATTACHMENT_SIZE)?.textContent;
    const size = sizeText ? parseSize(sizeText) : splitNameAndSize(chip.textContent).size;
    if (!name) continue;
    noteUnreadableSize(issues, name, size);
    out.push(attachment(name, size));
  }
  return out;
}

// ---------------------------------------------------------------------------------------


function read(doc: Document): AdapterRead | null {
  const root = activeRoot(doc);
  if (!root) return null;
  const issues: string[] = [];
  const body = bodyOf(root);
  const draft: Draft = {
    to: fieldAddresses(root, 'to'),
    cc: fieldAddresses(root, 'cc'),
    bcc: fieldAddresses(root, 'bcc'),
    subject: cleanText(fieldValue(first(root, SUBJECT))),
    bodyText: editableText(body),
    attachments: attachments(root, issues),
  };
  if (body) draft.bodyHtml = body.innerHTML.trim();
  const from = fromOf(doc, root);
  if (from) draft.from = from;
  else issues.push('Không đọc được địa chỉ người gửi (tài khoản Gmail).');
  return { draft, issues };
}

/** Asked for every ancestor of every pointer event's target: joined once, not per call. */
const SEND_CANDIDATE_SELECTOR = SEND_CANDIDATES.join(',');

export const gmailAdapter: WebmailAdapter = {
  id: 'gmail',

  detect(doc) {
    return isGmailLocation(doc) || !!first(doc, APP);
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
    if (!el) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      if (!e.matches(SEND_CANDIDATE_SELECTOR)) continue;
      if (!isSendButton(e)) return false; // the nearest button decides ("More send options" ≠ Send)
      return !!claimRootOf(composeRoots(doc), e);
    }
    return false;
  },

  isSendShortcut(ev) {
    if (!isModEnter(ev)) return false;
    const t = shortcutTarget(ev);
    return !!t && !!claimRootOf(composeRoots(t.doc), t.el);
  },

  health(doc): AdapterHealth {
    const root = activeRoot(doc);
    if (!root) return { ok: true, missing: [] };
    const missing: string[] = [];
    if (!sendButton(root)) missing.push('gmail.sendButton');
    if (!first(root, FIELD.to)) missing.push('gmail.to');
    if (!bodyOf(root)) missing.push('gmail.body');
    return { ok: missing.length === 0, missing };
  },

  triggerSend(doc) {
    const root = activeRoot(doc);
    const btn = root ? sendButton(root) : null;
    if (!btn) throw new Error('congvu-guard/gmail: Send button not found');
    simulateClick(btn);
  },

  writeSubjectBody(doc, subject, convert) {
    const root = activeRoot(doc);
    if (!root) return;
    const input = first<HTMLInputElement>(root, SUBJECT);
    if (input) setFieldValue(input, subject);
    rewriteBody({ rich: bodyOf(root) }, convert);
  },
};

export default gmailAdapter;
