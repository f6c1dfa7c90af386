/**
 * HTML -> plain text without a DOM.
 *
 * Why not DOMParser: Outlook's JavaScript-only runtime (Smart Alerts) and service workers
 * have no DOM, and the rules only need the text a reader would see. Why not a regex
 * soup: mail HTML is hostile input (unclosed tags, megabytes of `<`), so this is a single
 * forward scan where every character is looked at a bounded number of times: linear time,
 * no backtracking regexes, no recursion.
 *
 * Decisions:
 * - script/style/title/template content is dropped (never rendered by mail clients;
 *   <title> is the only text a <head> holds). We do NOT drop "everything up to </head>":
 *   browsers end <head> at the first body content, so a sloppy or hostile message could
 *   otherwise hide visible text from the checks.
 * - `alt` of <img>/<area>/<input type=image> is kept: a scanned "MẬT" stamp is often an
 *   image whose alt text is the only textual trace. `title` (tooltips) is not kept.
 * - Whitespace collapses like CSS `white-space: normal` (except inside <pre>/<textarea>);
 *   block elements and <br> become newlines, table cells are separated by tabs.
 * - NBSP becomes a plain space so phrase matching ("ĐỘ MẬT") works.
 */

// HTML 4 entity set + the Vietnamese letters HTML5 names (Ă ă Đ đ Ĩ ĩ Ũ ũ).
const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const OTHER_ENTITIES: Record<string, number> = {
  quot: 34, amp: 38, apos: 39, lt: 60, gt: 62, Tab: 9, NewLine: 10,
  QUOT: 34, AMP: 38, LT: 60, GT: 62, COPY: 169, REG: 174,
  Abreve: 0x102, abreve: 0x103, Dstrok: 0x110, dstrok: 0x111, Itilde: 0x128, itilde: 0x129,
  Utilde: 0x168, utilde: 0x169,
  OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402, circ: 710, tilde: 732,
  ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207,
  ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221,
  bdquo: 8222, dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230, permil: 8240, prime: 8242,
  Prime: 8243, lsaquo: 8249, rsaquo: 8250, oline: 8254, frasl: 8260, euro: 8364, image: 8465,
  weierp: 8472, real: 8476, trade: 8482, alefsym: 8501, larr: 8592, uarr: 8593, rarr: 8594,
  darr: 8595, harr: 8596, crarr: 8629, lArr: 8656, uArr: 8657, rArr: 8658, dArr: 8659, hArr: 8660,
  forall: 8704, part: 8706, exist: 8707, empty: 8709, nabla: 8711, isin: 8712, notin: 8713,
  ni: 8715, prod: 8719, sum: 8721, minus: 8722, lowast: 8727, radic: 8730, prop: 8733,
  infin: 8734, ang: 8736, and: 8743, or: 8744, cap: 8745, cup: 8746, int: 8747, there4: 8756,
  sim: 8764, cong: 8773, asymp: 8776, ne: 8800, equiv: 8801, le: 8804, ge: 8805, sub: 8834,
  sup: 8835, nsub: 8836, sube: 8838, supe: 8839, oplus: 8853, otimes: 8855, perp: 8869,
  sdot: 8901, lceil: 8968, rceil: 8969, lfloor: 8970, rfloor: 8971, lang: 0x27e8, rang: 0x27e9,
  loz: 9674, spades: 9824, clubs: 9827, hearts: 9829, diams: 9830,
  thetasym: 977, upsih: 978, piv: 982, sigmaf: 962,
};

const GREEK_UPPER = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho _ Sigma Tau Upsilon Phi Chi Psi Omega';
const GREEK_LOWER = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega';

const NAMED = new Map<string, string>();
/** Entities HTML also recognises without the trailing ';' (the Latin-1 legacy set). */
const LEGACY_NO_SEMICOLON = new Set<string>(['amp', 'lt', 'gt', 'quot', 'AMP', 'LT', 'GT', 'QUOT', 'COPY', 'REG']);
{
  LATIN1_NAMES.split(' ').forEach((name, i) => {
    NAMED.set(name, String.fromCharCode(160 + i));
    LEGACY_NO_SEMICOLON.add(name);
  });
  for (const name in OTHER_ENTITIES) NAMED.set(name, String.fromCodePoint(OTHER_ENTITIES[name]));
  GREEK_UPPER.split(' ').forEach((name, i) => {
    if (name !== '_') NAMED.set(name, String.fromCharCode(913 + i));
  });
  GREEK_LOWER.split(' ').forEach((name, i) => NAMED.set(name, String.fromCharCode(945 + i)));
}

// HTML maps numeric references in 0x80–0x9F through windows-1252 (WHATWG "numeric
// character reference end state"), because that is what legacy pages meant.
const C1_TO_CP1252: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x2c6, 0x89: 0x2030, 0x8a: 0x160, 0x8b: 0x2039, 0x8c: 0x152, 0x8e: 0x17d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x2dc,
  0x99: 0x2122, 0x9a: 0x161, 0x9b: 0x203a, 0x9c: 0x153, 0x9e: 0x17e, 0x9f: 0x178,
};

function codePointToString(cp: number): string {
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
  if (cp >= 0x80 && cp <= 0x9f) return String.fromCharCode(C1_TO_CP1252[cp] ?? cp);
  return String.fromCodePoint(cp);
}

// Bounded repetition keeps every match short: a hostile "&#99999…" cannot make one match
// scan far, and the regex has no nested quantifiers (linear).
const ENTITY_RE = /&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([a-zA-Z][a-zA-Z0-9]{0,31}))(;?)/g;

/**
 * Decode HTML character references (named, decimal, hex). Unknown names stay literal.
 * `inAttribute`: legacy no-semicolon names are not expanded before [=A-Za-z0-9] there,
 * as in browsers (so `href="?a=1&copy=2"` keeps "&copy").
 */
export function decodeHtmlEntities(s: string, inAttribute = false): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY_RE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined, semi: string, offset: number) => {
    if (hex !== undefined) return codePointToString(parseInt(hex, 16));
    if (dec !== undefined) return codePointToString(parseInt(dec, 10));
    const n = name as string;
    if (semi) {
      const v = NAMED.get(n);
      if (v !== undefined) return v;
    }
    if (!inAttribute && LEGACY_NO_SEMICOLON.has(n)) return NAMED.get(n)! + semi;
    // Without ';' HTML expands the longest legacy name that prefixes the run ("&copy2024").
    for (let len = Math.min(n.length, 6); len >= 2; len--) {
      const prefix = n.slice(0, len);
      if (!LEGACY_NO_SEMICOLON.has(prefix)) continue;
      if (inAttribute) {
        const next = len < n.length ? n.charAt(len) : s.charAt(offset + whole.length);
        if (len < n.length || next === '=') return whole;
      }
      return NAMED.get(prefix)! + n.slice(len) + semi;
    }
    return whole;
  });
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog',
  'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu',
  'nav', 'ol', 'optgroup', 'option', 'p', 'plaintext', 'pre', 'section', 'summary', 'table', 'tbody',
  'tfoot', 'thead', 'tr', 'ul', 'xmp',
]);
const CELL_TAGS = new Set(['td', 'th']);
/** Elements whose content is raw text up to the matching end tag and is not shown. */
const DROPPED_RAW = new Set(['script', 'style', 'title', 'template', 'noembed', 'noframes', 'iframe', 'xml']);
/** Raw-text elements whose content IS shown (RCDATA/raw, no tags inside). */
const SHOWN_RAW = new Set(['textarea', 'xmp', 'plaintext']);
const PRE_TAGS = new Set(['pre', 'listing', 'textarea', 'xmp', 'plaintext']);
const ALT_TAGS = new Set(['img', 'area', 'input']);

const endTagRegexCache = new Map<string, RegExp>();
function endTagRegex(name: string): RegExp {
  let re = endTagRegexCache.get(name);
  if (!re) {
    re = new RegExp(`</${name}(?=[\\s/>])`, 'gi');
    endTagRegexCache.set(name, re);
  }
  return re;
}

function trimEndWs(s: string): string {
  let e = s.length;
  while (e > 0) {
    const c = s.charCodeAt(e - 1);
    if (c === 32 || c === 9 || c === 13 || c === 10 || c === 12) e--;
    else break;
  }
  return e === s.length ? s : s.slice(0, e);
}

function isAsciiAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isHtmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/** Collects output with CSS-like whitespace collapsing. */
class TextSink {
  private out: string[] = [];
  private atLineStart = true;
  private pendingSpace = false;
  private lastWasCell = false;
  preDepth = 0;

  text(raw: string): void {
    if (!raw) return;
    let s = decodeHtmlEntities(raw).replace(/\u00a0/g, ' ');
    if (this.preDepth > 0) {
      if (this.pendingSpace && !this.atLineStart) this.out.push(' ');
      this.pendingSpace = false;
      s = s.replace(/\r\n?/g, '\n');
      this.out.push(s);
      this.atLineStart = s.endsWith('\n');
      this.lastWasCell = false;
      return;
    }
    // Collapse ASCII whitespace runs (not other Unicode spaces, like CSS).
    const collapsed = s.replace(/[ \t\n\f\r]+/g, ' ');
    if (collapsed === ' ') {
      this.pendingSpace = true;
      return;
    }
    let start = 0;
    let end = collapsed.length;
    if (collapsed.charCodeAt(0) === 32) {
      this.pendingSpace = true;
      start = 1;
    }
    const trailing = collapsed.charCodeAt(end - 1) === 32;
    if (trailing) end--;
    if (this.pendingSpace && !this.atLineStart && !this.lastWasCell) this.out.push(' ');
    this.out.push(start === 0 && end === collapsed.length ? collapsed : collapsed.slice(start, end));
    this.atLineStart = false;
    this.lastWasCell = false;
    this.pendingSpace = trailing;
  }

  /** Make sure what follows starts a new line (block boundary). */
  block(): void {
    if (!this.atLineStart) this.out.push('\n');
    this.atLineStart = true;
    this.pendingSpace = false;
    this.lastWasCell = false;
  }

  /** <br>: always a line break, even on an empty line. */
  lineBreak(): void {
    this.out.push('\n');
    this.atLineStart = true;
    this.pendingSpace = false;
    this.lastWasCell = false;
  }

  cell(): void {
    if (!this.atLineStart && !this.lastWasCell) {
      this.out.push('\t');
      this.lastWasCell = true;
    }
    this.pendingSpace = false;
  }

  result(): string {
    // Trim each line with a loop rather than /[ \t]+\n/: that regex is quadratic on a long
    // run of spaces with no newline after it (possible inside <pre>). (No String#trimEnd:
    // ES2019, and classic Outlook's runtime is ES2016.)
    const lines = this.out.join('').split('\n');
    for (let k = 0; k < lines.length; k++) lines[k] = trimEndWs(lines[k]);
    return trimEndWs(lines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, ''));
  }
}

/**
 * Parse the attributes of a start tag beginning at `p` (just after the tag name).
 * Returns the index just past '>' (or html.length when the tag never closes) and the
 * `alt`/`type` values when asked for. Follows the HTML tokenizer's attribute states, so a
 * quote only opens a value right after '=' (`<p title=a"b>` is one unquoted value).
 */
function scanAttributes(html: string, p: number, wantAlt: boolean): { end: number; selfClosing: boolean; alt?: string; type?: string } {
  const n = html.length;
  let alt: string | undefined;
  let type: string | undefined;
  let selfClosing = false;
  while (p < n) {
    let c = html.charCodeAt(p);
    if (isHtmlSpace(c)) {
      p++;
      continue;
    }
    if (c === 62 /* > */) return { end: p + 1, selfClosing, alt, type };
    if (c === 47 /* / */) {
      selfClosing = html.charCodeAt(p + 1) === 62;
      p++;
      continue;
    }
    selfClosing = false;
    // attribute name
    const nameStart = p;
    p++;
    while (p < n) {
      c = html.charCodeAt(p);
      if (isHtmlSpace(c) || c === 47 || c === 62 || c === 61 /* = */) break;
      p++;
    }
    const nameEnd = p;
    while (p < n && isHtmlSpace(html.charCodeAt(p))) p++;
    if (html.charCodeAt(p) !== 61) continue; // attribute without value
    p++;
    while (p < n && isHtmlSpace(html.charCodeAt(p))) p++;
    let valueStart: number;
    let valueEnd: number;
    c = html.charCodeAt(p);
    if (c === 34 || c === 39) {
      const close = html.indexOf(c === 34 ? '"' : "'", p + 1);
      valueStart = p + 1;
      valueEnd = close < 0 ? n : close;
      p = close < 0 ? n : close + 1;
    } else {
      valueStart = p;
      while (p < n) {
        c = html.charCodeAt(p);
        if (isHtmlSpace(c) || c === 62) break;
        p++;
      }
      valueEnd = p;
    }
    if (wantAlt && nameEnd - nameStart <= 4) {
      const name = html.slice(nameStart, nameEnd).toLowerCase();
      if (name === 'alt') alt = decodeHtmlEntities(html.slice(valueStart, valueEnd), true);
      else if (name === 'type') type = html.slice(valueStart, valueEnd).toLowerCase();
    }
  }
  return { end: n, selfClosing, alt, type };
}

/**
 * Where markup can start: '<' followed by a letter, '/', '!' or '?'. Any other '<' is text.
 * Finding these with one regex scan (instead of visiting every '<') keeps "1 MiB of <" a
 * single linear pass inside the regex engine rather than a million loop iterations.
 */
const MARKUP_START = /<[!?/A-Za-z]/g;

export function htmlToText(html: string): string {
  const sink = new TextSink();
  const n = html.length;
  let i = 0;
  let textStart = 0;
  const markup = new RegExp(MARKUP_START); // own lastIndex: htmlToText may be re-entered
  while (i < n) {
    markup.lastIndex = i;
    const found = markup.exec(html);
    if (!found) break;
    const lt = found.index;
    const c1 = html.charCodeAt(lt + 1);
    // "<!--", "<!DOCTYPE", "<![CDATA[", "<![if …]>" (Word's downlevel-revealed comments)
    if (c1 === 33 /* ! */) {
      sink.text(html.slice(textStart, lt));
      if (html.startsWith('<!--', lt)) {
        // "<!-->" and "<!--->" close at once (HTML "abrupt closing of empty comment").
        let close: number;
        if (html.charCodeAt(lt + 4) === 62) close = lt + 5;
        else if (html.startsWith('->', lt + 4)) close = lt + 6;
        else {
          const e = html.indexOf('-->', lt + 4);
          close = e < 0 ? n : e + 3;
        }
        i = textStart = close;
      } else {
        const gt = html.indexOf('>', lt + 2);
        i = textStart = gt < 0 ? n : gt + 1;
      }
      continue;
    }
    if (c1 === 63 /* ? */) {
      // Processing instruction / XML declaration: a bogus comment in HTML.
      sink.text(html.slice(textStart, lt));
      const gt = html.indexOf('>', lt + 2);
      i = textStart = gt < 0 ? n : gt + 1;
      continue;
    }
    const isEnd = c1 === 47; /* / */
    const nameStart = isEnd ? lt + 2 : lt + 1;
    if (!isAsciiAlpha(html.charCodeAt(nameStart))) {
      if (isEnd) {
        // "</>" is dropped, "</3…>" is a bogus comment.
        sink.text(html.slice(textStart, lt));
        const gt = html.indexOf('>', lt + 2);
        i = textStart = gt < 0 ? n : gt + 1;
      } else {
        i = lt + 1; // a literal '<' ("a < b", "<<<<")
      }
      continue;
    }
    sink.text(html.slice(textStart, lt));
    let p = nameStart + 1;
    while (p < n) {
      const c = html.charCodeAt(p);
      if (isHtmlSpace(c) || c === 47 || c === 62) break;
      p++;
    }
    const name = html.slice(nameStart, p).toLowerCase();
    const attrs = scanAttributes(html, p, !isEnd && ALT_TAGS.has(name));
    i = textStart = attrs.end;

    if (isEnd) {
      if (PRE_TAGS.has(name) && sink.preDepth > 0) sink.preDepth--;
      if (name === 'br') sink.lineBreak(); // browsers treat </br> as <br>
      else if (BLOCK_TAGS.has(name)) sink.block();
      else if (CELL_TAGS.has(name)) sink.cell();
      continue;
    }

    if (name === 'br') {
      sink.lineBreak();
      continue;
    }
    if (BLOCK_TAGS.has(name)) sink.block();
    else if (CELL_TAGS.has(name)) sink.cell();

    if (ALT_TAGS.has(name) && attrs.alt && (name !== 'input' || attrs.type === 'image')) {
      sink.text(` ${attrs.alt} `);
    }

    if ((DROPPED_RAW.has(name) || SHOWN_RAW.has(name)) && !attrs.selfClosing) {
      // Raw text: no tags inside, runs to the matching end tag (or to the end of input,
      // as in browsers). Each search starts where the previous one stopped: linear.
      const re = endTagRegex(name);
      re.lastIndex = i;
      const m = name === 'plaintext' ? null : re.exec(html);
      const contentEnd = m ? m.index : n;
      if (SHOWN_RAW.has(name)) {
        sink.block(); // a form field is its own box
        sink.preDepth++;
        sink.text(html.slice(i, contentEnd));
        sink.preDepth--;
        sink.block();
      }
      if (m) {
        const gt = html.indexOf('>', contentEnd);
        i = textStart = gt < 0 ? n : gt + 1;
      } else {
        i = textStart = n;
      }
      continue;
    }
    if (PRE_TAGS.has(name)) sink.preDepth++;
  }
  if (textStart < n) sink.text(html.slice(textStart));
  return sink.result();
}
