/**
 * `password-policy` on the webmail's change-password form (REQUIREMENTS.md §3; Cần Thơ Đ10 k3,
 * Đ11 k4; TP.HCM STNMT Đ8 k3; Quảng Ngãi Đ11 k1; Bình Phước Đ14 k2):
 *  - a live checklist next to the new-password field while the user types;
 *  - on submit of a weak password, a warning with the citation (severity `warn`: "Vẫn đổi"
 *    lets it through; `block`: it does not; `info`: checklist only);
 *  - after the webmail confirms a change, the background records the DATE (never the password);
 *  - the rotation reminder (period of the preset, unit vs personal mailbox; first-login rule).
 * The password value is read in memory for the checklist only; it is never stored or sent.
 */
import type { Policy } from '../../shared/policy';
import { passwordPolicy, passwordChecklist, type RotationStatus } from '../../shared/rules/password-policy';
import type { HygieneRequest, HygieneStatus } from './messages';
import { PASSWORD_HOST_TAG } from './permissions';
import { CHECK_LABELS, CHECKLIST_TITLE, PASSWORD_ANYWAY, PASSWORD_FIX, PASSWORD_WEAK, rotationText } from './strings';
import { bilingual, citationLine, createHost } from './ui';

/** Change-password forms per webmail. Roundcube is verified against 1.6.5 (E2E); the others follow their markup docs. */
export interface PasswordFormAdapter {
  name: string;
  newPassword: string;
  submit: string;
  /** Is this page the answer to a change-password submit? */
  isSaveResponse(url: URL): boolean;
  /** The webmail's own "saved" confirmation. */
  confirmation: string;
  /** Where the signed-in address is shown (mail view), if anywhere. */
  account?: string;
}

export const PASSWORD_ADAPTERS: PasswordFormAdapter[] = [
  {
    // Roundcube `password` plugin: form#password-form posts to _action=plugin.password-save and
    // the answer shows display_message(…, 'confirmation') in #messagestack.
    name: 'roundcube',
    newPassword: '#password-form #newpasswd, form[action*="plugin.password-save"] input[name="_newpasswd"]',
    submit: '#password-form ~ .formbuttons button.submit, .formbuttons button.submit, #password-form button[type="submit"]',
    isSaveResponse: (u) => u.searchParams.get('_task') === 'settings' && u.searchParams.get('_action') === 'plugin.password-save',
    confirmation: '#messagestack .confirmation',
    account: '.header-title.username',
  },
  {
    // Zimbra: login-page change form (loginNewPassword) and the web client's Change Password dialog.
    name: 'zimbra',
    newPassword: 'input[name="loginNewPassword"], .ZmChangePasswordDialog input[type="password"][id$="newPassword"]',
    submit: '#ZLoginChangePasswordButton, .ZmChangePasswordDialog .ZButton.ZSelected',
    isSaveResponse: () => false,
    confirmation: '.ZToast .ZToastInfo',
  },
  {
    // Outlook on the web: /owa/auth/expiredpassword.aspx and the options "Change password" page.
    name: 'owa',
    newPassword: '#newPwd1, input[name="newPwd1"], #txtNewPwd',
    submit: '#btnSubmit, .signinbutton',
    isSaveResponse: () => false,
    confirmation: '.confirmation',
  },
];

export interface PasswordDeps {
  doc: Document;
  win: Window;
  url: URL;
  send(msg: HygieneRequest): Promise<unknown>;
  citations(policy: Policy): string[];
  /** How long to watch for the webmail's confirmation after a save (default 10 s). */
  confirmWaitMs?: number;
}

export function startPasswordHelper(deps: PasswordDeps): { dispose(): void } {
  const { doc, win } = deps;
  const cleanups: (() => void)[] = [];
  let disposed = false;

  const run = async () => {
    // 1. Which account is signed in (the mail view shows it): kept by the background per origin.
    for (const a of PASSWORD_ADAPTERS) {
      const el = a.account ? doc.querySelector(a.account) : null;
      const account = el?.textContent?.trim();
      if (account && /^[^\s@]+@[^\s@]+$/.test(account)) await deps.send({ type: 'hygiene:account', account }).catch(() => {});
    }
    // 2. The answer to a change: record the date once the webmail confirms it.
    const saver = PASSWORD_ADAPTERS.find((a) => a.isSaveResponse(deps.url));
    if (saver) watchConfirmation(saver);

    const status = (await deps.send({ type: 'hygiene:status' }).catch(() => null)) as HygieneStatus | null;
    if (disposed || !status?.ok) return;
    const setting = status.policy.rules['password-policy'];
    if (setting.severity === 'off') return;

    // 3. The change-password form.
    const found = findForm();
    if (found) return attachChecklist(found.adapter, found.field, status.policy, status.rotation);
    if (status.rotation && (status.rotation.state === 'soon' || status.rotation.state === 'overdue')) showReminder(status.rotation);
    // Single-page webmails (Zimbra's Change Password dialog, OWA options) open the form later.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const obs = new MutationObserver(() => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        const late = findForm();
        if (!late) return;
        obs.disconnect();
        attachChecklist(late.adapter, late.field, status.policy, status.rotation);
      }, 300);
    });
    obs.observe(doc.documentElement, { childList: true, subtree: true });
    cleanups.push(() => { obs.disconnect(); if (timer !== undefined) clearTimeout(timer); });
  };

  const findForm = (): { adapter: PasswordFormAdapter; field: HTMLInputElement } | null => {
    for (const adapter of PASSWORD_ADAPTERS) {
      const field = doc.querySelector<HTMLInputElement>(adapter.newPassword);
      if (field) return { adapter, field };
    }
    return null;
  };

  const watchConfirmation = (adapter: PasswordFormAdapter) => {
    let done = false;
    const test = () => {
      if (done || !doc.querySelector(adapter.confirmation)) return;
      done = true;
      obs.disconnect();
      void deps.send({ type: 'hygiene:password-changed' }).catch(() => {});
    };
    const obs = new MutationObserver(test);
    obs.observe(doc.documentElement, { childList: true, subtree: true });
    const timer = win.setTimeout(() => obs.disconnect(), deps.confirmWaitMs ?? 10_000);
    cleanups.push(() => { obs.disconnect(); win.clearTimeout(timer); });
    test();
  };

  const attachChecklist = (adapter: PasswordFormAdapter, field: HTMLInputElement, policy: Policy, rotation: RotationStatus | null) => {
    const { host, root } = createHost(doc, PASSWORD_HOST_TAG);
    const box = doc.createElement('div');
    box.className = 'box';
    box.setAttribute('data-rule', 'password-policy');
    const title = doc.createElement('strong');
    title.textContent = `${CHECKLIST_TITLE.vi} / ${CHECKLIST_TITLE.en}`;
    box.appendChild(title);
    const list = doc.createElement('ul');
    box.appendChild(list);
    const rot = rotation ? rotationText(rotation) : null;
    if (rot) {
      const r = doc.createElement('div');
      r.setAttribute('data-rotation', rotation!.state);
      bilingual(doc, r, rot);
      box.appendChild(r);
    }
    const warn = doc.createElement('div');
    warn.className = 'box error';
    warn.setAttribute('role', 'alert');
    warn.setAttribute('data-warning', '');
    warn.hidden = true;
    root.appendChild(box);
    root.appendChild(warn);
    field.insertAdjacentElement('afterend', host);
    cleanups.push(() => host.remove());

    const render = () => {
      list.textContent = '';
      for (const item of passwordChecklist(field.value, policy.password)) {
        const li = doc.createElement('li');
        li.className = item.ok ? 'ok' : 'fail';
        li.setAttribute('data-item', item.id);
        const label = CHECK_LABELS[item.id](item.min);
        li.textContent = `${label.vi} / ${label.en}`;
        list.appendChild(li);
      }
      if (!passwordPolicy.check({ password: field.value }, { policy })) warn.hidden = true;
    };
    render();
    const onInput = (ev: Event) => {
      if (ev.target === field) render();
    };
    doc.addEventListener('input', onInput, true);
    cleanups.push(() => doc.removeEventListener('input', onInput, true));

    const setting = policy.rules['password-policy'];
    if (setting.severity === 'info') return;
    let bypass = false;
    const showWarning = () => {
      warn.textContent = '';
      bilingual(doc, warn, PASSWORD_WEAK);
      citationLine(doc, warn, deps.citations(policy));
      const fix = doc.createElement('button');
      fix.type = 'button';
      fix.setAttribute('data-action', 'fix');
      fix.textContent = `${PASSWORD_FIX.vi} / ${PASSWORD_FIX.en}`;
      fix.addEventListener('click', () => { warn.hidden = true; field.focus(); });
      warn.appendChild(fix);
      if (setting.severity !== 'block' && setting.allowOverride) {
        const anyway = doc.createElement('button');
        anyway.type = 'button';
        anyway.setAttribute('data-action', 'anyway');
        anyway.textContent = `${PASSWORD_ANYWAY.vi} / ${PASSWORD_ANYWAY.en}`;
        anyway.addEventListener('click', (ev) => {
          // Only a real click: the page cannot confirm for the user.
          if (!ev.isTrusted) return;
          bypass = true;
          warn.hidden = true;
          doc.querySelector<HTMLElement>(adapter.submit)?.click();
          bypass = false;
        });
        warn.appendChild(anyway);
      }
      warn.hidden = false;
    };
    const weak = () => !!passwordPolicy.check({ password: field.value }, { policy });
    const stop = (ev: Event) => {
      ev.preventDefault();
      ev.stopImmediatePropagation();
      showWarning();
    };
    const onClick = (ev: Event) => {
      if (bypass || !(ev.target instanceof Element) || !ev.target.closest(adapter.submit)) return;
      if (weak()) stop(ev);
    };
    const onSubmit = (ev: Event) => {
      if (bypass || !(ev.target instanceof Element) || !ev.target.contains(field)) return;
      if (weak()) stop(ev);
    };
    // Window capture: runs before the webmail's own onclick / onsubmit handlers.
    win.addEventListener('click', onClick, true);
    win.addEventListener('submit', onSubmit, true);
    cleanups.push(() => { win.removeEventListener('click', onClick, true); win.removeEventListener('submit', onSubmit, true); });
  };

  const showReminder = (rotation: RotationStatus) => {
    const text = rotationText(rotation);
    if (!text) return;
    const { host, root } = createHost(doc, PASSWORD_HOST_TAG);
    host.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483647;';
    const box = doc.createElement('div');
    box.className = rotation.state === 'overdue' ? 'box error' : 'box';
    box.setAttribute('data-rotation', rotation.state);
    bilingual(doc, box, text);
    const close = doc.createElement('button');
    close.type = 'button';
    close.textContent = 'Đóng / Close';
    close.addEventListener('click', () => host.remove());
    box.appendChild(close);
    root.appendChild(box);
    (doc.body ?? doc.documentElement).appendChild(host);
    cleanups.push(() => host.remove());
  };

  void run();
  return {
    dispose() {
      disposed = true;
      for (const c of cleanups.splice(0)) c();
    },
  };
}
