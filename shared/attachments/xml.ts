/**
 * A forward-only XML tokenizer for pulling text out of OOXML / ODF parts.
 *
 * Why not a DOM or a SAX library: a 20 MiB word/document.xml must be read in well under a
 * second inside a content script; building an object tree (mammoth, xmldom) costs several
 * times that and the memory of the tree. We only need element names (local part, prefix
 * ignored so Strict OOXML and odd prefixes work), a few attributes and character data, so
 * this is one linear pass of indexOf/charCodeAt over the decoded string. It never builds
 * a tree, never recurses, never expands DTD entities (no billion-laughs), and on malformed
 * input it stops at the broken spot instead of guessing.
 */

import { trimEndWs } from './encoding.ts';

export interface XmlVisitor {
  /** Set to true to stop the walk (e.g. text budget reached). */
  stop?: boolean;
  /** `attrsStart..attrsEnd` is the raw attribute text of the start tag. Self-closing tags get open() then close(). */
  open(name: string, xml: string, attrsStart: number, attrsEnd: number): void;
  close(name: string): void;
  /** Raw character data (entities not yet decoded); CDATA sections come with `raw` = true. */
  text(xml: string, start: number, end: number, raw?: boolean): void;
}

function localName(xml: string, start: number, end: number): string {
  // Names are short, so a backwards scan for ':' is cheaper than indexOf with a bound.
  for (let k = end - 1; k >= start; k--) {
    if (xml.charCodeAt(k) === 58 /* : */) return xml.slice(k + 1, end);
  }
  return xml.slice(start, end);
}

export function walkXml(xml: string, v: XmlVisitor): void {
  const n = xml.length;
  let i = 0;
  while (i < n && !v.stop) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      v.text(xml, i, n);
      return;
    }
    if (lt > i) v.text(xml, i, lt);
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt + 4);
        i = e < 0 ? n : e + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const e = xml.indexOf(']]>', lt + 9);
        v.text(xml, lt + 9, e < 0 ? n : e, true);
        i = e < 0 ? n : e + 3;
      } else {
        // <!DOCTYPE …>, possibly with an internal subset "[ … ]" holding '>' characters.
        const gt = xml.indexOf('>', lt + 2);
        const br = xml.indexOf('[', lt + 2);
        if (br >= 0 && gt >= 0 && br < gt) {
          const e = xml.indexOf(']', br);
          const gt2 = e < 0 ? -1 : xml.indexOf('>', e);
          i = gt2 < 0 ? n : gt2 + 1;
        } else {
          i = gt < 0 ? n : gt + 1;
        }
      }
      continue;
    }
    if (c === 63 /* ? */) {
      const e = xml.indexOf('?>', lt + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === 47 /* / */) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt < 0) return;
      let e = gt;
      while (e > lt + 2 && xml.charCodeAt(e - 1) <= 32) e--;
      v.close(localName(xml, lt + 2, e));
      i = gt + 1;
      continue;
    }
    let p = lt + 1;
    while (p < n) {
      const ch = xml.charCodeAt(p);
      if (ch <= 32 || ch === 47 || ch === 62) break;
      p++;
    }
    const nameEnd = p;
    // Find the closing '>' outside quoted attribute values (XML allows a raw '>' in them).
    while (p < n) {
      const ch = xml.charCodeAt(p);
      if (ch === 62) break;
      if (ch === 34 || ch === 39) {
        const q = xml.indexOf(ch === 34 ? '"' : "'", p + 1);
        if (q < 0) return; // unterminated attribute: malformed, stop here
        p = q + 1;
        continue;
      }
      p++;
    }
    if (p >= n) return;
    const selfClosing = xml.charCodeAt(p - 1) === 47;
    const name = localName(xml, lt + 1, nameEnd);
    v.open(name, xml, nameEnd, selfClosing ? p - 1 : p);
    if (selfClosing) v.close(name);
    i = p + 1;
  }
}

const XML_ENTITY_RE = /&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|(amp|lt|gt|quot|apos));/g;
const XML_NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function cp(n: number): string {
  return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : '\uFFFD';
}

export function decodeXmlEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(XML_ENTITY_RE, (_m, hex?: string, dec?: string, name?: string) =>
    hex !== undefined ? cp(parseInt(hex, 16)) : dec !== undefined ? cp(parseInt(dec, 10)) : XML_NAMED[name as string],
  );
}

const attrReCache = new Map<string, RegExp>();
/** Value of attribute `qname` (exact qualified name, e.g. "t", "r:id", "table:name") in a start tag's attribute text. */
export function getAttr(xml: string, attrsStart: number, attrsEnd: number, qname: string): string | undefined {
  let re = attrReCache.get(qname);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${qname.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrReCache.set(qname, re);
  }
  const m = re.exec(xml.slice(attrsStart, attrsEnd));
  if (!m) return undefined;
  return decodeXmlEntities(m[1] ?? m[2] ?? '');
}

/** Accumulates text up to a character limit. */
export class TextBuffer {
  private pieces: string[] = [];
  length = 0;
  truncated = false;
  constructor(readonly limit: number) {}

  push(s: string): boolean {
    if (this.truncated || !s) return !this.truncated;
    if (this.length + s.length > this.limit) {
      this.pieces.push(s.slice(0, Math.max(0, this.limit - this.length)));
      this.length = this.limit;
      this.truncated = true;
      return false;
    }
    this.pieces.push(s);
    this.length += s.length;
    return true;
  }

  /** Trailing whitespace per line trimmed, runs of blank lines collapsed. */
  toString(): string {
    return tidy(this.pieces.join(''));
  }
}

export function tidy(s: string): string {
  // Line-wise trim (linear) instead of a /[ \t]+\n/ regex (quadratic on long space runs).
  const lines = s.split('\n');
  for (let k = 0; k < lines.length; k++) lines[k] = trimEndWs(lines[k]);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '');
}

export interface XmlTextSpec {
  /** Elements whose end is a paragraph break. */
  para: ReadonlySet<string>;
  /** Elements whose character data is text; null = all character data inside `para` (ODF). */
  text: ReadonlySet<string> | null;
  tab: ReadonlySet<string>;
  br: ReadonlySet<string>;
  /** ODF <text:s/> (one or more spaces). */
  space?: ReadonlySet<string>;
  /** Subtrees to ignore (properties, field codes, duplicate fallbacks, phonetic guides). */
  skip: ReadonlySet<string>;
  /** Only collect inside these elements (e.g. style:header in ODF styles.xml); undefined = everywhere. */
  within?: ReadonlySet<string>;
  /** Elements whose text lives in an attribute: local name -> attribute qualified name. */
  attrText?: ReadonlyMap<string, string>;
}

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

/** WordprocessingML (w:) and DrawingML (a:) text in docx/pptx/xlsx drawings. */
export const OOXML_TEXT: XmlTextSpec = {
  para: set('p'),
  // delText: text deleted under track changes is still in the file the recipient gets.
  text: set('t', 'delText'),
  tab: set('tab'),
  br: set('br', 'cr'),
  // tabs/tabLst hold tab *stops* (also named "tab"); instrText is field code ("PAGE \* …");
  // mc:Fallback repeats the mc:Choice content (text boxes) for old readers.
  skip: set('tabs', 'tabLst', 'instrText', 'delInstrText', 'Fallback', 'rPh', 'pPr', 'rPr'),
};

/** OpenDocument text (text:p / text:h, with text:s, text:tab, text:line-break). */
export const ODF_TEXT: XmlTextSpec = {
  para: set('p', 'h'),
  text: null,
  tab: set('tab'),
  br: set('line-break'),
  space: set('s'),
  // Annotation author/date are not document text.
  skip: set('creator', 'date', 'note-citation'),
};

/** Extract paragraphs of text from one XML part. */
export function xmlToText(xml: string, spec: XmlTextSpec, out: TextBuffer): void {
  let inText = 0;
  let inPara = 0;
  let skipName = '';
  let skipDepth = 0;
  let within = spec.within ? 0 : 1;
  const textSet = spec.text;
  const v: XmlVisitor = {
    open(name, xml, a, b) {
      if (skipDepth > 0) {
        if (name === skipName) skipDepth++;
        return;
      }
      if (spec.within?.has(name)) within++;
      const attr = within > 0 ? spec.attrText?.get(name) : undefined;
      if (attr !== undefined) {
        const val = getAttr(xml, a, b, attr);
        if (val && !out.push(`${val}\n`)) v.stop = true;
      }
      if (spec.skip.has(name)) {
        skipName = name;
        skipDepth = 1;
        return;
      }
      if (within <= 0) return;
      if (textSet !== null && textSet.has(name)) inText++;
      else if (spec.para.has(name)) inPara++;
      else if (spec.tab.has(name)) {
        if (!out.push('\t')) v.stop = true;
      } else if (spec.br.has(name)) {
        if (!out.push('\n')) v.stop = true;
      } else if (spec.space?.has(name)) {
        if (!out.push(' ')) v.stop = true;
      }
    },
    close(name) {
      if (skipDepth > 0) {
        if (name === skipName) skipDepth--;
        return;
      }
      if (spec.within?.has(name)) {
        within--;
        return;
      }
      if (within <= 0) return;
      if (textSet !== null && textSet.has(name)) inText--;
      else if (spec.para.has(name)) {
        inPara--;
        if (!out.push('\n')) v.stop = true;
      }
    },
    text(s, a, b, raw) {
      if (skipDepth > 0 || within <= 0) return;
      if (textSet !== null ? inText > 0 : inPara > 0) {
        const t = raw ? s.slice(a, b) : decodeXmlEntities(s.slice(a, b));
        if (!out.push(textSet === null ? t.replace(/[\t\n\r ]+/g, ' ') : t)) v.stop = true;
      }
    },
  };
  walkXml(xml, v);
}

/** Text of specific simple elements (e.g. dc:title in docProps/core.xml), one per line. */
export function elementTexts(xml: string, names: ReadonlySet<string>): string[] {
  const found: string[] = [];
  let depth = 0;
  let cur: string[] = [];
  walkXml(xml, {
    open(name) {
      if (names.has(name) && depth++ === 0) cur = [];
    },
    close(name) {
      if (names.has(name) && depth > 0 && --depth === 0) {
        const t = cur.join('').trim();
        if (t) found.push(t);
      }
    },
    text(s, a, b, raw) {
      if (depth > 0) cur.push(raw ? s.slice(a, b) : decodeXmlEntities(s.slice(a, b)));
    },
  });
  return found;
}
