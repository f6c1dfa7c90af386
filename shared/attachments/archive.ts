/**
 * .gz and .tar: cheap to read (fflate's inflate + 512-byte headers), so not "unsupported".
 * RAR, 7z, CAB … need decoders we do not ship and are reported as unsupported by the caller.
 */
import { ExtractStop } from './budget.ts';
import { childNode, type Node } from './context.ts';
import type { Recurse } from './eml.ts';
import { CP1258, decodeSingleByte, tryDecodeUtf8Strict } from './encoding.ts';
import { inflateCapped } from './zip.ts';

export function isGzip(b: Uint8Array): boolean {
  return b.length >= 18 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 8;
}

export function isTar(b: Uint8Array): boolean {
  // "ustar" magic (POSIX/GNU). Pre-POSIX v7 tar has none and is not worth guessing at.
  return b.length >= 512 && b[257] === 0x75 && b[258] === 0x73 && b[259] === 0x74 && b[260] === 0x61 && b[261] === 0x72;
}

export async function extractGzip(node: Node, bytes: Uint8Array, name: string, recurse: Recurse): Promise<void> {
  const budget = node.sink.budget;
  const flags = bytes[3];
  let p = 10;
  if (flags & 4) p += 2 + (bytes[p] | (bytes[p + 1] << 8));
  let innerName = name.replace(/\.t?gz$/i, (m) => (m.toLowerCase() === '.tgz' ? '.tar' : '')) || 'data';
  if (flags & 8) {
    const z = bytes.indexOf(0, p);
    if (z < 0) throw new ExtractStop('corrupt', 'gzip header damaged', 'item');
    const raw = bytes.subarray(p, z);
    innerName = (tryDecodeUtf8Strict(raw) ?? decodeSingleByte(raw, CP1258)).split(/[\\/]/).pop() || innerName;
    p = z + 1;
  }
  if (flags & 16) {
    const z = bytes.indexOf(0, p);
    p = z < 0 ? bytes.length : z + 1;
  }
  if (flags & 2) p += 2;
  if (p + 8 > bytes.length) throw new ExtractStop('corrupt', 'gzip stream truncated', 'item');
  const n = bytes.length;
  // ISIZE (size mod 2^32) is only a claim; inflateCapped enforces it.
  const declared = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  budget.reserveInflate(declared, `"${innerName}"`);
  const data = inflateCapped(bytes.subarray(p, n - 8), declared, `"${innerName}"`);
  budget.countEntry();
  const child = childNode(node, innerName);
  await recurse(child, data, innerName);
}

function octal(b: Uint8Array, o: number, len: number): number {
  if (b[o] & 0x80) {
    // GNU base-256 for sizes >= 8 GiB
    let v = 0;
    for (let i = 1; i < len; i++) v = v * 256 + b[o + i];
    return v;
  }
  let v = 0;
  for (let i = o; i < o + len; i++) {
    const c = b[i];
    if (c >= 0x30 && c <= 0x37) v = v * 8 + (c - 0x30);
    else if (c !== 0x20 || v > 0) break;
  }
  return v;
}

function cstr(b: Uint8Array, o: number, len: number): string {
  let e = o;
  while (e < o + len && b[e] !== 0) e++;
  const raw = b.subarray(o, e);
  return tryDecodeUtf8Strict(raw) ?? decodeSingleByte(raw, CP1258);
}

export async function extractTar(node: Node, bytes: Uint8Array, recurse: Recurse): Promise<void> {
  const budget = node.sink.budget;
  let p = 0;
  let longName: string | undefined;
  while (p + 512 <= bytes.length) {
    if (bytes[p] === 0 && bytes[p + 124] === 0) break; // end-of-archive block
    budget.checkTime();
    const size = octal(bytes, p + 124, 12);
    const type = String.fromCharCode(bytes[p + 156] || 0x30);
    let name = cstr(bytes, p, 100);
    const prefix = bytes[p + 257] === 0x75 ? cstr(bytes, p + 345, 155) : '';
    if (prefix) name = `${prefix}/${name}`;
    const data = bytes.subarray(p + 512, Math.min(p + 512 + size, bytes.length));
    p += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = cstr(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(cstr(data, 0, data.length));
      if (m) longName = m[1];
      continue;
    }
    if (longName) (name = longName), (longName = undefined);
    if (type !== '0' && type !== '7') continue; // directories, links, devices
    budget.countEntry();
    await recurse(childNode(node, name), data, name);
  }
}
