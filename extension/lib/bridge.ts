/**
 * The bridge between a `world: 'MAIN'` hook script (which can see the webmail's own JavaScript,
 * e.g. Roundcube's `rcmail`) and the isolated content script (which owns the policy, the engine
 * and the dialog).
 *
 * Transport: CustomEvents on `document` whose `detail` is a JSON *string*. Why a string: an
 * object `detail` does not cross worlds reliably (Chrome hands the other world `null` for
 * non-cloneable objects; Firefox wraps it in an Xray that needs `cloneInto`). Why events and not
 * window.postMessage: dispatchEvent is synchronous, so the MAIN-world `beforesend` handler gets
 * its answer before it returns — Roundcube's hook must return `false` synchronously to cancel.
 * The answer is the event's `defaultPrevented` flag, which both worlds see.
 *
 * The page can see and fire these events too (they live in its DOM). That is acceptable: the
 * webmail page can send mail by itself anyway; a forged "beforesend" only makes us check the
 * draft, and a forged "command" only asks the webmail to do what its own script could do.
 * Every message is still validated for shape before use.
 */

export const BRIDGE_TO_ISOLATED = 'congvu-guard:to-isolated';
export const BRIDGE_TO_MAIN = 'congvu-guard:to-main';
export const BRIDGE_VERSION = 1;

/** MAIN -> isolated. */
export type ToIsolated =
  /** The webmail hook is installed (adapter id, e.g. 'roundcube'). */
  | { v: 1; kind: 'hook-ready'; adapter: string }
  /** The webmail is about to send: cancel the event to stop it. */
  | { v: 1; kind: 'beforesend'; adapter: string };

/** isolated -> MAIN. */
export type ToMain =
  /** Ask the hook to run the webmail's own send command (after "Vẫn gửi"). */
  | { v: 1; kind: 'send' }
  /** Ask the hook to announce itself again (the isolated script started late). */
  | { v: 1; kind: 'ping' };

function parse(detail: unknown): Record<string, unknown> | null {
  if (typeof detail !== 'string' || detail.length > 1000) return null;
  try {
    const value: unknown = JSON.parse(detail);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const obj = value as Record<string, unknown>;
    return obj.v === BRIDGE_VERSION && typeof obj.kind === 'string' ? obj : null;
  } catch {
    return null;
  }
}

export function parseToIsolated(detail: unknown): ToIsolated | null {
  const obj = parse(detail);
  if (!obj || typeof obj.adapter !== 'string' || !/^[a-z]{2,20}$/.test(obj.adapter)) return null;
  if (obj.kind === 'hook-ready' || obj.kind === 'beforesend') {
    return { v: 1, kind: obj.kind, adapter: obj.adapter };
  }
  return null;
}

export function parseToMain(detail: unknown): ToMain | null {
  const obj = parse(detail);
  if (!obj) return null;
  if (obj.kind === 'send' || obj.kind === 'ping') return { v: 1, kind: obj.kind };
  return null;
}

/**
 * Fire a bridge event and report whether nobody cancelled it.
 * `cancelable` is only set for 'beforesend', the one question that can be answered "no".
 */
export function emit(doc: Document, type: string, message: ToIsolated | ToMain): boolean {
  const win = doc.defaultView;
  if (!win) return true;
  const ev = new win.CustomEvent(type, {
    detail: JSON.stringify(message),
    cancelable: message.kind === 'beforesend',
  });
  return doc.dispatchEvent(ev);
}
