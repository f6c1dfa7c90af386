/**
 * OLE / Compound File Binary ([MS-CFB]) containers: password-protected OOXML, and the
 * legacy binary Office formats still common in Vietnamese agencies (.doc, .xls, .ppt).
 *
 * The reader is small on purpose: header, FAT/DIFAT, directory, mini stream — enough to
 * list stream names and read a stream, with every chain bounded (no loops, no reads past
 * the end). Text is pulled from the legacy formats where it is cheap and exact:
 * - .doc ([MS-DOC]): the piece table (Clx) gives the document text in order, including
 *   headers/footers, footnotes and comments (CP ranges from the FIB).
 * - .xls ([MS-XLS] BIFF8): shared strings (SST/CONTINUE), sheet names, page header/footer.
 * - .ppt ([MS-PPT]): TextCharsAtom / TextBytesAtom records anywhere in the record tree.
 * Not read: BIFF5 and older (.xls from Excel 95), Word 6/95 .doc, embedded OLE objects,
 * Outlook .msg (reported as unsupported).
 */
import type { ExtractedSection } from '../types.ts';
import { ExtractStop, type BudgetState } from './budget.ts';
import { addPart, type Node } from './context.ts';
import { CP1252, decodeLatin1, decodeSingleByte, decodeUtf16 } from './encoding.ts';
import { stripHeaderFooterCodes } from './ooxml.ts';

export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isCfb(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  for (let i = 0; i < 8; i++) if (b[i] !== CFB_MAGIC[i]) return false;
  return true;
}

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;

function u16(b: Uint8Array, o: number): number {
  return o + 2 <= b.length ? b[o] | (b[o + 1] << 8) : 0;
}
function u32(b: Uint8Array, o: number): number {
  return o + 4 <= b.length ? (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0 : 0;
}

class CfbError extends Error {}

export interface CfbEntry {
  name: string;
  type: number; // 1 storage, 2 stream, 5 root
  start: number;
  size: number;
  left: number;
  right: number;
  child: number;
}

export class Cfb {
  readonly entries: CfbEntry[] = [];
  private readonly sectorSize: number;
  private readonly miniSectorSize: number;
  private readonly miniCutoff: number;
  private readonly fat: Uint32Array;
  private readonly miniFat: Uint32Array;
  private miniStream: Uint8Array | undefined;
  private readonly sectorCount: number;

  constructor(private readonly b: Uint8Array) {
    if (!isCfb(b) || b.length < 512) throw new CfbError('not a compound file');
    const major = u16(b, 0x1a);
    const shift = u16(b, 0x1e);
    if (shift !== 9 && shift !== 12) throw new CfbError(`bad sector size 2^${shift}`);
    this.sectorSize = 1 << shift;
    this.miniSectorSize = 1 << (u16(b, 0x20) || 6);
    this.miniCutoff = u32(b, 0x38) || 4096;
    this.sectorCount = Math.max(0, Math.floor((b.length - this.sectorSize) / this.sectorSize) + 1);
    const numFat = u32(b, 0x2c);
    if (numFat > this.sectorCount) throw new CfbError('FAT larger than the file');
    // DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
    const fatSectors: number[] = [];
    for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(u32(b, 0x4c + 4 * i));
    let difat = u32(b, 0x44);
    const perDifat = this.sectorSize / 4 - 1;
    for (let guard = 0; fatSectors.length < numFat && difat < ENDOFCHAIN && guard <= this.sectorCount; guard++) {
      const off = this.offset(difat);
      for (let i = 0; i < perDifat && fatSectors.length < numFat; i++) fatSectors.push(u32(b, off + 4 * i));
      difat = u32(b, off + 4 * perDifat);
    }
    const per = this.sectorSize / 4;
    this.fat = new Uint32Array(fatSectors.length * per);
    fatSectors.forEach((s, k) => {
      const off = this.offset(s);
      for (let i = 0; i < per; i++) this.fat[k * per + i] = u32(b, off + 4 * i);
    });
    const dir = this.readChain(u32(b, 0x30), Infinity);
    for (let o = 0; o + 128 <= dir.length; o += 128) {
      const nameLen = Math.min(64, u16(dir, o + 0x40));
      const name = decodeUtf16(dir.subarray(o, o + Math.max(0, nameLen - 2)), true);
      const type = dir[o + 0x42];
      // v3 files: the high half of the size is undefined (often garbage); ignore it.
      const size = major === 3 ? u32(dir, o + 0x78) : u32(dir, o + 0x78) + u32(dir, o + 0x7c) * 0x100000000;
      this.entries.push({ name, type, start: u32(dir, o + 0x74), size, left: u32(dir, o + 0x44), right: u32(dir, o + 0x48), child: u32(dir, o + 0x4c) });
    }
    if (!this.entries.length || this.entries[0].type !== 5) throw new CfbError('no root directory entry');
    const miniFatBytes = this.readChain(u32(b, 0x3c), u32(b, 0x40) * this.sectorSize);
    this.miniFat = new Uint32Array(miniFatBytes.length >> 2);
    for (let i = 0; i < this.miniFat.length; i++) this.miniFat[i] = u32(miniFatBytes, 4 * i);
  }

  private offset(sector: number): number {
    const off = (sector + 1) * this.sectorSize;
    if (sector >= ENDOFCHAIN || off + this.sectorSize > this.b.length + this.sectorSize - 1) throw new CfbError(`sector ${sector} outside the file`);
    return off;
  }

  /** Follow a FAT chain, at most `max` bytes; cycles and out-of-range sectors end it. */
  private readChain(start: number, max: number): Uint8Array {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let s = start;
    for (let guard = 0; s < ENDOFCHAIN && s !== FREESECT && total < max; guard++) {
      if (guard > this.sectorCount) throw new CfbError('FAT chain loops');
      const off = this.offset(s);
      const chunk = this.b.subarray(off, Math.min(off + this.sectorSize, this.b.length));
      chunks.push(chunk);
      total += chunk.length;
      if (s >= this.fat.length) break;
      s = this.fat[s];
    }
    return concat(chunks, Math.min(total, max));
  }

  /** Root-level (or any-level) stream by name, case-insensitive. */
  find(name: string): CfbEntry | undefined {
    const lower = name.toLowerCase();
    return this.entries.find((e) => e.type === 2 && e.name.toLowerCase() === lower);
  }

  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  read(e: CfbEntry, max = Infinity): Uint8Array {
    const want = Math.min(e.size, max);
    if (e.size < this.miniCutoff) {
      this.miniStream ??= this.readChain(this.entries[0].start, this.entries[0].size);
      const chunks: Uint8Array[] = [];
      let total = 0;
      let s = e.start;
      for (let guard = 0; s < ENDOFCHAIN && total < want; guard++) {
        if (guard > this.miniFat.length) throw new CfbError('mini FAT chain loops');
        const off = s * this.miniSectorSize;
        if (off >= this.miniStream.length) break;
        const chunk = this.miniStream.subarray(off, off + this.miniSectorSize);
        chunks.push(chunk);
        total += chunk.length;
        s = s < this.miniFat.length ? this.miniFat[s] : ENDOFCHAIN;
      }
      return concat(chunks, Math.min(total, want));
    }
    return this.readChain(e.start, want);
  }
}

function concat(chunks: Uint8Array[], len: number): Uint8Array {
  const out = new Uint8Array(len);
  let o = 0;
  for (const c of chunks) {
    if (o >= len) break;
    const take = Math.min(c.length, len - o);
    out.set(c.subarray(0, take), o);
    o += take;
  }
  return out;
}

function readStream(cfb: Cfb, e: CfbEntry, budget: BudgetState): Uint8Array {
  budget.reserveInflate(e.size, `stream "${e.name}"`);
  return cfb.read(e);
}

// ---------------------------------------------------------------------------------------

export type CfbKind = 'encrypted-ooxml' | 'doc' | 'xls' | 'ppt' | 'msg' | 'other';

export function classifyCfb(cfb: Cfb): CfbKind {
  const names = new Set(cfb.names().map((n) => n.toLowerCase()));
  // [MS-OFFCRYPTO] 2.3.4: an encrypted OOXML file is a CFB with these two streams.
  if (names.has('encryptioninfo') && names.has('encryptedpackage')) return 'encrypted-ooxml';
  if (names.has('worddocument')) return 'doc';
  if (names.has('workbook') || names.has('book')) return 'xls';
  if (names.has('powerpoint document')) return 'ppt';
  if (names.has('__properties_version1.0')) return 'msg';
  return 'other';
}

export async function extractCfb(node: Node, bytes: Uint8Array): Promise<void> {
  let cfb: Cfb;
  try {
    cfb = new Cfb(bytes);
  } catch (err) {
    throw new ExtractStop('corrupt', `damaged OLE compound file (${(err as Error).message})`, 'item');
  }
  const kind = classifyCfb(cfb);
  try {
    switch (kind) {
      case 'encrypted-ooxml':
        throw new ExtractStop('encrypted', 'password-protected Office document (encrypted package)', 'item');
      case 'doc':
        return extractDoc(node, cfb);
      case 'xls':
        return extractXls(node, cfb);
      case 'ppt':
        return extractPpt(node, cfb);
      case 'msg':
        throw new ExtractStop('unsupported', 'Outlook .msg message files are not read; attach it as .eml', 'item');
      default:
        throw new ExtractStop('unsupported', 'OLE compound file of an unsupported kind (e.g. .pub, .vsd)', 'item');
    }
  } catch (err) {
    if (err instanceof CfbError) throw new ExtractStop('corrupt', `damaged OLE compound file (${err.message})`, 'item');
    throw err;
  }
}

// ---------------------------------------------------------------------------------------
// Word 97–2003 (.doc)

/** Word's control characters -> plain text; field codes (between 0x13 and 0x14) dropped. */
function cleanWordText(s: string): string {
  let out = '';
  const stack: boolean[] = []; // per open field: still in its code part?
  let start = 0;
  const flush = (end: number) => {
    if (end > start && !stack.some((inCode) => inCode)) out += s.slice(start, end);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x7f) continue;
    flush(i);
    start = i + 1;
    switch (c) {
      case 0x13:
        stack.push(true);
        break;
      case 0x14:
        if (stack.length) stack[stack.length - 1] = false;
        break;
      case 0x15:
        stack.pop();
        break;
      default:
        if (stack.some((inCode) => inCode)) break;
        if (c === 0x0d || c === 0x0b || c === 0x0c || c === 0x0a) out += '\n';
        else if (c === 0x07 || c === 0x09) out += '\t';
        else if (c === 0x1e) out += '-';
      // 0x01 picture, 0x02 footnote mark, 0x05 comment mark, 0x08 drawing, 0x1f soft hyphen: drop
    }
  }
  flush(s.length);
  return out.replace(/\t\n/g, '\n');
}

function extractDoc(node: Node, cfb: Cfb): void {
  const budget = node.sink.budget;
  const wd = readStream(cfb, cfb.find('WordDocument')!, budget);
  if (u16(wd, 0) !== 0xa5ec) throw new ExtractStop('corrupt', 'WordDocument stream has no Word 97+ header', 'item');
  const flags = u16(wd, 0x0a);
  if (flags & 0x0100 || flags & 0x8000) throw new ExtractStop('encrypted', 'password-protected Word document', 'item');
  const nFib = u16(wd, 2);
  if (nFib < 0x00c0) {
    // 0xC1 = Word 97 and later; Word 6/95 (0x65/0x68) files have a different FIB layout.
    throw new ExtractStop('unsupported', `Word 6/95 document (nFib ${nFib}) is not read`, 'item');
  }
  const tableEntry = cfb.find(flags & 0x0200 ? '1Table' : '0Table');
  if (!tableEntry) throw new ExtractStop('corrupt', 'Word table stream missing', 'item');
  const table = readStream(cfb, tableEntry, budget);
  const csw = u16(wd, 0x20);
  const rgLw = 0x22 + csw * 2 + 2;
  const cslw = u16(wd, 0x22 + csw * 2);
  const ccp = (k: number) => (k < cslw ? u32(wd, rgLw + 4 * k) : 0);
  const ranges: [ExtractedSection, number][] = [
    ['body', ccp(3)],
    ['footnotes', ccp(4)],
    ['header', ccp(5)], // the header/footer story: both live here
    ['body', ccp(6)], // macro text (unused)
    ['comments', ccp(7)],
    ['endnotes', ccp(8)],
    ['drawing', ccp(9)], // text boxes
    ['header', ccp(10)], // header text boxes
  ];
  const blob = rgLw + cslw * 4 + 2;
  const cbRgFcLcb = u16(wd, rgLw + cslw * 4);
  if (cbRgFcLcb <= 33) throw new ExtractStop('corrupt', 'Word FIB too short', 'item');
  const fcClx = u32(wd, blob + 33 * 8);
  const lcbClx = u32(wd, blob + 33 * 8 + 4);
  if (!lcbClx || fcClx + lcbClx > table.length) throw new ExtractStop('corrupt', 'Word piece table missing', 'item');
  // Clx = Prc* Pcdt. Prc (0x01) are property blocks to skip; Pcdt (0x02) holds the PlcPcd.
  let p = fcClx;
  const end = fcClx + lcbClx;
  let plc = -1;
  let plcLen = 0;
  while (p < end) {
    if (table[p] === 0x01) {
      p += 3 + (table[p + 1] | (table[p + 2] << 8));
    } else if (table[p] === 0x02) {
      plcLen = u32(table, p + 1);
      plc = p + 5;
      break;
    } else break;
  }
  if (plc < 0 || plc + plcLen > table.length) throw new ExtractStop('corrupt', 'Word piece table damaged', 'item');
  const n = Math.floor((plcLen - 4) / 12);
  const total = ranges.reduce((s, [, c]) => s + c, 0);
  const pieces: string[] = [];
  let got = 0;
  const limit = Math.min(total, node.sink.charsLeft + 1);
  for (let i = 0; i < n && got < limit; i++) {
    const cpStart = u32(table, plc + 4 * i);
    const cpEnd = u32(table, plc + 4 * (i + 1));
    if (cpEnd <= cpStart) continue;
    const count = Math.min(cpEnd - cpStart, limit - got);
    const fcRaw = u32(table, plc + 4 * (n + 1) + 8 * i + 2);
    const fc = fcRaw & 0x3fffffff;
    if (fcRaw & 0x40000000) {
      // "Compressed" piece: one byte per character, windows-1252 (MS-DOC 2.9.73).
      const off = fc >>> 1;
      pieces.push(decodeSingleByte(wd.subarray(off, Math.min(off + count, wd.length)), CP1252));
    } else {
      pieces.push(decodeUtf16(wd.subarray(fc, Math.min(fc + 2 * count, wd.length)), true));
    }
    got += count;
  }
  const text = pieces.join('');
  // Split the text stream into its stories, header/footer story first (markings live there).
  const stories: { section: ExtractedSection; text: string }[] = [];
  let cp = 0;
  for (const [section, count] of ranges) {
    if (count > 0) stories.push({ section, text: cleanWordText(text.slice(cp, cp + count)) });
    cp += count;
  }
  stories.sort((a, b) => (a.section === 'header' ? -1 : 0) - (b.section === 'header' ? -1 : 0));
  for (const s of stories) addPart(node, s.text, s.section, 'WordDocument');
}

// ---------------------------------------------------------------------------------------
// Excel 97–2003 (.xls, BIFF8)

/** Reader over a record and its CONTINUE records, honouring the per-CONTINUE high-byte flag. */
class BiffStringReader {
  private seg = 0;
  private off = 0;
  constructor(private readonly segs: Uint8Array[]) {}
  private cur(): Uint8Array | undefined {
    while (this.seg < this.segs.length && this.off >= this.segs[this.seg].length) {
      this.seg++;
      this.off = 0;
    }
    return this.segs[this.seg];
  }
  get done(): boolean {
    return this.cur() === undefined;
  }
  byte(): number {
    const s = this.cur();
    if (!s) throw new CfbError('SST ran out');
    return s[this.off++];
  }
  u16(): number {
    return this.byte() | (this.byte() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(n: number): void {
    for (let left = n; left > 0; ) {
      const s = this.cur();
      if (!s) return;
      const take = Math.min(left, s.length - this.off);
      this.off += take;
      left -= take;
    }
  }
  /** XLUnicodeRichExtendedString ([MS-XLS] 2.5.293). */
  string(): string {
    const cch = this.u16();
    const flags = this.byte();
    let high = (flags & 1) !== 0;
    const cRun = flags & 0x08 ? this.u16() : 0;
    const cbExt = flags & 0x04 ? this.u32() : 0;
    let out = '';
    let left = cch;
    while (left > 0) {
      let s = this.cur();
      if (!s) break;
      if (this.off === 0 && out.length > 0) {
        // A string split across CONTINUE records restarts with its own high-byte flag.
        high = (s[this.off++] & 1) !== 0;
        s = this.cur();
        if (!s) break;
      }
      const avail = high ? (s.length - this.off) >> 1 : s.length - this.off;
      const take = Math.min(left, avail);
      if (take <= 0) {
        this.off = s.length;
        continue;
      }
      out += high ? decodeUtf16(s.subarray(this.off, this.off + 2 * take), true) : decodeLatin1(s.subarray(this.off, this.off + take));
      this.off += high ? 2 * take : take;
      left -= take;
    }
    this.skip(4 * cRun + cbExt);
    return out;
  }
}

function shortXlString(b: Uint8Array, o: number): string {
  const cch = b[o];
  const high = (b[o + 1] & 1) !== 0;
  return high ? decodeUtf16(b.subarray(o + 2, o + 2 + 2 * cch), true) : decodeLatin1(b.subarray(o + 2, o + 2 + cch));
}

function xlString(b: Uint8Array, o: number): string {
  const cch = u16(b, o);
  const high = (b[o + 2] & 1) !== 0;
  return high ? decodeUtf16(b.subarray(o + 3, o + 3 + 2 * cch), true) : decodeLatin1(b.subarray(o + 3, o + 3 + cch));
}

function extractXls(node: Node, cfb: Cfb): void {
  const e = cfb.find('Workbook') ?? cfb.find('Book');
  const wb = readStream(cfb, e!, node.sink.budget);
  if (u16(wb, 0) !== 0x0809) throw new ExtractStop('corrupt', 'Workbook stream does not start with BOF', 'item');
  const version = u16(wb, 4);
  if (version !== 0x0600) throw new ExtractStop('unsupported', 'Excel 5/95 workbook (BIFF5) is not read', 'item');
  const sheets: string[] = [];
  const headers: string[] = [];
  const footers: string[] = [];
  const labels: string[] = [];
  let sst: string[] = [];
  let p = 0;
  while (p + 4 <= wb.length) {
    const type = u16(wb, p);
    const len = u16(wb, p + 2);
    const d = p + 4;
    if (d + len > wb.length) break;
    const rec = wb.subarray(d, d + len);
    switch (type) {
      case 0x002f: // FILEPASS
        throw new ExtractStop('encrypted', 'password-protected Excel workbook', 'item');
      case 0x0085: // BOUNDSHEET8
        sheets.push(shortXlString(rec, 6));
        break;
      case 0x0014: // HEADER
      case 0x0015: // FOOTER
        if (len > 0) {
          const t = stripHeaderFooterCodes(xlString(rec, 0));
          if (t) (type === 0x0014 ? headers : footers).push(t);
        }
        break;
      case 0x0204: // LABEL (older writers)
        if (len > 8) labels.push(xlString(rec, 6));
        break;
      case 0x00fc: {
        // SST and the CONTINUE records right after it
        const segs = [rec.subarray(8)];
        let q = d + len;
        while (q + 4 <= wb.length && u16(wb, q) === 0x003c) {
          const l = u16(wb, q + 2);
          segs.push(wb.subarray(q + 4, Math.min(q + 4 + l, wb.length)));
          q += 4 + l;
        }
        const count = u32(rec, 4);
        const reader = new BiffStringReader(segs);
        sst = [];
        try {
          for (let i = 0; i < count && !reader.done; i++) sst.push(reader.string());
        } catch {
          /* keep what was read */
        }
        p = q;
        continue;
      }
    }
    p = d + len;
  }
  if (headers.length) addPart(node, [...new Set(headers)].join('\n'), 'header', 'Workbook');
  if (sheets.length) addPart(node, sheets.join('\n'), 'sheet-names', 'Workbook');
  addPart(node, [...sst, ...labels].join('\n'), 'sheet', 'Workbook');
  if (footers.length) addPart(node, [...new Set(footers)].join('\n'), 'footer', 'Workbook');
}

// ---------------------------------------------------------------------------------------
// PowerPoint 97–2003 (.ppt)

function extractPpt(node: Node, cfb: Cfb): void {
  if (cfb.find('EncryptedSummary')) throw new ExtractStop('encrypted', 'password-protected PowerPoint file', 'item');
  const doc = readStream(cfb, cfb.find('PowerPoint Document')!, node.sink.budget);
  const texts: string[] = [];
  let chars = 0;
  let p = 0;
  while (p + 8 <= doc.length && chars <= node.sink.charsLeft) {
    const verInst = u16(doc, p);
    const type = u16(doc, p + 2);
    const len = u32(doc, p + 4);
    if ((verInst & 0x0f) === 0x0f) {
      p += 8; // container: its children follow
      continue;
    }
    const d = p + 8;
    if (d + len > doc.length) break;
    if (type === 0x2f14) throw new ExtractStop('encrypted', 'password-protected PowerPoint file', 'item'); // CryptSession10Container
    if (type === 0x0fa0 || type === 0x0fa8) {
      const t = (type === 0x0fa0 ? decodeUtf16(doc.subarray(d, d + len), true) : decodeLatin1(doc.subarray(d, d + len))).replace(/[\r\x0b]/g, '\n');
      texts.push(t);
      chars += t.length;
    }
    p = d + len;
  }
  addPart(node, texts.join('\n'), 'slide', 'PowerPoint Document');
}
