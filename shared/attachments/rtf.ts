/**
 * RTF -> text. A single pass over the control words (RTF 1.9.1 spec): destinations that
 * are not document text (font/colour/style tables, pictures, field instructions, `\*`
 * unknowns) are skipped, `\uN` and `\'hh` are decoded (code page from `\ansicpgN`, 1258
 * and 1252 known), and `\header`/`\footer` groups are kept because markings live there.
 * Linear time: every byte is read once; the group stack is an array, not recursion.
 */
import { CP1252, CP1258, decodeSingleByte } from './encoding.ts';

const SKIP_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'objdata', 'themedata', 'colorschememapping',
  'latentstyles', 'datastore', 'xmlnstbl', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'filetbl',
  'revtbl', 'fldinst', 'bkmkstart', 'bkmkend', 'pgdsctbl', 'operator', 'author', 'nonshppict', 'blipuid',
  'mmathPr', 'defchp', 'defpap', 'wgrffmtfilter', 'passwordhash', 'protusertbl', 'listpicture', 'xmlopen',
]);

interface GroupState {
  skip: boolean;
  uc: number;
}

export function isRtf(b: Uint8Array): boolean {
  return b.length >= 5 && b[0] === 0x7b && b[1] === 0x5c && b[2] === 0x72 && b[3] === 0x74 && b[4] === 0x66; // "{\rtf"
}

export function rtfToText(bytes: Uint8Array, limit = Infinity): string {
  const out: string[] = [];
  let outLen = 0;
  let table = CP1252;
  const stack: GroupState[] = [];
  let state: GroupState = { skip: false, uc: 1 };
  let pendingBytes: number[] = [];
  let skipChars = 0; // fallback characters still to skip after a \uN
  const flushBytes = () => {
    if (pendingBytes.length) {
      if (!state.skip) push(decodeSingleByte(Uint8Array.from(pendingBytes), table));
      pendingBytes = [];
    }
  };
  const push = (s: string) => {
    if (state.skip) return;
    out.push(s);
    outLen += s.length;
  };
  const n = bytes.length;
  let i = 0;
  while (i < n && outLen <= limit) {
    const c = bytes[i];
    if (c === 0x7b /* { */) {
      flushBytes();
      stack.push(state);
      state = { ...state };
      i++;
      // "{\*\dest …}": an ignorable destination unless we know better.
      if (bytes[i] === 0x5c && bytes[i + 1] === 0x2a) {
        state.skip = true;
        i += 2;
      }
      continue;
    }
    if (c === 0x7d /* } */) {
      flushBytes();
      state = stack.pop() ?? { skip: false, uc: 1 };
      i++;
      continue;
    }
    if (c === 0x5c /* \ */) {
      const d = bytes[i + 1];
      if (d === undefined) break;
      const isLetter = (d >= 0x61 && d <= 0x7a) || (d >= 0x41 && d <= 0x5a);
      if (!isLetter) {
        i += 2;
        if (d === 0x27 /* ' */) {
          const hex = String.fromCharCode(bytes[i] ?? 0, bytes[i + 1] ?? 0);
          i += 2;
          if (skipChars > 0) {
            skipChars--;
            continue;
          }
          const v = parseInt(hex, 16);
          if (!Number.isNaN(v)) pendingBytes.push(v);
          continue;
        }
        flushBytes();
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        if (d === 0x7e /* ~ */) push(' ');
        else if (d === 0x5f /* _ */) push('-');
        else if (d === 0x5c || d === 0x7b || d === 0x7d) push(String.fromCharCode(d));
        else if (d === 0x0a || d === 0x0d) push('\n');
        continue;
      }
      // control word: letters, optional signed number, optional single space
      let j = i + 1;
      while (j < n && ((bytes[j] >= 0x61 && bytes[j] <= 0x7a) || (bytes[j] >= 0x41 && bytes[j] <= 0x5a)) && j - i < 33) j++;
      const word = String.fromCharCode.apply(null, bytes.subarray(i + 1, j) as unknown as number[]);
      let num: number | undefined;
      let k = j;
      if (bytes[k] === 0x2d || (bytes[k] >= 0x30 && bytes[k] <= 0x39)) {
        let neg = false;
        if (bytes[k] === 0x2d) (neg = true), k++;
        let v = 0;
        while (k < n && bytes[k] >= 0x30 && bytes[k] <= 0x39 && k - j < 11) v = v * 10 + (bytes[k++] - 0x30);
        num = neg ? -v : v;
      }
      if (bytes[k] === 0x20) k++;
      i = k;
      if (word !== 'u') flushBytes();
      switch (word) {
        case 'u': {
          flushBytes();
          const cp = num === undefined ? 0xfffd : num < 0 ? num + 65536 : num;
          push(String.fromCharCode(cp));
          skipChars = state.uc;
          break;
        }
        case 'uc':
          state.uc = num ?? 1;
          break;
        case 'ansicpg':
          table = num === 1258 ? CP1258 : CP1252;
          break;
        case 'par':
        case 'line':
        case 'sect':
        case 'page':
        case 'row':
          push('\n');
          break;
        case 'tab':
        case 'cell':
          push('\t');
          break;
        case 'bin':
          // raw binary data follows: skip it without interpreting
          i += Math.max(0, num ?? 0);
          break;
        default:
          if (SKIP_DESTINATIONS.has(word)) state.skip = true;
      }
      continue;
    }
    if (c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    // plain text byte
    if (skipChars > 0) {
      skipChars--;
      i++;
      continue;
    }
    pendingBytes.push(c);
    i++;
  }
  flushBytes();
  const text = out.join('');
  return (table === CP1258 ? text.normalize('NFC') : text).replace(/\t\n/g, '\n');
}
