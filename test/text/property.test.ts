import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collapseSpacedLetters,
  compileCustomMarkings,
  convertLegacyToUnicode,
  detectLegacyEncoding,
  excerptAround,
  findMarkings,
  foldCase,
  nfcWithMap,
  normalizeForMatch,
  stripDiacritics,
} from '../../shared/text';
import { findMarkingsReference } from '../../shared/text/markings';

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Pieces that exercise the matcher: parts of markings, marks, separators, invisibles. */
const piece = fc.constantFrom(
  'mật', 'MẬT', 'Mật', 'ậ', 'Ậ', 'm', 'M', 't', 'T', 'a', 'A', 'â', 'ạ', '\u0323', '\u0302', '\u0301', '\u0306',
  'tuyệt', 'TUYỆT', 'tối', 'bí', 'nhà', 'nước', 'khẩu', 'bảo', 'văn', 'bản', 'TUYET', 'TOI', 'MAT', 'BI', 'NHA', 'NUOC',
  ' ', '  ', '.', '-', ':', '\n', '\t', '_', '[', ']', '(', ')', '\u200B', '\u00AD', '\u00A0', '\uD800', '\uDC00', '😀', 'độ', 'Độ mật:',
);
const anyString = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 200 }),
  fc.string({ unit: piece, maxLength: 60 }),
  fc.string({ unit: fc.oneof(piece, codeUnit), maxLength: 80 }),
);

describe('properties', () => {
  it('findMarkings never throws and reports consistent spans', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const found = findMarkings(s);
        let last = -1;
        for (const m of found) {
          expect(m.index).toBeGreaterThanOrEqual(0);
          expect(m.index + m.length).toBeLessThanOrEqual(s.length);
          expect(m.length).toBeGreaterThan(0);
          expect(s.slice(m.index, m.index + m.length)).toBe(m.text);
          expect(m.index).toBeGreaterThanOrEqual(last);
          last = m.index;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the fast path agrees with verifying every candidate', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(piece, piece, codeUnit), maxLength: 80 }), (s) => {
        expect(findMarkings(s)).toEqual(findMarkingsReference(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('findMarkings with custom markings never throws', () => {
    const { markings } = compileCustomMarkings(['mật', 'Nội bộ', '/[\\p{L}]+\\s*-\\s*\\d+/i', '/^x$/m']);
    fc.assert(
      fc.property(anyString, (s) => {
        for (const m of findMarkings(s, markings)) expect(s.slice(m.index, m.index + m.length)).toBe(m.text);
      }),
      { numRuns: 500 },
    );
  });

  it('compileCustomMarkings never throws on arbitrary entries', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyString, anyString.map((s) => `/${s}/`), anyString.map((s) => `/${s}/i`)), { maxLength: 5 }), (list) => {
        const { errors } = compileCustomMarkings(list);
        for (const e of errors) expect(e.index).toBeLessThan(list.length);
      }),
      { numRuns: 500 },
    );
  });

  it('excerptAround never throws and returns one line', () => {
    fc.assert(
      fc.property(anyString, fc.integer({ min: -5, max: 300 }), fc.integer({ min: -5, max: 50 }), fc.integer({ min: 0, max: 60 }), (s, i, l, r) => {
        const e = excerptAround(s, i, l, r);
        expect(e).not.toMatch(/[\n\r\t]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('legacy detection and conversion never throw; conversion is NFC', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const d = detectLegacyEncoding(s);
        expect(d.confidence).toBeGreaterThanOrEqual(0);
        expect(d.confidence).toBeLessThanOrEqual(1);
        for (const enc of ['tcvn3', 'vni'] as const) {
          const out = convertLegacyToUnicode(s, enc);
          expect(out).toBe(out.normalize('NFC'));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('normalisation helpers never throw; nfcWithMap maps monotonically into the input', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        collapseSpacedLetters(s);
        foldCase(s);
        stripDiacritics(s);
        normalizeForMatch(s);
        const { text, toOriginal } = nfcWithMap(s);
        let last = 0;
        for (let i = 0; i <= text.length; i += 7) {
          const o = toOriginal(i);
          expect(o).toBeGreaterThanOrEqual(last);
          expect(o).toBeLessThanOrEqual(s.length);
          last = o;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
