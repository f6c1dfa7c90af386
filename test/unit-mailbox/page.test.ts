// @vitest-environment happy-dom
/**
 * The mailbox content script's page logic (happy-dom): Roundcube detection and account, the
 * classified-message banner (Quảng Ngãi QĐ 29/2015 Đ11 k4), delete confirmation in a unit
 * mailbox (Cần Thơ QĐ 33/2015 Đ11 k3), and the read request answered with the page's fetch.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ACCOUNT_KEY, UNIT_KEY, BANNER_TAG, DELETE_CONFIRM, currentAccount, guardDeletes, isRoundcube, roundcubeAccount, showClassifiedBanner,
  shownMessageText, startMailboxPage,
} from '../../extension/unit-mailbox/page';
import { fixture } from '../mailbox/helpers';

const MAIL_PAGE = `<html><body><span class="header-title username">VanThu@mic.gov.vn</span>
<div id="toolbar"><a class="delete" href="#" onclick="return rcmail.command('delete','',this,event)">Xoá</a></div>
<script>var rcmail = new rcube_webmail();rcmail.set_env({"task":"mail"});</script></body></html>`;

function load(html: string) {
  document.open();
  document.write(html);
  document.close();
}

beforeEach(() => {
  sessionStorage.clear();
  document.body.innerHTML = '';
});

describe('Roundcube page', () => {
  it('detects Roundcube and the logged-in account; remembers it for message pages; forgets it at login', () => {
    load(MAIL_PAGE);
    expect(isRoundcube(document)).toBe(true);
    expect(roundcubeAccount(document)).toBe('vanthu@mic.gov.vn');
    expect(currentAccount(window, document)).toBe('vanthu@mic.gov.vn');
    load('<html><body><h2 class="subject">x</h2><script>rcmail.set_env({})</script></body></html>');
    expect(currentAccount(window, document)).toBe('vanthu@mic.gov.vn');
    load('<html><body><form><input id="rcmloginuser" name="_user"></form></body></html>');
    expect(isRoundcube(document)).toBe(true);
    expect(currentAccount(window, document)).toBeNull();
    expect(sessionStorage.getItem(ACCOUNT_KEY)).toBeNull();
    load('<html><body><p>Not a webmail</p></body></html>');
    expect(isRoundcube(document)).toBe(false);
  });
});

describe('classified banner (Quảng Ngãi Đ11 k4)', () => {
  it('shows once for a message marked TỐI MẬT, in a shadow root, as text', () => {
    load('<html><body><h2 class="subject">Kế hoạch &lt;b&gt;</h2><div id="messagebody">TỐI MẬT\nNội dung</div></body></html>');
    const text = shownMessageText(document, 'https://mail.x.gov.vn/?_task=mail&_action=show&_uid=3')!;
    expect(showClassifiedBanner(document, text)).toBe(true);
    expect(showClassifiedBanner(document, text)).toBe(false);
    const host = document.querySelector(BANNER_TAG)!;
    expect(host.getAttribute('role')).toBe('alert');
    expect(host.getAttribute('data-mark')).toBe('TỐI MẬT');
    expect(host.shadowRoot!.textContent).toContain('Báo cáo ngay Thủ trưởng cơ quan và người quản trị hệ thống');
    expect(host.shadowRoot!.textContent).toContain('Report it at once to the head of the agency and to the system administrator');
    expect(host.shadowRoot!.textContent).toContain('Điều 11 khoản 4');
  });

  it('no banner for ordinary mail or outside a message view', () => {
    load('<html><body><h2 class="subject">Giấy mời họp</h2><div id="messagebody">Bảo mật thông tin là trách nhiệm chung.</div></body></html>');
    expect(showClassifiedBanner(document, shownMessageText(document, '?_task=mail&_action=preview&_uid=1')!)).toBe(false);
    expect(shownMessageText(document, '?_task=mail&_action=compose')).toBeNull();
  });
});

describe('delete confirmation (Cần Thơ Đ11 k3)', () => {
  it('asks before the toolbar delete and the Delete key; Cancel stops Roundcube from seeing the click', () => {
    load(MAIL_PAGE);
    const answers = [false, true, false];
    const confirm = vi.fn(() => answers.shift()!);
    window.confirm = confirm;
    guardDeletes(window, document);
    const roundcube = vi.fn();
    const del = document.querySelector('a.delete')!;
    del.addEventListener('click', roundcube);
    del.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(confirm).toHaveBeenCalledWith(DELETE_CONFIRM);
    expect(roundcube).not.toHaveBeenCalled();
    del.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(roundcube).toHaveBeenCalledTimes(1);
    const key = new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true });
    document.body.dispatchEvent(key);
    expect(key.defaultPrevented).toBe(true);
    // Typing in a field is not deleting mail.
    const input = document.createElement('input');
    document.body.append(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }));
    expect(confirm).toHaveBeenCalledTimes(3);
  });
});

describe('startMailboxPage', () => {
  function start(local: Record<string, unknown>) {
    let listener: ((m: unknown, s: unknown, r: (x: unknown) => void) => boolean | void) | undefined;
    const calls: string[] = [];
    const pages = ['roundcube/list-probe.json', 'roundcube/list-page1.json', 'roundcube/list-page2.json', 'roundcube/list-page3.json', 'roundcube/list-probe.json'];
    startMailboxPage({
      win: window,
      doc: document,
      fetch: async (url) => {
        calls.push(url);
        const body = fixture(pages[Math.min(calls.length - 1, pages.length - 1)]);
        return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
      },
      local: { get: async () => local },
      sendMessage: async () => ({ ok: true, policy: { unitMailboxes: { directory: [] } } }),
      onMessage: (fn) => void (listener = fn),
      isTop: true,
    });
    const ask = (msg: unknown) =>
      new Promise((resolve) => {
        const kept = listener!(msg, {}, resolve);
        if (!kept) resolve('sync');
      });
    return { ask, calls };
  }

  it('answers a read request for the managed account with Roundcube\'s list, read from the page origin', async () => {
    load(MAIL_PAGE);
    const { ask, calls } = start({ unitMailboxes: ['vanthu@mic.gov.vn'] });
    const r = (await ask({ type: 'cg-unit:read', mailboxes: ['vanthu@mic.gov.vn'] })) as { ok: boolean; account: string; webmail: string; items: unknown[] };
    expect(r).toMatchObject({ ok: true, account: 'vanthu@mic.gov.vn', webmail: 'roundcube' });
    expect(r.items.length).toBeGreaterThan(0);
    expect(calls[0]).toMatch(/\?_task=mail&_action=list&_remote=1$/);
  });

  it('stays silent for an account that is not a managed unit mailbox, and ignores other messages', async () => {
    load(MAIL_PAGE);
    const { ask, calls } = start({ unitMailboxes: [] });
    expect(await ask({ type: 'cg-unit:read', mailboxes: ['other@mic.gov.vn'] })).toBeNull();
    expect(await ask({ type: 'get-policy' })).toBe('sync');
    expect(calls).toEqual([]);
  });

  it('guards deletes at once on a later page of the tab (cached), before the mailbox lookup answers', () => {
    load(MAIL_PAGE);
    sessionStorage.setItem(UNIT_KEY + 'vanthu@mic.gov.vn', '1');
    const confirm = vi.fn(() => false);
    window.confirm = confirm;
    start({ unitMailboxes: ['vanthu@mic.gov.vn'] });
    const roundcube = vi.fn();
    const del = document.querySelector('a.delete')!;
    del.addEventListener('click', roundcube);
    // Synchronously after start: the lookup (an async storage + runtime round trip) is still pending.
    del.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(roundcube).not.toHaveBeenCalled();
    sessionStorage.clear();
  });

  it('remembers for the tab that an account is not a unit mailbox (later pages do not ask)', async () => {
    load(MAIL_PAGE);
    start({ unitMailboxes: [] });
    await vi.waitFor(() => expect(sessionStorage.getItem(UNIT_KEY + 'vanthu@mic.gov.vn')).toBe('0'));
    sessionStorage.clear();
  });

  it('guardDeletes asks only while applies() holds', () => {
    load(MAIL_PAGE);
    const confirm = vi.fn(() => false);
    window.confirm = confirm;
    const target = document.createElement('div');
    target.innerHTML = '<a class="delete" id="solo">x</a>';
    document.body.append(target);
    let applies = false;
    const win = new EventTarget() as unknown as Window;
    (win as unknown as { confirm: () => boolean }).confirm = confirm;
    guardDeletes(win, document, () => applies);
    const ev = new MouseEvent('click', { cancelable: true });
    Object.defineProperty(ev, 'target', { value: document.getElementById('solo') });
    win.dispatchEvent(ev);
    expect(confirm).not.toHaveBeenCalled();
    applies = true;
    const ev2 = new MouseEvent('click', { cancelable: true });
    Object.defineProperty(ev2, 'target', { value: document.getElementById('solo') });
    win.dispatchEvent(ev2);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(ev2.defaultPrevented).toBe(true);
  });
});
