/**
 * Tiny DOM helpers for the hygiene hosts: one custom element with an OPEN shadow root (same
 * reasoning as extension/ui/mount.tsx), no framework — the sign-up script runs on outside sites
 * and should stay small. Created only when there is something to show.
 */
import type { Bi } from './strings';

export const HYGIENE_CSS = `
:host { all: initial; }
.box { font: 13px/1.4 system-ui, sans-serif; color: #1a1a1a; background: #fff8e1; border: 1px solid #e0a800;
  border-radius: 6px; padding: 6px 8px; margin: 4px 0; max-width: 420px; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
.box.error { background: #fdecea; border-color: #b00020; }
.en { color: #555; font-size: 12px; }
.cite { color: #444; font-size: 12px; margin-top: 2px; }
ul { list-style: none; margin: 4px 0; padding: 0; }
li.ok::before { content: "✓ "; color: #1b7f3b; }
li.fail::before { content: "✗ "; color: #b00020; }
button { font: inherit; margin: 4px 6px 0 0; }
`;

export function bilingual(doc: Document, parent: Node, text: Bi): void {
  const vi = doc.createElement('div');
  vi.className = 'vi';
  vi.lang = 'vi';
  vi.textContent = text.vi;
  const en = doc.createElement('div');
  en.className = 'en';
  en.lang = 'en';
  en.textContent = text.en;
  parent.appendChild(vi);
  parent.appendChild(en);
}

export function citationLine(doc: Document, parent: Node, citations: string[]): void {
  if (!citations.length) return;
  const c = doc.createElement('div');
  c.className = 'cite';
  c.setAttribute('data-citation', '');
  c.textContent = 'Căn cứ / Source: ' + citations.join('; ');
  parent.appendChild(c);
}

export function createHost(doc: Document, tag: string): { host: HTMLElement; root: ShadowRoot } {
  const host = doc.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = HYGIENE_CSS;
  root.appendChild(style);
  return { host, root };
}
