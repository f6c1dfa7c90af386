import { describe, expect, it } from 'vitest';
import {
  collapseSpacedLetters,
  foldCase,
  nfcWithMap,
  normalizeForMatch,
  normalizeLoose,
  removeIgnorables,
  singleLine,
  stripDiacritics,
  toNFC,
  toNFD,
} from '../../shared/text';

describe('Unicode forms and case', () => {
  it('NFC/NFD round-trip Vietnamese', () => {
    const s = 'Tuyệt mật – Bí mật nhà nước – ĐỘC LẬP';
    expect(toNFD(s)).not.toBe(s);
    expect(toNFC(toNFD(s))).toBe(s);
  });

  it('foldCase: NFC, lower case, invisible characters removed', () => {
    expect(foldCase('TUYỆT MẬT'.normalize('NFD'))).toBe('tuyệt mật');
    expect(foldCase('M\u200BẬ\u00ADT')).toBe('mật');
    expect(foldCase('Ma\u0302\u0323t')).toBe('mật'); // non-canonical mark order
    expect(foldCase('Đ')).toBe('đ');
  });

  it('stripDiacritics maps đ/Đ by hand', () => {
    expect(stripDiacritics('Tuyệt mật Đà Nẵng, đường Điện Biên')).toBe('Tuyet mat Da Nang, duong Dien Bien');
    expect(stripDiacritics('Tuyệt mật'.normalize('NFD'))).toBe('Tuyet mat');
  });

  it('removeIgnorables and singleLine', () => {
    expect(removeIgnorables('a\u00ADb\u200Bc\u200Cd\u200De\u2060f\uFEFFg')).toBe('abcdefg');
    expect(singleLine('  a\n\tb \r\n c\u2028d  ')).toBe('a b c d');
  });
});

describe('collapseSpacedLetters', () => {
  it.each([
    ['T U Y Ệ T  M Ậ T', 'TUYỆT  MẬT'],
    ['M-Ậ-T', 'MẬT'],
    ['M.Ậ.T', 'MẬT'],
    ['T.U.Y.Ệ.T M.Ậ.T', 'TUYỆT MẬT'],
    ['m ậ t khẩu', 'mật khẩu'],
    ['B Í  M Ậ T  N H À  N Ư Ớ C', 'BÍ  MẬT  NHÀ  NƯỚC'],
    ['M\u00A0Ậ\u00A0T', 'MẬT'],
    ['T U Y Ệ T  M Ậ T'.normalize('NFD'), 'TUYỆT  MẬT'.normalize('NFD')],
  ])('%j → %j', (input, expected) => {
    expect(collapseSpacedLetters(input)).toBe(expected);
  });

  it.each([
    'mật khẩu',
    'Nguyễn V. A.',
    'ở đó',
    'A. Nội dung',
    'M- Ậ -T',
    'Điều 5, khoản 2',
    'T.Ư',
  ])('leaves %j alone (not a run of single letters with one separator)', (input) => {
    const out = collapseSpacedLetters(input);
    if (input === 'T.Ư') expect(out).toBe('TƯ'); // a run of two: harmless
    else expect(out).toBe(input);
  });

  it('does not mix separators within one run', () => {
    expect(collapseSpacedLetters('A.B C.D')).toBe('AB CD');
    expect(collapseSpacedLetters('A-B.C')).toBe('AB.C');
  });
});

describe('normalizeForMatch / normalizeLoose', () => {
  it('combines NFC, spacing, case and whitespace', () => {
    expect(normalizeForMatch('  T U Y Ệ T  M Ậ T\n ')).toBe('tuyệt mật');
    expect(normalizeForMatch('Bí\tMật  Nhà\nNước'.normalize('NFD'))).toBe('bí mật nhà nước');
    expect(normalizeLoose('Tuyệt  M Ậ T')).toBe('tuyet mat');
  });
});

describe('nfcWithMap', () => {
  it('returns the NFC text and maps offsets back', () => {
    const src = 'Tài liệu TUYỆT MẬT nhé'.normalize('NFD');
    const { text, toOriginal } = nfcWithMap(src);
    expect(text).toBe(src.normalize('NFC'));
    const i = text.indexOf('TUYỆT');
    const j = i + 'TUYỆT MẬT'.length;
    expect(src.slice(toOriginal(i), toOriginal(j)).normalize('NFC')).toBe('TUYỆT MẬT');
    expect(toOriginal(0)).toBe(0);
    expect(toOriginal(text.length)).toBe(src.length);
  });

  it('is the identity for NFC text', () => {
    const s = 'Cộng hoà xã hội chủ nghĩa Việt Nam';
    const { text, toOriginal } = nfcWithMap(s);
    expect(text).toBe(s);
    expect(toOriginal(5)).toBe(5);
  });

  it('maps monotonically', () => {
    const src = 'a\u0301b\u0323\u0302c😀e\u0302\u0301'.repeat(3);
    const { text, toOriginal } = nfcWithMap(src);
    let last = 0;
    for (let i = 0; i <= text.length; i++) {
      const o = toOriginal(i);
      expect(o).toBeGreaterThanOrEqual(last);
      expect(o).toBeLessThanOrEqual(src.length);
      last = o;
    }
  });
});
