import { RE2JS } from 're2js';
import { compileLinear, findAllLinear, parseSlashPattern } from './linear-regex';
import { WORD_CHAR_RE, nfcWithMap, removeIgnorables, singleLine } from './normalize';

/**
 * The classified-marking matcher behind rule `classified-content`.
 *
 * State-secret documents must not travel by e-mail (Bộ TT&TT QĐ 652 Đ4 k1: "mật, tối mật,
 * tuyệt mật"; Quảng Ngãi Đ6 k1: "bí mật nhà nước"; Bình Phước Đ9 k1, Cần Thơ Đ7 k1:
 * "trừ văn bản mật"). The word "mật" is also in the most common words of any mail about
 * mail ("mật khẩu" = password, "bảo mật" = security), so the grammar below is about
 * telling a classification from everyday vocabulary.
 *
 * ─── Grammar ────────────────────────────────────────────────────────────────────────────
 * Words are maximal runs of letters, combining marks and invisible format characters
 * (soft hyphen, zero-width space/joiners, word joiner, BOM), compared after NFC + lower
 * case, so NFD input, "Mật"/"MẬT" and "M\u200BẬT" are all the word `mật`. Runs of single
 * letters joined by one and the same separator (space, dot, hyphen) are one word:
 * "M Ậ T", "M.Ậ.T", "T U Y Ệ T  M Ậ T" (two spaces = word gap). See normalize.ts.
 *
 * Two words are ADJACENT when only spaces/no-break spaces/underscores and at most one line
 * break separate them (hard-wrapped prose, file names). P1/P2 are the adjacent words
 * before `mật`, N1..N3 those after — except that a `mật` opening its line does not run on
 * into the next line (a stamp line "MẬT" above "BÁO CÁO" is not "mật báo"). `mật` is
 * ISOLATED when on both sides it meets punctuation, a tab, a line break or the text edge:
 * a cell, a line, "[MẬT]", "(Mật)", "Mật - Khẩn", "Độ mật: Mật".
 *
 * For each word `mật`, the first rule that applies wins:
 *   1. P1 = tuyệt (or TUYET)                   → tuyet-mat      "tuyệt mật", any case
 *   2. N1 is a benign continuation             → none           mật khẩu, mật độ, mật mã,
 *      (khẩu, độ, mã, ong, thiết, ngọt, gấu, …)                  mật ong, mật thiết, …
 *   3. P1 = tối                                → toi-mat        "tối mật" as a word pair
 *   4. P1 = bí: N1..  = nhà nước | của nhà nước | quốc gia
 *                                              → state-secret   "bí mật nhà nước", any case
 *      otherwise                               → none           "bí mật", "giữ bí mật"
 *   5. P1 is a blocking word                   → none           bảo mật, thân mật, cơ mật,
 *      (bảo, thân, cơ, độ, giải, không, túi, …)                  độ mật (the label), giải mật
 *   6. P2 P1 / P1 names a document             → classified-doc văn bản mật, tài liệu mật,
 *      (văn bản, tài liệu, hồ sơ, thông tin, …)                   hồ sơ mật, thông tin mật
 *   7. N1 = khẩn / hỏa tốc / thượng khẩn       → mat            "Mật khẩn"
 *   8. `mật` written in capitals or spaced out → mat            "MẬT", "M Ậ T", "TÀI LIỆU MẬT"
 *   9. `mật` follows the label "Độ mật:"       → mat            "Độ mật: mật"
 *  10. `mật` is isolated                       → mat            "[Mật]", a cell "mật"
 *  11. anything else (lower-case prose)        → none           "anh Mật" (a name), "hũ mật"
 * A word glued together ("TUYỆTMẬT", or letters spaced with single spaces throughout
 * such as "T U Y Ệ T M Ậ T") is matched if it contains tuyệtmật, tốimật, bímậtnhànước,
 * or a document noun + mật; other glued words (MậtKhẩu, BảoMật) are not markings.
 *
 * Without diacritics only capitals count (English has "mat", "format", "MATLAB"):
 * TUYET MAT → tuyet-mat, TOI MAT → toi-mat, BI MAT NHA NUOC → state-secret,
 * TAI LIEU MAT / VAN BAN MAT / HO SO MAT → classified-doc. A bare "MAT" is not a marking.
 *
 * ─── Speed ──────────────────────────────────────────────────────────────────────────────
 * Mail bodies and extracted attachments can be megabytes, and this runs before every
 * send. The text is never lower-cased or normalised as a whole. Every marking contains
 * `mật`, so candidates come from a few native `indexOf` passes for code units that must
 * be there: 'ậ' and 'Ậ' (precomposed), U+0323 and U+0302 (NFD / half-composed forms),
 * and "MAT" (unaccented capitals). Most hits ("nhận", "luật") are dropped after one or two
 * charCodeAt checks; for "mật" a fast path reads the neighbouring words as raw slices and
 * rejects the everyday cases (mật khẩu, bảo mật, …) with a Set lookup. Only the rest goes
 * through the full grammar above, which reads the few words it needs lazily and never more
 * than WINDOW code units away, so even adversarial input stays linear. The fast path only
 * ever rejects what the full grammar would also reject (tests compare the two on the
 * regulations, the corpus and 3,000 random strings per run).
 *
 * Custom markings: plain phrases become one escaped native RegExp (no backtracking risk);
 * "/pattern/flags" entries run on re2js, positions via its DFA (see linear-regex.ts).
 */

export type MarkingLevel = 'mat' | 'toi-mat' | 'tuyet-mat' | 'state-secret' | 'classified-doc' | 'custom';

export interface MarkingMatch {
  /** Offset (UTF-16 code units) of the match in the text as given. */
  index: number;
  length: number;
  level: MarkingLevel;
  /** The matched text as it appears in the input. */
  text: string;
}

declare const customBrand: unique symbol;

/** Admin-defined markings, compiled once per policy by compileCustomMarkings(). */
export interface CustomMarkings {
  readonly [customBrand]: true;
  /** Number of usable entries. */
  readonly size: number;
}

interface CustomMarkingsImpl {
  size: number;
  /** All plain phrases as one native RegExp (built from escaped text: no backtracking risk). */
  phrases: RegExp | null;
  /** "/pattern/flags" entries, compiled with re2js (linear time). */
  patterns: RE2JS[];
}

export interface CustomMarkingError {
  /** Position of the entry in the list given to compileCustomMarkings. */
  index: number;
  message_vi: string;
  message_en: string;
}

export interface FindMarkingsOptions {
  /** Stop after this many matches (the first ones in text order). Default: no limit. */
  limit?: number;
}

// ─── Vocabulary (NFC, lower case) ────────────────────────────────────────────────────────

/** Words that, right after `mật`, make it an everyday word rather than a classification. */
const BENIGN_NEXT = [
  'khẩu', // mật khẩu: password
  'độ', // mật độ: density
  'mã', // mật mã: cipher / password (Cần Thơ uses "mật mã" for password)
  'ong', // mật ong: honey
  'thiết', // mật thiết: close (relationship)
  'ngọt',
  'gấu',
  'mía',
  'rỉ',
  'hoa',
  'đường',
  'đắng',
  'heo',
  'lợn',
  'bò',
  'cá',
  'rắn',
  'trăn',
  'dê',
  'vàng',
  'ít', // mật ít ruồi nhiều
  'thám', // mật thám: spy
  'vụ', // mật vụ: secret police
  'báo', // mật báo: to tip off secretly
  'lệnh',
  'danh', // mật danh: code name
  'hiệu', // mật hiệu: secret signal
  'ước',
  'đàm',
  'nghị',
  'phục', // mật phục: ambush
  'tấu',
  'chỉ',
  'thư', // mật thư: scouting puzzle
  'khu',
  'tông', // Mật tông (esoteric Buddhism)
  'giáo',
  'pháp',
  'ngữ',
  'ngôn',
  'sứ',
  'kế',
  'mưu',
  'thất',
  'tập', // mật tập: dense
  'tích',
  'truyền',
  'viện', // Mật viện (historical council)
  'sát',
  'phái',
];

/** Words that, right before `mật`, make it an everyday word. */
const BLOCKING_PREV = [
  'bảo', // bảo mật: security
  'báo', // OCR/typing slip for "bảo" ("báo mật thông tin", Cần Thơ scan)
  'thân', // thân mật: intimate
  'cơ', // cơ mật: (historical) privy affairs — not a classification level
  'độ', // "Độ mật:" is the label; its value is judged on its own. Also "chế độ mật".
  'giải', // giải mật: declassified
  'không', // "không mật": not classified
  'túi', // túi mật: gall bladder
  'ống',
  'sỏi',
  'dịch',
  'đường',
  'tuyến',
  'muối',
  'tắc',
  'viêm',
  'tinh', // tinh mật: meticulous
  'chu', // chu mật: thorough
  'nghiêm', // canh phòng nghiêm mật
  'cẩn', // cẩn mật: careful
  'kín',
  'thâm',
  'như', // ngọt như mật
  'ong', // ong mật: honey bee
  'khóa', // khóa mật: secret key
  'khoá',
];

/** Document nouns: "<noun> mật" is a classified document. Two-word nouns first. */
const DOC_NOUNS_2: [string, string][] = [
  ['văn', 'bản'],
  ['tài', 'liệu'],
  ['hồ', 'sơ'],
  ['thông', 'tin'],
  ['công', 'văn'],
  ['báo', 'cáo'],
  ['dữ', 'liệu'],
  ['công', 'điện'],
  ['đề', 'thi'],
  ['kế', 'hoạch'],
  ['tập', 'tin'],
  ['tệp', 'tin'],
];
const DOC_NOUNS_1 = new Set(['tin', 'điện', 'thư', 'tệp']);
/** Second syllable → first syllables of the two-word document nouns. */
const DOC_NOUN_FIRSTS = new Map<string, Set<string>>();
for (const [a, b] of DOC_NOUNS_2) {
  if (!DOC_NOUN_FIRSTS.has(b)) DOC_NOUN_FIRSTS.set(b, new Set());
  DOC_NOUN_FIRSTS.get(b)!.add(a);
}
const URGENCY_NEXT = new Set(['khẩn', 'hỏa', 'hoả', 'thượng']);

const BENIGN_NEXT_SET = new Set(BENIGN_NEXT);
const BLOCKING_PREV_SET = new Set(BLOCKING_PREV);

/** Glued/spaced compounds containing mật that are markings. */
const COMPOUNDS: [string, MarkingLevel][] = [
  ['bímậtnhànước', 'state-secret'],
  ['bímậtcủanhànước', 'state-secret'],
  ['bímậtquốcgia', 'state-secret'],
  ['tuyệtmật', 'tuyet-mat'],
  ['tốimật', 'toi-mat'],
  ...DOC_NOUNS_2.map(([a, b]): [string, MarkingLevel] => [a + b + 'mật', 'classified-doc']),
];

/** Case variants a fast-path raw slice may have (lower, Title, UPPER). */
function caseForms(words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    out.add(w);
    out.add(w.toUpperCase());
    out.add(w.charAt(0).toUpperCase() + w.slice(1));
  }
  return out;
}
const BENIGN_NEXT_FORMS = caseForms(BENIGN_NEXT);
const BLOCKING_PREV_FORMS = caseForms(BLOCKING_PREV);
const STATE_NEXT = new Set(['nhà', 'của', 'quốc']);

// ─── Character classes for the fast path ─────────────────────────────────────────────────

const NONWORD = 0;
const WORD = 1;
const UNSURE = 2;

/**
 * Whether a code unit is part of a word, as far as a cheap check can tell. Letters from
 * Basic Latin, Latin-1, Latin Extended-A/B and Latin Extended Additional (all Vietnamese
 * letters in NFC) are WORD; ASCII/Latin-1/general punctuation is NONWORD; combining marks,
 * format characters, surrogates and other scripts are UNSURE and go to the full tokenizer.
 */
function classify(c: number): number {
  if (c < 0) return NONWORD;
  if (c < 0x80) return ((c | 32) >= 97 && (c | 32) <= 122) ? WORD : NONWORD;
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba || c === 0xad ? UNSURE : NONWORD;
  if (c <= 0x24f) return c === 0xd7 || c === 0xf7 ? NONWORD : WORD;
  if (c >= 0x1e00 && c <= 0x1eff) return WORD;
  if (c >= 0x2010 && c <= 0x205e) return NONWORD;
  if (c === 0x3000) return NONWORD;
  return UNSURE;
}

const MAX_FAST_WORD = 12;

/** The word starting at i if it is made of WORD units and ends cleanly; else null. */
function wordForward(text: string, i: number): string | null {
  const n = text.length;
  let j = i;
  while (j < n && classify(text.charCodeAt(j)) === WORD) {
    if (++j - i > MAX_FAST_WORD) return null;
  }
  if (j === i) return null;
  if (j < n && classify(text.charCodeAt(j)) !== NONWORD) return null;
  return text.slice(i, j);
}

/** The word ending at e (exclusive) under the same conditions. */
function wordBackward(text: string, e: number): string | null {
  let i = e;
  while (i > 0 && classify(text.charCodeAt(i - 1)) === WORD) {
    if (e - --i > MAX_FAST_WORD) return null;
  }
  if (i === e) return null;
  if (i > 0 && classify(text.charCodeAt(i - 1)) !== NONWORD) return null;
  return text.slice(i, e);
}

// ─── Full grammar on lazily read words ───────────────────────────────────────────────────

interface Tok {
  s: number;
  e: number;
  /** NFC, lower case, format characters removed. */
  key: string;
  upper: boolean;
  spaced: boolean;
  single: boolean;
  /** Memoised neighbours (undefined = not read yet). */
  before?: Tok | null;
  after?: Tok | null;
}

/** How far (code units) from the candidate the grammar may look. */
const WINDOW = 112;
/** Anything outside plain Latin + Latin Extended Additional (or a soft hyphen): needs NFC / format-char removal. */
const NEEDS_NORMALISING_RE = /[^\u0000-\u00ac\u00ae-\u02ff\u1e00-\u1eff]/;
const SPACED_SEPS = ' \u00A0.-';
const GAP_PLAIN = 0; // spaces, NBSP, underscores only
const GAP_SOFT = 1; // the same plus one line break: words stay adjacent
const GAP_HARD = 2; // punctuation, tab, digits, a blank line …

/** Classifies text[s, e) between two words (see "adjacent" and "edge" in the header). */
function gapKind(text: string, s: number, e: number): number {
  let breaks = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0xa0 || c === 0x5f) continue;
    if (c === 0x0a) {
      if (++breaks > 1) return GAP_HARD;
      continue;
    }
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    return GAP_HARD;
  }
  return breaks ? GAP_SOFT : GAP_PLAIN;
}

function isWordCharAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  const k = classify(c);
  if (k !== UNSURE) return k === WORD;
  // Look at the whole code point so astral letters count as letters.
  const cp = text.codePointAt(c >= 0xdc00 && c <= 0xdfff && i > 0 ? i - 1 : i)!;
  return WORD_CHAR_RE.test(String.fromCodePoint(cp));
}

function rawTok(text: string, s: number, e: number, plain: boolean): Tok {
  const raw = text.slice(s, e);
  const nfc = plain || !NEEDS_NORMALISING_RE.test(raw) ? raw : removeIgnorables(raw).normalize('NFC');
  const key = nfc.toLowerCase();
  // "Capitals" = first and last letter upper case: MẬT, and also MậT, which is what text
  // typed in the .VnTimeH capitals font becomes after TCVN3 conversion.
  const upper = key.length > 0 && nfc[0] !== key[0] && nfc[nfc.length - 1] !== key[key.length - 1];
  const single = key.length === 1 || (key.length === 2 && (key.codePointAt(0) ?? 0) > 0xffff);
  return { s, e, key, upper, spaced: false, single };
}

/**
 * Reads words around one candidate, never further than WINDOW code units from it, so a
 * verification costs the same whatever the size of the text.
 */
class WordReader {
  readonly lo: number;
  readonly hi: number;
  constructor(
    readonly text: string,
    pos: number,
  ) {
    this.lo = Math.max(0, pos - WINDOW);
    this.hi = Math.min(text.length, pos + WINDOW);
  }

  /** End of the last word rawAt() gave up on (too long to be judged), else -1. */
  skipTo = -1;

  /**
   * The raw word containing i, or null: no word there, or a word of WINDOW or more code
   * units (cut by the window, or just that long), which is never a marking.
   */
  private rawAt(i: number): Tok | null {
    const { text, lo, hi } = this;
    if (!isWordCharAt(text, i)) return null;
    // `plain`: only letters the cheap classifier knows (NFC Latin), so no normalising.
    let plain = classify(text.charCodeAt(i)) === WORD;
    let s = i;
    while (s > lo && isWordCharAt(text, s - 1)) {
      s--;
      plain &&= classify(text.charCodeAt(s)) === WORD;
    }
    let e = i + 1;
    while (e < hi && isWordCharAt(text, e)) {
      plain &&= classify(text.charCodeAt(e)) === WORD;
      e++;
    }
    const cut = (s === lo && lo > 0 && isWordCharAt(text, lo - 1)) || (e === hi && hi < text.length && isWordCharAt(text, hi));
    if (cut || e - s >= WINDOW) {
      this.skipTo = e;
      return null;
    }
    return rawTok(text, s, e, plain);
  }

  private rawBefore(pos: number): Tok | null {
    let j = pos - 1;
    while (j >= this.lo && !isWordCharAt(this.text, j)) j--;
    return j < this.lo ? null : this.rawAt(j);
  }

  private rawAfter(pos: number): Tok | null {
    let j = pos;
    while (j < this.hi && !isWordCharAt(this.text, j)) j++;
    return j >= this.hi ? null : this.rawAt(j);
  }

  /**
   * Extends a one-letter word to the whole run of single letters joined by one and the
   * same separator ("M Ậ T", "M.Ậ.T"): that run is one word.
   */
  private merge(t: Tok | null): Tok | null {
    if (!t || !t.single) return t;
    const { text } = this;
    let sep = '';
    const run: Tok[] = [t];
    for (;;) {
      const first = run[0];
      const g = first.s - 1;
      const ch = text[g];
      if (g < this.lo || !SPACED_SEPS.includes(ch) || (sep && ch !== sep)) break;
      const p = this.rawAt(g - 1);
      if (!p || !p.single || p.e !== g) break;
      sep = ch;
      run.unshift(p);
    }
    for (;;) {
      const last = run[run.length - 1];
      const ch = text[last.e];
      if (last.e >= this.hi || !SPACED_SEPS.includes(ch) || (sep && ch !== sep)) break;
      const q = this.rawAt(last.e + 1);
      if (!q || !q.single || q.s !== last.e + 1) break;
      sep = ch;
      run.push(q);
    }
    if (run.length < 2) return t;
    let key = '';
    let upper = true;
    for (const r of run) {
      key += r.key;
      upper &&= r.upper;
    }
    return { s: run[0].s, e: run[run.length - 1].e, key, upper, spaced: true, single: false };
  }

  wordAt(i: number): Tok | null {
    return this.merge(this.rawAt(i));
  }

  wordBefore(t: Tok): Tok | null {
    if (t.before === undefined) t.before = this.merge(this.rawBefore(t.s));
    return t.before;
  }

  wordAfter(t: Tok): Tok | null {
    if (t.after === undefined) t.after = this.merge(this.rawAfter(t.e));
    return t.after;
  }

  /** The k-th ADJACENT word before t (k = 1, 2), or null. */
  prevAdj(t: Tok, k: number): Tok | null {
    let cur = t;
    for (let step = 0; step < k; step++) {
      const p = this.wordBefore(cur);
      if (!p || gapKind(this.text, p.e, cur.s) === GAP_HARD) return null;
      cur = p;
    }
    return cur;
  }

  nextAdj(t: Tok, k: number): Tok | null {
    let cur = t;
    for (let step = 0; step < k; step++) {
      const q = this.wordAfter(cur);
      if (!q || gapKind(this.text, cur.e, q.s) === GAP_HARD) return null;
      cur = q;
    }
    return cur;
  }

  /**
   * True when t meets an edge on that side: punctuation, a tab, a line break, or no other
   * word within the window (text edge, long layout gap).
   */
  edge(t: Tok, side: -1 | 1): boolean {
    const o = side < 0 ? this.wordBefore(t) : this.wordAfter(t);
    if (!o) return true;
    return (side < 0 ? gapKind(this.text, o.e, t.s) : gapKind(this.text, t.e, o.s)) !== GAP_PLAIN;
  }
}

function span(text: string, s: number, e: number, level: MarkingLevel): MarkingMatch {
  return { index: s, length: e - s, level, text: text.slice(s, e) };
}

const BARE_RE = /[\u0300-\u036f]/g;
function bare(key: string): string {
  return key.normalize('NFD').replace(BARE_RE, '').replace(/đ/g, 'd');
}

/** Rules for a glued or spaced word that contains mật but is not just mật. */
function compoundLevel(key: string): MarkingLevel | null {
  for (const [needle, level] of COMPOUNDS) if (key.includes(needle)) return level;
  return null;
}

/** The full grammar for the word `mật` t (see the header comment). */
function judgeAccented(r: WordReader, t: Tok): MarkingMatch | null {
  const { text } = r;
  const p1 = r.prevAdj(t, 1);
  let n1 = r.nextAdj(t, 1);
  // A stamp on a line of its own ("MẬT\nBÁO CÁO …") does not run on into the next line;
  // hard-wrapped prose ("… thay đổi mật\nkhẩu …") has words before it on its line.
  if (n1 && text.slice(t.e, n1.s).includes('\n') && r.edge(t, -1)) n1 = null;
  // 1. tuyệt mật
  if (p1 && (p1.key === 'tuyệt' || p1.key === 'tuyet')) return span(text, p1.s, t.e, 'tuyet-mat');
  // 2. benign continuation
  if (n1 && BENIGN_NEXT_SET.has(n1.key)) return null;
  // 3. tối mật
  if (p1 && p1.key === 'tối') return span(text, p1.s, t.e, 'toi-mat');
  // 4. bí mật …
  if (p1 && p1.key === 'bí') {
    if (!n1) return null;
    const n2 = r.nextAdj(t, 2);
    if (!n2) return null;
    if (n1.key === 'nhà' && n2.key === 'nước') return span(text, p1.s, n2.e, 'state-secret');
    if (n1.key === 'quốc' && n2.key === 'gia') return span(text, p1.s, n2.e, 'state-secret');
    if (n1.key === 'của' && n2.key === 'nhà') {
      const n3 = r.nextAdj(t, 3);
      if (n3 && n3.key === 'nước') return span(text, p1.s, n3.e, 'state-secret');
    }
    return null;
  }
  // 5. blocking word before
  if (p1 && BLOCKING_PREV_SET.has(p1.key)) return null;
  // 6. document noun before
  if (p1) {
    const firsts = DOC_NOUN_FIRSTS.get(p1.key);
    if (firsts) {
      const p2 = r.prevAdj(t, 2);
      if (p2 && firsts.has(p2.key)) return span(text, p2.s, t.e, 'classified-doc');
    }
    if (DOC_NOUNS_1.has(p1.key)) return span(text, p1.s, t.e, 'classified-doc');
  }
  // 7. urgency right after ("Mật khẩn")
  if (n1 && URGENCY_NEXT.has(n1.key)) return span(text, t.s, t.e, 'mat');
  // 8. capitals or spaced letters
  if (t.upper || t.spaced) return span(text, t.s, t.e, 'mat');
  // 9. after the label "Độ mật:"
  if (!p1) {
    const prev = r.wordBefore(t);
    if (prev && prev.key === 'mật' && /^[ \u00A0]*:[ \u00A0]*$/.test(text.slice(prev.e, t.s))) {
      const label = r.prevAdj(prev, 1);
      if (label && label.key === 'độ') return span(text, t.s, t.e, 'mat');
    }
  }
  // 10. isolated (a line break counts as an edge here, unlike for adjacency)
  if (r.edge(t, -1) && r.edge(t, 1)) return span(text, t.s, t.e, 'mat');
  return null;
}

/** Unaccented capitals: TUYET MAT, TOI MAT, BI MAT NHA NUOC, TAI LIEU MAT, … */
function judgeUnaccented(r: WordReader, t: Tok): MarkingMatch | null {
  const { text } = r;
  const p1 = r.prevAdj(t, 1);
  if (!p1 || !p1.upper) return null;
  const b1 = bare(p1.key);
  const n1 = r.nextAdj(t, 1);
  const nb1 = n1 && n1.upper ? bare(n1.key) : '';
  if (b1 === 'tuyet') return span(text, p1.s, t.e, 'tuyet-mat');
  if (nb1 === 'khau' || nb1 === 'do' || nb1 === 'ma') return null;
  if (b1 === 'toi') return span(text, p1.s, t.e, 'toi-mat');
  if (b1 === 'bi') {
    const n2 = r.nextAdj(t, 2);
    const nb2 = n2 && n2.upper ? bare(n2.key) : '';
    if (nb1 === 'nha' && nb2 === 'nuoc') return span(text, p1.s, n2!.e, 'state-secret');
    if (nb1 === 'quoc' && nb2 === 'gia') return span(text, p1.s, n2!.e, 'state-secret');
    if (nb1 === 'cua' && nb2 === 'nha') {
      const n3 = r.nextAdj(t, 3);
      if (n3 && n3.upper && bare(n3.key) === 'nuoc') return span(text, p1.s, n3.e, 'state-secret');
    }
    return null;
  }
  const p2 = r.prevAdj(t, 2);
  if (p2 && p2.upper) {
    const b2 = bare(p2.key);
    if ((b2 === 'tai' && b1 === 'lieu') || (b2 === 'van' && b1 === 'ban') || (b2 === 'ho' && b1 === 'so')) {
      return span(text, p2.s, t.e, 'classified-doc');
    }
  }
  return null;
}

/**
 * Full verification of the candidate whose `mật`/`MAT` code unit is at `pos`. Returns
 * the match (or null) and the end of the word judged, so a pass can skip hits inside it.
 */
function verify(text: string, pos: number): { match: MarkingMatch | null; tokEnd: number } {
  const r = new WordReader(text, pos);
  const t = r.wordAt(pos);
  // A word too long to judge: skip the part of it already read (keeps giant "words" linear).
  if (!t) return { match: null, tokEnd: Math.max(pos + 1, r.skipTo) };
  let match: MarkingMatch | null = null;
  if (t.key === 'mật') match = judgeAccented(r, t);
  else if (t.key === 'mat') {
    // Unaccented: only real capitals without any mark ("MAT", not "Mat"/"mat").
    if (removeIgnorables(text.slice(t.s, t.e)) === 'MAT') match = judgeUnaccented(r, t);
  } else if (t.key.includes('mật')) {
    const level = compoundLevel(t.key);
    if (level) match = span(text, t.s, t.e, level);
  }
  return { match, tokEnd: t.e };
}

// ─── Candidate passes ────────────────────────────────────────────────────────────────────

const REJECT = 0;
const SLOW = 1;

const NO_WORD = -1;
const UNSURE_WORD = -2;

/**
 * For the fast path: where the word adjacent before position `s` ends, skipping a soft
 * gap (spaces, NBSP, underscores, one line break). NO_WORD when there is certainly none
 * (punctuation, digits, a blank line, text start), UNSURE_WORD when the cheap check
 * cannot tell.
 */
function prevWordEnd(text: string, s: number): number {
  let breaks = 0;
  for (let j = s - 1; ; j--) {
    if (j < 0) return NO_WORD;
    if (s - j > 24) return UNSURE_WORD;
    const c = text.charCodeAt(j);
    if (c === 0x20 || c === 0xa0 || c === 0x5f) continue;
    if (c === 0x0a) {
      if (++breaks > 1) return NO_WORD;
      continue;
    }
    if (c === 0x0d) {
      if (text.charCodeAt(j + 1) === 0x0a) continue;
      return NO_WORD;
    }
    const k = classify(c);
    if (k === WORD) return j + 1;
    return k === NONWORD ? NO_WORD : UNSURE_WORD;
  }
}

/**
 * Fast path for an NFC "mật" whose 'm' is at s and 'ậ'/'Ậ' at s+1. Returns REJECT only for
 * cases the full grammar also rejects; everything else goes to verify(). Neighbour words
 * are compared as raw slices against case variants of the word lists.
 */
function fastNfc(text: string, s: number): number {
  const before = s > 0 ? text.charCodeAt(s - 1) : -1;
  if (classify(before) !== NONWORD) return SLOW; // glued ("TUYỆTMẬT") or unusual
  const t = text.charCodeAt(s + 2);
  if (t !== 0x74 && t !== 0x54) return classify(t) === WORD ? REJECT : SLOW; // "mậu", "Mậu"
  const after = s + 3 < text.length ? text.charCodeAt(s + 3) : -1;
  if (classify(after) !== NONWORD) return SLOW;
  // `mật` is a word on its own here.
  const pe = prevWordEnd(text, s);
  if (pe === UNSURE_WORD) return SLOW;
  // The last letter of P1 tells cheaply whether P1 can be tuyệt/tuyet (…t) or bí (…í); a
  // one-letter P1 may end a run of spaced letters, whose merged word ends the same way.
  const last = pe >= 0 ? text.charCodeAt(pe - 1) : 0;
  const maybeTuyet = last === 0x74 || last === 0x54;
  const maybeBi = last === 0xed || last === 0xcd;
  if (after === 0x20) {
    // "mật khẩu" is by far the most common case: recognise it without building a string.
    const w = startsWord(text, s + 4, 'khẩu') || startsWord(text, s + 4, 'KHẨU') ? 'khẩu' : wordForward(text, s + 4);
    if (w !== null && w.length >= 2) {
      if (w === 'khẩu' || BENIGN_NEXT_FORMS.has(w)) {
        // Rule 2 (benign N1) rejects, unless rule 1 (P1 = tuyệt) comes first.
        if (!maybeTuyet) return REJECT;
        const p = wordBackward(text, pe);
        if (p === null || p.length < 2) return SLOW;
        const pl = p.toLowerCase(); // mixed case "TUYệT" is what .VnTimeH text converts to
        return pl === 'tuyệt' || pl === 'tuyet' ? SLOW : REJECT;
      }
      if (maybeBi) {
        // Rule 4: "bí mật" not followed by nhà nước / của nhà nước / quốc gia.
        const p = wordBackward(text, pe);
        if (p !== null && p.length === 2 && p.toLowerCase() === 'bí' && !STATE_NEXT.has(w.toLowerCase())) return REJECT;
      }
    }
  }
  // Rule 5 (blocking P1); a blocking word is none of tuyệt/tối/bí, so no earlier rule applies.
  if (pe >= 0 && !maybeTuyet && !maybeBi) {
    if (endsWord(text, pe, 'bảo') || endsWord(text, pe, 'BẢO')) return REJECT; // "bảo mật": second most common
    const p = wordBackward(text, pe);
    if (p !== null && BLOCKING_PREV_FORMS.has(p)) return REJECT;
  }
  return SLOW;
}

/** `word` (plain letters) starts at i and is followed by a non-word character. */
function startsWord(text: string, i: number, word: string): boolean {
  const e = i + word.length;
  return text.startsWith(word, i) && classify(e < text.length ? text.charCodeAt(e) : -1) === NONWORD;
}

/** `word` (plain letters, capitalised or not) ends at e and is preceded by a non-word character. */
function endsWord(text: string, e: number, word: string): boolean {
  const s = e - word.length;
  if (s < 0 || classify(s > 0 ? text.charCodeAt(s - 1) : -1) !== NONWORD) return false;
  if (text.startsWith(word, s)) return true;
  // Capitalised: "Bảo"
  return text.charCodeAt(s) === word.toUpperCase().charCodeAt(0) && text.startsWith(word.slice(1), s + 1);
}

const LOWER_A_CIRC_DOT = 'ậ';
const UPPER_A_CIRC_DOT = 'Ậ';

interface Sink {
  out: MarkingMatch[];
  limit: number;
}

function runVerify(text: string, pos: number, sink: Sink): number {
  const { match, tokEnd } = verify(text, pos);
  if (match) sink.out.push(match);
  return tokEnd;
}

/** Pass over precomposed ậ / Ậ. */
function passPrecomposed(text: string, ch: string, sink: Sink): void {
  let skipTo = -1;
  let i = text.indexOf(ch);
  while (i !== -1 && sink.out.length < sink.limit) {
    if (i >= skipTo) {
      const p = i > 0 ? text.charCodeAt(i - 1) : -1;
      if (p === 0x6d || p === 0x4d) {
        if (fastNfc(text, i - 1) === SLOW) skipTo = runVerify(text, i, sink);
      } else if (p === 0x20 || p === 0xa0 || p === 0x2e || p === 0x2d || classify(p) === UNSURE) {
        // Spaced letters ("M Ậ T") or invisible characters inside the word.
        skipTo = runVerify(text, i, sink);
      }
    }
    i = text.indexOf(ch, i + 1);
  }
}

/** Pass over a combining mark for decomposed input (a + U+0323 + U+0302 and variants). */
function passCombining(text: string, mark: string, bases: string, sink: Sink): void {
  let skipTo = -1;
  let i = text.indexOf(mark);
  while (i !== -1 && sink.out.length < sink.limit) {
    if (i >= skipTo && i > 0) {
      let b = text[i - 1];
      // a + U+0302 + U+0323 (non-canonical order) also reaches here via the U+0323 pass.
      if ((b === '\u0302' || b === '\u0323') && i > 1) b = text[i - 2];
      if (bases.includes(b)) skipTo = runVerify(text, i, sink);
    }
    i = text.indexOf(mark, i + 1);
  }
}

/** Pass over unaccented capitals "MAT". */
function passUnaccented(text: string, sink: Sink): void {
  let skipTo = -1;
  let i = text.indexOf('MAT');
  while (i !== -1 && sink.out.length < sink.limit) {
    if (i >= skipTo) {
      const kb = classify(i > 0 ? text.charCodeAt(i - 1) : -1);
      const ka = classify(i + 3 < text.length ? text.charCodeAt(i + 3) : -1);
      // FORMAT, MATERIAL, AUTOMATIC: part of a longer word.
      if (kb !== WORD && ka !== WORD) skipTo = runVerify(text, i, sink);
    }
    i = text.indexOf('MAT', i + 1);
  }
}

function builtinMatches(text: string, limit: number): MarkingMatch[] {
  const sink: Sink = { out: [], limit };
  passPrecomposed(text, LOWER_A_CIRC_DOT, sink);
  const s2: Sink = { out: [], limit };
  passPrecomposed(text, UPPER_A_CIRC_DOT, s2);
  const s3: Sink = { out: [], limit };
  passCombining(text, '\u0323', 'aAâÂ', s3);
  passCombining(text, '\u0302', 'ạẠ', s3);
  const s4: Sink = { out: [], limit };
  passUnaccented(text, s4);
  return [...sink.out, ...s2.out, ...s3.out, ...s4.out];
}

/**
 * The slow reference: every candidate code unit verified by the full grammar, no fast
 * path, no skipping. Tests check findMarkings() against it.
 */
export function findMarkingsReference(text: string): MarkingMatch[] {
  const out: MarkingMatch[] = [];
  const seen = new Set<number>();
  const re = /[ậẬ\u0323\u0302]|MAT/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const { match } = verify(text, m.index);
    if (match && !seen.has(match.index * 8 + levelRank(match.level))) {
      seen.add(match.index * 8 + levelRank(match.level));
      out.push(match);
    }
  }
  return sortDedupe(out, Infinity);
}

const LEVEL_RANK: Record<MarkingLevel, number> = {
  mat: 0,
  'toi-mat': 1,
  'tuyet-mat': 2,
  'state-secret': 3,
  'classified-doc': 4,
  custom: 5,
};
function levelRank(l: MarkingLevel): number {
  return LEVEL_RANK[l];
}

function sortDedupe(list: MarkingMatch[], limit: number): MarkingMatch[] {
  list.sort((a, b) => a.index - b.index || b.length - a.length || levelRank(a.level) - levelRank(b.level));
  const out: MarkingMatch[] = [];
  for (const m of list) {
    const last = out[out.length - 1];
    if (last && last.index === m.index && last.length === m.length && last.level === m.level) continue;
    out.push(m);
    if (out.length >= limit) break;
  }
  return out;
}

// ─── Custom markings ─────────────────────────────────────────────────────────────────────

const MAX_PATTERN_LENGTH = 2000;

function escapeRegExp(s: string): string {
  // Only syntax characters: with the `u` flag any other escape ("\\-") is an error.
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Every way one NFC character can be written: precomposed, fully decomposed (both orders
 * of two marks), and half-composed ("â" + U+0323, "ạ" + U+0302).
 */
function charForms(ch: string): string[] {
  const forms = new Set<string>([ch]);
  const nfd = ch.normalize('NFD');
  if (nfd !== ch) {
    forms.add(nfd);
    const base = nfd[0];
    const marks = [...nfd.slice(1)];
    if (marks.length === 2) {
      forms.add(base + marks[1] + marks[0]);
      for (const [first, second] of [
        [marks[0], marks[1]],
        [marks[1], marks[0]],
      ]) {
        const half = (base + first).normalize('NFC');
        if (half.length === 1) forms.add(half + second);
      }
    }
  }
  return [...forms].filter((f) => f.normalize('NFC') === ch);
}

function phraseSource(phrase: string): string {
  const nfc = phrase.normalize('NFC').replace(/\s+/g, ' ').trim();
  let src = '';
  for (const ch of nfc) {
    if (ch === ' ') {
      src += '[\\s_]+';
      continue;
    }
    const forms = charForms(ch);
    src += forms.length === 1 ? escapeRegExp(forms[0]) : `(?:${forms.map(escapeRegExp).join('|')})`;
  }
  const lastCh = [...nfc].pop()!;
  const wordy = (s: string) => /[\p{L}\p{N}]/u.test(s);
  // Whole words only, like the built-ins: "mật" inside "mậtx" is not the phrase. The start
  // boundary is checked in customMatches(), not with a lookbehind: Outlook's JavaScript-only
  // runtime (classic Outlook on Windows) is ES2016 and cannot compile `(?<!…)`.
  const post = wordy(lastCh) ? '(?![\\p{L}\\p{M}\\p{N}])' : '';
  return src + post;
}


/**
 * Compiles the admin's extra markings. Each entry is either
 *  - a plain phrase, matched as whole words, case-insensitively and in any Unicode form
 *    (NFC, NFD, half-composed); whitespace in the phrase matches any run of whitespace; or
 *  - "/pattern/flags": an RE2 pattern run by re2js, i.e. in linear time whatever the
 *    pattern (no backreferences or lookaround). Flags: i, m, s (u and g are accepted and
 *    ignored). Patterns that can match empty text are rejected: they would "match"
 *    everywhere.
 * Invalid entries are reported (Vietnamese and English) and skipped; the others still work.
 */
export function compileCustomMarkings(list: string[]): { markings: CustomMarkings; errors: CustomMarkingError[] } {
  const errors: CustomMarkingError[] = [];
  const phraseSources: string[] = [];
  const patterns: RE2JS[] = [];
  list.forEach((entry, index) => {
    if (typeof entry !== 'string' || entry.trim() === '') {
      errors.push({ index, message_vi: 'mục rỗng', message_en: 'empty entry' });
      return;
    }
    const slash = parseSlashPattern(entry);
    if (!slash) {
      const src = phraseSource(entry);
      try {
        new RegExp(src, 'giu');
      } catch {
        errors.push({ index, message_vi: 'cụm từ không dùng được', message_en: 'phrase cannot be used' });
        return;
      }
      phraseSources.push(src);
      return;
    }
    if (slash.source.length > MAX_PATTERN_LENGTH) {
      errors.push({
        index,
        message_vi: `biểu thức quá dài (tối đa ${MAX_PATTERN_LENGTH} ký tự)`,
        message_en: `pattern too long (at most ${MAX_PATTERN_LENGTH} characters)`,
      });
      return;
    }
    const compiled = compileLinear(slash.source, slash.flags);
    if (!compiled.ok) {
      errors.push({ index, message_vi: compiled.error.message_vi, message_en: compiled.error.message_en });
      return;
    }
    const re = compiled.re;
    if (matchesEmpty(re)) {
      errors.push({
        index,
        message_vi: 'biểu thức khớp với chuỗi rỗng nên sẽ khớp ở mọi nơi',
        message_en: 'pattern matches empty text, so it would match everywhere',
      });
      return;
    }
    patterns.push(re);
  });
  const impl: CustomMarkingsImpl = {
    size: phraseSources.length + patterns.length,
    phrases: phraseSources.length ? new RegExp(phraseSources.join('|'), 'giu') : null,
    patterns,
  };
  return { markings: impl as unknown as CustomMarkings, errors };
}

function matchesEmpty(re: RE2JS): boolean {
  for (const probe of ['', ' ', 'a', 'a b', '\n']) {
    const m = re.matcher(probe);
    let guard = 0;
    while (m.find() && guard++ < 8) if (m.end() === m.start()) return true;
  }
  return false;
}

/**
 * Custom matches kept per entry kind. Evidence needs a handful; an admin pattern that
 * matches every few characters of a megabyte must not cost a match object (and a DFA
 * restart) each time.
 */
const MAX_CUSTOM_MATCHES = 1000;
const WORD_START = /^[\p{L}\p{N}]/u;
// The last code point before the match (a surrogate pair is two UTF-16 units).
const WORD_BEFORE = /[\p{L}\p{M}\p{N}]$/u;

function customMatches(text: string, custom: CustomMarkingsImpl, requested: number): MarkingMatch[] {
  const out: MarkingMatch[] = [];
  const limit = Math.min(requested, MAX_CUSTOM_MATCHES);
  if (custom.phrases) {
    const re = custom.phrases;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (out.length < limit && (m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      // Start-of-word boundary (see phraseSource): a phrase starting with a letter or digit
      // must not start inside a word. Retry one character later.
      if (WORD_START.test(m[0]) && m.index > 0 && WORD_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push({ index: m.index, length: m[0].length, level: 'custom', text: m[0] });
    }
  }
  if (custom.patterns.length) {
    // RE2 has no notion of canonical equivalence: also run on an NFC copy when the text
    // has combining marks, and map the offsets back.
    const mapped = /[\u0300-\u036f]/.test(text) ? nfcWithMap(text) : null;
    for (const re of custom.patterns) {
      const before = out.length;
      for (const sp of findAllLinear(re, text, limit)) {
        out.push({ index: sp.index, length: sp.length, level: 'custom', text: text.slice(sp.index, sp.index + sp.length) });
      }
      if (mapped && mapped.text !== text && out.length - before < limit) {
        for (const sp of findAllLinear(re, mapped.text, limit)) {
          const s = mapped.toOriginal(sp.index);
          const e = Math.max(s + 1, mapped.toOriginal(sp.index + sp.length));
          out.push({ index: s, length: e - s, level: 'custom', text: text.slice(s, e) });
        }
      }
    }
  }
  return out;
}

// ─── Public API ──────────────────────────────────────────────────────────────────────────

/**
 * All classified markings in `text` (built-in grammar above, plus the admin's custom
 * markings), sorted by position. Overlapping matches of different kinds are all kept.
 */
export function findMarkings(text: string, custom?: CustomMarkings, opts?: FindMarkingsOptions): MarkingMatch[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const limit = opts?.limit === undefined ? Infinity : Math.max(0, Math.floor(opts.limit));
  if (limit === 0) return [];
  const found = builtinMatches(text, limit);
  const c = custom as unknown as CustomMarkingsImpl | undefined;
  if (c && c.size > 0) found.push(...customMatches(text, c, limit));
  return sortDedupe(found, limit);
}

/**
 * A one-line excerpt of `text` around [index, index+length): whitespace collapsed, trimmed,
 * with "…" where the text was cut. Never splits a surrogate pair or separates a letter
 * from its combining marks.
 */
export function excerptAround(text: string, index: number, length: number, radius = 40): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  const n = text.length;
  const at = Math.min(Math.max(0, Math.floor(index) || 0), n);
  const len = Math.max(0, Math.floor(length) || 0);
  const r = Math.max(0, Math.floor(radius) || 0);
  let s = Math.max(0, at - r);
  let e = Math.min(n, at + len + r);
  // Prefer cutting at a space when one is near, so words are not chopped.
  if (s > 0) {
    const sp = text.lastIndexOf(' ', s);
    if (sp >= 0 && s - sp <= 12 && sp < at) s = sp + 1;
  }
  if (e < n) {
    const sp = text.indexOf(' ', e);
    if (sp >= 0 && sp - e <= 12) e = sp;
  }
  s = safeStart(text, s);
  e = safeEnd(text, e);
  const body = singleLine(text.slice(s, e));
  return (s > 0 ? '…' : '') + body + (e < n ? '…' : '');
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
const MARK_AT = /^[\p{M}\u200C\u200D]/u;

/** Moves a cut start back so it does not fall inside a surrogate pair or before marks. */
function safeStart(text: string, s: number): number {
  while (s > 0 && (isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1)) || MARK_AT.test(text.slice(s, s + 1)))) s--;
  return s;
}

/** Moves a cut end forward so it keeps a whole surrogate pair and trailing marks. */
function safeEnd(text: string, e: number): number {
  const n = text.length;
  while (e < n && ((isLow(text.charCodeAt(e)) && e > 0 && isHigh(text.charCodeAt(e - 1))) || MARK_AT.test(text.slice(e, e + 1)))) e++;
  return e;
}
