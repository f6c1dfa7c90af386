/**
 * Small text helpers shared by the readers. Subjects and senders come from strangers: they are
 * turned into plain text here and shown as text by the hosts (DESIGN.md: "plain text is
 * rendered as text"), never as HTML.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
};

/**
 * Decodes the character references an HTML-escaping server emits: PHP's htmlspecialchars set
 * (&amp; &lt; &gt; &quot; &#039;) plus any numeric reference. One pass, so "&amp;lt;" becomes
 * "&lt;" and not "<". Unknown named references are left as they are.
 */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref] ?? m;
  });
}

/** Removes tags from an HTML fragment (whose text is still entity-encoded). */
export function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}

/**
 * Plain, single-line, NFC text: control characters and line/paragraph separators become spaces,
 * bidirectional overrides and isolates are dropped (they can make a subject read backwards in
 * the popup, the "Trojan Source" trick, CVE-2021-42574), lone surrogates become U+FFFD.
 */
export function cleanText(s: string): string {
  return s
    // Pairs stay, lone halves go (no lookbehind: older JavaScript runtimes in Outlook lack it).
    .replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, (m) => (m.length === 2 ? m : '\ufffd'))
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/**
 * IMAP INTERNALDATE, RFC 3501 §9 `date-time`: "dd-Mon-yyyy hh:mm:ss +zzzz", the day possibly
 * space-padded (" 7-Nov-2026 …"). Returns epoch milliseconds, or null.
 */
export function parseImapDate(value: string): number | null {
  const m = /^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\s*$/.exec(value);
  if (!m) return null;
  const month = MONTHS[m[2].toLowerCase()];
  if (month === undefined) return null;
  const [day, year, h, min, sec, oh, om] = [m[1], m[3], m[4], m[5], m[6], m[8], m[9]].map(Number);
  if (day < 1 || day > 31 || h > 23 || min > 59 || sec > 60 || oh > 23 || om > 59) return null;
  const local = Date.UTC(year, month, day, h, min, sec);
  // Reject 31-Feb and friends instead of letting Date roll them into March.
  if (new Date(local).getUTCDate() !== day) return null;
  const offset = (oh * 60 + om) * 60_000 * (m[7] === '-' ? -1 : 1);
  return local - offset;
}

/** ISO-8601 in UTC ("2026-04-24T03:00:00.000Z"), or null for a non-finite or absurd instant. */
export function isoFromMs(ms: number): string | null {
  // Mail predates 1971 only by mistake; beyond 9999 toISOString changes format.
  if (!Number.isFinite(ms) || ms < Date.UTC(1971, 0, 1) || ms >= Date.UTC(10000, 0, 1)) return null;
  return new Date(ms).toISOString();
}

/** An ISO-8601 instant with an explicit zone (Graph, EWS), normalised to UTC; null otherwise. */
export function isoFromIsoInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i.test(value.trim())) return null;
  const ms = Date.parse(value.trim().replace(/(\.\d{3})\d+/, '$1'));
  return isoFromMs(ms);
}

/**
 * Modified UTF-7 for IMAP mailbox names (RFC 3501 §5.1.3), which is how Roundcube names folders
 * in `_mbox` ("Lưu trữ" -> "L&AbA-u tr&Hu8-"). ASCII-only names are returned unchanged, so a name
 * that is already encoded (as Roundcube's own `rcmail.env.mailbox` is) passes through.
 */
export function encodeImapUtf7(name: string): string {
  if (/^[\u0000-\u007f]*$/.test(name)) return name;
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';
  let out = '';
  let pending: number[] = [];
  const flush = () => {
    if (!pending.length) return;
    // UTF-16BE bytes, base64 with "," for "/" and no padding.
    const bytes: number[] = [];
    for (const u of pending) bytes.push(u >> 8, u & 0xff);
    let b64 = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
      for (let k = 0; k < chars; k++) b64 += B64[(n >> (18 - 6 * k)) & 63];
    }
    out += '&' + b64 + '-';
    pending = [];
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) {
      flush();
      out += c === 0x26 ? '&-' : name[i];
    } else {
      pending.push(c);
    }
  }
  flush();
  return out;
}
