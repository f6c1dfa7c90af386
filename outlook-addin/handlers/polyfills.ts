/**
 * Built-ins newer than ECMAScript 2016 that the shared core (or its dependencies) may call.
 * Classic Outlook on Windows runs event handlers in a custom JavaScript-only sandbox that
 * supports ECMAScript 2016 only (Microsoft, OfficeDev/Office-Add-in-samples#747; a missing
 * Promise.allSettled broke a shipped add-in in OfficeDev/office-js#3569). esbuild lowers
 * syntax but never adds library functions, so they are patched here, each only if absent.
 * test/addin/bundle-vm.test.ts deletes these from a fresh realm and runs the built bundle.
 */
/* eslint-disable no-extend-native */

type AnyObj = Record<string, unknown>;

function define(target: object, name: string, value: unknown): void {
  if (!(name in target)) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  }
}

const G: AnyObj = (function (this: unknown) {
  // globalThis itself is ES2020; find the global object the ES5 way.
  if (typeof globalThis !== 'undefined') return globalThis as unknown as AnyObj;
  if (typeof self !== 'undefined') return self as unknown as AnyObj;
  try {
    return Function('return this')() as AnyObj;
  } catch {
    // A sandbox that forbids the Function constructor: patch nothing global-level.
    return {} as AnyObj;
  }
})();
define(G, 'globalThis', G);

define(Object, 'entries', function (o: AnyObj) {
  return Object.keys(o).map((k) => [k, o[k]]);
});
define(Object, 'values', function (o: AnyObj) {
  return Object.keys(o).map((k) => o[k]);
});
define(Object, 'fromEntries', function (entries: Iterable<[PropertyKey, unknown]>) {
  const out: Record<PropertyKey, unknown> = {};
  for (const [k, v] of Array.from(entries)) out[k] = v;
  return out;
});
define(Object, 'getOwnPropertyDescriptors', function (o: object) {
  const out: Record<PropertyKey, PropertyDescriptor> = {};
  for (const k of Reflect.ownKeys(o)) out[k as string] = Object.getOwnPropertyDescriptor(o, k) as PropertyDescriptor;
  return out;
});
define(Object, 'hasOwn', function (o: object, k: PropertyKey) {
  return Object.prototype.hasOwnProperty.call(o, k);
});

const SP = String.prototype as unknown as AnyObj;
function pad(str: string, len: number, fill: string | undefined, atStart: boolean): string {
  const f = fill === undefined ? ' ' : String(fill);
  if (str.length >= len || f === '') return str;
  let p = '';
  while (p.length < len - str.length) p += f;
  p = p.slice(0, len - str.length);
  return atStart ? p + str : str + p;
}
define(SP, 'padStart', function (this: string, len: number, fill?: string) {
  return pad(String(this), len, fill, true);
});
define(SP, 'padEnd', function (this: string, len: number, fill?: string) {
  return pad(String(this), len, fill, false);
});
define(SP, 'trimStart', function (this: string) {
  return String(this).replace(/^[\s\uFEFF\xA0]+/, '');
});
define(SP, 'trimEnd', function (this: string) {
  return String(this).replace(/[\s\uFEFF\xA0]+$/, '');
});
define(SP, 'trimLeft', SP.trimStart);
define(SP, 'trimRight', SP.trimEnd);
define(SP, 'replaceAll', function (this: string, search: string | RegExp, replacement: unknown) {
  if (search instanceof RegExp) {
    if (search.flags.indexOf('g') < 0) throw new TypeError('replaceAll must be called with a global RegExp');
    return String(this).replace(search, replacement as string);
  }
  return String(this).split(String(search)).join(String(replacement));
});
define(SP, 'matchAll', function (this: string, re: RegExp) {
  const flags = re.flags.indexOf('g') >= 0 ? re.flags : re.flags + 'g';
  const rx = new RegExp(re.source, flags);
  rx.lastIndex = re.lastIndex;
  const str = String(this);
  const all: RegExpExecArray[] = [];
  let m: RegExpExecArray | null;
  while ((m = rx.exec(str)) !== null) {
    all.push(m);
    if (m[0] === '') rx.lastIndex++;
  }
  return all[Symbol.iterator]();
});
define(SP, 'at', function (this: string, i: number) {
  const s = String(this);
  const k = Math.trunc(i) || 0;
  return s.charAt(k < 0 ? s.length + k : k) || undefined;
});

const AP = Array.prototype as unknown as AnyObj;
function flatten(arr: unknown[], depth: number, out: unknown[]): unknown[] {
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (Array.isArray(v) && depth > 0) flatten(v, depth - 1, out);
    else out.push(v);
  }
  return out;
}
define(AP, 'flat', function (this: unknown[], depth?: number) {
  return flatten(this, depth === undefined ? 1 : Number(depth), []);
});
define(AP, 'flatMap', function (this: unknown[], fn: (v: unknown, i: number, a: unknown[]) => unknown, thisArg?: unknown) {
  return flatten(this.map(fn, thisArg), 1, []);
});
define(AP, 'at', function (this: unknown[], i: number) {
  const k = Math.trunc(i) || 0;
  return this[k < 0 ? this.length + k : k];
});
define(AP, 'findLast', function (this: unknown[], fn: (v: unknown, i: number, a: unknown[]) => boolean) {
  for (let i = this.length - 1; i >= 0; i--) if (fn(this[i], i, this)) return this[i];
  return undefined;
});
define(AP, 'findLastIndex', function (this: unknown[], fn: (v: unknown, i: number, a: unknown[]) => boolean) {
  for (let i = this.length - 1; i >= 0; i--) if (fn(this[i], i, this)) return i;
  return -1;
});

const PP = Promise.prototype as unknown as AnyObj;
define(PP, 'finally', function (this: Promise<unknown>, fn: () => void) {
  return this.then(
    (v) => Promise.resolve(fn()).then(() => v),
    (e) =>
      Promise.resolve(fn()).then(() => {
        throw e;
      }),
  );
});
define(Promise, 'allSettled', function (items: Iterable<unknown>) {
  return Promise.all(
    Array.from(items).map((p) =>
      Promise.resolve(p).then(
        (value) => ({ status: 'fulfilled', value }),
        (reason) => ({ status: 'rejected', reason }),
      ),
    ),
  );
});
define(Promise, 'any', function (items: Iterable<unknown>) {
  return new Promise((resolve, reject) => {
    const list = Array.from(items);
    let left = list.length;
    if (!left) reject(new Error('All promises were rejected'));
    list.forEach((p) =>
      Promise.resolve(p).then(resolve, () => {
        if (--left === 0) reject(new Error('All promises were rejected'));
      }),
    );
  });
});

/**
 * BigInt (ES2020) cannot be polyfilled, but zod (the policy schema) calls BigInt("…") at
 * module load to build its int64 ranges; without a stand-in the whole bundle throws before
 * a single handler is associated. The policy schema has no bigint fields, so a Number-valued
 * stand-in only has to survive that initialisation.
 */
if (typeof G.BigInt === 'undefined') {
  G.BigInt = function BigIntStandIn(value: unknown) {
    return Number(value);
  };
}

/** UTF-8 / UTF-16LE / Latin-1 TextDecoder, enough for attachment text extraction. */
if (typeof G.TextDecoder === 'undefined') {
  class MiniTextDecoder {
    readonly encoding: string;
    constructor(label = 'utf-8') {
      const l = String(label).toLowerCase();
      this.encoding = l === 'utf8' ? 'utf-8' : l;
    }
    decode(input?: ArrayBuffer | ArrayBufferView): string {
      if (!input) return '';
      const b =
        input instanceof Uint8Array
          ? input
          : ArrayBuffer.isView(input)
            ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
            : new Uint8Array(input);
      if (this.encoding === 'utf-16le' || this.encoding === 'utf-16') {
        let s = '';
        for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b[i] | (b[i + 1] << 8));
        return s;
      }
      if (this.encoding !== 'utf-8') {
        let s = '';
        for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
        return s;
      }
      let s = '';
      let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
      while (i < b.length) {
        const c = b[i++];
        let cp = 0xfffd;
        if (c < 0x80) cp = c;
        else if (c >= 0xc0 && c < 0xe0 && i < b.length) cp = ((c & 31) << 6) | (b[i++] & 63);
        else if (c >= 0xe0 && c < 0xf0 && i + 1 < b.length) {
          cp = ((c & 15) << 12) | ((b[i] & 63) << 6) | (b[i + 1] & 63);
          i += 2;
        } else if (c >= 0xf0 && i + 2 < b.length) {
          cp = ((c & 7) << 18) | ((b[i] & 63) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63);
          i += 3;
        }
        if (cp > 0xffff) {
          cp -= 0x10000;
          s += String.fromCharCode(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023));
        } else s += String.fromCharCode(cp);
      }
      return s;
    }
  }
  G.TextDecoder = MiniTextDecoder;
}

/** Lone surrogates → U+FFFD, as the WHATWG encoder does (String.prototype.toWellFormed is ES2024). */
function wellFormed(text: string): string {
  let s = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      s += text.charAt(i) + text.charAt(i + 1);
      i++;
    } else s += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : text.charAt(i);
  }
  return s;
}

if (typeof G.TextEncoder === 'undefined') {
  G.TextEncoder = class {
    readonly encoding = 'utf-8';
    encode(text = ''): Uint8Array {
      let bytes: string;
      try {
        bytes = unescape(encodeURIComponent(text));
      } catch (e) {
        // encodeURIComponent throws on a lone surrogate; the native TextEncoder writes U+FFFD.
        bytes = unescape(encodeURIComponent(wellFormed(text)));
      }
      const out = new Uint8Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
      return out;
    }
  };
}

/**
 * Unicode property escapes (\p{L}, \p{M}, \p{N}; ES2018) in patterns the shared core
 * assembles from strings at run time (e.g. custom markings from the admin policy).
 * Literals are rewritten at build time; for the rest, RegExp is wrapped — only where the
 * engine rejects \p{…} — to replace the escapes by code-point ranges generated at build
 * time from Node's Unicode tables (scripts/build-addin.mjs, define __UNICODE_CLASSES__).
 * Lookbehind cannot be emulated this way; the core must not use it (see the bundle test).
 */
declare const __UNICODE_CLASSES__: Record<string, string> | undefined;
const UNICODE_CLASSES: Record<string, string> = typeof __UNICODE_CLASSES__ !== 'undefined' ? __UNICODE_CLASSES__ : {};

export function rewritePropertyEscapes(src: string, classes: Record<string, string>): string | null {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charAt(i);
    if (c === '\\') {
      const n = src.charAt(i + 1);
      if ((n === 'p' || n === 'P') && src.charAt(i + 2) === '{') {
        const end = src.indexOf('}', i + 3);
        if (end < 0) return null;
        const ranges = classes[src.slice(i + 3, end).replace(/^(?:General_Category|gc)=/, '')];
        if (!ranges || (inClass && n === 'P')) return null;
        out += inClass ? ranges : (n === 'P' ? '[^' : '[') + ranges + ']';
        i = end;
        continue;
      }
      out += c + n;
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

(function installPropertyEscapeShim() {
  const Native = G.RegExp as RegExpConstructor | undefined;
  if (!Native || !Object.keys(UNICODE_CLASSES).length) return;
  try {
    new Native('\\p{L}', 'u');
    return; // the engine has them
  } catch {
    // fall through: wrap
  }
  const Shim = function RegExp(pattern?: string | RegExp, flags?: string): RegExp {
    let src = pattern instanceof Native ? pattern.source : pattern === undefined ? '(?:)' : String(pattern);
    const fl = flags === undefined ? (pattern instanceof Native ? pattern.flags : '') : String(flags);
    if (fl.indexOf('u') >= 0 && /\\[pP]\{/.test(src)) {
      const lowered = rewritePropertyEscapes(src, UNICODE_CLASSES);
      if (lowered !== null) src = lowered;
    }
    return new Native(src, fl);
  } as unknown as RegExpConstructor;
  (Shim as unknown as { prototype: RegExp }).prototype = Native.prototype;
  G.RegExp = Shim;
})();

export {};
