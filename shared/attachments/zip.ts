/**
 * ZIP reading with bomb guards. fflate does the inflating; this file only reads the
 * central directory (APPNOTE.TXT 4.3.12–4.3.16) because fflate's `unzipSync` filter does
 * not expose what we must decide on BEFORE inflating:
 * - the general-purpose flags (bit 0 / bit 6 = encrypted entry),
 * - a way to stop inflating when an entry lies about its size: `unzipSync` allocates the
 *   declared size and keeps decoding past it (writes are dropped but the CPU time is not),
 *   so a 2 MB entry declaring 1 KiB can still burn seconds. We stream through fflate's
 *   `Inflate` in small chunks and abort as soon as output exceeds the declared size.
 */
import { Inflate } from 'fflate';
import { BudgetState, ExtractStop, fmtBytes } from './budget.ts';
import { CP1258, decodeSingleByte, tryDecodeUtf8Strict } from './encoding.ts';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  isDirectory: boolean;
  encrypted: boolean;
}

export interface ZipArchive {
  bytes: Uint8Array;
  entries: ZipEntry[];
  /** Bytes prepended to the archive (self-extractors): added to every stored offset. */
  shift: number;
}

export class ZipFormatError extends Error {}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}
function u64(b: Uint8Array, o: number): number {
  // Exact up to 2^53, which is more than any buffer we can hold.
  return u32(b, o) + u32(b, o + 4) * 0x100000000;
}

export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7) && (b[3] === 4 || b[3] === 6 || b[3] === 8);
}

function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return tryDecodeUtf8Strict(raw) ?? decodeSingleByte(raw, CP1258);
  // No UTF-8 flag: old tools wrote the OEM code page. 7-Zip/macOS often write UTF-8 anyway,
  // so try UTF-8 first; otherwise assume the Vietnamese Windows code page (1258).
  let ascii = true;
  for (let i = 0; i < raw.length; i++) if (raw[i] >= 0x80) ascii = false;
  if (ascii) return decodeSingleByte(raw, CP1258);
  return tryDecodeUtf8Strict(raw) ?? decodeSingleByte(raw, CP1258).normalize('NFC');
}

/** Parse the end-of-central-directory record and the central directory. Throws ZipFormatError. */
export function readZipDirectory(bytes: Uint8Array): ZipArchive {
  const len = bytes.length;
  if (len < 22) throw new ZipFormatError('too short for a ZIP archive');
  let eocd = -1;
  const stop = Math.max(0, len - 22 - 0xffff);
  for (let p = len - 22; p >= stop; p--) {
    if (bytes[p] === 0x50 && bytes[p + 1] === 0x4b && u32(bytes, p) === SIG_EOCD) {
      // A comment may contain the signature: accept only a record whose comment fits.
      if (p + 22 + u16(bytes, p + 20) <= len) {
        eocd = p;
        break;
      }
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end-of-central-directory record (truncated or not a ZIP)');
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  let cdEndLimit = eocd;
  if (eocd >= 20 && u32(bytes, eocd - 20) === SIG_EOCD64_LOCATOR) {
    const z = u64(bytes, eocd - 12);
    if (z + 56 <= len && u32(bytes, z) === SIG_EOCD64) {
      count = u64(bytes, z + 32);
      cdSize = u64(bytes, z + 40);
      cdOffset = u64(bytes, z + 48);
      cdEndLimit = z;
    }
  }
  // Self-extracting archives and some mailers prepend bytes: recompute the shift from
  // where the directory must end.
  let shift = 0;
  if (cdOffset + 4 > len || u32(bytes, cdOffset) !== SIG_CENTRAL) {
    const guess = cdEndLimit - cdSize;
    if (guess >= 0 && guess + 4 <= len && u32(bytes, guess) === SIG_CENTRAL) {
      shift = guess - cdOffset;
      cdOffset = guess;
    } else if (count === 0) {
      return { bytes, entries: [], shift: 0 };
    } else {
      throw new ZipFormatError('central directory not found where the archive says');
    }
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > len || u32(bytes, p) !== SIG_CENTRAL) {
      throw new ZipFormatError(`central directory truncated after ${i} of ${count} entries`);
    }
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localHeaderOffset = u32(bytes, p + 42);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLen;
    const next = extraStart + extraLen + commentLen;
    if (next > len) throw new ZipFormatError('central directory entry runs past the end');
    let name = decodeName(bytes.subarray(nameStart, extraStart), (flags & 0x800) !== 0);
    for (let e = extraStart; e + 4 <= extraStart + extraLen; ) {
      const id = u16(bytes, e);
      const sz = u16(bytes, e + 2);
      const d = e + 4;
      if (d + sz > extraStart + extraLen) break;
      if (id === 0x0001) {
        // ZIP64 extended information: only the fields whose 32-bit value is saturated.
        let q = d;
        if (size === 0xffffffff && q + 8 <= d + sz) (size = u64(bytes, q)), (q += 8);
        if (compressedSize === 0xffffffff && q + 8 <= d + sz) (compressedSize = u64(bytes, q)), (q += 8);
        if (localHeaderOffset === 0xffffffff && q + 8 <= d + sz) localHeaderOffset = u64(bytes, q);
      } else if (id === 0x7075 && sz > 5) {
        // Info-ZIP Unicode Path: the UTF-8 name next to a legacy-code-page one.
        const u = tryDecodeUtf8Strict(bytes.subarray(d + 5, d + sz));
        if (u) name = u;
      }
      e = d + sz;
    }
    entries.push({
      name,
      flags,
      method,
      compressedSize,
      size,
      localHeaderOffset: localHeaderOffset + shift,
      isDirectory: name.endsWith('/') || name.endsWith('\\'),
      // bit 0: encrypted; bit 6: strong encryption; method 99: WinZip AES.
      encrypted: (flags & 0x41) !== 0 || method === 99,
    });
    p = next;
  }
  return { bytes, entries, shift };
}

/** Offset of an entry's data, after its local header. */
function dataOffset(zip: ZipArchive, e: ZipEntry): number {
  const b = zip.bytes;
  const o = e.localHeaderOffset;
  if (o + 30 > b.length || u32(b, o) !== SIG_LOCAL) throw new ZipFormatError(`local header of "${e.name}" missing`);
  const start = o + 30 + u16(b, o + 26) + u16(b, o + 28);
  if (start + e.compressedSize > b.length) throw new ZipFormatError(`data of "${e.name}" runs past the end of the archive`);
  return start;
}

/**
 * Compressed input per push. One push can expand at most ~1032× (DEFLATE's limit), so the
 * chunk shrinks as the output nears the declared size: a lying entry overshoots by at most
 * about the bytes still expected (or 1 MiB), not by 64 MiB.
 */
const MAX_PUSH = 64 * 1024;
const MIN_PUSH = 1024;

/**
 * DEFLATE cannot beat ~1032:1; real documents (even repetitive XML) stay far below 1000:1.
 * Entries that claim more are zip-bomb payloads (runs of one byte) and are not inflated.
 */
const MAX_RATIO = 1000;
const RATIO_MIN_SIZE = 1024 * 1024;

/**
 * Inflate raw DEFLATE data that must expand to exactly `expected` bytes. Stops (too-large)
 * as soon as the output passes `expected`, so a lying header costs at most one chunk.
 */
export function inflateCapped(data: Uint8Array, expected: number, what: string): Uint8Array {
  const out = new Uint8Array(expected);
  let n = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (over) return;
    if (n + chunk.length > expected) {
      over = true;
      return;
    }
    out.set(chunk, n);
    n += chunk.length;
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let p = 0; p < data.length && !over; ) {
      const want = Math.ceil((expected - n) / 1032) + MIN_PUSH;
      const end = Math.min(p + Math.min(MAX_PUSH, want), data.length);
      inflater.push(data.subarray(p, end), end === data.length);
      p = end;
    }
  } catch (err) {
    if (!over) throw new ExtractStop('corrupt', `${what}: damaged compressed data (${(err as Error).message})`, 'item');
  }
  if (over) {
    throw new ExtractStop('too-large', `${what}: inflates past its declared ${fmtBytes(expected)} (zip bomb?)`, 'item');
  }
  return n === expected ? out : out.subarray(0, n);
}

/** Bytes of one entry, within the budget. Throws ExtractStop for encrypted/unsupported/oversize. */
export function readZipEntry(zip: ZipArchive, e: ZipEntry, budget: BudgetState): Uint8Array {
  // Details leave out the entry name: `where` carries it, and name-free details let the
  // sink count identical problems instead of listing thousands of them.
  if (e.encrypted) throw new ExtractStop('encrypted', 'password-protected archive entry', 'item');
  if (e.method !== 0 && e.method !== 8) {
    const names: Record<number, string> = { 9: 'Deflate64', 12: 'BZIP2', 14: 'LZMA', 93: 'Zstandard', 95: 'XZ', 98: 'PPMd' };
    throw new ExtractStop('unsupported', `archive entry uses ${names[e.method] ?? `compression method ${e.method}`}`, 'item');
  }
  let start: number;
  try {
    start = dataOffset(zip, e);
  } catch (err) {
    throw new ExtractStop('corrupt', (err as Error).message, 'item');
  }
  if (e.method === 8 && e.size > RATIO_MIN_SIZE && e.size > e.compressedSize * MAX_RATIO) {
    throw new ExtractStop('too-large', `compression ratio over ${MAX_RATIO}:1 (zip bomb?); not inflated`, 'item');
  }
  budget.reserveInflate(e.size, 'entry');
  const data = zip.bytes.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data.subarray(0, Math.min(e.size, data.length));
  return inflateCapped(data, e.size, 'entry');
}

/** Cheap peek at the first bytes of an entry (magic sniffing) without inflating all of it. */
export function peekZipEntry(zip: ZipArchive, e: ZipEntry, n: number): Uint8Array {
  if (e.encrypted || (e.method !== 0 && e.method !== 8)) return new Uint8Array(0);
  try {
    const start = dataOffset(zip, e);
    const data = zip.bytes.subarray(start, start + e.compressedSize);
    if (e.method === 0) return data.subarray(0, n);
    const out = new Uint8Array(n);
    let got = 0;
    const inflater = new Inflate((chunk) => {
      const take = Math.min(chunk.length, n - got);
      if (take > 0) out.set(chunk.subarray(0, take), got);
      got += take;
    });
    for (let p = 0; p < data.length && got < n; p += 1024) {
      const end = Math.min(p + 1024, data.length);
      inflater.push(data.subarray(p, end), end === data.length);
    }
    return out.subarray(0, got);
  } catch {
    return new Uint8Array(0);
  }
}
