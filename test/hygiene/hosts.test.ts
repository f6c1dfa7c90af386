// @vitest-environment happy-dom
/**
 * The hygiene content-script logic in happy-dom: the sign-up warning (reads only the e-mail
 * field; adds nothing until a warning is due) and the change-password checklist / weak-submit
 * warning / date-of-change message.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isEmailField, signupCitations, startSignupGuard } from '../../extension/hygiene/signup';
import { startPasswordHelper } from '../../extension/hygiene/password';
import { PASSWORD_HOST_TAG, SIGNUP_HOST_TAG } from '../../extension/hygiene/permissions';
import type { HygieneRequest } from '../../extension/hygiene/messages';
import { formatCitation, resolvePolicy, type Policy } from '../../shared/policy';
import { rotationStatus } from '../../shared/rules/password-policy';

const flush = () => new Promise((r) => setTimeout(r, 0));
const typeInto = (el: HTMLInputElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
};

afterEach(() => {
  document.body.innerHTML = '';
  for (const el of document.querySelectorAll(`${SIGNUP_HOST_TAG}, ${PASSWORD_HOST_TAG}`)) el.remove();
});

describe('sign-up warning', () => {
  const setup = (host: string, policy: Policy = resolvePolicy('mic')) => {
    document.body.innerHTML = '<form id="f"><input id="name" name="fullname"><input id="email" type="email"><input id="user" name="username"><input id="pw" type="password"></form>';
    const getPolicy = vi.fn(async () => policy);
    const g = startSignupGuard({ doc: document, win: window, host, getPolicy, citations: (p) => signupCitations(p, formatCitation) });
    return { g, getPolicy, email: document.getElementById('email') as HTMLInputElement };
  };
  const warning = () => document.querySelector(SIGNUP_HOST_TAG)?.shadowRoot?.querySelector('[data-rule="no-service-signup"]');

  it('knows e-mail fields by their own hints only', () => {
    document.body.innerHTML = '<input id="a" type="email"><input id="b" autocomplete="email"><input id="c" name="user_email"><input id="d" type="password" name="email"><input id="e" name="phone"><textarea id="f"></textarea>';
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'].filter((id) => isEmailField(document.getElementById(id)));
    expect(ids).toEqual(['a', 'b', 'c']);
  });
  it('agency address on an outside site: warning with the citation; away again when changed', async () => {
    const { email } = setup('signup.example.test');
    const before = document.body.innerHTML;
    typeInto(email, 'dvbe@mic.gov.vn');
    await flush(); await flush();
    expect(warning()?.textContent).toContain('Không dùng hộp thư công vụ (dvbe@mic.gov.vn)');
    expect(warning()?.textContent).toContain('Điều 15 khoản 4');
    typeInto(email, 'ban@gmail.com');
    await flush(); await flush();
    expect((document.querySelector(SIGNUP_HOST_TAG) as HTMLElement).style.display).toBe('none');
    expect(document.body.innerHTML.replace(/<congvu-guard-signup[^>]*><\/congvu-guard-signup>/, '')).toBe(before);
  });
  it('autofill (change event) counts; other fields are never read', async () => {
    const { getPolicy } = setup('signup.example.test');
    const name = document.getElementById('name') as HTMLInputElement;
    typeInto(name, 'dvbe@mic.gov.vn'); // not an e-mail field
    await flush();
    expect(getPolicy).not.toHaveBeenCalled();
    const user = document.getElementById('user') as HTMLInputElement;
    user.value = 'vanthu@mic.gov.vn';
    user.dispatchEvent(new Event('change', { bubbles: true }));
    await flush(); await flush();
    expect(warning()).toBeTruthy();
  });
  it('agency site: nothing added to the page', async () => {
    const { email } = setup('dichvucong.gov.vn');
    typeInto(email, 'dvbe@mic.gov.vn');
    await flush(); await flush();
    expect(document.querySelector(SIGNUP_HOST_TAG)).toBeNull();
  });
  it('preset silent on the rule (user opted in): cites the two regulations that state it', () => {
    const c = signupCitations(resolvePolicy('cantho'), formatCitation);
    expect(c.join(' | ')).toMatch(/Điều 15 khoản 4.*652.*Điều 11 khoản 4/);
  });
});

describe('change-password helper (Roundcube markup)', () => {
  const FORM = `<form id="password-form" action="./?_task=settings&_action=plugin.password-save" method="post">
    <input id="curpasswd" name="_curpasswd" type="password"><input id="newpasswd" name="_newpasswd" type="password"><input id="confpasswd" name="_confpasswd" type="password"></form>
    <p class="formbuttons footerleft"><button class="button mainaction submit" id="save">Lưu</button></p><div id="messagestack"></div>`;

  function setup(url: string, policy: Policy, html = FORM) {
    document.body.innerHTML = html;
    const sent: HygieneRequest[] = [];
    const send = vi.fn(async (m: HygieneRequest) => {
      sent.push(m);
      if (m.type === 'hygiene:status') return { ok: true, policy, account: 'nvminh@cantho.gov.vn', rotation: rotationStatus('nvminh@cantho.gov.vn', null, policy) };
      return { ok: true };
    });
    const h = startPasswordHelper({ doc: document, win: window, url: new URL(url), send, citations: () => ['Điều 10 khoản 3, Quy chế …'], confirmWaitMs: 200 });
    return { h, sent };
  }
  const root = () => document.querySelector(PASSWORD_HOST_TAG)?.shadowRoot;
  const classes = () => Object.fromEntries([...(root()?.querySelectorAll('li[data-item]') ?? [])].map((li) => [li.getAttribute('data-item'), li.className]));

  it('live checklist, weak submit stopped with the citation, strong one goes through', async () => {
    const { h } = setup('http://mail.cantho.gov.vn/?_task=settings&_action=plugin.password', resolvePolicy('cantho'));
    await flush(); await flush();
    const np = document.getElementById('newpasswd') as HTMLInputElement;
    expect(root()?.querySelector('[data-rotation]')?.getAttribute('data-rotation')).toBe('first-login');
    typeInto(np, 'matkhau1');
    expect(classes()).toEqual({ length: 'ok', upper: 'fail', lower: 'ok', digit: 'ok', special: 'fail' });
    const clicked = vi.fn();
    document.getElementById('save')!.addEventListener('click', clicked);
    document.getElementById('save')!.click();
    expect(clicked).not.toHaveBeenCalled();
    const warn = root()!.querySelector('[data-warning]') as HTMLElement;
    expect(warn.hidden).toBe(false);
    expect(warn.textContent).toContain('Điều 10 khoản 3');
    // An untrusted "Vẫn đổi" (the page itself) does nothing.
    (warn.querySelector('[data-action="anyway"]') as HTMLElement).click();
    expect(clicked).not.toHaveBeenCalled();
    typeInto(np, 'Matkhau#2026');
    expect(Object.values(classes()).every((c) => c === 'ok')).toBe(true);
    expect(warn.hidden).toBe(true);
    document.getElementById('save')!.click();
    expect(clicked).toHaveBeenCalledTimes(1);
    h.dispose();
    expect(document.querySelector(PASSWORD_HOST_TAG)).toBeNull();
  });
  it('block severity: no "Vẫn đổi"', async () => {
    setup('http://mail.cantho.gov.vn/?_task=settings&_action=plugin.password', resolvePolicy({ extends: 'cantho', rules: { 'password-policy': { severity: 'block' } } }));
    await flush(); await flush();
    typeInto(document.getElementById('newpasswd') as HTMLInputElement, 'weak');
    document.getElementById('save')!.click();
    expect(root()!.querySelector('[data-action="anyway"]')).toBeNull();
    expect(root()!.querySelector('[data-action="fix"]')).toBeTruthy();
  });
  it('the save answer with Roundcube’s confirmation: reports the change (no password in the message)', async () => {
    const { sent } = setup('http://mail.cantho.gov.vn/?_task=settings&_action=plugin.password-save', resolvePolicy('cantho'));
    await flush();
    const msg = document.createElement('div');
    msg.className = 'confirmation';
    msg.textContent = 'Đã lưu thành công';
    document.getElementById('messagestack')!.appendChild(msg);
    await flush(); await flush();
    expect(sent.filter((m) => m.type === 'hygiene:password-changed')).toEqual([{ type: 'hygiene:password-changed' }]);
  });
  it('an error answer records nothing', async () => {
    const { sent } = setup('http://mail.cantho.gov.vn/?_task=settings&_action=plugin.password-save', resolvePolicy('cantho'));
    const msg = document.createElement('div');
    msg.className = 'error';
    document.getElementById('messagestack')!.appendChild(msg);
    await new Promise((r) => setTimeout(r, 250));
    expect(sent.some((m) => m.type === 'hygiene:password-changed')).toBe(false);
  });
  it('rotation overdue (Cần Thơ unit mailbox, 60 days): reminder on other webmail pages', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T09:00:00'));
    try {
      const policy = resolvePolicy('cantho');
      document.body.innerHTML = '<div id="messagelist"></div>';
      const rotation = rotationStatus('vanphong.sokhdt@cantho.gov.vn', '2026-01-01', policy);
      const send = vi.fn(async (m: HygieneRequest) => (m.type === 'hygiene:status' ? { ok: true, policy, account: 'vanphong.sokhdt@cantho.gov.vn', rotation } : { ok: true }));
      startPasswordHelper({ doc: document, win: window, url: new URL('http://mail.cantho.gov.vn/?_task=mail'), send, citations: () => [] });
      await flush(); await flush();
      const box = root()?.querySelector('[data-rotation]');
      expect(box?.getAttribute('data-rotation')).toBe('overdue');
      expect(box?.textContent).toContain('hộp thư đơn vị (60 ngày/lần)');
      expect(box?.textContent).toContain('2026-03-02');
    } finally {
      vi.useRealTimers();
    }
  });
  it('preset without rules: checklist empty; rule off (mic) → nothing at all', async () => {
    setup('http://mail.mic.gov.vn/?_task=settings&_action=plugin.password', resolvePolicy('mic'));
    await flush(); await flush();
    expect(document.querySelector(PASSWORD_HOST_TAG)).toBeNull();
  });
});
