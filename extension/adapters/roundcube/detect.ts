/**
 * Is this a Roundcube page (logged in or not)? Shared by the guard's adapter registry and the
 * unit-mailbox content script, which runs at document_idle in every frame: the selector checks
 * answer almost every Roundcube page, so the inline scripts are scanned only when they do not.
 */
import { first } from '../dom-utils';
import { SEL } from './selectors';

/** The inline bootstrap: `var rcmail = new rcube_webmail(); rcmail.set_env({...})`. */
const BOOTSTRAP = /\bnew rcube_webmail\(|rcmail\.set_env\(/;

export function isRoundcubePage(doc: Document): boolean {
  if (first(doc, [SEL.appScript, SEL.loginUser])) return true;
  for (const s of Array.from(doc.scripts)) {
    if (BOOTSTRAP.test(s.textContent ?? '')) return true;
  }
  return false;
}
