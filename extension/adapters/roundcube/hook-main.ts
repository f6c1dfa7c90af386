/**
 * Runs in the page's own JavaScript world (content script with world: 'MAIN'), where
 * Roundcube's `rcmail` object lives. No extension APIs here, by design: the only channel to the
 * extension is the DOM event bridge (extension/lib/bridge.ts).
 *
 * Roundcube's plugin API (program/js/app.js, rcube_webmail.command): before running a command
 * it calls `triggerEvent('before' + command)`, and a handler returning `false` aborts the
 * command. So `rcmail.addEventListener('beforesend', …)` sees every send — button, toolbar copy,
 * plugins — and can cancel it synchronously.
 */
import { BRIDGE_TO_MAIN, emit, parseToMain, BRIDGE_TO_ISOLATED } from '../../lib/bridge';

interface Rcmail {
  addEventListener(event: string, fn: (props: unknown) => unknown): unknown;
  command(command: string, props?: unknown, obj?: unknown, event?: unknown): unknown;
  env?: { action?: string; task?: string };
}

const READY = { v: 1, kind: 'hook-ready', adapter: 'roundcube' } as const;

export function installRoundcubeHook(win: Window & { rcmail?: Rcmail }, doc: Document): boolean {
  const rc = win.rcmail;
  if (!rc || typeof rc.addEventListener !== 'function' || typeof rc.command !== 'function') return false;

  rc.addEventListener('beforesend', () => {
    // dispatchEvent is synchronous: the isolated guard has decided when it returns.
    // Returning undefined (not true) keeps Roundcube's own props untouched.
    const allowed = emit(doc, BRIDGE_TO_ISOLATED, { v: 1, kind: 'beforesend', adapter: 'roundcube' });
    return allowed ? undefined : false;
  });

  doc.addEventListener(BRIDGE_TO_MAIN, (ev) => {
    const msg = parseToMain((ev as CustomEvent).detail);
    if (!msg) return;
    if (msg.kind === 'ping') emit(doc, BRIDGE_TO_ISOLATED, READY);
    // Same call as the Send button's onclick; `beforesend` fires again and the guard lets this
    // one through (it set a one-shot token for exactly this draft before asking).
    // No `event` argument: command() hands `props || event` to triggerEvent('beforesend'),
    // which sets `.event` on it when it is an object — `null` is one, and throws (common.js).
    if (msg.kind === 'send') rc.command('send', '');
  });

  emit(doc, BRIDGE_TO_ISOLATED, READY);
  return true;
}

/** rcmail is created by an inline script in <head>; wait for it if we run earlier. */
export function startRoundcubeHook(win: Window & { rcmail?: Rcmail }, doc: Document): void {
  if (installRoundcubeHook(win, doc)) return;
  let tries = 0;
  const retry = () => {
    if (installRoundcubeHook(win, doc) || ++tries > 20) return;
    setTimeout(retry, 250);
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', retry, { once: true });
  else setTimeout(retry, 0);
}
