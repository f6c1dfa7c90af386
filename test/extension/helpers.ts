/**
 * Test doubles for the guard: a tiny webmail page (subject, body, Send button whose own onclick
 * "sends"), an adapter for it, a recording UI and a stub engine. Real DOM events (happy-dom).
 */
import type { Draft, Finding } from '../../shared/types';
import type { Policy } from '../../shared/policy';
import type { WebmailAdapter } from '../../extension/adapters/types';
import type { DialogActions, DialogModel, GuardUi, PolicySource, ToastModel } from '../../extension/guard/guard';

export function makePage(doc: Document) {
  doc.body.innerHTML = `
    <form id="compose">
      <input id="subject" value="Báo cáo tuần">
      <textarea id="body">Kính gửi anh chị</textarea>
      <input id="to" value="a@quangngai.gov.vn">
      <button type="button" id="send">Gửi</button>
      <button type="button" id="other">Lưu nháp</button>
    </form>`;
  const sent: string[] = [];
  const send = doc.getElementById('send')!;
  // Like Roundcube: the app's handler sits on the button itself (target phase).
  send.addEventListener('click', () => sent.push((doc.getElementById('subject') as HTMLInputElement).value));
  return { sent, send, subject: doc.getElementById('subject') as HTMLInputElement, body: doc.getElementById('body') as HTMLTextAreaElement };
}

export function makeAdapter(overrides: Partial<WebmailAdapter> = {}): WebmailAdapter & { triggered: number } {
  const adapter: WebmailAdapter & { triggered: number } = {
    id: 'roundcube',
    triggered: 0,
    detect: () => true,
    isComposeOpen: (doc) => !!doc.getElementById('compose'),
    // Built from the two halves so that tests can override readDraft / readIssues alone.
    read(doc) {
      const draft = adapter.readDraft(doc);
      return draft ? { draft, issues: adapter.readIssues?.(doc) ?? [] } : null;
    },
    readDraft(doc): Draft | null {
      const subject = doc.getElementById('subject') as HTMLInputElement | null;
      if (!subject) return null;
      return {
        to: [{ address: (doc.getElementById('to') as HTMLInputElement).value }],
        cc: [],
        bcc: [],
        subject: subject.value,
        bodyText: (doc.getElementById('body') as HTMLTextAreaElement).value,
        attachments: [],
      };
    },
    isSendControl: (target) => !!(target as Element | null)?.closest?.('#send'),
    isSendShortcut: (ev) => !ev.isComposing && ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey),
    health: () => ({ ok: true, missing: [] }),
    triggerSend(doc) {
      adapter.triggered++;
      (doc.getElementById('send') as HTMLButtonElement).click();
    },
    writeSubjectBody(doc, subject, convert) {
      (doc.getElementById('subject') as HTMLInputElement).value = subject;
      const body = doc.getElementById('body') as HTMLTextAreaElement;
      body.value = convert(body.value);
    },
    ...overrides,
  };
  return adapter;
}

export class RecordingUi implements GuardUi {
  dialogs: DialogModel[] = [];
  toasts: ToastModel[] = [];
  actions: DialogActions | null = null;
  open = false;
  showDialog(model: DialogModel, actions: DialogActions) {
    this.dialogs.push(model);
    this.actions = actions;
    this.open = true;
  }
  closeDialog() {
    this.open = false;
  }
  toast(model: ToastModel) {
    this.toasts.push(model);
  }
  owns() {
    return false;
  }
  get last(): DialogModel | undefined {
    return this.dialogs[this.dialogs.length - 1];
  }
}

export function finding(partial: Partial<Finding> & { rule: string }): Finding {
  return {
    severity: 'block',
    message: `Vi phạm ${partial.rule}`,
    messageEn: `Violation ${partial.rule}`,
    citations: ['Đ6 k1, Quy chế kèm QĐ 51/2015/QĐ-UBND (Quảng Ngãi)'],
    evidence: [{ where: 'subject', excerpt: 'TUYỆT MẬT' }],
    allowOverride: false,
    requireReason: false,
    ...partial,
  };
}

export const POLICY = { preset: 'quangngai', onError: 'block', attachmentLimitMB: 25, rules: {} } as unknown as Policy;

export function staticPolicy(policy: Policy | undefined = POLICY): PolicySource {
  return { current: () => policy, ready: () => Promise.resolve(policy) };
}

/** A stub engine: flags "TUYỆT MẬT" in the subject and TCVN3-looking "Céng" in the body. */
export function stubEvaluate(draft: Draft): Finding[] {
  const out: Finding[] = [];
  if (/MẬT/.test(draft.subject)) out.push(finding({ rule: 'classified-content' }));
  if (/Céng/.test(draft.bodyText))
    out.push(
      finding({
        rule: 'legacy-encoding',
        severity: 'warn',
        allowOverride: true,
        evidence: [{ where: 'body', excerpt: 'Céng hoµ' }],
        fix: { kind: 'convert-encoding', encoding: 'tcvn3' },
      }),
    );
  if (/QUÁ CỠ/.test(draft.subject))
    out.push(finding({ rule: 'attachment-too-large', severity: 'warn', allowOverride: true, requireReason: true }));
  return out;
}

export function click(el: Element) {
  const win = el.ownerDocument.defaultView!;
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
    const Ctor = type.startsWith('pointer') && win.PointerEvent ? win.PointerEvent : win.MouseEvent;
    el.dispatchEvent(new Ctor(type, { bubbles: true, cancelable: true, composed: true, button: 0 }));
  }
}

export function key(target: Element, init: KeyboardEventInit & { keyCode?: number }) {
  const win = target.ownerDocument.defaultView!;
  const ev = new win.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  if (init.keyCode !== undefined) Object.defineProperty(ev, 'keyCode', { value: init.keyCode });
  target.dispatchEvent(ev);
  return ev;
}
