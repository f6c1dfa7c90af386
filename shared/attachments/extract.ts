/**
 * Attachment -> text, for the content rules. Format by magic bytes first (a .docx renamed
 * .pdf is still a docx), then extension, then MIME type. Every failure becomes an
 * `unreadable` entry; nothing here throws to the host.
 */
import type { Draft, DraftAttachment, Extraction } from '../types.ts';
import { htmlToText } from '../text/html.ts';
import { extractGzip, extractTar, isGzip, isTar } from './archive.ts';
import { BudgetState, ExtractStop, type ExtractBudget } from './budget.ts';
import { extractCfb, isCfb } from './cfb.ts';
import { addPart, childNode, commit, newBuffer, Sink, type Node } from './context.ts';
import { extractEml } from './eml.ts';
import { decodeText, sniffTextEncoding } from './encoding.ts';
import { Parts, detectZipKind, extractDocx, extractOdf, extractPptx, extractXlsx } from './ooxml.ts';
import { extractPdf, isPdf } from './pdf.ts';
import { isRtf, rtfToText } from './rtf.ts';
import { decodeXmlEntities, walkXml } from './xml.ts';
import { isZip, peekZipEntry, readZipDirectory, readZipEntry, ZipFormatError } from './zip.ts';

export type Kind =
  | 'empty' | 'zip' | 'cfb' | 'pdf' | 'rtf' | 'gzip' | 'tar' | 'eml' | 'html' | 'xml' | 'text'
  | 'media' | 'archive' | 'binary';

function ext(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return m ? m[1].toLowerCase() : '';
}

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Formats with nothing to read as text. Not "unreadable": there is no text to miss. */
function isMediaMagic(b: Uint8Array): boolean {
  return (
    startsWith(b, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(b, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(b, ascii('GIF8')) ||
    startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) || // TIFF
    (startsWith(b, ascii('RIFF')) && (startsWith(b, ascii('WEBP'), 8) || startsWith(b, ascii('WAVE'), 8) || startsWith(b, ascii('AVI '), 8))) ||
    startsWith(b, ascii('ftyp'), 4) || // MP4, MOV, M4A, HEIC, 3GP
    startsWith(b, ascii('ID3')) || startsWith(b, ascii('OggS')) || startsWith(b, ascii('fLaC')) ||
    startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]) || // Matroska / WebM
    startsWith(b, [0x00, 0x00, 0x01, 0xba]) || startsWith(b, [0x00, 0x00, 0x01, 0xb3]) || // MPEG
    startsWith(b, ascii('FLV')) || startsWith(b, ascii('#!AMR')) ||
    startsWith(b, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]) || // ASF / WMV / WMA
    (startsWith(b, ascii('BM')) && b.length > 26 && (b[2] | (b[3] << 8) | (b[4] << 16)) === b.length) // BMP with matching size
  );
}

const MEDIA_EXT = new Set([
  'png', 'jpg', 'jpeg', 'jpe', 'jfif', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'heic', 'heif', 'ico', 'emf', 'wmf',
  'mp3', 'wav', 'm4a', 'aac', 'ogg', 'oga', 'flac', 'wma', 'amr', 'mp4', 'm4v', 'mov', 'avi', 'wmv', 'mkv', 'webm',
  'flv', '3gp', 'mpg', 'mpeg', 'ttf', 'otf', 'woff', 'woff2',
]);
const ARCHIVE_NAMES: [number[], number, string][] = [
  [ascii('Rar!\x1a\x07'), 0, 'RAR'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 0, '7-Zip'],
  [ascii('MSCF'), 0, 'CAB'],
  [ascii('BZh'), 0, 'bzip2'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 0, 'xz'],
  [[0x28, 0xb5, 0x2f, 0xfd], 0, 'Zstandard'],
  [[0x60, 0xea], 0, 'ARJ'],
  [ascii('-lh'), 2, 'LHA'],
];
const ARCHIVE_EXT: Record<string, string> = { rar: 'RAR', '7z': '7-Zip', cab: 'CAB', bz2: 'bzip2', xz: 'xz', zst: 'Zstandard', arj: 'ARJ', lzh: 'LHA', iso: 'ISO image', dmg: 'disk image' };
const TEXT_EXT = new Set(['txt', 'csv', 'tsv', 'log', 'md', 'markdown', 'json', 'ini', 'cfg', 'conf', 'ics', 'vcf', 'srt', 'yaml', 'yml', 'sql', 'text', 'asc']);
const HTML_EXT = new Set(['html', 'htm', 'xhtml', 'shtml']);
const XML_EXT = new Set(['xml', 'svg', 'rss', 'atom', 'xsl', 'xslt', 'kml', 'gpx', 'opf', 'ncx', 'rdf']);
const EML_EXT = new Set(['eml', 'mht', 'mhtml', 'mime']);

function archiveName(b: Uint8Array, e: string): string | undefined {
  for (const [sig, at, label] of ARCHIVE_NAMES) if (startsWith(b, sig, at)) return label;
  return ARCHIVE_EXT[e];
}

/** The first non-space characters of a text file, lower-cased, for HTML/XML/RFC 822 sniffing. */
function head(b: Uint8Array): string {
  const enc = sniffTextEncoding(b.subarray(0, 1024));
  return decodeText(b.subarray(0, 1024), enc === 'windows-1258' || enc === 'windows-1252' ? 'windows-1252' : enc).replace(/^[\s\uFEFF]+/, '').slice(0, 512).toLowerCase();
}

function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  if (n === 0) return true;
  const enc = sniffTextEncoding(b.subarray(0, n));
  if (enc === 'utf-16le' || enc === 'utf-16be') return true;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return false;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) control++;
  }
  return control < n * 0.02;
}

const RFC822_START = /^(received|return-path|from|to|subject|date|message-id|mime-version|delivered-to|x-[\w-]+|reply-to|cc|content-type|dkim-signature|arc-[\w-]+|authentication-results|thread-topic|sender):/;

export function detectKind(b: Uint8Array, name: string, type?: string): Kind {
  if (b.length === 0) return 'empty';
  const e = ext(name);
  const t = (type ?? '').toLowerCase().split(';')[0].trim();
  if (isZip(b)) return 'zip';
  if (isCfb(b)) return 'cfb';
  if (isPdf(b)) return 'pdf';
  if (isRtf(b)) return 'rtf';
  if (isGzip(b)) return 'gzip';
  if (isTar(b)) return 'tar';
  if (isMediaMagic(b)) return 'media';
  if (archiveName(b, e)) return 'archive';
  if (MEDIA_EXT.has(e) || /^(image|audio|video|font)\//.test(t)) {
    // An SVG is XML with possibly visible text; everything else here has none.
    return e === 'svg' || t === 'image/svg+xml' ? 'xml' : 'media';
  }
  if (!looksLikeText(b)) return 'binary';
  const h = head(b);
  if (EML_EXT.has(e) || t === 'message/rfc822' || (RFC822_START.test(h) && /\n\r?\n/.test(h + '\n\n') && /^[\w-]+:[^\n]*\n([\w-]+:|[ \t])/.test(h))) {
    return 'eml';
  }
  // Web systems often export "Word" files that are really HTML named .doc/.xls.
  if (HTML_EXT.has(e) || t === 'text/html' || /^(<!doctype html|<html|<head|<body|<meta|<table|<div|<p[ >])/.test(h) || /^<\?xml[^>]*>\s*<html/.test(h)) return 'html';
  if (XML_EXT.has(e) || t.endsWith('+xml') || t === 'text/xml' || t === 'application/xml' || h.startsWith('<?xml')) return 'xml';
  return 'text';
}

function xmlCharacterData(xml: string): string {
  const pieces: string[] = [];
  walkXml(xml, {
    open() {},
    close(name) {
      pieces.push(name === 'p' || name === 'div' || name === 'tspan' || name === 'text' ? '\n' : ' ');
    },
    text(s, a, b, raw) {
      pieces.push(raw ? s.slice(a, b) : decodeXmlEntities(s.slice(a, b)));
    },
  });
  return pieces.join('').replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n');
}

/** Report an ExtractStop (or an unexpected error) at `node` when it belongs there; rethrow wider stops. */
function handle(node: Node, err: unknown): void {
  if (err instanceof ExtractStop) {
    if (!err.reported) node.sink.report(node.where, err.reason, err.detail, err.scope !== 'item');
    err.reported = true;
    if (err.scope !== 'item') throw err;
    return;
  }
  // A bug or a library throwing on odd input: the attachment is unreadable, not the run.
  const msg = err instanceof Error ? err.message : String(err);
  node.sink.report(node.where, 'corrupt', `could not be read (${msg})`);
}

async function extractZip(node: Node, bytes: Uint8Array): Promise<void> {
  const budget = node.sink.budget;
  let zip;
  try {
    zip = readZipDirectory(bytes);
  } catch (err) {
    if (err instanceof ZipFormatError) throw new ExtractStop('corrupt', `damaged ZIP archive (${err.message})`, 'item');
    throw err;
  }
  const parts = new Parts(zip, budget, (path, err) => node.sink.report(node.where, err.reason, `${path}: ${err.detail}`));
  const kind = detectZipKind(parts);
  switch (kind) {
    case 'docx':
      return extractDocx(node, parts);
    case 'xlsx':
      return extractXlsx(node, parts);
    case 'pptx':
      return extractPptx(node, parts);
    case 'odf':
      return extractOdf(node, parts);
  }
  const files = zip.entries.filter((e) => !e.isDirectory);
  const left = budget.limits.maxEntries - budget.entries;
  if (files.length > left) {
    node.sink.report(node.where, 'too-large', `archive lists ${files.length} files; only the first ${Math.max(0, left)} are inspected`, true);
  }
  for (const entry of files) {
    budget.checkTime();
    budget.countEntry();
    const child = childNode(node, entry.name);
    if (child.depth > budget.limits.maxDepth) {
      node.sink.report(child.where, 'too-large', `nested more than ${budget.limits.maxDepth} levels deep; not inspected`);
      continue;
    }
    // Pictures and media are skipped unread when their first bytes agree with the name.
    if (MEDIA_EXT.has(ext(entry.name)) && isMediaMagic(peekZipEntry(zip, entry, 32))) continue;
    let data: Uint8Array;
    try {
      data = readZipEntry(zip, entry, budget);
    } catch (err) {
      handle(child, err);
      continue;
    }
    await extractInto(child, data, entry.name.split('/').pop() || entry.name);
  }
}

/** Extract one file (top-level or nested) into node.sink. Reports instead of throwing, except wider-scoped stops. */
export async function extractInto(node: Node, bytes: Uint8Array, name: string, type?: string): Promise<void> {
  const budget = node.sink.budget;
  try {
    budget.checkTime();
    if (node.depth > budget.limits.maxDepth) {
      throw new ExtractStop('too-large', `nested more than ${budget.limits.maxDepth} levels deep; not inspected`, 'item');
    }
    const kind = detectKind(bytes, name, type);
    switch (kind) {
      case 'empty':
      case 'media':
        return;
      case 'zip':
        return await extractZip(node, bytes);
      case 'cfb':
        return await extractCfb(node, bytes);
      case 'pdf':
        return await extractPdf(node, bytes);
      case 'eml':
        return await extractEml(node, bytes, extractInto);
      case 'gzip':
        return await extractGzip(node, bytes, name, extractInto);
      case 'tar':
        return await extractTar(node, bytes, extractInto);
      case 'rtf':
        return addPart(node, rtfToText(bytes, node.sink.charsLeft), 'body');
      case 'archive':
        throw new ExtractStop('unsupported', `${archiveName(bytes, ext(name))} archives cannot be opened; their content was not inspected`, 'item');
      case 'binary': {
        const e = ext(name);
        throw new ExtractStop('unsupported', e ? `.${e} files are not a format we can read` : 'unknown binary format', 'item');
      }
      case 'html':
      case 'xml':
      case 'text': {
        // Decode no more than the text budget can keep (UTF-8: ≤ 4 bytes per character).
        const cap = Math.min(bytes.length, node.sink.charsLeft * 4 + 4);
        let text = decodeText(bytes.subarray(0, cap));
        if (kind === 'html') text = htmlToText(text);
        else if (kind === 'xml') text = xmlCharacterData(text);
        else text = text.replace(/\r\n?/g, '\n');
        const buf = newBuffer(node);
        buf.push(text);
        if (cap < bytes.length && !buf.truncated) buf.truncated = true;
        return commit(node, buf, 'body');
      }
    }
  } catch (err) {
    handle(node, err);
  }
}

/**
 * Extract the text of one attachment. Never throws. An attachment without bytes gets a
 * 'no-content' entry (the host could not give us the file).
 */
export async function extractAttachment(att: DraftAttachment, budget?: Partial<ExtractBudget>): Promise<Extraction> {
  return extractWith(att, new BudgetState(budget));
}

async function extractWith(att: DraftAttachment, state: BudgetState): Promise<Extraction> {
  const sink = new Sink(state);
  const name = att.name || '(unnamed)';
  const node: Node = { sink, where: `attachment:${name}`, depth: 0 };
  if (!att.bytes) {
    sink.report(node.where, 'no-content', 'the file content was not available to the checker');
    return sink.result();
  }
  try {
    await extractInto(node, att.bytes, name, att.type);
  } catch (err) {
    // Stops are reported where they happened (handle()); anything else is a bug.
    if (err instanceof ExtractStop) {
      if (!err.reported) sink.report(node.where, err.reason, err.detail, true);
    } else sink.report(node.where, 'corrupt', `could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  return sink.result();
}

/**
 * Fill `extraction` on every attachment that has bytes (others are left alone, as are
 * attachments that already carry an extraction). Attachments are read one after another
 * under ONE budget (time, inflated bytes, entries) so a mail with ten bombs costs no more
 * than one; the text limit applies per attachment. Never throws.
 */
export async function prepareDraft(draft: Draft, budget?: Partial<ExtractBudget>): Promise<Draft> {
  const state = new BudgetState(budget);
  const attachments: DraftAttachment[] = [];
  let stopped: { reason: 'timeout' | 'too-large'; detail: string } | undefined;
  for (const att of draft.attachments) {
    if (!att.bytes || att.extraction) {
      attachments.push(att);
      continue;
    }
    if (stopped) {
      attachments.push({ ...att, extraction: { parts: [], unreadable: [{ reason: stopped.reason, detail: `not inspected: ${stopped.detail}`, where: `attachment:${att.name || '(unnamed)'}` }] } });
      continue;
    }
    const extraction = await extractWith(att, state);
    attachments.push({ ...att, extraction });
    if (state.remainingMs <= 0) stopped = { reason: 'timeout', detail: `time budget of ${state.limits.timeMs} ms used up` };
    else if (state.inflateRemaining <= 0) stopped = { reason: 'too-large', detail: 'inflate budget used up by earlier attachments' };
    else if (state.entries >= state.limits.maxEntries) stopped = { reason: 'too-large', detail: 'entry budget used up by earlier attachments' };
  }
  return { ...draft, attachments };
}
