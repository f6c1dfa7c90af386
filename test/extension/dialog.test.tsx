// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGuardUi, HOST_TAG, type MountedUi } from '../../extension/ui/mount';
import type { DialogActions } from '../../extension/guard/guard';
import { finding } from './helpers';

const XSS = '<img src=x onerror="window.__pwned=1">';

let ui: MountedUi | null = null;
afterEach(() => {
  ui?.dispose();
  ui = null;
  delete (window as { __pwned?: number }).__pwned;
});

function actions() {
  return { back: vi.fn<() => void>(), sendAnyway: vi.fn<(reason: string) => void>(), convert: vi.fn<() => void>() } satisfies DialogActions;
}

function shadow(): ShadowRoot {
  const host = document.querySelector(HOST_TAG) as HTMLElement;
  expect(host).toBeTruthy();
  return host.shadowRoot!;
}

function press(el: Element, k: string, shift = false) {
  // composed: real key events cross shadow boundaries (UA events are composed).
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey: shift, bubbles: true, cancelable: true, composed: true }));
}

describe('dialog', () => {
  it('renders mail content as text, never as HTML', () => {
    ui = createGuardUi(document, { trustedOnly: false });
    const f = finding({ rule: 'classified-content', message: `Tiêu đề ${XSS}`, evidence: [{ where: 'subject', excerpt: `TUYỆT MẬT ${XSS}` }] });
    ui.showDialog({ kind: 'findings', findings: [f], canOverride: false, requireReason: false, fix: null }, actions());
    const root = shadow();
    expect(root.querySelectorAll('img')).toHaveLength(0);
    expect(root.querySelector('.excerpt')!.textContent).toBe(`TUYỆT MẬT ${XSS}`);
    expect(root.textContent).toContain(XSS);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows severity, message (vi first, en second), rule id and citation', () => {
    ui = createGuardUi(document, { trustedOnly: false });
    ui.showDialog({ kind: 'findings', findings: [finding({ rule: 'classified-content' })], canOverride: false, requireReason: false, fix: null }, actions());
    const li = shadow().querySelector('li.finding')!;
    expect(li.getAttribute('data-rule')).toBe('classified-content');
    expect(li.querySelector('.badge')!.textContent).toContain('Chặn');
    expect(li.querySelector('.msg')!.textContent).toBe('Vi phạm classified-content');
    expect(li.querySelector('.msg-en')!.textContent).toBe('Violation classified-content');
    expect(li.querySelector('.cite')!.textContent).toContain('Đ6 k1');
    expect(shadow().textContent).toContain('Nội dung mật'); // rule title from shared/i18n
    expect(shadow().querySelector('[data-action="send-anyway"]')).toBeNull();
  });

  it('puts initial focus on "Quay lại sửa"; Esc = back; Tab stays inside', () => {
    ui = createGuardUi(document, { trustedOnly: false });
    const a = actions();
    ui.showDialog(
      { kind: 'findings', findings: [finding({ rule: 'attachment-too-large', severity: 'warn', allowOverride: true })], canOverride: true, requireReason: false, fix: null },
      a,
    );
    const root = shadow();
    const back = root.querySelector('[data-action="back"]') as HTMLElement;
    const send = root.querySelector('[data-action="send-anyway"]') as HTMLElement;
    expect(root.activeElement).toBe(back);
    // Tab from the last control wraps to the first, Shift+Tab from the first to the last.
    send.focus();
    press(send, 'Tab');
    expect(root.activeElement).toBe(back);
    press(back, 'Tab', true);
    expect(root.activeElement).toBe(send);
    press(send, 'Escape');
    expect(a.back).toHaveBeenCalledTimes(1);
  });

  it('"Vẫn gửi" stays disabled until a reason is typed when the policy requires one', () => {
    ui = createGuardUi(document, { trustedOnly: false });
    const a = actions();
    ui.showDialog(
      {
        kind: 'findings',
        findings: [finding({ rule: 'attachment-too-large', severity: 'warn', allowOverride: true, requireReason: true })],
        canOverride: true,
        requireReason: true,
        fix: null,
      },
      a,
    );
    const root = shadow();
    const send = root.querySelector('[data-action="send-anyway"]') as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect(root.querySelector('textarea#cg-reason')).toBeTruthy();
  });

  it('offers "Chuyển sang Unicode" for legacy-encoding', () => {
    ui = createGuardUi(document, { trustedOnly: false });
    const a = actions();
    ui.showDialog(
      {
        kind: 'findings',
        findings: [finding({ rule: 'legacy-encoding', severity: 'warn', allowOverride: true, fix: { kind: 'convert-encoding', encoding: 'tcvn3' } })],
        canOverride: true,
        requireReason: false,
        fix: { kind: 'convert-encoding', encoding: 'tcvn3' },
      },
      a,
    );
    const convert = shadow().querySelector('[data-action="convert"]') as HTMLButtonElement;
    expect(convert.textContent).toContain('Chuyển sang Unicode');
    convert.click();
    expect(a.convert).toHaveBeenCalledTimes(1);
  });

  it('ignores untrusted (script) clicks on "Vẫn gửi" in production mode', () => {
    ui = createGuardUi(document); // trustedOnly defaults to true
    const a = actions();
    ui.showDialog(
      { kind: 'findings', findings: [finding({ rule: 'x', severity: 'warn', allowOverride: true })], canOverride: true, requireReason: false, fix: null },
      a,
    );
    (shadow().querySelector('[data-action="send-anyway"]') as HTMLButtonElement).click();
    expect(a.sendAnyway).not.toHaveBeenCalled();
  });

  it('failure dialog explains and shows the technical detail as text', () => {
    ui = createGuardUi(document, { trustedOnly: false });
    ui.showDialog({ kind: 'failure', reason: 'engine', detail: `TypeError: ${XSS}` }, actions());
    const root = shadow();
    expect(root.textContent).toContain('Không kiểm tra được thư');
    expect(root.querySelector('pre.detail')!.textContent).toBe(`TypeError: ${XSS}`);
    expect(root.querySelectorAll('img')).toHaveLength(0);
    expect(root.querySelector('[data-action="send-anyway"]')).toBeNull();
  });

  it('owns() recognises events from inside the shadow root; key events do not leak to the page', () => {
    ui = createGuardUi(document, { trustedOnly: false });
    ui.showDialog({ kind: 'checking' }, actions());
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    const back = shadow().querySelector('[data-action="back"]')!;
    let owned = false;
    window.addEventListener('keydown', (ev) => (owned = ui!.owns(ev)), { capture: true, once: true });
    press(back, 'x');
    expect(owned).toBe(true);
    expect(pageKeys).not.toHaveBeenCalled();
    document.removeEventListener('keydown', pageKeys);
  });

  it('toasts render findings as text', () => {
    ui = createGuardUi(document, { trustedOnly: false });
    ui.toast({ kind: 'attachment', findings: [finding({ rule: 'attachment-too-large', severity: 'warn', message: `Tệp ${XSS} quá lớn` })] });
    const toast = shadow().querySelector('[data-toast="attachment"]')!;
    expect(toast.textContent).toContain(XSS);
    expect(toast.querySelectorAll('img')).toHaveLength(0);
  });
});
