import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertLegacyToUnicode, detectLegacyEncoding, isVietnameseSyllable } from '../../shared/text';
import { encodeTcvn3, encodeVni } from './helpers/legacy-encoders';

const REG_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'regulations');
const regTexts = (() => {
  try {
    return readdirSync(REG_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => readFileSync(resolve(REG_DIR, f), 'utf8').normalize('NFC'));
  } catch {
    return [];
  }
})();

/** Sample prose so the tests run even without the regulation files. */
const FALLBACK = [
  'Quy chế quản lý, sử dụng hệ thống thư điện tử công vụ của Ủy ban nhân dân tỉnh.',
  'Cán bộ, công chức, viên chức có trách nhiệm kiểm tra hộp thư điện tử ít nhất hai lần mỗi ngày.',
  'Nghiêm cấm sử dụng hộp thư điện tử công vụ để gửi các tài liệu, văn bản mật, tối mật hoặc tuyệt mật.',
  'Điều 6. Những hành vi bị cấm khi sử dụng thư điện tử; Khoản 3: ĐỔI MẬT KHẨU ĐỊNH KỲ.',
];
const SOURCES = regTexts.length ? regTexts : FALLBACK;

/** Only letters the two legacy encodings can carry: ASCII and Vietnamese. */
const ENCODABLE_LINE = /^[\x20-\x7e\p{Script=Latin}]*$/u;
const VIET_OR_ASCII = /^[A-Za-z0-9 ,.;:()\-/?!"'%&ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư\u1EA0-\u1EF9]*$/;

function words(): string[] {
  const set = new Set<string>();
  for (const t of SOURCES) for (const w of t.match(/\p{L}+/gu) ?? []) if (VIET_OR_ASCII.test(w)) set.add(w);
  // Capitals too: the regulations are mostly lower case.
  for (const w of [...set]) set.add(w.toUpperCase());
  return [...set];
}

function lines(): string[] {
  const out: string[] = [];
  for (const t of SOURCES) for (const l of t.split('\n')) if (l.trim() && ENCODABLE_LINE.test(l) && VIET_OR_ASCII.test(l)) out.push(l);
  return out;
}

/** What .VnTimeH users' text becomes: toned capitals come back lower case. */
function lowerTonedCapitals(s: string): string {
  return [...s.normalize('NFC')]
    .map((ch) => {
      const d = ch.normalize('NFD');
      return /[\u0300\u0301\u0303\u0309\u0323]/.test(d) && ch !== ch.toLowerCase() ? ch.toLowerCase() : ch;
    })
    .join('');
}

describe('convertLegacyToUnicode — known renderings', () => {
  it.each([
    ['Céng hoµ x· héi chñ nghÜa ViÖt Nam', 'Cộng hoà xã hội chủ nghĩa Việt Nam'],
    ['§éc lËp - Tù do - H¹nh phóc', 'Độc lập - Tự do - Hạnh phúc'],
    ['B¶o Th¾ng', 'Bảo Thắng'],
    ['M\u00ADêng Kh\u00AD¬ng', 'Mường Khương'],
    ['B¸t X¸t', 'Bát Xát'],
    ['§iÒu 6. Nh÷ng hµnh vi bÞ cÊm', 'Điều 6. Những hành vi bị cấm'],
    ['Th­ ®iÖn tö c«ng vô', 'Thư điện tử công vụ'],
    ['TUYÖT MËT', 'TUYệT MậT'],
    ['NhiÖt ®é 25°C ± 2', 'Nhiệt độ 25°C ± 2'],
  ])('TCVN3 %j → %j', (input, expected) => {
    expect(convertLegacyToUnicode(input, 'tcvn3')).toBe(expected);
  });

  it('TCVN3 set in .VnTimeH can be upper-cased on request', () => {
    expect(convertLegacyToUnicode('tuyÖt mËt', 'tcvn3', { capitalsFont: true })).toBe('TUYỆT MẬT');
  });

  it.each([
    ['Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
    ['Xin chaøo caùc baïn', 'Xin chào các bạn'],
    ['Ñoäc laäp - Töï do - Haïnh phuùc', 'Độc lập - Tự do - Hạnh phúc'],
    ['COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['Ngöôøi ñöôïc giao quaûn lyù thö ñieän töû', 'Người được giao quản lý thư điện tử'],
    ['TUYEÄT MAÄT', 'TUYỆT MẬT'],
    ['Khuyûu tay, ngoaëc ñôn, thuôû aáy', 'Khuỷu tay, ngoặc đơn, thuở ấy'],
  ])('VNI %j → %j', (input, expected) => {
    expect(convertLegacyToUnicode(input, 'vni')).toBe(expected);
  });

  it('keeps the Unicode part of a mixed mail intact', () => {
    const tcvn = `Kính gửi anh Công, ${encodeTcvn3('Cộng hoà xã hội chủ nghĩa Việt Nam')}. Trân trọng cảm ơn.`;
    expect(convertLegacyToUnicode(tcvn, 'tcvn3')).toBe('Kính gửi anh Công, Cộng hoà xã hội chủ nghĩa Việt Nam. Trân trọng cảm ơn.');
    const vni = `Kính gửi anh Công, ${encodeVni('Độc lập, tự do, hạnh phúc; có được không')}. Trân trọng.`;
    expect(convertLegacyToUnicode(vni, 'vni')).toBe('Kính gửi anh Công, Độc lập, tự do, hạnh phúc; có được không. Trân trọng.');
  });

  it('output is NFC and leaves non-legacy characters alone', () => {
    const out = convertLegacyToUnicode('Email: abc@mic.gov.vn – “trích dẫn” 😀', 'vni');
    expect(out).toBe('Email: abc@mic.gov.vn – “trích dẫn” 😀'.normalize('NFC'));
    expect(convertLegacyToUnicode('', 'tcvn3')).toBe('');
  });
});

describe('convertLegacyToUnicode — round trips on the regulations', () => {
  const ws = words();
  it('has thousands of distinct words to test', () => {
    expect(ws.length).toBeGreaterThan(regTexts.length ? 2000 : 50);
  });

  it('TCVN3 (VN1 capitals): every word round-trips exactly', () => {
    const bad = ws.filter((w) => convertLegacyToUnicode(encodeTcvn3(w), 'tcvn3') !== w);
    expect(bad).toEqual([]);
  });

  it('TCVN3 as typed with .VnTimeH: toned capitals come back lower case', () => {
    const bad = ws.filter((w) => convertLegacyToUnicode(encodeTcvn3(w, 'vntimeh'), 'tcvn3') !== lowerTonedCapitals(w));
    expect(bad).toEqual([]);
  });

  it('VNI: every word round-trips exactly', () => {
    const bad = ws.filter((w) => convertLegacyToUnicode(encodeVni(w), 'vni') !== w);
    expect(bad).toEqual([]);
  });

  it('whole lines round-trip in both encodings', () => {
    const ls = lines();
    expect(ls.length).toBeGreaterThan(regTexts.length ? 300 : 3);
    for (const l of ls) {
      expect(convertLegacyToUnicode(encodeTcvn3(l), 'tcvn3')).toBe(l);
      expect(convertLegacyToUnicode(encodeVni(l), 'vni')).toBe(l);
    }
  });

  it('every Vietnamese letter, both cases, round-trips', () => {
    const letters = [];
    for (let c = 0x1ea0; c <= 0x1ef9; c++) letters.push(String.fromCharCode(c));
    letters.push(...'àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂăĐđĨĩŨũƠơƯư');
    const all = letters.join(' ');
    expect(convertLegacyToUnicode(encodeTcvn3(all), 'tcvn3')).toBe(all);
    expect(convertLegacyToUnicode(encodeVni(all), 'vni')).toBe(all);
  });
});

describe('detectLegacyEncoding', () => {
  it('fires on the sample renderings', () => {
    expect(detectLegacyEncoding('Céng hoµ x· héi chñ nghÜa ViÖt Nam').encoding).toBe('tcvn3');
    expect(detectLegacyEncoding('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam').encoding).toBe('vni');
  });

  it('returns offending words as samples', () => {
    const d = detectLegacyEncoding('Céng hoµ x· héi chñ nghÜa ViÖt Nam');
    expect(d.samples.length).toBeGreaterThan(0);
    expect(d.samples.length).toBeLessThanOrEqual(5);
    for (const s of d.samples) expect('Céng hoµ x· héi chñ nghÜa ViÖt Nam').toContain(s);
    expect(d.confidence).toBeGreaterThan(0.5);
  });

  it('fires on every regulation paragraph typed in TCVN3 or VNI', () => {
    const paras = SOURCES.flatMap((t) => t.split(/\n\s*\n|\n(?=Điều|\d+\.)/)).filter((p) => p.length > 150);
    expect(paras.length).toBeGreaterThan(regTexts.length ? 50 : 0);
    for (const p of paras) {
      expect(detectLegacyEncoding(encodeTcvn3(p, 'vntimeh')).encoding, p.slice(0, 60)).toBe('tcvn3');
      expect(detectLegacyEncoding(encodeTcvn3(p)).encoding, p.slice(0, 60)).toBe('tcvn3');
      expect(detectLegacyEncoding(encodeVni(p)).encoding, p.slice(0, 60)).toBe('vni');
    }
  });

  it('fires on a short subject line with a few legacy words', () => {
    expect(detectLegacyEncoding('B¸o c¸o kÕt qu¶').encoding).toBe('tcvn3');
    expect(detectLegacyEncoding('Baùo caùo keát quaû').encoding).toBe('vni');
  });

  it('fires on a TCVN3 paragraph pasted into a Unicode mail', () => {
    const mail = `Kính gửi anh chị,\nEm gửi lại nội dung quyết định:\n${encodeTcvn3(SOURCES[0].slice(0, 600))}\nTrân trọng.`;
    expect(detectLegacyEncoding(mail).encoding).toBe('tcvn3');
  });

  it('stays silent on Unicode Vietnamese (the regulations, NFC and NFD)', () => {
    for (const t of regTexts) {
      expect(detectLegacyEncoding(t).encoding).toBeNull();
      expect(detectLegacyEncoding(t.normalize('NFD')).encoding).toBeNull();
      expect(detectLegacyEncoding(t.toUpperCase()).encoding).toBeNull();
    }
  });

  it.each([
    ['English', 'Please find attached the quarterly report. The meeting is scheduled for Monday at 9:00.'],
    ['French', "Le café est très bon, garçon ! Noël à Paris, déjà vu, façade, naïve, élève, où est l'hôtel ? Très bien, à bientôt."],
    ['German', 'Größe über Straße, Müller schön für Bürger. Ärger, Öl, Übung, weiß, heißt, Fräulein, Mädchen, Brücke.'],
    ['Spanish', 'España, año, niño, señor, mañana, corazón, canción, pingüino, ¿qué tal? ¡Olé!'],
    ['Portuguese', 'São Paulo, não, ação, coração, você, avô, português, informação, três.'],
    ['Latin-1 symbols in Unicode Vietnamese', '© 2024 Sở TT&TT. Nhiệt độ 25°C ± 2°, diện tích 120 m², giá 1.000 ¥ / 5 £ / 7 € § 3 ¶ 2 « trích » ½ ¼'],
    ['UTF-8 mojibake of Vietnamese', 'Cá»™ng hÃ²a xÃ£ há»™i chá»§ nghÄ©a Viá»‡t Nam Ä\u0090á»™c láº­p'],
    ['Unicode Vietnamese', 'Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Về việc ban hành Quy chế.'],
    ['Unicode Vietnamese without marks', 'Cong hoa xa hoi chu nghia Viet Nam, Doc lap Tu do Hanh phuc'],
    ['e-mail headers', 'From: "Nguyễn Văn An" <nvan@mic.gov.vn>\nTo: vanthu@mic.gov.vn\nSubject: Báo cáo tuần'],
    ['empty', ''],
  ])('stays silent on %s', (_label, text) => {
    const d = detectLegacyEncoding(text);
    expect(d.encoding).toBeNull();
    expect(d.samples).toEqual([]);
  });
});

describe('isVietnameseSyllable', () => {
  it.each(['người', 'nghĩa', 'quốc', 'giữ', 'gì', 'thuở', 'hoà', 'hòa', 'thuý', 'thúy', 'khuỷu', 'ngoài', 'tiếng', 'được', 'yêu', 'xoong', 'học', 'ếch', 'oánh', 'Việt', 'ĐIỀU', 'mật', 'tuyệt'])(
    '%s is a syllable',
    (w) => expect(isVietnameseSyllable(w)).toBe(true),
  );
  it.each(['cafộ', 'daò', 'trốs', 'hoc', 'kà', 'über', 'QĐ', 'strasse', 'mậtt', 'ngha', 'ka', 'ghạ', 'ậ', ''])('%s is not', (w) =>
    expect(isVietnameseSyllable(w)).toBe(false),
  );

  it('accepts ≥ 99.5% of the words of the (non-OCR) regulations', () => {
    let ok = 0;
    let total = 0;
    regTexts.forEach((t, i) => {
      if (i === 2) return; // the Cần Thơ file is an OCR scan
      for (const w of t.match(/\p{L}+/gu) ?? []) {
        total++;
        if (isVietnameseSyllable(w) || /^[A-Z]{2,}$|^[A-Za-z]+$/.test(w)) ok++;
      }
    });
    expect(ok / total).toBeGreaterThanOrEqual(0.995);
  });
});
