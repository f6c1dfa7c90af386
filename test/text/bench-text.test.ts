import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ABSENT_PHRASE, buildBenchText } from '../../bench/scan';
import { findMarkings } from '../../shared/text';

const haveRegs = existsSync(resolve(import.meta.dirname, '..', '..', '..', 'shared', 'regulations'));

// The speed target itself is asserted by `npm run bench` (bench/run.ts), never here.
// The regulations sit beside the repo (../shared/regulations) on every machine, CI included;
// their absence is a broken checkout, so fail loudly instead of skipping.
describe('bench/scan.ts text', () => {
  it('has the regulations to build the text from', () => expect(haveRegs).toBe(true));
  const text = buildBenchText();
  const bytes = new TextEncoder().encode(text);

  it('is 8 MiB of UTF-8 without the baseline phrase', () => {
    expect(bytes.length).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(bytes.length).toBeGreaterThan(8 * 1024 * 1024 - 4);
    expect(text.includes(ABSENT_PHRASE)).toBe(false);
  });

  it('has a word containing "mật" in every 2 KB', () => {
    const enc = new TextEncoder();
    let lastEnd = 0; // UTF-8 offset just after the previous "mật"
    let maxGap = 0;
    let byteAt = 0;
    let charAt = 0;
    const re = /mật/gi;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      byteAt += enc.encode(text.slice(charAt, m.index)).length;
      charAt = m.index;
      maxGap = Math.max(maxGap, byteAt - lastEnd);
      lastEnd = byteAt + enc.encode(m[0]).length;
    }
    maxGap = Math.max(maxGap, bytes.length - lastEnd);
    expect(maxGap).toBeLessThanOrEqual(2048);
  });

  it('is mostly hard negatives with some real markings', () => {
    const words = (text.match(/mật/gi) ?? []).length;
    const found = findMarkings(text).length;
    expect(found).toBeGreaterThan(50);
    expect(found / words).toBeLessThan(0.15);
  });
});
