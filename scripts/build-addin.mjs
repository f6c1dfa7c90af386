#!/usr/bin/env node
// Builds the Outlook add-in into .output/outlook-addin/: the static files to host.
//
//   ADDIN_BASE_URL=https://mail-addin.example.gov.vn node scripts/build-addin.mjs
//
// Output: taskpane.html + taskpane.js (React/Fluent UI), commands.html (browser runtime for
// the event handlers), handlers.js (the same handlers as ONE script for classic Outlook's
// JavaScript-only runtime), assets/icon-*.png, manifest.xml (base URL filled in),
// policy.example.json, .well-known/microsoft-officeaddins-allowed.json.
// The build fails if handlers.js is not ECMAScript 2016 or the manifest check fails.
import { build as esbuild } from 'esbuild';
import { parse as acornParse } from 'acorn';
import { createRequire } from 'node:module';
import { mkdir, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync, gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import vm from 'node:vm';
import { checkManifest } from '../outlook-addin/manifest/check.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_BASE_URL = 'https://localhost:3000';
/** Office.js must come from Microsoft's CDN for add-ins (it is not our network call). */
export const DEFAULT_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** ECMAScript level of classic Outlook's JavaScript-only runtime (see handlers/polyfills.ts). */
export const HANDLER_ECMA_VERSION = 2016;


/**
 * @param {{ baseUrl?: string, outDir?: string, officeJsUrl?: string, minify?: boolean, quiet?: boolean }} [opts]
 */
export async function buildAddin(opts = {}) {
  const baseUrl = normaliseBaseUrl(opts.baseUrl ?? process.env.ADDIN_BASE_URL ?? DEFAULT_BASE_URL);
  const officeJsUrl = opts.officeJsUrl ?? process.env.OFFICE_JS_URL ?? DEFAULT_OFFICE_JS;
  const outDir = resolve(opts.outDir ?? join(ROOT, '.output/outlook-addin'));
  const minify = opts.minify ?? true;
  const log = opts.quiet ? () => {} : (...a) => console.log(...a);

  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });
  await mkdir(join(outDir, '.well-known'), { recursive: true });

  const define = {
    __ADDIN_BASE_URL__: JSON.stringify(baseUrl),
    __ADDIN_BUILD__: JSON.stringify(buildId()),
    'process.env.NODE_ENV': '"production"',
  };

  // 1. Event handlers: one self-contained classic script (IIFE) for the JS-only runtime.
  // esbuild lowers async/await to generators at es2016 (generators are ES2015), which that
  // runtime accepts; it cannot lower further, so es2016 is both the floor and the target.
  const handlerFile = join(outDir, 'handlers.js');
  const polyfills = await esbuild({
    entryPoints: [join(ROOT, 'outlook-addin/handlers/polyfills.ts')],
    define: { __UNICODE_CLASSES__: JSON.stringify(unicodeClasses(['L', 'M', 'N'])) },
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    target: 'es2016',
    minify,
    legalComments: 'none',
    write: false,
    logLevel: 'error',
  });
  await esbuild({
    // First in the file: esbuild's helpers read ES2017 built-ins as soon as the bundle starts.
    banner: { js: polyfills.outputFiles[0].text.trim() },
    entryPoints: [join(ROOT, 'outlook-addin/handlers/index.ts')],
    outfile: handlerFile,
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser'],
    target: 'es2016',
    minify,
    legalComments: 'none',
    charset: 'utf8',
    define,
    plugins: [jsRuntimeStubs()],
    logLevel: 'error',
  });
  const lowered = lowerRegexLiterals(await readFile(handlerFile, 'utf8'), HANDLER_ECMA_VERSION);
  const handlerCode = lowered.code;
  await writeFile(handlerFile, handlerCode);
  assertEcmaVersion(handlerCode, HANDLER_ECMA_VERSION, 'handlers.js');
  const associated = associatedFunctionNames(handlerCode);

  // 2. Task pane: React 19 + Fluent UI v9 for the browser runtimes (WebView2, WKWebView, web).
  const regulations = await loadRegulations();
  await esbuild({
    entryPoints: [join(ROOT, 'outlook-addin/taskpane/main.tsx')],
    outfile: join(outDir, 'taskpane.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome109', 'edge109', 'safari15', 'firefox115'],
    jsx: 'automatic',
    minify,
    legalComments: 'none',
    charset: 'utf8',
    define,
    plugins: [virtualModule('congvu:regulations', regulations.data), jsRuntimeStubs()],
    logLevel: 'error',
  });

  // 3. HTML pages.
  const page = async (src, dest) => {
    const html = (await readFile(join(ROOT, src), 'utf8')).replaceAll('{{OFFICE_JS_URL}}', officeJsUrl);
    await writeFile(join(outDir, dest), html);
  };
  await page('outlook-addin/taskpane/taskpane.html', 'taskpane.html');
  await page('outlook-addin/runtime/commands.html', 'commands.html');

  // 4. Icons.
  for (const size of [16, 32, 64, 80, 128]) await writeFile(join(outDir, 'assets', `icon-${size}.png`), iconPng(size));

  // 5. Manifest, checked against what the bundle really associates.
  const manifestSrc = await readFile(join(ROOT, 'manifest.xml'), 'utf8');
  const manifest = manifestSrc.replaceAll('{{ADDIN_BASE_URL}}', baseUrl);
  const check = checkManifest(manifest, { associatedFunctions: associated });
  if (!check.ok) {
    throw new Error('manifest check failed:\n' + check.issues.map((i) => `  [${i.code}] ${i.message} ${i.path}`).join('\n'));
  }
  await writeFile(join(outDir, 'manifest.xml'), manifest);

  // 6. CORS / SSO allow-list for the JS-only runtime (must sit at the ORIGIN root).
  await writeFile(
    join(outDir, '.well-known', 'microsoft-officeaddins-allowed.json'),
    JSON.stringify({ allowed: [`${baseUrl}/handlers.js`] }, null, 2) + '\n',
  );
  // An example for admins; only a file named policy.json is read.
  await writeFile(join(outDir, 'policy.example.json'), JSON.stringify({ extends: 'quangngai', onError: 'allow' }, null, 2) + '\n');

  const sizes = {};
  for (const f of ['handlers.js', 'taskpane.js', 'taskpane.html', 'commands.html']) {
    const buf = await readFile(join(outDir, f));
    sizes[f] = { bytes: buf.length, gzip: gzipSync(buf).length };
  }
  log(`outlook-addin → ${outDir} (base ${baseUrl})`);
  for (const [f, s] of Object.entries(sizes)) log(`  ${f.padEnd(14)} ${kb(s.bytes)} (gzip ${kb(s.gzip)})`);
  if (!regulations.found) log('  note: regulation texts not found (REGULATIONS_DIR); the task pane shows citations only');
  return { outDir, baseUrl, sizes, associated, manifest: check };
}

function kb(n) {
  return `${(n / 1024).toFixed(1)} KiB`;
}

export function normaliseBaseUrl(raw) {
  const url = new URL(String(raw).trim());
  if (url.protocol !== 'https:') throw new Error(`ADDIN_BASE_URL must be https:// (Outlook loads add-ins over HTTPS only): ${raw}`);
  if (url.search || url.hash) throw new Error(`ADDIN_BASE_URL must not have a query or fragment: ${raw}`);
  return url.href.replace(/\/+$/, '');
}

function buildId() {
  const date = new Date().toISOString().slice(0, 10);
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    return `${date} ${hash}`;
  } catch {
    return date;
  }
}

/** Fails the build when the handler bundle uses syntax newer than `ecmaVersion`. */
export function assertEcmaVersion(code, ecmaVersion, label) {
  try {
    acornParse(code, { ecmaVersion, sourceType: 'script' });
  } catch (e) {
    const pos = e.pos ?? 0;
    throw new Error(`${label} is not ECMAScript ${ecmaVersion}: ${e.message}\n  near: ${code.slice(Math.max(0, pos - 80), pos + 80)}`);
  }
}

/**
 * esbuild lowers syntax but leaves regex literals with ES2018 features untouched, and the
 * shared core matches Vietnamese with Unicode property escapes (\p{L}, \p{M}) that classic
 * Outlook's ES2016 sandbox rejects at parse time, taking every handler down with it.
 * regexpu-core (Babel's regex transpiler) rewrites \p{…} into explicit code-point ranges and
 * the s flag into [\s\S]; named groups and lookbehind cannot be rewritten faithfully, so
 * they fail the build with the offending pattern instead.
 */
export function lowerRegexLiterals(code, ecmaVersion) {
  const rewrite = createRequire(import.meta.url)('regexpu-core');
  const ast = acornParse(code, { ecmaVersion: 'latest', sourceType: 'script' });
  const edits = [];
  const problems = [];
  const lower = (pattern, flags, start, end, asCall) => {
    if (regexOk(pattern, flags, ecmaVersion)) return;
    if (/\(\?<[=!A-Za-z_$]/.test(pattern)) {
      problems.push(`/${pattern}/${flags}: named groups and lookbehind are not ES${ecmaVersion}`);
      return;
    }
    const out = rewrite(pattern, flags, { unicodePropertyEscapes: 'transform', dotAllFlag: 'transform' });
    const outFlags = flags.replace('s', '');
    if (!regexOk(out, outFlags, ecmaVersion)) {
      problems.push(`/${pattern}/${flags}: cannot be lowered to ES${ecmaVersion}`);
      return;
    }
    edits.push({ start, end, text: asCall ? `new RegExp(${JSON.stringify(out)},${JSON.stringify(outFlags)})` : `/${out}/${outFlags}` });
  };
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'Literal' && node.regex) lower(node.regex.pattern, node.regex.flags, node.start, node.end, false);
    // esbuild itself turns some literals into new RegExp("…","u"); constant calls are lowered too.
    if (
      (node.type === 'NewExpression' || node.type === 'CallExpression') &&
      node.callee.type === 'Identifier' &&
      node.callee.name === 'RegExp' &&
      node.arguments.length >= 1 &&
      node.arguments.length <= 2 &&
      node.arguments.every((a) => a.type === 'Literal' && typeof a.value === 'string')
    ) {
      lower(node.arguments[0].value, node.arguments[1] ? node.arguments[1].value : '', node.start, node.end, true);
      return;
    }
    for (const key of Object.keys(node)) {
      const v = node[key];
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object' && typeof v.type === 'string') visit(v);
    }
  };
  visit(ast);
  if (problems.length) throw new Error('handlers.js: regular expressions the JavaScript-only runtime cannot run:\n  ' + problems.join('\n  '));
  let outCode = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) outCode = outCode.slice(0, e.start) + e.text + outCode.slice(e.end);
  return { code: outCode, lowered: edits.length };
}

/** Code-point ranges of Unicode general categories, from this Node's tables (for the \\p{…} shim). */
export function unicodeClasses(names) {
  const out = {};
  const hex = (cp) => (cp <= 0xffff ? '\\u' + cp.toString(16).toUpperCase().padStart(4, '0') : '\\u{' + cp.toString(16).toUpperCase() + '}');
  for (const name of names) {
    const re = new RegExp(`^\\p{${name}}$`, 'u');
    let ranges = '';
    let start = -1;
    for (let cp = 0; cp <= 0x110000; cp++) {
      const inside = cp < 0x110000 && !(cp >= 0xd800 && cp <= 0xdfff) && re.test(String.fromCodePoint(cp));
      if (inside && start < 0) start = cp;
      else if (!inside && start >= 0) {
        ranges += start === cp - 1 ? hex(start) : hex(start) + '-' + hex(cp - 1);
        start = -1;
      }
    }
    out[name] = ranges;
  }
  return out;
}

function regexOk(pattern, flags, ecmaVersion) {
  try {
    acornParse(`/${pattern}/${flags}`, { ecmaVersion });
    return true;
  } catch {
    return false;
  }
}

/** Runs the bundle against a recording Office stub and returns what it associates. */
export function associatedFunctionNames(code) {
  const names = [];
  const noop = () => undefined;
  const Office = {
    actions: { associate: (name) => names.push(name) },
    context: { mailbox: { item: null }, requirements: { isSetSupported: () => false }, roamingSettings: { get: noop } },
  };
  vm.runInNewContext(code, { Office }, { timeout: 2000, filename: 'handlers.js' });
  return names;
}

/**
 * Modules that cannot work in the JavaScript-only runtime or are not wanted in the bundles.
 * pdf.js needs a worker or a dynamic import(), neither exists there; the shared extractor
 * reports such attachments as unreadable instead, which the send check shows.
 */
function jsRuntimeStubs() {
  return {
    name: 'js-runtime-stubs',
    setup(b) {
      b.onResolve({ filter: /^pdfjs-dist(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
      b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
        contents:
          'const fail = () => { throw new Error("PDF text extraction is not available in the Outlook add-in"); };' +
          'export const getDocument = fail; export const GlobalWorkerOptions = {}; export default { getDocument: fail, GlobalWorkerOptions: {} };',
        loader: 'js',
      }));
    },
  };
}

function virtualModule(name, data) {
  return {
    name: 'virtual-' + name,
    setup(b) {
      b.onResolve({ filter: new RegExp('^' + name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$') }, () => ({ path: name, namespace: 'virtual' }));
      b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({ contents: JSON.stringify(data), loader: 'json' }));
    },
  };
}

// ------------------------------------------------------------------ regulation texts

/** Which regulation file belongs to which preset (regulations/README.md). */
const REGULATION_FILES = {
  quangngai: '000_',
  binhphuoc: '001_',
  cantho: '002_',
  'tphcm-stnmt': '003_',
  mic: '004_',
};

async function loadRegulations() {
  const candidates = [process.env.REGULATIONS_DIR, join(ROOT, '../shared/regulations'), join(ROOT, 'regulations')].filter(Boolean);
  const dir = candidates.find((d) => existsSync(d));
  if (!dir) return { found: false, data: {} };
  const files = await readdir(dir);
  const data = {};
  for (const [preset, prefix] of Object.entries(REGULATION_FILES)) {
    const file = files.find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
    if (!file) continue;
    data[preset] = parseArticles(await readFile(join(dir, file), 'utf8'));
  }
  return { found: true, data };
}

/**
 * "Điều N. Title" headings → { N: { title, body, clauses: { k: text } } }. A decision
 * numbers its own articles 1–3 and then the attached Quy chế restarts at Điều 1; citations
 * point into the Quy chế, so a later article with the same number wins.
 */
export function parseArticles(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const articles = {};
  let current = null;
  for (const line of lines) {
    const m = /^\s*Điều\s+(\d+)\s*[.:]\s*(.*)$/.exec(line);
    if (m) {
      current = { title: m[2].trim(), lines: [] };
      articles[m[1]] = current;
      continue;
    }
    if (/^\s*(CHƯƠNG|Chương)\s+[IVXLC\d]+/.test(line)) {
      current = null;
      continue;
    }
    if (current && line.trim()) current.lines.push(line.trim());
  }
  const out = {};
  for (const [n, a] of Object.entries(articles)) {
    const clauses = {};
    let k = null;
    for (const l of a.lines) {
      const c = /^(\d+)\.\s+(.*)$/.exec(l);
      if (c) {
        k = c[1];
        clauses[k] = c[2];
      } else if (k) clauses[k] += '\n' + l;
    }
    out[n] = { title: a.title, body: a.lines.join('\n').slice(0, 4000), clauses };
  }
  return out;
}

// ------------------------------------------------------------------ icons

/** A tiny PNG encoder: RGBA rows + zlib (deflate), CRC-32 per chunk. */
export function encodePng(width, height, rgba) {
  const crcTable = new Uint32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A red shield with a white check mark, drawn with 4×4 supersampling. */
export function iconPng(size) {
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  const inShield = (x, y) => {
    // Unit square coordinates. Top part: rounded rectangle; bottom: a point.
    const top = 0.08, mid = 0.55, bottom = 0.95, left = 0.12, right = 0.88;
    if (y < top || y > bottom) return false;
    if (y <= mid) return x >= left && x <= right;
    const t = (y - mid) / (bottom - mid);
    const half = ((right - left) / 2) * (1 - t);
    return Math.abs(x - 0.5) <= half;
  };
  const onCheck = (x, y) => {
    const w = 0.085;
    const seg = (x1, y1, x2, y2) => {
      const dx = x2 - x1, dy = y2 - y1;
      const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
      const ex = x1 + t * dx - x, ey = y1 + t * dy - y;
      return ex * ex + ey * ey <= w * w;
    };
    return seg(0.3, 0.45, 0.45, 0.62) || seg(0.45, 0.62, 0.72, 0.3);
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let shield = 0, check = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size, v = (y + (sy + 0.5) / S) / size;
          if (inShield(u, v)) {
            shield++;
            if (onCheck(u, v)) check++;
          }
        }
      }
      const a = shield / (S * S), c = shield ? check / shield : 0;
      const i = (y * size + x) * 4;
      // #C4262E (red) blended towards white by the check coverage.
      px[i] = Math.round(0xc4 + (255 - 0xc4) * c);
      px[i + 1] = Math.round(0x26 + (255 - 0x26) * c);
      px[i + 2] = Math.round(0x2e + (255 - 0x2e) * c);
      px[i + 3] = Math.round(255 * a);
    }
  }
  return encodePng(size, size, px);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildAddin().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
