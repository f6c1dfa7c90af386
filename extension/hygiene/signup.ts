/**
 * `no-service-signup` on outside sites (TP.HCM STNMT Đ11 k4, Bộ TT&TT Đ15 k4). Runs only where
 * the background registered it: the user opted in (storage `signupGuard`) AND granted the
 * optional host permissions (see ./background.ts). It reads nothing but the value of the e-mail
 * field the user is typing in (and that field's type/autocomplete hints, to know it is one),
 * stores nothing, sends nothing, and touches the DOM only to show a warning.
 */
import type { Policy } from '../../shared/policy';
import { noServiceSignup } from '../../shared/rules/no-service-signup';
import { SIGNUP_HOST_TAG } from './permissions';
import { SIGNUP_WARNING } from './strings';
import { bilingual, citationLine, createHost } from './ui';

export interface SignupDeps {
  doc: Document;
  win: Window;
  /** location.hostname of the page. */
  host: string;
  /** The policy in force (from the background); null when unavailable (then nothing is shown). */
  getPolicy(): Promise<Policy | null>;
  citations(policy: Policy): string[];
}

/** Is this element an e-mail field? Only its own type and autocomplete/inputmode/name hints count. */
export function isEmailField(el: EventTarget | null): el is HTMLInputElement {
  if (!el || (el as Element).nodeType !== 1 || (el as Element).localName !== 'input') return false;
  const input = el as HTMLInputElement;
  const type = (input.getAttribute('type') ?? 'text').toLowerCase();
  if (type === 'email') return true;
  if (type !== 'text' && type !== '') return false;
  const hints = [input.getAttribute('autocomplete'), input.getAttribute('inputmode'), input.getAttribute('name'), input.id]
    .filter(Boolean).join(' ').toLowerCase();
  return /\be-?mail\b|email|username/.test(hints);
}

export function startSignupGuard(deps: SignupDeps): { dispose(): void } {
  const { doc, win } = deps;
  let policy: Policy | null | undefined;
  let loading: Promise<Policy | null> | null = null;
  let ui: { host: HTMLElement; root: ShadowRoot; box: HTMLElement } | null = null;
  let shownFor: HTMLInputElement | null = null;

  const ensurePolicy = async () => {
    if (policy !== undefined) return policy;
    loading ??= deps.getPolicy().catch(() => null);
    policy = await loading;
    return policy;
  };

  const hide = () => {
    if (ui) ui.host.style.display = 'none';
    shownFor = null;
  };

  const place = (field: HTMLInputElement) => {
    if (!ui) return;
    const r = field.getBoundingClientRect();
    // The warning floats over the fields below the e-mail box (password, submit): it must never
    // take a click from them — the rule warns, it does not stop the sign-up (pointer-events:none).
    ui.host.style.cssText = `position:absolute;z-index:2147483647;display:block;pointer-events:none;left:${Math.round(r.left + win.scrollX)}px;top:${Math.round(r.bottom + win.scrollY + 2)}px;`;
  };

  const show = (field: HTMLInputElement, address: string, citations: string[]) => {
    if (!ui) {
      const { host, root } = createHost(doc, SIGNUP_HOST_TAG);
      const box = doc.createElement('div');
      box.className = 'box';
      box.setAttribute('role', 'alert');
      root.appendChild(box);
      (doc.body ?? doc.documentElement).appendChild(host);
      ui = { host, root, box };
    }
    ui.box.textContent = '';
    ui.box.setAttribute('data-rule', 'no-service-signup');
    bilingual(doc, ui.box, SIGNUP_WARNING(address));
    citationLine(doc, ui.box, citations);
    shownFor = field;
    place(field);
  };

  const check = async (field: HTMLInputElement) => {
    const p = await ensurePolicy();
    if (!p) return;
    const report = noServiceSignup.check({ value: field.value, host: deps.host }, { policy: p });
    if (report) show(field, String(report.params.address), deps.citations(p));
    else if (shownFor === field || !shownFor) hide();
  };

  const onEvent = (ev: Event) => {
    const t = ev.composedPath?.()[0] ?? ev.target;
    if (isEmailField(t)) void check(t);
  };
  const onSubmit = (ev: Event) => {
    const form = ev.target as HTMLFormElement | null;
    if (!form || form.localName !== 'form') return;
    for (const el of Array.from(form.elements)) if (isEmailField(el)) void check(el);
  };
  const onResize = () => {
    if (shownFor) place(shownFor);
  };

  // Capture phase on the document: sees typing and autofill (input/change) before the site can
  // stop them; nothing is added to the page until a warning is due.
  const opts = { capture: true, passive: true } as const;
  for (const type of ['input', 'change', 'focusout']) doc.addEventListener(type, onEvent, opts);
  doc.addEventListener('submit', onSubmit, opts);
  win.addEventListener('resize', onResize, opts);
  return {
    dispose() {
      for (const type of ['input', 'change', 'focusout']) doc.removeEventListener(type, onEvent, opts);
      doc.removeEventListener('submit', onSubmit, opts);
      win.removeEventListener('resize', onResize, opts);
      ui?.host.remove();
      ui = null;
    },
  };
}

/**
 * The citations shown with the warning: the preset's own article, or — when the user opted in
 * under a preset whose regulation is silent — the two regulations that state the rule.
 */
export function signupCitations(policy: Policy, format: (preset: Policy['preset'], ref: string) => string): string[] {
  const own = noServiceSignup.meta.citations[policy.preset];
  if (own?.length) return own.map((r) => format(policy.preset, r));
  return [format('mic', 'Đ15 k4'), format('tphcm-stnmt', 'Đ11 k4')];
}
