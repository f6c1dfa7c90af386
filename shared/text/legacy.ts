/**
 * Vietnamese typed in the pre-Unicode encodings TCVN3 (ABC, fonts .VnTime/.VnArial) or
 * VNI (fonts VNI-Times, VNI-Helve) instead of Unicode TCVN 6909:2001, which the rules
 * require (QĐ 72/2002/QĐ-TTg; Quảng Ngãi Đ6 k3, Bộ TT&TT Đ13 k1 …). Copied out of an old
 * .doc, such text reaches the mail client as Latin-1 letters that only looked Vietnamese
 * in the legacy font:
 *   TCVN3  "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
 *   VNI    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"
 *   both = "Cộng hoà xã hội chủ nghĩa Việt Nam"
 *
 * ─── TCVN3 (TCVN 5712:1993) ─────────────────────────────────────────────────────────────
 * One byte per letter. The table below is the full VN1 table; the common ABC set (VN3)
 * is its subset. Decisions:
 *  - Toned capitals. VN3 has no code for most of them (Á, Ầ, Ệ …): authors switch to the
 *    capitals font .VnTimeH, which draws the LOWER-case codes as capitals. Plain text has
 *    lost the font, so those letters come back lower case ("TUYÖT MËT" → "TUYệT MậT").
 *    Pass { capitalsFont: true } when the host knows the text was set in .VnTimeH.
 *    The VN1 capitals that sit in 0xA1–0xFF, in the C1 range (arriving as U+0080–U+009F)
 *    and in the few control positions VN1 uses are decoded, so VN1 text round-trips.
 *  - 0xB0–0xB4 are combining tone marks in VN1 but "° ± ² ³ ´" in Latin-1 and unused by
 *    the ABC fonts: kept as they are, so "25°C" survives.
 *  - 0x80–0x9F arriving as Windows-1252 punctuation (“ ” – … €) are kept as punctuation.
 *
 * ─── VNI (VNI Windows) ──────────────────────────────────────────────────────────────────
 * A base letter followed by a modifier character that the VNI font draws as the accent:
 * tone (ù ø û õ ï = sắc huyền hỏi ngã nặng), circumflex ± tone (â á à å ã ä), breve ± tone
 * (ê é è ú ü ë); capitals use the capital modifiers (AØ = À). Single characters stand for
 * letters of their own: í ì æ ó ò (í ì ỉ ĩ ị), î (ỵ), ô (ơ), ö (ư), ñ (đ); ô and ö also take
 * a tone modifier (ôù = ớ, öø = ừ). A modifier in the other case than its base is accepted
 * (keyboards differ); the case of the result follows the base letter.
 *
 * ─── Detection ──────────────────────────────────────────────────────────────────────────
 * A word is evidence for an encoding when it contains a character no Unicode Vietnamese
 * text uses (µ, ¸, ®, ø, ä, ö …), and decoding it gives a well-formed Vietnamese syllable
 * (onset, nucleus, coda, tone on the right vowel, sắc/nặng only before c/ch/p/t …). Words
 * with such characters that decode to nothing Vietnamese (über, garçon, façade, Noël,
 * mojibake like "Ã¡") count against. Unicode Vietnamese itself never contains those
 * characters, so it produces no evidence at all, however long.
 */

export type LegacyEncoding = 'tcvn3' | 'vni';

export interface LegacyDetection {
  encoding: LegacyEncoding | null;
  /** 0..1: share of the suspicious words that decode to Vietnamese, damped for short texts. */
  confidence: number;
  /** A few offending words as they appear in the text (for the warning). */
  samples: string[];
}

export interface ConvertOptions {
  /** TCVN3 only: the text was set in a capitals font (.VnTimeH): upper-case the result. */
  capitalsFont?: boolean;
}

// ─── TCVN3 table ─────────────────────────────────────────────────────────────────────────

/** Code unit (as received) → Unicode letter. */
const TCVN3: Map<number, string> = (() => {
  const m = new Map<number, string>();
  const put = (start: number, letters: string) => {
    let i = start;
    for (const ch of letters) m.set(i++, ch);
  };
  // VN1 capitals in control positions.
  put(0x01, 'ÚỤ');
  put(0x04, 'ỪỬỮ');
  put(0x11, 'ỨỰỲỶỸÝỴ');
  // VN1 capitals in 0x80–0x9F (they arrive as C1 control characters).
  put(0x80, 'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ');
  // 0xA1–0xAF
  put(0xa1, 'ĂÂÊÔƠƯĐăâêôơưđẰ');
  // 0xB5–0xFF (0xB0–0xB4, the combining marks, are deliberately left out)
  put(0xb5, 'àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ');
  return m;
})();

// ─── VNI tables ──────────────────────────────────────────────────────────────────────────

const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRC = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031B';

/** Tone modifiers (lower, upper) → combining tone. */
const VNI_TONE = new Map<string, string>([
  ['ù', ACUTE], ['ø', GRAVE], ['û', HOOK], ['õ', TILDE], ['ï', DOT],
  ['Ù', ACUTE], ['Ø', GRAVE], ['Û', HOOK], ['Õ', TILDE], ['Ï', DOT],
]);
/** Circumflex modifiers → combining marks. */
const VNI_CIRC = new Map<string, string>([
  ['â', CIRC], ['á', CIRC + ACUTE], ['à', CIRC + GRAVE], ['å', CIRC + HOOK], ['ã', CIRC + TILDE], ['ä', CIRC + DOT],
  ['Â', CIRC], ['Á', CIRC + ACUTE], ['À', CIRC + GRAVE], ['Å', CIRC + HOOK], ['Ã', CIRC + TILDE], ['Ä', CIRC + DOT],
]);
/** Breve modifiers → combining marks. */
const VNI_BREVE = new Map<string, string>([
  ['ê', BREVE], ['é', BREVE + ACUTE], ['è', BREVE + GRAVE], ['ú', BREVE + HOOK], ['ü', BREVE + TILDE], ['ë', BREVE + DOT],
  ['Ê', BREVE], ['É', BREVE + ACUTE], ['È', BREVE + GRAVE], ['Ú', BREVE + HOOK], ['Ü', BREVE + TILDE], ['Ë', BREVE + DOT],
]);
/** Characters that are letters of their own in VNI. */
const VNI_SINGLE = new Map<string, string>([
  ['í', 'í'], ['ì', 'ì'], ['æ', 'ỉ'], ['ó', 'ĩ'], ['ò', 'ị'], ['î', 'ỵ'], ['ô', 'ơ'], ['ö', 'ư'], ['ñ', 'đ'],
  ['Í', 'Í'], ['Ì', 'Ì'], ['Æ', 'Ỉ'], ['Ó', 'Ĩ'], ['Ò', 'Ị'], ['Î', 'Ỵ'], ['Ô', 'Ơ'], ['Ö', 'Ư'], ['Ñ', 'Đ'],
]);
/** Which modifier families each base letter takes. */
const VNI_BASES = new Map<string, { out: string; circ: boolean; breve: boolean }>([
  ['a', { out: 'a', circ: true, breve: true }],
  ['A', { out: 'A', circ: true, breve: true }],
  ['e', { out: 'e', circ: true, breve: false }],
  ['E', { out: 'E', circ: true, breve: false }],
  ['o', { out: 'o', circ: true, breve: false }],
  ['O', { out: 'O', circ: true, breve: false }],
  ['u', { out: 'u', circ: false, breve: false }],
  ['U', { out: 'U', circ: false, breve: false }],
  ['y', { out: 'y', circ: false, breve: false }],
  ['Y', { out: 'Y', circ: false, breve: false }],
  ['ô', { out: 'o' + HORN, circ: false, breve: false }],
  ['Ô', { out: 'O' + HORN, circ: false, breve: false }],
  ['ö', { out: 'u' + HORN, circ: false, breve: false }],
  ['Ö', { out: 'U' + HORN, circ: false, breve: false }],
]);

// ─── Conversion ──────────────────────────────────────────────────────────────────────────

function decodeTcvn3(text: string): string {
  let out = '';
  let run = 0; // start of the current run of unchanged characters
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 ? c > 0xff : c > 0x17 || c === 0) continue;
    const ch = TCVN3.get(c);
    if (ch === undefined) continue;
    out += text.slice(run, i) + ch;
    run = i + 1;
  }
  return run === 0 ? text : out + text.slice(run);
}

function decodeVni(text: string): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const c = ch.charCodeAt(0);
    if (c < 0x41 || c > 0xff) continue;
    const base = VNI_BASES.get(ch);
    if (base && i + 1 < text.length) {
      const mod = text[i + 1];
      const marks = VNI_TONE.get(mod) ?? (base.circ ? VNI_CIRC.get(mod) : undefined) ?? (base.breve ? VNI_BREVE.get(mod) : undefined);
      if (marks !== undefined) {
        out += text.slice(run, i) + (base.out + marks).normalize('NFC');
        i++;
        run = i + 1;
        continue;
      }
    }
    const single = VNI_SINGLE.get(ch);
    if (single !== undefined) {
      out += text.slice(run, i) + single;
      run = i + 1;
    }
  }
  return run === 0 ? text : out + text.slice(run);
}

/** Vietnamese letters beyond Latin-1, or combining marks: the text has Unicode Vietnamese in it. */
const UNICODE_VIET_RE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u036f]/;

/**
 * Converts text typed in a legacy encoding to Unicode (NFC). Characters outside the
 * encoding (ASCII punctuation, digits, emoji …) pass through.
 *
 * When the text also contains Unicode Vietnamese (a Unicode mail with a pasted legacy
 * paragraph), it goes word by word so the Unicode part stays intact. Each word is
 *  - Unicode: glued to letters beyond Latin-1 ("gửi"), or a Vietnamese syllable as it
 *    stands whose decoding is not ("Kính" would become "Kớnh") — kept;
 *  - legacy: it has a character Unicode Vietnamese never uses (µ, ¸, ø, ä …), or only its
 *    decoding is a syllable — converted;
 *  - ambiguous: both readings are syllables (TCVN3 "Céng" = "Cộng", Unicode "Công" would
 *    become "Cụng") — converted when its clause (text between punctuation or line breaks)
 *    has at least as much legacy evidence as Unicode evidence.
 */
export function convertLegacyToUnicode(text: string, encoding: LegacyEncoding, opts?: ConvertOptions): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  const decode = encoding === 'tcvn3' ? decodeTcvn3 : decodeVni;
  if (!UNICODE_VIET_RE.test(text)) {
    const all = decode(text);
    return (encoding === 'tcvn3' && opts?.capitalsFont ? all.toUpperCase() : all).normalize('NFC');
  }
  const words = classifyWords(text, decode);
  // Clause-level evidence for the ambiguous words.
  const verdicts: boolean[] = [];
  for (let i = 0; i < words.length; ) {
    let j = i;
    let legacy = 0;
    let unicode = 0;
    do {
      if (words[j].kind === LEGACY) legacy++;
      else if (words[j].kind === UNICODE) unicode++;
      j++;
    } while (j < words.length && words[j].clause === words[i].clause);
    for (let k = i; k < j; k++) verdicts[k] = legacy >= unicode;
    i = j;
  }
  let out = '';
  let run = 0;
  words.forEach((w, k) => {
    if (w.kind === LEGACY || (w.kind === AMBIGUOUS && verdicts[k])) {
      out += text.slice(run, w.s) + w.decoded;
      run = w.e;
    }
  });
  let result = run === 0 ? text : out + text.slice(run);
  if (encoding === 'tcvn3' && opts?.capitalsFont) result = result.toUpperCase();
  return result.normalize('NFC');
}

const UNICODE = 0;
const LEGACY = 1;
const AMBIGUOUS = 2;
const UNCHANGED = 3;
/** Clause boundaries for the ambiguous-word vote. */
const CLAUSE_BREAK_RE = /[\n.,;:!?()[\]{}"“”«»–—|\t]/;

interface WordInfo {
  s: number;
  e: number;
  decoded: string;
  kind: number;
  clause: number;
}

function classifyWords(text: string, decode: (w: string) => string): WordInfo[] {
  const out: WordInfo[] = [];
  const n = text.length;
  let clause = 0;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (!isLegacyWordChar(c)) {
      if (CLAUSE_BREAK_RE.test(text[i])) clause++;
      i++;
      continue;
    }
    let e = i + 1;
    while (e < n && isLegacyWordChar(text.charCodeAt(e))) e++;
    const word = text.slice(i, e);
    const decoded = decode(word);
    let kind: number;
    if ((i > 0 && isUnicodeLetter(text, i - 1)) || (e < n && isUnicodeLetter(text, e))) kind = UNICODE;
    else if (decoded === word) kind = UNCHANGED;
    else if (hasMarker(word)) kind = LEGACY;
    else {
      const asIs = isVietnameseSyllable(word);
      const asDecoded = isVietnameseSyllable(decoded);
      kind = asIs === asDecoded ? AMBIGUOUS : asDecoded ? LEGACY : UNICODE;
    }
    out.push({ s: i, e, decoded, kind, clause });
    i = e;
  }
  return out;
}

function hasMarker(word: string): boolean {
  MARKER_RE.lastIndex = 0;
  const r = MARKER_RE.test(word);
  MARKER_RE.lastIndex = 0;
  return r;
}

// ─── Vietnamese syllable check ───────────────────────────────────────────────────────────

const TONE_MARKS = new Set([ACUTE, GRAVE, HOOK, TILDE, DOT]);
const SHAPE_MARKS = new Set([CIRC, BREVE, HORN]);
const LETTER_RE = /^[a-zđâăêôơư]$/;
const ONSETS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];
const CODAS = ['ch', 'ng', 'nh', 'c', 'm', 'n', 'p', 't', ''];
/** Nucleus (incl. a final semivowel: ai, ao, oai …) → consonant coda: 0 never, 1 required, 2 optional. */
const NUCLEI = new Map<string, 0 | 1 | 2>([
  ...['a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'oa', 'oe', 'uê', 'uy', 'uơ'].map((n): [string, 0 | 1 | 2] => [n, 2]),
  ...['ă', 'â', 'iê', 'yê', 'uô', 'ươ', 'uâ', 'oă', 'uyê', 'oo'].map((n): [string, 0 | 1 | 2] => [n, 1]),
  ...[
    'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui', 'ưa', 'ưi', 'ưu',
    'oai', 'oay', 'oao', 'oeo', 'iêu', 'yêu', 'uôi', 'ươi', 'ươu', 'uya', 'uyu', 'uây', 'ưu',
  ].map((n): [string, 0 | 1 | 2] => [n, 0]),
]);
const SHAPED = new Set(['â', 'ă', 'ê', 'ô', 'ơ', 'ư']);

function tonePositions(nucleus: string[], hasCoda: boolean): number[] {
  for (let k = nucleus.length - 1; k >= 0; k--) if (SHAPED.has(nucleus[k])) return [k];
  if (hasCoda) return [nucleus.length - 1];
  if (nucleus.length === 1) return [0];
  const n = nucleus.join('');
  if (n === 'oa' || n === 'oe' || n === 'uy') return [0, 1]; // old (hòa) and new (hoà) style
  return nucleus.length === 2 ? [0] : [1];
}

/**
 * True when `word` is a well-formed Vietnamese syllable (any case, any Unicode form):
 * known onset, nucleus and coda, at most one tone, placed on the right vowel (old and new
 * style both accepted for oa/oe/uy), only sắc/nặng before c, ch, p, t, and k/gh/ngh only
 * before i, e, ê, y.
 */
export function isVietnameseSyllable(word: string): boolean {
  // The longest syllable ("nghiêng", "khuyếch") has 7 letters; decomposed, at most 9 units.
  if (word.length === 0 || word.length > 16) return false;
  const w = word.normalize('NFD').toLowerCase();
  const letters: string[] = [];
  let tone = '';
  let tonePos = -1;
  for (const ch of w) {
    if (TONE_MARKS.has(ch)) {
      if (tone || letters.length === 0) return false;
      tone = ch;
      tonePos = letters.length - 1;
    } else if (SHAPE_MARKS.has(ch)) {
      if (letters.length === 0) return false;
      const composed = (letters[letters.length - 1] + ch).normalize('NFC');
      if (composed.length !== 1) return false;
      letters[letters.length - 1] = composed;
    } else if (LETTER_RE.test(ch)) {
      letters.push(ch);
    } else return false;
  }
  if (letters.length === 0 || letters.length > 7) return false;
  const joined = letters.join('');
  for (const onset of ONSETS) {
    if (!joined.startsWith(onset)) continue;
    const on = [...onset].length;
    for (const coda of CODAS) {
      const cn = coda.length;
      if (on + cn >= letters.length) continue;
      if (cn && !joined.endsWith(coda)) continue;
      const nucleus = letters.slice(on, letters.length - cn);
      if (!validParse(onset, nucleus, coda, tone, tonePos - on)) continue;
      return true;
    }
  }
  return false;
}

function validParse(onset: string, nucleus: string[], coda: string, tone: string, tonePos: number): boolean {
  const nuc = nucleus.join('');
  const kind = NUCLEI.get(nuc);
  if (kind === undefined) return false;
  if (kind === 0 && coda) return false;
  if (kind === 1 && !coda) return false;
  if (/^(k|gh|ngh)$/.test(onset) && !/^[ieêy]/.test(nuc)) return false;
  if (onset === 'gi' && nuc[0] === 'i') return false;
  if (onset === 'qu' && /^[uư]/.test(nuc)) return false;
  if ((coda === 'ch' || coda === 'nh') && !/[aêiy]$/.test(nuc)) return false;
  if ((coda === 'c' || coda === 'ng') && /[iê]$/.test(nuc) && !/(iê|yê)$/.test(nuc)) return false;
  const stop = coda === 'c' || coda === 'ch' || coda === 'p' || coda === 't';
  // Syllables closed by a stop take sắc or nặng, nothing else.
  if (stop && tone !== ACUTE && tone !== DOT) return false;
  if (tone && !tonePositions(nucleus, coda !== '').includes(tonePos)) return false;
  return true;
}

// ─── Detection ───────────────────────────────────────────────────────────────────────────

/** Letters of Unicode Vietnamese that happen to be in Latin-1: not evidence of anything. */
const VIET_LATIN1 = 'àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ';

/**
 * Characters no Unicode Vietnamese text contains but TCVN3/VNI text is full of:
 * Latin-1 0xA1–0xFF minus the Vietnamese letters above and minus ° ± ² ³ ´ (common
 * symbols, and unused by the legacy fonts), plus C1 controls (VN1 capitals).
 */
const MARKER_RE = (() => {
  let cls = '\\u0080-\\u009f';
  for (let c = 0xa1; c <= 0xff; c++) {
    const ch = String.fromCharCode(c);
    if (VIET_LATIN1.includes(ch) || (c >= 0xb0 && c <= 0xb4)) continue;
    cls += '\\u' + c.toString(16).padStart(4, '0');
  }
  return new RegExp(`[${cls}]`, 'g');
})();

/** Characters a legacy-encoded word can be made of. */
function isLegacyWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x01 && c <= 0x17 && TCVN3.has(c));
  if (c <= 0x9f) return true;
  return c >= 0xa1 && c <= 0xff && !(c >= 0xb0 && c <= 0xb4);
}

const MAX_EVIDENCE = 400;
/** How much text the second, wider pass may read (it looks at every accented word). */
const SECOND_PASS_CHARS = 64 * 1024;
/** Words made of ASCII and Latin-1 letters (each match consumes its word: linear time). */
const LATIN1_WORD_RE = /[A-Za-z\u00C0-\u00FF]+/g;
const HAS_LATIN1_LETTER_RE = /[\u00C0-\u00FF]/;

interface Tally {
  tcvn: number;
  vni: number;
  neither: number;
  samples: Record<LegacyEncoding, string[]>;
}

function tallyWord(word: string, t: Tally, requireOriginalInvalid: boolean): void {
  // No syllable is that long in any encoding (VNI "nghieâng" = 8): a blob, not a word.
  if (word.length > 24) {
    t.neither++;
    return;
  }
  if (requireOriginalInvalid && isVietnameseSyllable(word)) return; // plain Unicode Vietnamese
  const tc = decodeTcvn3(word);
  const vn = decodeVni(word);
  const asTcvn = tc !== word && isVietnameseSyllable(tc);
  const asVni = vn !== word && isVietnameseSyllable(vn);
  if (asTcvn) {
    t.tcvn++;
    if (t.samples.tcvn3.length < 5 && !t.samples.tcvn3.includes(word)) t.samples.tcvn3.push(word);
  }
  if (asVni) {
    t.vni++;
    if (t.samples.vni.length < 5 && !t.samples.vni.includes(word)) t.samples.vni.push(word);
  }
  if (!asTcvn && !asVni) t.neither++;
}

function verdict(t: Tally): { encoding: LegacyEncoding; hits: number; against: number; fires: boolean; confidence: number } {
  const encoding: LegacyEncoding = t.tcvn >= t.vni ? 'tcvn3' : 'vni';
  const hits = Math.max(t.tcvn, t.vni);
  const against = t.neither + Math.min(t.tcvn, t.vni);
  const share = hits ? hits / (hits + against) : 0;
  // Damp short texts: one or two words are weak evidence.
  const confidence = +(share * Math.min(1, hits / 6)).toFixed(3);
  const fires = (hits >= 3 && share >= 0.66) || (hits >= 2 && against === 0);
  return { encoding, hits, against, fires, confidence };
}

/**
 * Decides whether `text` is Vietnamese typed in TCVN3 or VNI. Fires on a paragraph (or a
 * subject line with two or more such words); stays silent on Unicode Vietnamese, English,
 * French/German/Spanish text with accents, Latin-1 symbols (© ° ±) and UTF-8 mojibake.
 *
 * Pass 1 looks only at words containing a character Unicode Vietnamese never uses, so a
 * long Unicode mail costs one regex scan. Some legacy words use only letters that Unicode
 * Vietnamese also has (VNI "Baùo caùo" = "Báo cáo"), so when pass 1 found some evidence
 * but not enough, pass 2 reads the accented words of the first 64 KB and counts those
 * that are not Vietnamese as they stand but are once decoded.
 */
export function detectLegacyEncoding(text: string): LegacyDetection {
  const none: LegacyDetection = { encoding: null, confidence: 0, samples: [] };
  if (typeof text !== 'string' || text.length === 0) return none;
  const t: Tally = { tcvn: 0, vni: 0, neither: 0, samples: { tcvn3: [], vni: [] } };
  const re = MARKER_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let s = m.index;
    let e = s + 1;
    while (s > 0 && isLegacyWordChar(text.charCodeAt(s - 1))) s--;
    while (e < text.length && isLegacyWordChar(text.charCodeAt(e))) e++;
    re.lastIndex = e;
    if (e - s < 2) continue; // a lone "©" or "§" is a symbol, not a word
    // Words glued to letters beyond Latin-1 are not legacy words (mixed Unicode text).
    if ((s > 0 && isUnicodeLetter(text, s - 1)) || (e < text.length && isUnicodeLetter(text, e))) continue;
    tallyWord(text.slice(s, e), t, false);
    if (Math.max(t.tcvn, t.vni) >= MAX_EVIDENCE) break; // plenty: no need to read 8 MiB
  }
  let v = verdict(t);
  if (!v.fires && v.hits > 0) {
    const head = text.length > SECOND_PASS_CHARS ? text.slice(0, SECOND_PASS_CHARS) : text;
    const re2 = LATIN1_WORD_RE;
    re2.lastIndex = 0;
    while ((m = re2.exec(head)) !== null) {
      const w = m[0];
      if (w.length < 2 || !HAS_LATIN1_LETTER_RE.test(w)) continue;
      MARKER_RE.lastIndex = 0;
      if (MARKER_RE.test(w)) continue; // counted in pass 1
      const s = m.index;
      const e = s + w.length;
      if ((s > 0 && isUnicodeLetter(head, s - 1)) || (e < head.length && isUnicodeLetter(head, e))) continue;
      tallyWord(w, t, true);
    }
    MARKER_RE.lastIndex = 0;
    v = verdict(t);
  }
  if (!v.fires) return { encoding: null, confidence: v.confidence, samples: [] };
  return { encoding: v.encoding, confidence: v.confidence, samples: t.samples[v.encoding] };
}

function isUnicodeLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c > 0xff && /\p{L}/u.test(text[i]);
}
