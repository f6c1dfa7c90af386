/**
 * Office Open XML (docx/docm/dotx, xlsx/xlsm, pptx/ppsx …) and OpenDocument (odt/ods/odp).
 *
 * Only the parts that can carry visible text are inflated; each is decoded once and read by
 * the linear scanner in xml.ts. Headers and footers come first and are labelled, because a
 * confidentiality marking ("MẬT", "TUYỆT MẬT") is stamped there or at the top of page one
 * (Thông tư 24/2020/TT-BCA on marking classified documents).
 */
import type { ExtractedSection } from '../types.ts';
import { BudgetState, ExtractStop } from './budget.ts';
import { commit, newBuffer, type Node } from './context.ts';
import { decodeUtf8 } from './encoding.ts';
import { ODF_TEXT, OOXML_TEXT, decodeXmlEntities, elementTexts, getAttr, walkXml, xmlToText, type XmlTextSpec } from './xml.ts';
import { readZipEntry, type ZipArchive, type ZipEntry } from './zip.ts';

export type ZipKind = 'docx' | 'xlsx' | 'pptx' | 'odf' | 'zip';

export class Parts {
  private byLower = new Map<string, ZipEntry>();
  constructor(
    readonly zip: ZipArchive,
    readonly budget: BudgetState,
    /** Called when one part cannot be read (damaged, oversize); the other parts still are. */
    private readonly onPartError: (path: string, err: ExtractStop) => void = (_p, err) => {
      throw err;
    },
  ) {
    for (const e of zip.entries) if (!e.isDirectory) this.byLower.set(e.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), e);
  }
  has(path: string): boolean {
    return this.byLower.has(path.toLowerCase());
  }
  /** Paths (lower-case) matching a pattern, in natural order (header2 before header10). */
  match(re: RegExp): string[] {
    return [...this.byLower.keys()].filter((k) => re.test(k)).sort(naturalCompare);
  }
  /** The decoded XML of a part; undefined when absent or unreadable. Run-wide budget stops propagate. */
  xml(path: string): string | undefined {
    const e = this.byLower.get(path.toLowerCase());
    if (!e) return undefined;
    this.budget.checkTime();
    this.budget.countEntry();
    try {
      return decodeUtf8(readZipEntry(this.zip, e, this.budget));
    } catch (err) {
      if (err instanceof ExtractStop && err.scope === 'item') {
        this.onPartError(path, err);
        return undefined;
      }
      throw err;
    }
  }
}

function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function detectZipKind(parts: Parts): ZipKind {
  if (parts.has('[Content_Types].xml')) {
    const main = officeDocumentPath(parts);
    if (main) {
      if (/(^|\/)(document|document2)\.xml$/.test(main) || main.startsWith('word/')) return 'docx';
      if (main.startsWith('xl/') || /workbook\.xml$/.test(main)) return 'xlsx';
      if (main.startsWith('ppt/') || /presentation\.xml$/.test(main)) return 'pptx';
    }
    if (parts.has('word/document.xml')) return 'docx';
    if (parts.has('xl/workbook.xml')) return 'xlsx';
    if (parts.has('ppt/presentation.xml')) return 'pptx';
  }
  if (parts.has('content.xml') && (parts.has('META-INF/manifest.xml') || parts.has('mimetype'))) return 'odf';
  return 'zip';
}

/** Target of a relationship file's entries, resolved against the source part's folder. */
function readRels(parts: Parts, relsPath: string, baseDir: string): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  const xml = parts.xml(relsPath);
  if (!xml) return out;
  walkXml(xml, {
    open(name, s, a, b) {
      if (name !== 'Relationship') return;
      const id = getAttr(s, a, b, 'Id');
      const target = getAttr(s, a, b, 'Target');
      if (!id || !target || getAttr(s, a, b, 'TargetMode') === 'External') return;
      out.set(id, { target: resolvePath(baseDir, target), type: getAttr(s, a, b, 'Type') ?? '' });
    },
    close() {},
    text() {},
  });
  return out;
}

function resolvePath(baseDir: string, target: string): string {
  const segs = (target.startsWith('/') ? target.slice(1) : baseDir + target).split('/');
  const out: string[] = [];
  for (const s of segs) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/').toLowerCase();
}

function officeDocumentPath(parts: Parts): string | undefined {
  for (const r of readRels(parts, '_rels/.rels', '').values()) {
    if (r.type.endsWith('/officeDocument')) return r.target;
  }
  return undefined;
}

function dirOf(path: string): string {
  const k = path.lastIndexOf('/');
  return k < 0 ? '' : path.slice(0, k + 1);
}

/** Run one XML part through a text spec and keep it as a part (skips absent parts). */
function scanPart(node: Node, parts: Parts, path: string, spec: XmlTextSpec, section: ExtractedSection): void {
  const xml = parts.xml(path);
  if (xml === undefined) return;
  const buf = newBuffer(node);
  xmlToText(xml, spec, buf);
  commit(node, buf, section, path);
}

/**
 * Word: VML WordArt/watermarks keep their text in an attribute (<v:textpath string="MẬT">),
 * and picture alt text (<wp:docPr descr>) is the only trace of a scanned stamp image.
 */
const DOCX_TEXT: XmlTextSpec = { ...OOXML_TEXT, attrText: new Map([['textpath', 'string'], ['docPr', 'descr']]) };

const CORE_PROPS = new Set(['title', 'subject', 'description', 'keywords', 'category', 'contentStatus']);

function properties(node: Node, parts: Parts): void {
  const xml = parts.xml('docProps/core.xml');
  if (!xml) return;
  const buf = newBuffer(node);
  buf.push(elementTexts(xml, CORE_PROPS).join('\n'));
  commit(node, buf, 'properties', 'docProps/core.xml');
}

export function extractDocx(node: Node, parts: Parts): void {
  const main = officeDocumentPath(parts) ?? 'word/document.xml';
  const dir = dirOf(main);
  const esc = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const p of parts.match(new RegExp(`^${esc}header\\d*\\.xml$`))) scanPart(node, parts, p, DOCX_TEXT, 'header');
  scanPart(node, parts, main, DOCX_TEXT, 'body');
  for (const p of parts.match(new RegExp(`^${esc}footer\\d*\\.xml$`))) scanPart(node, parts, p, DOCX_TEXT, 'footer');
  scanPart(node, parts, `${dir}footnotes.xml`, DOCX_TEXT, 'footnotes');
  scanPart(node, parts, `${dir}endnotes.xml`, DOCX_TEXT, 'endnotes');
  scanPart(node, parts, `${dir}comments.xml`, DOCX_TEXT, 'comments');
  for (const p of parts.match(new RegExp(`^${esc}(charts/chart|diagrams/data)\\d*\\.xml$`))) scanPart(node, parts, p, OOXML_TEXT, 'drawing');
  properties(node, parts);
}

export function extractPptx(node: Node, parts: Parts): void {
  const main = officeDocumentPath(parts) ?? 'ppt/presentation.xml';
  const dir = dirOf(main);
  // Slide order comes from <p:sldIdLst> in presentation.xml, not from file names
  // (slide7.xml may be shown first after reordering).
  let slides: string[] = [];
  const pres = parts.xml(main);
  if (pres) {
    const rels = readRels(parts, `${dir}_rels/${main.slice(dir.length)}.rels`, dir);
    walkXml(pres, {
      open(name, s, a, b) {
        if (name !== 'sldId') return;
        const id = getAttr(s, a, b, 'r:id');
        const t = id ? rels.get(id)?.target : undefined;
        if (t && parts.has(t)) slides.push(t);
      },
      close() {},
      text() {},
    });
  }
  const esc = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!slides.length) slides = parts.match(new RegExp(`^${esc}slides/slide\\d+\\.xml$`));
  slides.forEach((p) => scanPart(node, parts, p, OOXML_TEXT, 'slide'));
  for (const p of parts.match(new RegExp(`^${esc}notesslides/notesslide\\d+\\.xml$`))) scanPart(node, parts, p, OOXML_TEXT, 'notes');
  for (const p of parts.match(new RegExp(`^${esc}comments/[^/]+\\.xml$`))) scanPart(node, parts, p, PPT_COMMENTS, 'comments');
  // A stamp placed on the slide master shows on every slide. Layout placeholder prompts
  // ("Click to edit Master title style") are noise, so identical texts are kept once.
  const seen = new Set<string>();
  for (const p of parts.match(new RegExp(`^${esc}(slidemasters/slidemaster|slidelayouts/slidelayout)\\d+\\.xml$`))) {
    const xml = parts.xml(p);
    if (!xml) continue;
    const buf = newBuffer(node);
    xmlToText(xml, OOXML_TEXT, buf);
    const t = buf.toString();
    if (seen.has(t)) continue;
    seen.add(t);
    commit(node, buf, 'master', p);
  }
  properties(node, parts);
}

const PPT_COMMENTS: XmlTextSpec = { ...OOXML_TEXT, para: new Set(['p', 'cm']), text: new Set(['t', 'text']) };

/** Excel header/footer codes: &L &C &R sections, &P page, &"Font,Bold", &12 size, && = '&'. */
export function stripHeaderFooterCodes(s: string): string {
  return s
    .replace(/&&|&"[^"]*"|&K[0-9A-Fa-f+-]{6}|&\d{1,3}|&[LCRPNDTFAZGBIUESXYH]/g, (m) => (m === '&&' ? '&' : m === '&L' || m === '&C' || m === '&R' ? '\n' : ''))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

function sharedStrings(parts: Parts, path: string): string[] {
  const xml = parts.xml(path);
  const out: string[] = [];
  if (!xml) return out;
  let cur: string[] = [];
  let inT = 0;
  let skip = 0;
  walkXml(xml, {
    open(name) {
      if (name === 'rPh') skip++; // phonetic guide, not cell text
      else if (name === 'si') cur = [];
      else if (name === 't') inT++;
    },
    close(name) {
      if (name === 'rPh') skip--;
      else if (name === 't') inT--;
      else if (name === 'si') out.push(cur.join(''));
    },
    text(s, a, b, raw) {
      if (inT > 0 && skip === 0) cur.push(raw ? s.slice(a, b) : decodeXmlEntities(s.slice(a, b)));
    },
  });
  return out;
}

const HF_HEADER = new Set(['oddHeader', 'evenHeader', 'firstHeader']);
const HF_FOOTER = new Set(['oddFooter', 'evenFooter', 'firstFooter']);

function scanSheet(node: Node, xml: string, sst: string[], sheetName: string): void {
  const buf = newBuffer(node);
  const headers: string[] = [];
  const footers: string[] = [];
  let row: string[] = [];
  let cellType = '';
  let value: string[] = [];
  let inV = false;
  let inIs = 0;
  let inT = 0;
  let skip = 0;
  let hf: string[] | null = null;
  let hfText: string[] = [];
  const v = {
    stop: false,
    open(name: string, s: string, a: number, b: number) {
      switch (name) {
        case 'c':
          cellType = getAttr(s, a, b, 't') ?? 'n';
          value = [];
          break;
        case 'v':
          inV = true;
          break;
        case 'is':
          inIs++;
          break;
        case 't':
          inT++;
          break;
        case 'rPh':
          skip++;
          break;
        case 'row':
          row = [];
          break;
        default:
          if (HF_HEADER.has(name)) (hf = headers), (hfText = []);
          else if (HF_FOOTER.has(name)) (hf = footers), (hfText = []);
      }
    },
    close(name: string) {
      switch (name) {
        case 'v':
          inV = false;
          break;
        case 'is':
          inIs--;
          break;
        case 't':
          inT--;
          break;
        case 'rPh':
          skip--;
          break;
        case 'c': {
          const raw = value.join('');
          const text = cellType === 's' ? (sst[Number(raw)] ?? '') : cellType === 'b' ? (raw === '1' ? 'TRUE' : 'FALSE') : raw;
          if (text) row.push(text);
          break;
        }
        case 'row':
          if (row.length && !buf.push(row.join('\t') + '\n')) v.stop = true;
          break;
        default:
          if (hf && (HF_HEADER.has(name) || HF_FOOTER.has(name))) {
            const t = stripHeaderFooterCodes(hfText.join(''));
            if (t) hf.push(t);
            hf = null;
          }
      }
    },
    text(s: string, a: number, b: number, raw?: boolean) {
      if (skip > 0) return;
      if (inV || (inIs > 0 && inT > 0) || hf) {
        const t = raw ? s.slice(a, b) : decodeXmlEntities(s.slice(a, b));
        if (hf) hfText.push(t);
        else value.push(t);
      }
    },
  };
  walkXml(xml, v);
  // Headers first: that is where a classification marking is printed on every page.
  if (headers.length) {
    const hb = newBuffer(node);
    hb.push([...new Set(headers)].join('\n'));
    commit(node, hb, 'header', sheetName);
  }
  commit(node, buf, 'sheet', sheetName);
  if (footers.length) {
    const fb = newBuffer(node);
    fb.push([...new Set(footers)].join('\n'));
    commit(node, fb, 'footer', sheetName);
  }
}

export function extractXlsx(node: Node, parts: Parts): void {
  const main = officeDocumentPath(parts) ?? 'xl/workbook.xml';
  const dir = dirOf(main);
  const rels = readRels(parts, `${dir}_rels/${main.slice(dir.length)}.rels`, dir);
  const sheets: { name: string; path?: string; state?: string }[] = [];
  const wb = parts.xml(main);
  if (wb) {
    walkXml(wb, {
      open(name, s, a, b) {
        if (name !== 'sheet') return;
        const id = getAttr(s, a, b, 'r:id');
        sheets.push({ name: getAttr(s, a, b, 'name') ?? '', path: id ? rels.get(id)?.target : undefined, state: getAttr(s, a, b, 'state') });
      },
      close() {},
      text() {},
    });
  }
  if (sheets.length) {
    const nb = newBuffer(node);
    // Hidden sheets are still sent; flag them so a reviewer knows where to look.
    nb.push(sheets.map((s) => (s.state && s.state !== 'visible' ? `${s.name} (${s.state})` : s.name)).join('\n'));
    commit(node, nb, 'sheet-names', main);
  }
  let sstPath = `${dir}sharedStrings.xml`;
  for (const r of rels.values()) if (r.type.endsWith('/sharedStrings')) sstPath = r.target;
  const sst = sharedStrings(parts, sstPath);
  const done = new Set<string>();
  for (const sh of sheets) {
    if (!sh.path || !parts.has(sh.path)) continue;
    done.add(sh.path);
    const xml = parts.xml(sh.path);
    if (xml) scanSheet(node, xml, sst, sh.name);
  }
  const esc = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const p of parts.match(new RegExp(`^${esc}worksheets/sheet\\d+\\.xml$`))) {
    if (done.has(p)) continue;
    const xml = parts.xml(p);
    if (xml) scanSheet(node, xml, sst, p);
  }
  for (const p of parts.match(new RegExp(`^${esc}(comments\\d*|threadedcomments/threadedcomment\\d*)\\.xml$`))) scanPart(node, parts, p, OOXML_TEXT, 'comments');
  for (const p of parts.match(new RegExp(`^${esc}drawings/drawing\\d+\\.xml$`))) scanPart(node, parts, p, OOXML_TEXT, 'drawing');
  properties(node, parts);
}

const ODF_HEADERS = new Set(['header', 'header-left', 'header-first']);
const ODF_FOOTERS = new Set(['footer', 'footer-left', 'footer-first']);

export function extractOdf(node: Node, parts: Parts): void {
  // ODF encrypts entries itself (manifest:encryption-data) without the ZIP encryption bit.
  const manifest = parts.xml('META-INF/manifest.xml');
  if (manifest && /encryption-data/.test(manifest)) {
    throw new ExtractStop('encrypted', 'OpenDocument file is password-protected', 'item');
  }
  const styles = parts.xml('styles.xml');
  if (styles) {
    const hb = newBuffer(node);
    xmlToText(styles, { ...ODF_TEXT, within: ODF_HEADERS }, hb);
    commit(node, hb, 'header', 'styles.xml');
  }
  const content = parts.xml('content.xml');
  const mimetype = parts.has('mimetype') ? parts.xml('mimetype')?.trim() : undefined;
  if (content) {
    const names: string[] = [];
    const spreadsheet = mimetype ? mimetype.includes('spreadsheet') : /<office:spreadsheet[\s>]/.test(content);
    walkXml(content, {
      open(name, s, a, b) {
        if (name === 'table') {
          const n = getAttr(s, a, b, 'table:name');
          if (n) names.push(n);
        }
      },
      close() {},
      text() {},
    });
    if (names.length && spreadsheet) {
      const nb = newBuffer(node);
      nb.push(names.join('\n'));
      commit(node, nb, 'sheet-names', 'content.xml');
    }
    const buf = newBuffer(node);
    xmlToText(content, ODF_TEXT, buf);
    commit(node, buf, 'body', 'content.xml');
  }
  if (styles) {
    const fb = newBuffer(node);
    xmlToText(styles, { ...ODF_TEXT, within: ODF_FOOTERS }, fb);
    commit(node, fb, 'footer', 'styles.xml');
  }
  const meta = parts.xml('meta.xml');
  if (meta) {
    const mb = newBuffer(node);
    mb.push(elementTexts(meta, new Set(['title', 'subject', 'description', 'keyword'])).join('\n'));
    commit(node, mb, 'properties', 'meta.xml');
  }
}
