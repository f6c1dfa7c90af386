/** Builds the add-in once per test file into a throw-away directory. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- plain ESM build script without type declarations
import { buildAddin } from '../../scripts/build-addin.mjs';

export interface BuiltAddin {
  outDir: string;
  baseUrl: string;
  sizes: Record<string, { bytes: number; gzip: number }>;
  associated: string[];
}

export async function buildForTest(opts: { baseUrl?: string; officeJsUrl?: string } = {}): Promise<BuiltAddin> {
  const outDir = mkdtempSync(join(tmpdir(), 'cg-addin-'));
  return (await buildAddin({ outDir, quiet: true, ...opts })) as BuiltAddin;
}
