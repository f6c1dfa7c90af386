// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"disableJavaScriptEvaluation":true,"disableJavaScriptFileLoading":true,"disableCSSFileLoading":true,"handleDisabledFileLoadingAsSuccess":true}}
/**
 * The Roundcube adapter against a compose page saved from a real Roundcube 1.6.5 (elastic)
 * by the e2e harness (fixtures/roundcube-1.6-compose.html).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { roundcubeAdapter as rc, connectRoundcubeHook, isRoundcubeHookReady } from '../../extension/adapters/roundcube';
import { installRoundcubeHook } from '../../extension/adapters/roundcube/hook-main';
import { pickAdapter } from '../../extension/adapters/registry';
import { BRIDGE_TO_ISOLATED, BRIDGE_TO_MAIN, emit, parseToIsolated, parseToMain } from '../../extension/lib/bridge';

// node:path, not `new URL(…, import.meta.url)`: under happy-dom the global URL is the DOM's.
const HTML = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures/roundcube-1.6-compose.html'), 'utf8');

function load(html = HTML) {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.innerHTML = parsed.documentElement.innerHTML;
  document.body.className = parsed.body.className;
}

beforeEach(() => load());

describe('detect / compose', () => {
  it('recognises Roundcube and the compose form', () => {
    expect(rc.detect(document)).toBe(true);
    expect(pickAdapter(document)?.adapter.id).toBe('roundcube');
    expect(rc.isComposeOpen(document)).toBe(true);
    expect(rc.health(document)).toEqual({ ok: true, missing: [] });
  });

  it('does not claim a non-Roundcube page', () => {
    document.documentElement.innerHTML = '<head><title>x</title></head><body><form><input name="q"></form></body>';
    expect(rc.detect(document)).toBe(false);
    expect(rc.readDraft(document)).toBeNull();
  });
});

describe('readDraft', () => {
  it('reads recipients (boxes + text still being typed), subject as text, body, identity, attachments', () => {
    const d = rc.readDraft(document)!;
    expect(d.to).toEqual([
      { address: 'nguoinhan@mic.gov.vn' },
      { name: 'Trần Văn B', address: 'tvb@quangngai.gov.vn' },
      { address: 'dangdo@mic.gov.vn' },
    ]);
    expect(d.cc).toEqual([]);
    expect(d.subject).toBe('Báo cáo tuần <b>x</b>');
    expect(d.bodyText).toBe('Kính gửi anh chị,\nNội dung báo cáo.');
    expect(d.bodyHtml).toBeUndefined();
    expect(d.from).toEqual({ address: 'nguoigui@mic.gov.vn' });
    expect(d.attachments).toEqual([{ name: 'small.txt', size: 23 }]);
  });

  it('reads an attachment still uploading by its name', () => {
    const list = document.getElementById('attachment-list')!;
    list.insertAdjacentHTML('beforeend', '<li id="rcmupload1" class="uploading"><span class="uploading">bao-cao.pdf</span></li>');
    expect(rc.readDraft(document)!.attachments.map((a) => a.name)).toEqual(['small.txt', 'bao-cao.pdf']);
  });
});

describe('send controls', () => {
  it('knows the Send button (and its inner text node), not other buttons', () => {
    const send = document.querySelector('.formbuttons button.send')!;
    expect(rc.isSendControl(send, document)).toBe(true);
    expect(rc.isSendControl(send.firstChild, document)).toBe(true);
    expect(rc.isSendControl(document.querySelector('#compose-subject'), document)).toBe(false);
    expect(rc.isSendControl(document.querySelector('a.save.draft, [onclick*="savedraft"]'), document)).toBe(false);
  });

  it('Ctrl/Cmd+Enter is a send shortcut, never while composing', () => {
    const ev = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);
    expect(rc.isSendShortcut(ev({ key: 'Enter', ctrlKey: true }))).toBe(true);
    expect(rc.isSendShortcut(ev({ key: 'Enter', metaKey: true }))).toBe(true);
    expect(rc.isSendShortcut(ev({ key: 'Enter', ctrlKey: true, isComposing: true }))).toBe(false);
    expect(rc.isSendShortcut(ev({ key: 'Enter' }))).toBe(false);
    expect(rc.isSendShortcut(ev({ key: 'Enter', ctrlKey: true, shiftKey: true }))).toBe(false);
  });
});

describe('health: selectors that stop matching turn protection inactive', () => {
  it('reports a moved/renamed Send button', () => {
    const send = document.querySelector('.formbuttons button.send')!;
    send.className = 'btn btn-primary';
    send.removeAttribute('onclick');
    expect(rc.health(document)).toEqual({ ok: false, missing: ['sendButton'] });
  });

  it('reports a missing subject field', () => {
    document.getElementById('compose-subject')!.remove();
    expect(rc.health(document).missing).toContain('subject');
    expect(rc.readDraft(document)).toBeNull();
  });
});

describe('writeSubjectBody (Chuyển sang Unicode)', () => {
  it('rewrites subject and plain body in place and fires input events', () => {
    const subject = document.getElementById('compose-subject') as HTMLInputElement;
    const body = document.getElementById('composebody') as HTMLTextAreaElement;
    body.value = 'Céng hoµ';
    const onInput = vi.fn();
    body.addEventListener('input', onInput);
    rc.writeSubjectBody(document, 'Tiêu đề mới', (s) => s.replace('Céng hoµ', 'Cộng hòa'));
    expect(subject.value).toBe('Tiêu đề mới');
    expect(body.value).toBe('Cộng hòa');
    expect(onInput).toHaveBeenCalled();
  });
});

describe('MAIN-world beforesend hook bridge', () => {
  function fakeRcmail() {
    const handlers: Record<string, ((p: unknown) => unknown)[]> = {};
    const rcmail = {
      sent: 0,
      addEventListener(ev: string, fn: (p: unknown) => unknown) {
        (handlers[ev] ??= []).push(fn);
      },
      // Like rcube_webmail.command: a `before<cmd>` handler returning false aborts; the
      // handler gets `props || event`, and triggerEvent sets `.event` on an object (null throws).
      command(cmd: string, props?: unknown, _obj?: unknown, event?: unknown) {
        const e = (props || event) as { event?: string } | undefined;
        if (e === null) throw new TypeError("Cannot set properties of null (setting 'event')");
        for (const h of handlers[`before${cmd}`] ?? []) if (h(e ?? rcmail) === false) return false;
        if (cmd === 'send') rcmail.sent++;
        return true;
      },
    };
    return rcmail;
  }

  it('cancels Roundcube\'s send synchronously when the guard says no, and re-sends on request', () => {
    const rcmail = fakeRcmail();
    let allow = false;
    const dispose = connectRoundcubeHook(document, () => allow);
    expect(installRoundcubeHook(Object.assign(window, { rcmail }) as never, document)).toBe(true);
    expect(isRoundcubeHookReady(document)).toBe(true);

    expect(rcmail.command('send')).toBe(false);
    expect(rcmail.sent).toBe(0);

    allow = true;
    rc.triggerSend(document); // -> bridge -> rcmail.command('send') -> beforesend -> allowed
    expect(rcmail.sent).toBe(1);
    dispose();
  });

  it('validates bridge messages', () => {
    expect(parseToIsolated(JSON.stringify({ v: 1, kind: 'beforesend', adapter: 'roundcube' }))).toEqual({ v: 1, kind: 'beforesend', adapter: 'roundcube' });
    expect(parseToIsolated({ v: 1, kind: 'beforesend', adapter: 'roundcube' })).toBeNull(); // objects are not accepted
    expect(parseToIsolated(JSON.stringify({ v: 2, kind: 'beforesend', adapter: 'roundcube' }))).toBeNull();
    expect(parseToIsolated(JSON.stringify({ v: 1, kind: 'eval', adapter: 'roundcube' }))).toBeNull();
    expect(parseToIsolated(JSON.stringify({ v: 1, kind: 'beforesend', adapter: '<x>' }))).toBeNull();
    expect(parseToMain(JSON.stringify({ v: 1, kind: 'send' }))).toEqual({ v: 1, kind: 'send' });
    expect(parseToMain('{"v":1,"kind":"send"')).toBeNull();
    expect(parseToMain('x'.repeat(2000))).toBeNull();
  });

  it('a listener that cancels makes emit() report false (what the MAIN hook returns to rcmail)', () => {
    const off = (ev: Event) => ev.preventDefault();
    document.addEventListener(BRIDGE_TO_ISOLATED, off);
    expect(emit(document, BRIDGE_TO_ISOLATED, { v: 1, kind: 'beforesend', adapter: 'roundcube' })).toBe(false);
    document.removeEventListener(BRIDGE_TO_ISOLATED, off);
    // Non-cancelable messages cannot be vetoed.
    const veto = (ev: Event) => ev.preventDefault();
    document.addEventListener(BRIDGE_TO_MAIN, veto);
    expect(emit(document, BRIDGE_TO_MAIN, { v: 1, kind: 'ping' })).toBe(true);
    document.removeEventListener(BRIDGE_TO_MAIN, veto);
  });
});
