/**
 * The built handlers.js in a bare `vm` realm: only a mock `Office` is added — no window,
 * document, localStorage, require, setTimeout, console or fetch — and every built-in newer
 * than ECMAScript 2016 is deleted first, as in classic Outlook's JavaScript-only runtime.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { parse } from 'acorn';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_FUNCTION_NAMES } from '../../outlook-addin/common/constants';
import { buildForTest, type BuiltAddin } from './build';
import { createOfficeMock, toBase64, type MockOptions } from './office-mock';
import { makeDocx } from './docx';
import { makeDoc, makeZip } from '../fixtures/builders';
import { AGENCY, UNIT } from './helpers';

/** ES2017+ library members (syntax is checked separately by acorn at ecmaVersion 2016). */
const NEWER_THAN_ES2016 = `
  delete Object.entries; delete Object.values; delete Object.fromEntries;
  delete Object.getOwnPropertyDescriptors; delete Object.hasOwn; delete Object.groupBy;
  for (const k of ['padStart','padEnd','trimStart','trimEnd','trimLeft','trimRight','replaceAll','matchAll','at','isWellFormed','toWellFormed'])
    delete String.prototype[k];
  for (const k of ['flat','flatMap','at','findLast','findLastIndex','toSorted','toReversed','toSpliced','with'])
    delete Array.prototype[k];
  for (const T of [Int8Array, Uint8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array])
    for (const k of ['at','findLast','findLastIndex','toSorted','toReversed','with']) delete Object.getPrototypeOf(T.prototype)[k];
  delete Promise.prototype.finally; delete Promise.allSettled; delete Promise.any; delete Promise.withResolvers;
  delete Array.fromAsync; delete Map.groupBy;
  delete Symbol.asyncIterator;
  for (const k of ['SharedArrayBuffer','Atomics','BigInt','BigInt64Array','BigUint64Array','WeakRef','FinalizationRegistry','AggregateError','structuredClone','globalThis'])
    delete this[k];
`;

function checkRegexES2016(source: string, flags: string): void {
  // Rebuild the literal the regex would be in ES2016 and let acorn judge its syntax.
  const body = source.replace(/\\.|\[(?:\\.|[^\]\\])*\]|\//g, (m) => (m === '/' ? '\\/' : m)).replace(/\n/g, '\\n');
  try {
    parse(`/${body}/${flags}`, { ecmaVersion: 2016 });
  } catch (e) {
    const why = /\(\?<[=!]/.test(source) ? 'lookbehind (?<…)' : /\\[pP]\{/.test(source) ? 'Unicode property escapes \\p{…}' : /\(\?</.test(source) ? 'named groups' : String(e);
    throw new SyntaxError(
      `a RegExp built at run time uses ${why}, which classic Outlook's ES2016 JavaScript-only runtime cannot compile ` +
        `(static literals are lowered by scripts/build-addin.mjs; patterns assembled from strings are not): /${source.slice(0, 160)}/${flags}`,
    );
  }
}

/** Makes `new RegExp(...)` reject syntax newer than ES2016 (esbuild turns such literals into calls). */
const INSTRUMENT_REGEXP = `
  (function (check) {
    const Native = RegExp;
    function Checked(pattern, flags) {
      const src = pattern instanceof Native ? pattern.source : String(pattern === undefined ? '(?:)' : pattern);
      const fl = flags === undefined ? (pattern instanceof Native ? pattern.flags : '') : String(flags);
      check(src, fl);
      return new Native(src, fl);
    }
    Checked.prototype = Native.prototype;
    Object.defineProperty(Native.prototype, 'constructor', { value: Checked });
    this.RegExp = Checked;
  }).call(this, __checkRegex);
  delete this.__checkRegex;
`;

let built: BuiltAddin;
let code: string;
beforeAll(async () => {
  built = await buildForTest();
  code = readFileSync(join(built.outDir, 'handlers.js'), 'utf8');
}, 60_000);

function load(mockOpts: MockOptions, instrument = false) {
  const mock = createOfficeMock(mockOpts);
  const ctx = vm.createContext(instrument ? { __checkRegex: checkRegexES2016 } : {});
  vm.runInContext(NEWER_THAN_ES2016, ctx);
  if (instrument) vm.runInContext(INSTRUMENT_REGEXP, ctx);
  // Only now does Office appear: the realm has nothing else a browser or Node would add.
  (ctx as Record<string, unknown>).Office = mock.Office;
  const globals = vm.runInContext('Object.getOwnPropertyNames(this).filter(k => !/^[A-Z]/.test(k) || k === "Office")', ctx) as string[];
  vm.runInContext(code, ctx, { filename: 'handlers.js', timeout: 5000 });
  return { mock, ctx, globals };
}

const classified = {
  subject: 'TUYỆT MẬT - Phương án bảo vệ mục tiêu',
  bodyHtml: '<p>Kính gửi Văn phòng,</p><p>Gửi phương án.</p>',
  from: AGENCY,
  to: [UNIT],
};

describe('built handlers.js in a bare JavaScript-only realm', () => {
  it('is ECMAScript 2016 syntax and contains no module loader', () => {
    expect(() => parse(code, { ecmaVersion: 2016, sourceType: 'script' })).not.toThrow();
    expect(code).not.toMatch(/\bimport\s*\(|\brequire\(["']/);
    expect(code).not.toMatch(/\blocalStorage\b|\bdocument\.(?:createElement|body|getElementById|querySelector|cookie)|\bwindow\./);
  });

  it('associates every FunctionName with nothing but Office in scope', () => {
    const { mock, globals } = load({ item: null });
    expect(globals.filter((g) => !['Office', 'console', 'undefined', 'NaN', 'Infinity', 'eval', 'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape'].includes(g))).toEqual([]);
    expect([...mock.associated.keys()].sort()).toEqual([...HANDLER_FUNCTION_NAMES].sort());
  });

  it('blocks a classified draft through the real bundle (policy.json unreachable → vn-baseline)', async () => {
    const { mock, ctx } = load({ item: classified });
    const c = await mock.fire('onMessageSendHandler', 'messageSend');
    expect(c.options?.allowEvent).toBe(false);
    expect(String(c.options?.errorMessage)).toMatch(/mật/i);
    expect(String(c.options?.errorMessage)).toMatch(/Điều|Chỉ thị/);
    // the polyfills put back what the sandbox lacks
    expect(vm.runInContext('typeof Object.entries', ctx)).toBe('function');
  });

  it('allows a clean draft and reads a .docx attachment with the built-in base64 and UTF-8 decoders', async () => {
    const docx = makeDocx(['Kế hoạch công tác tháng 4']);
    const { mock } = load({
      item: { ...classified, subject: 'Kế hoạch công tác', attachments: [{ id: 'd', name: 'ke-hoach.docx', size: docx.length, base64: toBase64(docx) }] },
    });
    const c = await mock.fire('onMessageSendHandler', 'messageSend');
    expect(mock.calls).toContain('getAttachmentContentAsync');
    expect(c.options).toEqual({ allowEvent: true });
  });

  it('finds "TUYỆT MẬT" inside a .docx in the bare realm, with every RegExp checked against ES2016', async () => {
    const docx = makeDocx(['TUYỆT MẬT', 'PHƯƠNG ÁN BẢO VỆ']);
    const { mock } = load(
      { item: { ...classified, subject: 'Báo cáo', attachments: [{ id: 'd', name: 'bc.docx', size: docx.length, base64: toBase64(docx) }] } },
      true,
    );
    const c = await mock.fire('onMessageSendHandler', 'messageSend');
    expect(c.options?.allowEvent).toBe(false);
    // change events too
    await mock.fire('onMessageAttachmentsChangedHandler', 'olkAttachmentsChanged');
    expect([...mock.notifications.keys()]).toContain('cg-classified-content');
  });

  it('reads a .doc and a .zip in the bare realm (the extractor classifies them, not a list of names)', async () => {
    for (const [name, bytes] of [
      ['pa.doc', makeDoc({ body: ['TUYỆT MẬT', 'PHƯƠNG ÁN BẢO VỆ'] })],
      ['hs.zip', makeZip({ 'pa.txt': 'TUYỆT MẬT\nPHƯƠNG ÁN BẢO VỆ' })],
    ] as const) {
      const { mock } = load({ item: { ...classified, subject: 'Báo cáo', attachments: [{ id: 'a', name, size: bytes.length, base64: toBase64(bytes) }] } }, true);
      const c = await mock.fire('onMessageSendHandler', 'messageSend');
      expect(mock.calls).toContain('getAttachmentContentAsync');
      expect(c.options?.allowEvent).toBe(false);
      expect(c.options?.sendModeOverride).toBeUndefined();
    }
  });

  it('reports bundle sizes and the time of a typical send check', async () => {
    const docx = makeDocx(['Kế hoạch công tác tháng 4', 'Nội dung '.repeat(2000)]);
    const typical = {
      subject: 'Kế hoạch công tác tháng 4',
      bodyHtml: '<div>' + '<p>Kính gửi các phòng, ban. Sở gửi kế hoạch công tác tháng 4 để các đơn vị triển khai.</p>'.repeat(30) + '</div>',
      from: AGENCY,
      to: [UNIT, { emailAddress: 'vp-syt@quangngai.gov.vn' }],
      cc: [{ emailAddress: 'ubnd@quangngai.gov.vn' }],
      attachments: [{ id: 'd', name: 'ke-hoach.docx', size: docx.length, base64: toBase64(docx) }],
    };
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { mock } = load({ item: typical });
      const t0 = performance.now();
      const c = await mock.fire('onMessageSendHandler', 'messageSend');
      times.push(performance.now() - t0);
      expect(c.options).toEqual({ allowEvent: true });
    }
    times.sort((a, b) => a - b);
    const report = {
      handlersJs: built.sizes['handlers.js'],
      taskpaneJs: built.sizes['taskpane.js'],
      sendCheckMs: { median: Math.round(times[2]), max: Math.round(times[4]), docxBytes: docx.length },
    };
    console.log('[addin-report]', JSON.stringify(report));
    expect(times[2]).toBeLessThan(2000);
  });
});
