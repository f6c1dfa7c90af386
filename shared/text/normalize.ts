/**
 * Vietnamese text normalisation helpers.
 *
 * Vietnamese mail reaches us in every Unicode form: NFC from most keyboards (Unikey,
 * EVKey, macOS), NFD from some Mac/Word round trips and from "Unicode tổ hợp" (the
 * composed-by-combining-marks table that Unikey still offers), and half-way forms such
 * as "â" + U+0323. Matching must not depend on which one a sender's tools produced.
 *
 * Pure TypeScript: no DOM, no Node APIs (runs in content scripts, service workers,
 * Outlook's JavaScript-only runtime and Node).
 */

/** Format characters that people (or tools) slip into words without changing how they look. */
const IGNORABLE_RE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Letters, combining marks and the invisible format characters above: the stuff words are made of. */
export const WORD_CHAR_RE = /[\p{L}\p{M}\u00AD\u200B-\u200D\u2060\uFEFF]/u;
const MARK_RE = /\p{M}/u;
const MARKS_RE = /\p{M}+/gu;

export function removeIgnorables(s: string): string {
  return s.replace(IGNORABLE_RE, '');
}

export function toNFC(s: string): string {
  return s.normalize('NFC');
}

export function toNFD(s: string): string {
  return s.normalize('NFD');
}

/**
 * Case folding for matching: NFC, invisible format characters removed, lower case.
 * Vietnamese has no locale-specific casing (unlike Turkish), so the root locale is right.
 */
export function foldCase(s: string): string {
  return removeIgnorables(s).normalize('NFC').toLowerCase();
}

/**
 * Removes all diacritics ("Tuyệt mật" -> "Tuyet mat"). đ/Đ are separate letters in
 * Unicode (no decomposition), so they are mapped by hand to d/D.
 */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(MARKS_RE, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * Collapses letters spaced out to dodge filters ("T U Y Ệ T  M Ậ T", "M-Ậ-T", "M.Ậ.T")
 * back into words ("TUYỆT  MẬT", "MẬT", "MẬT").
 *
 * Grammar: a run is at least two single letters (each letter may carry combining marks
 * and invisible format characters) separated by exactly one separator, the SAME one
 * throughout the run: a space (or no-break space), a dot or a hyphen. Anything else ends
 * the run: two or more spaces (the word gap in "T U Y Ệ T  M Ậ T"), a different
 * separator ("T.U.Y.Ệ.T M.Ậ.T"), punctuation, digits, or a letter that belongs to a
 * longer word. Only the separators inside a run are removed; word gaps are kept.
 *
 * Real Vietnamese has single-letter words ("ở", "ý", "ô"), but two of them in a row
 * separated by one space are rare, and merging them is harmless for matching.
 */
export function collapseSpacedLetters(s: string): string {
  return s.replace(SPACED_RUN_RE, (_m: string, before: string, run: string) => before + run.replace(SPACED_SEP_RE, ''));
}

// One "letter unit": a letter plus any marks/format characters, not part of a longer word.
const UNIT = '\\p{L}[\\p{M}\\u00AD\\u200B-\\u200D\\u2060\\uFEFF]*(?![\\p{L}\\p{M}])';
// The character before a run is captured instead of checked with a lookbehind: Outlook's
// JavaScript-only runtime (classic Outlook on Windows) is ES2016 and rejects `(?<!…)`.
const SPACED_RUN_RE = new RegExp(
  `(^|[^\\p{L}\\p{M}\\u00AD\\u200B-\\u200D\\u2060\\uFEFF])(${UNIT}(?:([ \\u00A0.\\-])${UNIT})(?:\\3${UNIT})*)`,
  'gu',
);
const SPACED_SEP_RE = /[ \u00A0.\-]/g;

/**
 * Everything a phrase comparison needs: NFC, spaced letters collapsed, case folded,
 * whitespace runs reduced to one space, trimmed. Keeps diacritics ("mật" ≠ "mặt").
 */
export function normalizeForMatch(s: string): string {
  return foldCase(collapseSpacedLetters(s.normalize('NFC')))
    .replace(/\s+/g, ' ')
    .trim();
}

/** normalizeForMatch without diacritics: "Tuyệt  M Ậ T" -> "tuyet mat". */
export function normalizeLoose(s: string): string {
  return stripDiacritics(normalizeForMatch(s));
}

/** A normalised copy of a text plus a way back to offsets in the original. */
export interface MappedText {
  text: string;
  /** Maps an offset in `text` to the corresponding offset in the original string. */
  toOriginal(index: number): number;
}

/**
 * NFC-normalises `s` and keeps an offset map, so a match found in the NFC copy can be
 * reported at its place in what the user actually typed.
 *
 * The string is cut into segments that start at a code point with no combining mark
 * and run to the next such code point; each segment is normalised on its own. This is
 * exact for Latin/Vietnamese text (composition never crosses two starters there);
 * for the few scripts where it can (Hangul jamo sequences), the copy is still valid
 * text with the same letters, which is all a matcher needs.
 */
export function nfcWithMap(s: string): MappedText {
  // Fast exit: no combining marks means NFC leaves the string alone for our purposes.
  if (!/\p{M}/u.test(s)) {
    const nfc = s.normalize('NFC');
    if (nfc.length === s.length) return { text: nfc, toOriginal: (i) => i };
  }
  const outParts: string[] = [];
  const segOut: number[] = []; // start of each segment in the output
  const segIn: number[] = []; // start of each segment in the input
  let outLen = 0;
  let segStart = 0;
  const n = s.length;
  let i = 0;
  const flush = (end: number) => {
    if (end <= segStart) return;
    const piece = s.slice(segStart, end).normalize('NFC');
    segOut.push(outLen);
    segIn.push(segStart);
    outParts.push(piece);
    outLen += piece.length;
    segStart = end;
  };
  while (i < n) {
    const cp = s.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (i > segStart && !isMarkCodePoint(cp)) flush(i);
    i += w;
  }
  flush(n);
  const text = outParts.join('');
  const toOriginal = (index: number): number => {
    if (index <= 0) return 0;
    if (index >= outLen) return n;
    // Binary search for the segment containing `index`.
    let lo = 0;
    let hi = segOut.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segOut[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    // Segments are one base letter plus its marks, so an offset inside one only occurs
    // when normalisation kept several code units (astral letters, uncomposable marks);
    // walking forward by the same amount, capped at the segment end, is exact there.
    const inEnd = lo + 1 < segIn.length ? segIn[lo + 1] : n;
    return Math.min(inEnd, segIn[lo] + (index - segOut[lo]));
  };
  return { text, toOriginal };
}

function isMarkCodePoint(cp: number): boolean {
  if (cp < 0x0300) return false;
  if (cp <= 0x036f) return true;
  return MARK_RE.test(String.fromCodePoint(cp));
}

/** Collapses whitespace (incl. line breaks) into single spaces and trims. */
export function singleLine(s: string): string {
  return s.replace(/[\s\u0085\u2028\u2029]+/g, ' ').trim();
}
