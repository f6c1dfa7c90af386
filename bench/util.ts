/** Helpers shared by the benchmarks (bench/run.ts, bench/docx.ts, bench/scan.ts). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The regulation texts folder: REGULATIONS_DIR when it exists, else ../shared/regulations beside
 * the repo — the order scripts/build-addin.mjs uses, so one setting serves build and bench.
 */
export function regulationsDir(): string {
  const fallback = resolve(repoRoot, '..', 'shared', 'regulations');
  const env = process.env.REGULATIONS_DIR;
  return env && existsSync(env) ? resolve(env) : fallback;
}

/** The text of every regulation (.txt), in file-name order so the benchmark text is stable. */
export function readRegulations(): string[] {
  const dir = regulationsDir();
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort();
  } catch {
    throw new Error(`Không đọc được các quy chế tại ${dir} / cannot read the regulations at ${dir}`);
  }
  if (files.length === 0) throw new Error(`Không có tệp .txt nào trong ${dir} / no .txt regulation files in ${dir}`);
  return files.map((f) => readFileSync(resolve(dir, f), 'utf8'));
}
