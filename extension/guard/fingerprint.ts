import type { Draft } from '../../shared/types';

/**
 * A cheap identity for "the same draft": used so that one Send gesture (pointerdown, mousedown,
 * mouseup, click, then the webmail's own beforesend hook) is evaluated once, and so that the
 * send we re-trigger after "Vẫn gửi" is recognised as the one the user confirmed.
 * FNV-1a over the fields a rule can look at; not a security boundary.
 */
export function fingerprint(d: Draft): string {
  const addr = (xs: { address: string }[]) => xs.map((a) => a.address.toLowerCase()).join(',');
  const parts = [
    d.from?.address ?? '',
    d.from?.name ?? '',
    addr(d.to),
    addr(d.cc),
    addr(d.bcc),
    d.subject,
    d.bodyText,
    d.bodyHtml ?? '',
    d.attachments.map((a) => `${a.name}:${a.size}:${a.extraction ? 'x' : '-'}`).join('|'),
  ];
  let h = 0x811c9dc5;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h ^= part.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0;
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  return `${(h >>> 0).toString(36)}.${parts.reduce((n, p) => n + p.length, 0)}`;
}
