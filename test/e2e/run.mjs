#!/usr/bin/env node
/**
 * `npm run test:e2e` — the real-webmail end-to-end tests.
 *   1. test/e2e/install.sh: Debian packages (Chromium, Dovecot, Postfix, Roundcube, PHP).
 *   2. Build the extension (npm run build:ext) when .output/chrome-mv3 is missing or older
 *      than its sources. A failed build fails the run, unless E2E_SKIP_BUILD=1, which skips the
 *      build so the control tests can run without an extension.
 *   3. vitest with vitest.e2e.config.ts (extra arguments are passed on, e.g. a file filter).
 *   4. End any mail-stack server a crashed test process left behind.
 * Env: E2E_SKIP_BUILD=1 (see above); E2E_KEEP_TMP=1 keeps each stack's directory in .e2e-tmp/
 * for post-mortems; E2E_BUILD_TIMEOUT_S (default 600) and E2E_TEST_TIMEOUT_S (default 1800) end
 * a hung step instead of waiting forever. Tests find the built extension in E2E_EXTENSION_DIR
 * (unset when it was not built).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXT_DIR = join(ROOT, '.output', 'chrome-mv3');
const RESULTS = join(ROOT, '.e2e-tmp', 'vitest-results.json');
const BUILD_TIMEOUT_S = Number(process.env.E2E_BUILD_TIMEOUT_S ?? 600);
const TEST_TIMEOUT_S = Number(process.env.E2E_TEST_TIMEOUT_S ?? 1800);
const timings = [];

/**
 * Run a command in its own process group, so a timeout (or Ctrl+C) ends the whole tree —
 * `npm run` leaves its children running when only npm is killed.
 */
function run(cmd, args, { env = process.env, timeoutS = 0 } = {}) {
  return new Promise((res) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env, detached: true });
    let timedOut = false;
    const kill = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
    const onSignal = () => kill('SIGTERM');
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const timer = timeoutS > 0 ? setTimeout(() => {
      timedOut = true;
      console.error(`\ne2e: ${cmd} ${args.join(' ')} still running after ${timeoutS} s — stopping it.`);
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 10_000).unref();
    }, timeoutS * 1000) : null;
    child.on('error', (e) => console.error(`e2e: could not run ${cmd}: ${e.message}`));
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // Whatever the group still holds (a grandchild that ignored SIGTERM) goes too.
      kill('SIGKILL');
      res({ ok: code === 0 && !timedOut, timedOut });
    });
  });
}

async function step(name, fn) {
  const t0 = Date.now();
  console.log(`\n=== e2e: ${name}`);
  const r = await fn();
  timings.push([name, (Date.now() - t0) / 1000, r.ok]);
  return r;
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
if (!(await step('install Debian packages', () => run('bash', [join(ROOT, 'test/e2e/install.sh')]))).ok) {
  finish(1, 'install.sh failed: see its message above.');
}

// 2. extension ----------------------------------------------------------------------------
const manifest = join(EXT_DIR, 'manifest.json');
const skipBuild = process.env.E2E_SKIP_BUILD === '1';
if (skipBuild) {
  console.log('\n=== e2e: E2E_SKIP_BUILD=1 — not building the extension; tests needing it will fail (pass a file filter, e.g. control.e2e.ts).');
} else if (!existsSync(manifest) || statSync(manifest).mtimeMs < newestSource()) {
  const r = await step('build extension (npm run build:ext)',
    () => run('npm', ['run', 'build:ext'], { timeoutS: BUILD_TIMEOUT_S }));
  if (!r.ok || !existsSync(manifest)) {
    const why = r.timedOut ? `did not finish within ${BUILD_TIMEOUT_S} s (E2E_BUILD_TIMEOUT_S)`
      : r.ok ? `left no ${manifest}` : 'failed: see the build output above';
    finish(1, `the extension build ${why}. With E2E_SKIP_BUILD=1 and a file filter (e.g. control.e2e.ts) the tests that do not need it still run.`);
  }
} else {
  console.log(`\n=== e2e: extension up to date (${manifest})`);
}
const env = { ...process.env };
if (!skipBuild && existsSync(manifest)) env.E2E_EXTENSION_DIR = EXT_DIR;
else delete env.E2E_EXTENSION_DIR;

// 3. tests --------------------------------------------------------------------------------
mkdirSync(dirname(RESULTS), { recursive: true });
rmSync(RESULTS, { force: true });
const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const tests = await step('vitest (vitest.e2e.config.ts)', () => run(process.execPath, [
  vitest, 'run', '--config', 'vitest.e2e.config.ts',
  '--reporter=verbose', '--reporter=json', `--outputFile.json=${RESULTS}`,
  ...process.argv.slice(2),
], { env, timeoutS: TEST_TIMEOUT_S }));

// 4. leftovers ----------------------------------------------------------------------------
// vitest's global teardown normally does this; after a timeout or a crash it may not have run.
await run(process.execPath, ['--import', 'tsx', '-e',
  "import('./test/e2e/harness/mailstack.ts').then((m) => m.reapStaleStacks())"]);

let counts = '';
let note = tests.timedOut ? `vitest did not finish within ${TEST_TIMEOUT_S} s (E2E_TEST_TIMEOUT_S).` : '';
try {
  const r = JSON.parse(readFileSync(RESULTS, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  counts = `${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
  for (const file of r.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') console.log(`  FAILED: ${t.fullName}`);
    }
    // A file that failed to load has no assertion results, only a message.
    if (file.status === 'failed' && !(file.assertionResults ?? []).length) console.log(`  FAILED: ${file.name}: ${file.message}`);
  }
} catch {
  if (!tests.ok) note ||= 'vitest produced no results (it crashed before running tests?).';
}
finish(tests.ok ? 0 : 1, note || (tests.ok ? 'all end-to-end tests passed.' : 'end-to-end tests failed.'), counts);
