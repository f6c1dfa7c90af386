#!/usr/bin/env node
/**
 * `npm run test:e2e` — the real-webmail end-to-end tests.
 *   1. test/e2e/install.sh: Debian packages (Chromium, Dovecot, Postfix, Roundcube, PHP).
 *   2. Build the extension (npm run build:ext) when .output/chrome-mv3 is missing or older
 *      than its sources. A failed build fails the run, unless E2E_SKIP_BUILD=1, which skips the
 *      build so the control tests can run without an extension.
 *   3. vitest with vitest.e2e.config.ts (extra arguments are passed on, e.g. a file filter).
 * Env: E2E_SKIP_BUILD=1 (see above), E2E_KEEP_TMP=1 (keep each stack's dir in .e2e-tmp/ for
 * post-mortems). Tests find the built extension in E2E_EXTENSION_DIR (unset when not built).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXT_DIR = join(ROOT, '.output', 'chrome-mv3');
const RESULTS = join(ROOT, '.e2e-tmp', 'vitest-results.json');
const timings = [];

function step(name, fn) {
  const t0 = Date.now();
  console.log(`\n=== e2e: ${name}`);
  const ok = fn();
  timings.push([name, (Date.now() - t0) / 1000, ok]);
  return ok;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.error) console.error(`e2e: could not run ${cmd}: ${r.error.message}`);
  return r.status === 0;
}

function finish(code, reason, counts = '') {
  console.log('\n=== e2e summary');
  for (const [name, secs, ok] of timings) {
    console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name.padEnd(36)} ${secs.toFixed(1)} s`);
  }
  if (reason) console.log(`  ${reason}`);
  // Last, alone on a line, in the plain "N passed, N failed" form CI reads.
  if (counts) console.log(counts);
  process.exit(code);
}

/** Newest mtime under the extension's sources (what `wxt build` reads). */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try { st = statSync(p); } catch { return; }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules') visit(join(p, name));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const p of ['extension', 'shared', 'public', 'wxt.config.ts', 'package.json', 'package-lock.json']) {
    visit(join(ROOT, p));
  }
  return newest;
}

// 1. packages -----------------------------------------------------------------------------
// install.sh installs as root and, as another user, says what is missing and fails.
if (!step('install Debian packages', () => run('bash', [join(ROOT, 'test/e2e/install.sh')]))) {
  finish(1, 'install.sh failed: see its message above.');
}

// 2. extension ----------------------------------------------------------------------------
const manifest = join(EXT_DIR, 'manifest.json');
if (process.env.E2E_SKIP_BUILD === '1') {
  console.log('\n=== e2e: E2E_SKIP_BUILD=1 — not building the extension; tests needing it will be skipped.');
} else {
  const stale = !existsSync(manifest) || statSync(manifest).mtimeMs < newestSource();
  if (stale) {
    const ok = step('build extension (npm run build:ext)', () => run('npm', ['run', 'build:ext']));
    if (!ok || !existsSync(manifest)) {
      finish(1, `the extension build failed${ok ? ` (no ${manifest})` : ''}: see the build output above. ` +
        'Set E2E_SKIP_BUILD=1 to run only the tests that do not need the extension.');
    }
  } else {
    console.log(`\n=== e2e: extension up to date (${manifest})`);
  }
}
const env = { ...process.env };
if (process.env.E2E_SKIP_BUILD !== '1' && existsSync(manifest)) env.E2E_EXTENSION_DIR = EXT_DIR;
else delete env.E2E_EXTENSION_DIR;

// 3. tests --------------------------------------------------------------------------------
mkdirSync(dirname(RESULTS), { recursive: true });
const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const testsOk = step('vitest (vitest.e2e.config.ts)', () => run(process.execPath, [
  vitest, 'run', '--config', 'vitest.e2e.config.ts',
  '--reporter=verbose', '--reporter=json', `--outputFile.json=${RESULTS}`,
  ...process.argv.slice(2),
], { env }));

let counts = '';
try {
  const r = JSON.parse(readFileSync(RESULTS, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  counts = `${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
  for (const file of r.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') console.log(`  FAILED: ${t.fullName}`);
    }
  }
} catch {
  if (!testsOk) console.log('  vitest produced no results (crashed before running tests?)');
}
finish(testsOk ? 0 : 1, testsOk ? 'all end-to-end tests passed.' : 'end-to-end tests failed.', counts);
