/**
 * The guard's UI layer: one custom element on the page with a shadow root holding the dialog,
 * the toasts and (hidden) the extraction frame.
 *
 * Why an OPEN shadow root: a closed one would not stop a hostile page (it shares our DOM and
 * could hook attachShadow before us), while it would hide the dialog from assistive tech tools
 * and from Playwright in the end-to-end tests. The page cannot confirm "Vẫn gửi" for the user
 * because that button only reacts to trusted (real user) clicks.
 *
 * The host is created lazily, on the first dialog/toast/frame, so a page where nothing happens
 * is not touched at all.
 */
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { DialogActions, DialogModel, GuardUi, ToastModel } from '../guard/guard';
import { Dialog } from './Dialog';
import { Toasts, type ToastEntry } from './Toasts';
import { GUARD_CSS } from './styles';

export const HOST_TAG = 'congvu-guard-ui';

export interface GuardUiOptions {
  trustedOnly?: boolean;
  /** ms before a toast goes away by itself. */
  toastMs?: number;
  /** Render synchronously (flushSync) so the dialog is on screen when the event handler returns. */
  sync?: boolean;
}

export interface MountedUi extends GuardUi {
  /** The shadow root (created on demand): the extraction frame lives here. */
  shadow(): ShadowRoot;
  readonly host: HTMLElement | null;
  dispose(): void;
}

/** Events that must not reach the webmail's own handlers when they happen inside our UI. */
const CONTAINED = ['keydown', 'keyup', 'keypress', 'mousedown', 'mouseup', 'click', 'pointerdown', 'pointerup', 'input', 'paste', 'drop', 'wheel'];

export function createGuardUi(doc: Document, options: GuardUiOptions = {}): MountedUi {
  let host: HTMLElement | null = null;
  let root: Root | null = null;
  let shadowRoot: ShadowRoot | null = null;
  let dialog: { model: DialogModel; actions: DialogActions } | null = null;
  let toasts: ToastEntry[] = [];
  let nextToast = 1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  const toastMs = options.toastMs ?? 12_000;
  const sync = options.sync ?? true;

  const ensure = (): ShadowRoot => {
    if (shadowRoot && host?.isConnected) return shadowRoot;
    if (!host) {
      host = doc.createElement(HOST_TAG);
      host.setAttribute('data-congvu-guard', '');
      shadowRoot = host.attachShadow({ mode: 'open' });
      const style = doc.createElement('style');
      style.textContent = GUARD_CSS;
      const container = doc.createElement('div');
      container.className = 'layer';
      container.setAttribute('lang', 'vi');
      shadowRoot.append(style, container);
      for (const type of CONTAINED) shadowRoot.addEventListener(type, (ev) => ev.stopPropagation());
      root = createRoot(container);
    }
    // documentElement, not body: some webmails replace <body> wholesale when switching views.
    if (!host.isConnected) (doc.documentElement ?? doc.body).appendChild(host);
    return shadowRoot!;
  };

  const render = () => {
    if (!root && !dialog && !toasts.length) return;
    ensure();
    const tree = (
      <>
        {dialog && <Dialog model={dialog.model} actions={dialog.actions} trustedOnly={options.trustedOnly ?? true} />}
        <Toasts toasts={toasts} dismiss={dismiss} />
      </>
    );
    if (sync) flushSync(() => root!.render(tree));
    else root!.render(tree);
  };

  const dismiss = (id: number) => {
    toasts = toasts.filter((t) => t.id !== id);
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
    render();
  };

  const ui: MountedUi = {
    get host() {
      return host;
    },
    shadow: ensure,
    showDialog(model, actions) {
      dialog = { model, actions };
      render();
    },
    closeDialog() {
      if (!dialog) return;
      dialog = null;
      render();
    },
    toast(model: ToastModel) {
      const id = nextToast++;
      toasts = [...toasts.slice(-3), { id, model }];
      const ms = model.kind === 'check-failed-sent' || model.kind === 'attachment' ? toastMs * 2 : toastMs;
      timers.set(
        id,
        setTimeout(() => dismiss(id), ms),
      );
      render();
    },
    owns(ev: Event) {
      if (!host) return false;
      if (ev.target === host) return true;
      const path = typeof ev.composedPath === 'function' ? ev.composedPath() : [];
      return path.includes(host);
    },
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      root?.unmount();
      host?.remove();
      host = null;
      root = null;
      shadowRoot = null;
    },
  };
  return ui;
}
