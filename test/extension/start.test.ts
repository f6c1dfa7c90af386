// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"disableJavaScriptEvaluation":true,"disableJavaScriptFileLoading":true,"disableCSSFileLoading":true,"handleDisabledFileLoadingAsSuccess":true}}
/**
 * The content-script wiring end to end in happy-dom: saved Roundcube page + real engine + real
 * policy + real dialog; only the browser APIs are faked.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGuard, type Started, type StartDeps } from '../../extension/guard/start';
import { evaluate } from '../../shared/engine';
import { resolvePolicy } from '../../shared/policy';
import { convertLegacyToUnicode } from '../../shared/text';
import type { RuntimeRequest, TabStatus } from '../../extension/lib/messages';
import { HOST_TAG } from '../../extension/ui/mount';

const HTML = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures/roundcube-1.6-compose.html'), 'utf8');

function load(html: string) {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.innerHTML = parsed.documentElement.innerHTML;
  document.body.className = parsed.body.className;
}

let started: Started | null = null;
afterEach(() => {
  started?.guard.dispose();
  started?.ui.dispose();
  started = null;
  vi.useRealTimers();
});

function deps(sent: RuntimeRequest[]): StartDeps {
  const store: Record<string, unknown> = {};
  return {
    win: window,
    doc: document,
    sendMessage: async (msg) => {
      sent.push(msg);
      if (msg.type === 'get-policy') return { ok: true, policy: resolvePolicy('quangngai'), source: { preset: 'quangngai', from: 'local' } };
      return { ok: true };
    },
    getURL: (p) => `chrome-extension://test${p}`,
    local: { get: async (k) => ({ [k]: store[k] }), set: async (o) => void Object.assign(store, o) },
    onStorageChanged: () => {},
    evaluate,
    convert: convertLegacyToUnicode,
  };
}

describe('startGuard on a saved Roundcube compose page', () => {
  it('picks the Roundcube adapter, reports "active", and stops a classified mail with the real engine', async () => {
    load(HTML);
    const sent: RuntimeRequest[] = [];
    startGuard(deps(sent), (s) => (started = s));
    expect(started!.entry.adapter.id).toBe('roundcube');
    const status = sent.find((m) => m.type === 'status') as { status: TabStatus } | undefined;
    expect(status?.status).toMatchObject({ state: 'active', adapter: 'roundcube', missing: [] });

    await vi.waitFor(() => expect(sent.some((m) => m.type === 'get-policy')).toBe(true));
    await new Promise((r) => setTimeout(r, 0)); // policy answer

    (document.getElementById('compose-subject') as HTMLInputElement).value = 'TUYỆT MẬT: kế hoạch <img src=x>';
    const button = document.querySelector('.formbuttons button.send')!;
    const onclick = vi.fn();
    button.addEventListener('click', onclick); // stands in for Roundcube's own onclick
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    expect(onclick).not.toHaveBeenCalled();

    const root = document.querySelector(HOST_TAG)!.shadowRoot!;
    const item = root.querySelector('li.finding[data-rule="classified-content"]')!;
    expect(item.textContent).toContain('Quảng Ngãi'); // citation of the active preset
    expect(item.querySelector('.excerpt')!.textContent).toContain('<img src=x>');
    expect(root.querySelectorAll('img')).toHaveLength(0);
  });

  it('turns "inactive" when the Send button stops matching while composing', async () => {
    vi.useFakeTimers();
    load(HTML);
    const sent: RuntimeRequest[] = [];
    startGuard(deps(sent), (s) => (started = s));
    document.querySelector('.formbuttons button.send')!.remove();
    await vi.advanceTimersByTimeAsync(1100);
    const last = sent.filter((m) => m.type === 'status').at(-1) as { status: TabStatus };
    expect(last.status).toMatchObject({ state: 'inactive', missing: ['sendButton'] });
  });

  it('starts on the generic fallback and hands over when a specific webmail shows up', async () => {
    vi.useFakeTimers();
    load('<!doctype html><html><head><title>Thư điện tử</title></head><body><div id="app"></div></body></html>');
    startGuard(deps([]), (s) => (started = s));
    expect(started!.entry.fallback).toBe(true);
    load(HTML); // the single-page app finished rendering: it is Roundcube after all
    await vi.advanceTimersByTimeAsync(2100);
    expect(started!.entry.adapter.id).toBe('roundcube');
    expect(started!.guard.adapter.id).toBe('roundcube');
  });
});
