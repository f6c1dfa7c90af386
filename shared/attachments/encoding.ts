/**
 * Byte -> string decoding for plain-text attachments and legacy names.
 *
 * The single-byte tables are embedded instead of relying on TextDecoder labels: Node's
 * TextDecoder('windows-1252') silently decodes as ISO-8859-1 (0x80–0x9F as C1 controls),
 * and Outlook's JavaScript-only runtime is not guaranteed to ship the legacy encodings.
 */
import { strFromU8 } from 'fflate';

// windows-1252 0x80–0x9F (undefined slots keep the byte value, as WHATWG does).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** windows-1252: byte -> UTF-16 code unit. */
export const CP1252 = new Uint16Array(256);
/** windows-1258 (Vietnamese): byte -> UTF-16 code unit; tone marks are combining (U+0300…). */
export const CP1258 = new Uint16Array(256);
{
  for (let b = 0; b < 256; b++) CP1252[b] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
  CP1258.set(CP1252);
  // 1258 drops Š Ž š ž and the Latin letters it needs for Vietnamese.
  for (const b of [0x8a, 0x8e, 0x9a, 0x9e]) CP1258[b] = b;
  const viet: Record<number, number> = {
    0xc3: 0x102, 0xcc: 0x300, 0xd0: 0x110, 0xd2: 0x309, 0xd5: 0x1a0, 0xdd: 0x1af, 0xde: 0x303,
    0xe3: 0x103, 0xec: 0x301, 0xf0: 0x111, 0xf2: 0x323, 0xf5: 0x1a1, 0xfd: 0x1b0, 0xfe: 0x20ab,
  };
  for (const b in viet) CP1258[Number(b)] = viet[b];
}

const CHUNK = 0x4000;

/**
 * String.prototype.trimEnd is ES2019 (classic Outlook's runtime is ES2016), and /\s+$/ is
 * quadratic on long inner whitespace runs; a backwards loop is neither.
 */
export function trimEndWs(s: string): string {
  let e = s.length;
  while (e > 0) {
    const c = s.charCodeAt(e - 1);
    if (c === 32 || c === 9 || c === 13 || c === 10 || c === 12 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a)) e--;
    else break;
  }
  return e === s.length ? s : s.slice(0, e);
}

export function decodeSingleByte(bytes: Uint8Array, table: Uint16Array): string {
  const parts: string[] = [];
  const buf = new Uint16Array(Math.min(CHUNK, bytes.length));
  for (let off = 0; off < bytes.length; off += CHUNK) {
    const end = Math.min(off + CHUNK, bytes.length);
    for (let i = off; i < end; i++) buf[i - off] = table[bytes[i]];
    parts.push(String.fromCharCode.apply(null, buf.subarray(0, end - off) as unknown as number[]));
  }
  return parts.join('');
}

/** ISO-8859-1 (bytes are code points), e.g. PowerPoint's "TextBytesAtom". */
export function decodeLatin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let off = 0; off < bytes.length; off += CHUNK) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(off, off + CHUNK) as unknown as number[]));
  }
  return parts.join('');
}

const utf8Decoder: TextDecoder | null = typeof TextDecoder !== 'undefined' ? new TextDecoder('utf-8') : null;
let utf8Fatal: TextDecoder | null | undefined;

/** UTF-8, BOM stripped, invalid sequences -> U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (utf8Decoder) return utf8Decoder.decode(bytes);
  const s = strFromU8(bytes); // fflate's fallback decoder when TextDecoder is missing
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Strict UTF-8: null when the bytes are not valid UTF-8. */
export function tryDecodeUtf8Strict(bytes: Uint8Array): string | null {
  if (utf8Fatal === undefined) {
    try {
      utf8Fatal = new TextDecoder('utf-8', { fatal: true });
    } catch {
      utf8Fatal = null;
    }
  }
  if (utf8Fatal) {
    try {
      return utf8Fatal.decode(bytes);
    } catch {
      return null;
    }
  }
  return isValidUtf8(bytes) ? decodeUtf8(bytes) : null;
}

function isValidUtf8(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? (c <= 0xef ? 2 : -1) : c >= 0xc2 ? 1 : -1;
    if (n < 0 || i + n >= b.length) return false;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return false;
    i += n + 1;
  }
  return true;
}

export function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const n = bytes.length >> 1;
  const parts: string[] = [];
  const buf = new Uint16Array(Math.min(CHUNK, n));
  for (let off = 0; off < n; off += CHUNK) {
    const end = Math.min(off + CHUNK, n);
    for (let i = off; i < end; i++) {
      const lo = bytes[2 * i];
      const hi = bytes[2 * i + 1];
      buf[i - off] = littleEndian ? lo | (hi << 8) : (lo << 8) | hi;
    }
    parts.push(String.fromCharCode.apply(null, buf.subarray(0, end - off) as unknown as number[]));
  }
  const s = parts.join('');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'windows-1252';

/**
 * Guess how a plain-text file is encoded: BOM, then UTF-16 without BOM (NUL pattern),
 * then strict UTF-8, then windows-1258 if it looks like Vietnamese written with 1258's
 * combining tone marks, else windows-1252.
 *
 * Why 1252 as the last resort and not 1258: 8-bit Vietnamese files are mostly TCVN3 (ABC)
 * or VNI, whose bytes only make sense read as 1252 (that is how those fonts map glyphs),
 * and the text module recognises and converts those from the 1252 view.
 */
export function sniffTextEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = bytes.subarray(0, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = sample.length >> 1;
  if (pairs >= 2) {
    if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
    if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  }
  if (tryDecodeUtf8Strict(withoutCutSequence(bytes)) !== null) return 'utf-8';
  return looksLikeCp1258(bytes) ? 'windows-1258' : 'windows-1252';
}

/**
 * Callers may hand us a prefix of a file (text budget), which can end in the middle of a
 * UTF-8 sequence; drop such a tail so it does not make valid UTF-8 look invalid.
 */
function withoutCutSequence(b: Uint8Array): Uint8Array {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const c = b[b.length - k];
    if ((c & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return need > k ? b.subarray(0, b.length - k) : b;
    }
    return b;
  }
  return b;
}

const CP1258_TONES = new Set([0xcc, 0xec, 0xd2, 0xde, 0xf2]);
const CP1258_LETTERS = new Set([0xc3, 0xe3, 0xd0, 0xf0, 0xd5, 0xf5, 0xdd, 0xfd]);
function isVowelByte(b: number): boolean {
  // a e i o u y (both cases) and 1258's vowel letters â ê ô ă ơ ư …
  const l = b | 0x20;
  return l === 0x61 || l === 0x65 || l === 0x69 || l === 0x6f || l === 0x75 || l === 0x79 || (b >= 0xc0 && b !== 0xd0 && b !== 0xf0 && !CP1258_TONES.has(b));
}

/** Vietnamese in 1258 puts a combining tone byte right after a vowel; other 8-bit text rarely does. */
function looksLikeCp1258(bytes: Uint8Array): boolean {
  let high = 0;
  let tonesAfterVowel = 0;
  let letters = 0;
  const n = Math.min(bytes.length, 1 << 16);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    high++;
    if (CP1258_TONES.has(b) && i > 0 && isVowelByte(bytes[i - 1])) tonesAfterVowel++;
    else if (CP1258_LETTERS.has(b)) letters++;
  }
  return tonesAfterVowel >= 2 && tonesAfterVowel + letters >= high * 0.5;
}

export function decodeText(bytes: Uint8Array, encoding: TextEncodingName = sniffTextEncoding(bytes)): string {
  switch (encoding) {
    case 'utf-8':
      return decodeUtf8(bytes);
    case 'utf-16le':
      return decodeUtf16(bytes, true);
    case 'utf-16be':
      return decodeUtf16(bytes, false);
    case 'windows-1258':
      return decodeSingleByte(bytes, CP1258).normalize('NFC');
    case 'windows-1252':
      return decodeSingleByte(bytes, CP1252);
  }
}
