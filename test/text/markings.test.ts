import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCustomMarkings, excerptAround, findMarkings, type MarkingLevel } from '../../shared/text';
import { findMarkingsReference } from '../../shared/text/markings';
import { CORPUS } from './fixtures/marking-corpus';

const REG_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'regulations');
const regFiles = (() => {
  try {
    return readdirSync(REG_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => ({ name: f, text: readFileSync(resolve(REG_DIR, f), 'utf8').normalize('NFC') }));
  } catch {
    return [];
  }
})();

const levels = (text: string) => findMarkings(text).map((m) => m.level);
const texts = (text: string) => findMarkings(text).map((m) => m.text);

describe('findMarkings — positives', () => {
  const cases: [string, MarkingLevel, string][] = [
    ['MẬT', 'mat', 'MẬT'],
    ['Độ mật: Tối mật', 'toi-mat', 'Tối mật'],
    ['[MẬT]', 'mat', 'MẬT'],
    ['(TUYỆT MẬT)', 'tuyet-mat', 'TUYỆT MẬT'],
    ['TÀI LIỆU MẬT', 'classified-doc', 'TÀI LIỆU MẬT'],
    ['Mật - Khẩn: Báo cáo tình hình', 'mat', 'Mật'],
    ['Khẩn, Mật: V/v điều động', 'mat', 'Mật'],
    ['Văn bản này thuộc loại TUYỆT MẬT.', 'tuyet-mat', 'TUYỆT MẬT'],
    ['tuyệt mật', 'tuyet-mat', 'tuyệt mật'],
    ['Tuyệt Mật', 'tuyet-mat', 'Tuyệt Mật'],
    ['tài liệu tối mật', 'toi-mat', 'tối mật'],
    ['lộ bí mật nhà nước', 'state-secret', 'bí mật nhà nước'],
    ['BÍ MẬT NHÀ NƯỚC', 'state-secret', 'BÍ MẬT NHÀ NƯỚC'],
    ['Bí Mật Nhà Nước', 'state-secret', 'Bí Mật Nhà Nước'],
    ['danh mục bí mật của nhà nước', 'state-secret', 'bí mật của nhà nước'],
    ['bí mật quốc gia', 'state-secret', 'bí mật quốc gia'],
    ['trừ văn bản mật)', 'classified-doc', 'văn bản mật'],
    ['gửi tài liệu mật', 'classified-doc', 'tài liệu mật'],
    ['hồ sơ mật của vụ án', 'classified-doc', 'hồ sơ mật'],
    ['thông tin mật về nhân sự', 'classified-doc', 'thông tin mật'],
    ['báo cáo mật', 'classified-doc', 'báo cáo mật'],
    ['công văn mật số 12', 'classified-doc', 'công văn mật'],
    ['Độ mật: Mật', 'mat', 'Mật'],
    ['Độ mật: mật Số: 15/BC', 'mat', 'mật'],
    ['Mật khẩn: báo cáo ngay', 'mat', 'Mật'],
    ['MẬT HỎA TỐC', 'mat', 'MẬT'],
    ['Tài liệu đóng dấu MẬT ở góc trên', 'mat', 'MẬT'],
    ['Số: 12/QĐ-UBND\nMật\nV/v phân công', 'mat', 'Mật'],
    ['| Độ mật | Mật |', 'mat', 'Mật'],
    ['TUYET MAT', 'tuyet-mat', 'TUYET MAT'],
    ['TOI MAT', 'toi-mat', 'TOI MAT'],
    ['BI MAT NHA NUOC', 'state-secret', 'BI MAT NHA NUOC'],
    ['TAI LIEU MAT', 'classified-doc', 'TAI LIEU MAT'],
    ['Bao_cao_TUYET_MAT.docx', 'tuyet-mat', 'TUYET_MAT'],
    ['TUYỆTMẬT', 'tuyet-mat', 'TUYỆTMẬT'],
    ['TUYệT MậT', 'tuyet-mat', 'TUYệT MậT'],
    ['MậT', 'mat', 'MậT'],
  ];
  it.each(cases)('%j → %s', (input, level, text) => {
    const found = findMarkings(input);
    expect(found.map((m) => [m.level, m.text])).toContainEqual([level, text]);
  });

  it('reports positions that point at the text as given', () => {
    const input = 'Kính gửi anh,\nĐây là tài liệu TUYỆT MẬT, đề nghị không chuyển tiếp.';
    const [m] = findMarkings(input);
    expect(input.slice(m.index, m.index + m.length)).toBe(m.text);
    expect(m.text).toBe('TUYỆT MẬT');
  });

  it('finds several markings in order', () => {
    expect(levels('văn bản mật, tối mật hoặc tuyệt mật')).toEqual(['classified-doc', 'toi-mat', 'tuyet-mat']);
    expect(levels('Mật, tối mật, tuyệt mật')).toEqual(['mat', 'toi-mat', 'tuyet-mat']);
  });

  it('honours limit', () => {
    const text = 'MẬT. '.repeat(50);
    expect(findMarkings(text, undefined, { limit: 3 })).toHaveLength(3);
    expect(findMarkings(text, undefined, { limit: 0 })).toHaveLength(0);
    expect(findMarkings(text)).toHaveLength(50);
  });
});

describe('findMarkings — hard negatives', () => {
  const negatives = [
    'mật khẩu',
    'Mật khẩu phải có ít nhất 8 ký tự',
    'MẬT KHẨU',
    'mật độ',
    'MẬT ĐỘ XÂY DỰNG',
    'bảo mật',
    'bảo mật thông tin',
    'BẢO MẬT',
    'HƯỚNG DẪN BẢO MẬT THÔNG TIN',
    'thân mật',
    'mật thiết',
    'mật ong',
    'mật mã',
    'cơ mật',
    'bí mật',
    'giữ bí mật mật khẩu',
    'bí mật công tác',
    'túi mật',
    'mật gấu',
    'mật ngọt',
    'mất',
    'mặt',
    'mất mật khẩu',
    'format',
    'automatic',
    'FORMAT MATERIAL AUTOMATIC',
    'yoga MAT',
    'Mat',
    'theo chế độ mật',
    'Độ mật: Thường',
    'tài liệu đã giải mật',
    'canh phòng nghiêm mật',
    'ngọt như mật',
    'Ông Nguyễn Văn Mật',
    'Mậu Thân',
    'nhận luật thật nhật',
    'trừ các văn bản bảo mật',
    'tính bảo\nmật',
    'Tài liệu không mật',
    'khoá mật',
    'ong mật',
  ];
  it.each(negatives)('%j → nothing', (input) => {
    expect(findMarkings(input)).toEqual([]);
  });
});

describe('findMarkings — spaced letters, invisible characters, Unicode forms', () => {
  it.each([
    ['T U Y Ệ T  M Ậ T', 'tuyet-mat'],
    ['T.U.Y.Ệ.T M.Ậ.T', 'tuyet-mat'],
    ['T-U-Y-Ệ-T M-Ậ-T', 'tuyet-mat'],
    ['M Ậ T', 'mat'],
    ['M-Ậ-T', 'mat'],
    ['M.Ậ.T', 'mat'],
    ['m ậ t', 'mat'],
    ['T Ố I  M Ậ T', 'toi-mat'],
    ['B Í  M Ậ T  N H À  N Ư Ớ C', 'state-secret'],
    ['T U Y Ệ T M Ậ T', 'tuyet-mat'],
    ['M\u200BẬT', 'mat'],
    ['MẬ\u00ADT', 'mat'],
    ['TUY\u200DỆT M\u2060ẬT', 'tuyet-mat'],
  ] as [string, MarkingLevel][])('%j → %s', (input, level) => {
    expect(levels(input)).toContain(level);
  });

  it('spaced-out hard negatives stay negative', () => {
    expect(findMarkings('M Ậ T  K H Ẩ U')).toEqual([]);
    expect(findMarkings('B Ả O  M Ậ T')).toEqual([]);
    expect(findMarkings('M Ậ T K H Ẩ U')).toEqual([]);
  });

  it.each(['NFD', 'NFKD'] as const)('matches %s input and reports original offsets', (form) => {
    const src = 'Kính gửi: Tài liệu TUYỆT MẬT và bí mật nhà nước, không phải mật khẩu.';
    const input = src.normalize(form);
    const found = findMarkings(input);
    expect(found.map((m) => m.level)).toEqual(['tuyet-mat', 'state-secret']);
    for (const m of found) expect(input.slice(m.index, m.index + m.length)).toBe(m.text);
    expect(found[0].text.normalize('NFC')).toBe('TUYỆT MẬT');
  });

  it('matches half-composed and non-canonical orders', () => {
    for (const mat of ['ma\u0323\u0302t', 'ma\u0302\u0323t', 'mâ\u0323t', 'mạ\u0302t']) {
      expect(levels(`Tài liệu tuyệt ${mat}`)).toEqual(['tuyet-mat']);
      expect(levels(`${mat} khẩu`)).toEqual([]);
    }
  });

  it('unaccented forms count only in capitals', () => {
    expect(findMarkings('tuyet mat')).toEqual([]);
    expect(findMarkings('Tuyet Mat')).toEqual([]);
    expect(findMarkings('bi mat nha nuoc')).toEqual([]);
    expect(findMarkings('MAT KHAU')).toEqual([]);
    expect(levels('TOI MAT')).toEqual(['toi-mat']);
  });
});

describe('findMarkings — realistic corpus', () => {
  it('precision and recall ≥ 0.97', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const [text, expected] of CORPUS) {
      const got = findMarkings(text).length > 0;
      if (got && expected) tp++;
      else if (got && !expected) {
        fp++;
        wrong.push(`FP ${JSON.stringify(text)}`);
      } else if (!got && expected) {
        fn++;
        wrong.push(`FN ${JSON.stringify(text)}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect(CORPUS.filter(([, p]) => p).length).toBeGreaterThanOrEqual(60);
    expect(CORPUS.filter(([, p]) => !p).length).toBeGreaterThanOrEqual(60);
    expect(wrong).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(0.97);
    expect(recall).toBeGreaterThanOrEqual(0.97);
  });

  it('finds exactly the markings the regulations themselves cite', () => {
    const byFile = Object.fromEntries(regFiles.map((f) => [f.name.slice(0, 3), texts(f.text)]));
    expect(byFile).toEqual({
      '000': ['bí mật nhà nước', 'bí mật của nhà nước'],
      '001': ['văn bản mật', 'văn bản mật'],
      '002': ['văn bản mật'],
      '003': [],
      '004': ['văn bản mật', 'tối mật', 'tuyệt mật', 'bí mật nhà nước', 'bí mật nhà nước'],
    });
  });
});

describe('fast path ≡ full grammar', () => {
  /** Deterministic variations of a text: case, Unicode form, spacing, invisible characters. */
  function variants(text: string): string[] {
    return [
      text,
      text.toUpperCase(),
      text.normalize('NFD'),
      text.toUpperCase().normalize('NFD'),
      text.replace(/ /g, '  '),
      text.replace(/ /g, '\n'),
      text.replace(/mật/g, 'm\u200Bật'),
      text.replace(/mật/gi, (m) => m.split('').join(' ')),
      text.replace(/\. /g, '.\t'),
    ];
  }

  it('gives the same matches as verifying every candidate, on the regulations', () => {
    for (const f of regFiles) {
      for (const v of variants(f.text)) expect(findMarkings(v)).toEqual(findMarkingsReference(v));
    }
  });

  it('gives the same matches on the corpus and its variants', () => {
    for (const [text] of CORPUS) {
      for (const v of variants(text)) {
        for (const ctx of [v, `Kính gửi anh ${v} trân trọng`, `tuyệt ${v}`, `${v} khẩu`, `bí ${v}`, `(${v})`]) {
          expect(findMarkings(ctx), JSON.stringify(ctx)).toEqual(findMarkingsReference(ctx));
        }
      }
    }
  });
});

describe('custom markings', () => {
  it('matches plain phrases case- and form-insensitively, as whole words', () => {
    const { markings, errors } = compileCustomMarkings(['Nội bộ', 'HẠN CHẾ  phổ biến']);
    expect(errors).toEqual([]);
    const text = 'Tài liệu NỘI BỘ. Tài liệu nội bộ. ' + 'Hạn chế\nphổ biến'.normalize('NFD') + ' nội bộc';
    const found = findMarkings(text, markings).filter((m) => m.level === 'custom');
    expect(found.map((m) => m.text.normalize('NFC'))).toEqual(['NỘI BỘ', 'nội bộ', 'Hạn chế\nphổ biến']);
    for (const m of found) expect(text.slice(m.index, m.index + m.length)).toBe(m.text);
  });

  it('runs /pattern/flags with re2js', () => {
    const { markings, errors } = compileCustomMarkings(['/MẬT\\s*-\\s*\\d+/i', '/^CONFIDENTIAL$/m']);
    expect(errors).toEqual([]);
    const found = findMarkings('Ký hiệu: mật - 12\nCONFIDENTIAL\nkhông phải CONFIDENTIAL ở đây', markings);
    const custom = found.filter((m) => m.level === 'custom').map((m) => m.text);
    expect(custom).toEqual(['mật - 12', 'CONFIDENTIAL']);
  });

  it('runs patterns on NFD text too', () => {
    const { markings } = compileCustomMarkings(['/nội bộ/i']);
    const text = 'Tài liệu NỘI BỘ'.normalize('NFD');
    const [m] = findMarkings(text, markings);
    expect(m.level).toBe('custom');
    expect(m.text.normalize('NFC')).toBe('NỘI BỘ');
    expect(text.slice(m.index, m.index + m.length)).toBe(m.text);
  });

  it('reports invalid entries with Vietnamese and English messages and keeps the rest', () => {
    const { markings, errors } = compileCustomMarkings(['/(a/', 'hợp lệ', '/a*/', '/x/q', '', '/(?=a)b/', '/(a)\\1/']);
    expect(errors.map((e) => e.index)).toEqual([0, 2, 3, 4, 5, 6]);
    for (const e of errors) {
      expect(e.message_vi.length).toBeGreaterThan(5);
      expect(e.message_en.length).toBeGreaterThan(5);
    }
    expect(errors[0].message_en).toMatch(/invalid regular expression/);
    expect(errors[1].message_en).toMatch(/empty/);
    expect(errors[2].message_en).toMatch(/flag "q"/);
    expect(findMarkings('một mục hợp lệ', markings).map((m) => m.text)).toEqual(['hợp lệ']);
  });

  it('admin pattern (a+)+$ on 1 MiB of "a" completes (linear time; timing is in bench/run.ts)', () => {
    const { markings, errors } = compileCustomMarkings(['/(a+)+$/']);
    expect(errors).toEqual([]);
    const text = 'a'.repeat(1024 * 1024);
    const found = findMarkings(text, markings);
    expect(found.length).toBeGreaterThanOrEqual(1);
    const last = found[found.length - 1];
    expect(last.index + last.length).toBe(text.length);
  });

  it('a pattern with many NFA states on 1 MiB completes', () => {
    const { markings } = compileCustomMarkings(['/(.*a){12}/s']);
    const found = findMarkings('a'.repeat(1024 * 1024), markings);
    expect(found.length).toBeGreaterThanOrEqual(1);
  });

  it('built-in and custom matches are merged in text order', () => {
    const { markings } = compileCustomMarkings(['lưu hành nội bộ']);
    const found = findMarkings('Lưu hành nội bộ. Tài liệu TỐI MẬT.', markings);
    expect(found.map((m) => m.level)).toEqual(['custom', 'toi-mat']);
  });
});

describe('excerptAround', () => {
  it('is one trimmed line with … at the cut ends', () => {
    const text = 'Dòng một.\n' + 'x'.repeat(100) + ' Tài liệu TUYỆT MẬT gửi kèm\n theo đây ' + 'y'.repeat(100);
    const i = text.indexOf('TUYỆT');
    const e = excerptAround(text, i, 9, 20);
    expect(e).not.toMatch(/\n/);
    expect(e.startsWith('…')).toBe(true);
    expect(e.endsWith('…')).toBe(true);
    expect(e).toContain('TUYỆT MẬT');
  });

  it('has no ellipsis when nothing is cut', () => {
    expect(excerptAround('  Độ mật:\tMật  ', 11, 3)).toBe('Độ mật: Mật');
  });

  it('never splits a surrogate pair or a letter from its marks', () => {
    const text = '😀'.repeat(30) + ' MẬT ' + 'e\u0301'.repeat(30);
    for (let r = 0; r < 20; r++) {
      const ex = excerptAround(text, 61, 3, r);
      expect(ex).not.toMatch(/^…?[\uDC00-\uDFFF]/);
      expect(ex).not.toMatch(/[\uD800-\uDBFF]…?$/);
      expect(ex).not.toMatch(/^…?\u0301/);
    }
  });

  it('tolerates out-of-range input', () => {
    expect(excerptAround('', 5, 5)).toBe('');
    expect(excerptAround('abc', -10, 100)).toBe('abc');
    expect(excerptAround('abc', 99, 1)).toBe('abc');
  });
});
