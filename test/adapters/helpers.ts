/**
 * Loading saved-page fixtures (test/fixtures/pages) into the happy-dom document.
 *
 * Fixtures are whole pages. Editor iframes (TinyMCE) get their content at run time in the
 * real apps, so a fixture carries it in <template data-frame-for="<iframe id>"> with the
 * body's id/class/contenteditable in data-body-* attributes; loadFixture copies it into the
 * iframe's document and removes the template. Iframes need
 *   // @vitest-environment-options {"settings":{"enableIframePageLoading":true}}
 * in the test file, so happy-dom creates their about:blank documents.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const PAGES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pages');

export function fixtureHtml(name: string): string {
  return readFileSync(join(PAGES, name), 'utf8');
}

export interface LoadOptions {
  /** Page URL (adapters look at location for /modern/, /owa/, mail.google.com …). */
  url?: string;
}

async function waitFor<T>(get: () => T | null | undefined, ms = 2000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() - start > ms) throw new Error('fixture: timed out waiting for an iframe document');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function loadFixture(name: string, opts: LoadOptions = {}): Promise<Document> {
  const w = window as unknown as { happyDOM?: { setURL(url: string): void } };
  w.happyDOM?.setURL(opts.url ?? 'https://example.invalid/');
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  const html = document.documentElement;
  for (const a of [...html.attributes]) html.removeAttribute(a.name);
  for (const a of [...parsed.documentElement.attributes]) html.setAttribute(a.name, a.value);
  document.head.innerHTML = parsed.head.innerHTML;
  for (const a of [...document.body.attributes]) document.body.removeAttribute(a.name);
  for (const a of [...parsed.body.attributes]) document.body.setAttribute(a.name, a.value);
  document.body.innerHTML = parsed.body.innerHTML;

  for (const tpl of [...document.querySelectorAll<HTMLTemplateElement>('template[data-frame-for]')]) {
    const frame = document.getElementById(tpl.dataset.frameFor ?? '') as HTMLIFrameElement | null;
    if (!frame) throw new Error(`fixture ${name}: no iframe #${tpl.dataset.frameFor}`);
    const body = await waitFor(() => frame.contentDocument?.body);
    if (tpl.dataset.bodyId) body.id = tpl.dataset.bodyId;
    if (tpl.dataset.bodyClass) body.className = tpl.dataset.bodyClass;
    if (tpl.dataset.bodyContenteditable) body.setAttribute('contenteditable', tpl.dataset.bodyContenteditable);
    body.innerHTML = tpl.innerHTML;
    tpl.remove();
  }
  return document;
}

/** Records the types of events reaching `el` (bubbling phase), in order. */
export function recordEvents(el: Element, types: readonly string[]): string[] {
  const seen: string[] = [];
  for (const t of types) el.addEventListener(t, () => seen.push(t));
  return seen;
}

export const MOUSE_TYPES = ['pointerover', 'mouseover', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'] as const;

export function key(init: KeyboardEventInit & { keyCode?: number }, target?: EventTarget): KeyboardEvent {
  const ev = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  if (init.keyCode !== undefined) Object.defineProperty(ev, 'keyCode', { value: init.keyCode });
  if (target) Object.defineProperty(ev, 'target', { value: target });
  return ev;
}
