/**
 * The regulations behind each preset (../shared/regulations/README.md) and the citation
 * style of REQUIREMENTS.md: "Điều 6 khoản 4, Quy chế kèm QĐ 51/2015/QĐ-UBND (Quảng Ngãi)".
 */

export const PRESET_IDS = ['vn-baseline', 'quangngai', 'binhphuoc', 'cantho', 'tphcm-stnmt', 'mic'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface RegulationSource {
  /** Short document name as cited in Vietnamese. */
  vi: string;
  en: string;
  /** Agency / jurisdiction, Vietnamese and English. */
  issuer_vi: string;
  issuer_en: string;
  /** Agency mail domain. */
  domain: string;
}

export const SOURCES: Record<PresetId, RegulationSource> = {
  'vn-baseline': {
    vi: 'Chỉ thị 34/2008/CT-TTg',
    en: 'Directive 34/2008/CT-TTg',
    issuer_vi: 'Thủ tướng Chính phủ',
    issuer_en: 'the Prime Minister',
    domain: 'gov.vn',
  },
  quangngai: {
    vi: 'Quy chế kèm QĐ 51/2015/QĐ-UBND (Quảng Ngãi)',
    en: 'Regulation attached to Decision 51/2015/QĐ-UBND (Quảng Ngãi)',
    issuer_vi: 'UBND tỉnh Quảng Ngãi',
    issuer_en: 'Quảng Ngãi Provincial People’s Committee',
    domain: 'quangngai.gov.vn',
  },
  binhphuoc: {
    vi: 'Quy chế kèm QĐ 48/2009/QĐ-UBND (Bình Phước)',
    en: 'Regulation attached to Decision 48/2009/QĐ-UBND (Bình Phước)',
    issuer_vi: 'UBND tỉnh Bình Phước',
    issuer_en: 'Bình Phước Provincial People’s Committee',
    domain: 'binhphuoc.gov.vn',
  },
  cantho: {
    vi: 'Quy chế kèm QĐ 33/2015/QĐ-UBND (Cần Thơ)',
    en: 'Regulation attached to Decision 33/2015/QĐ-UBND (Cần Thơ)',
    issuer_vi: 'UBND thành phố Cần Thơ',
    issuer_en: 'Cần Thơ City People’s Committee',
    domain: 'cantho.gov.vn',
  },
  'tphcm-stnmt': {
    vi: 'Quy chế kèm QĐ …/QĐ-STNMT-VP 2018 (Sở TN&MT TP.HCM, dự thảo)',
    en: 'Regulation attached to draft Decision …/QĐ-STNMT-VP 2018 (HCMC Dept. of Natural Resources and Environment)',
    issuer_vi: 'Sở Tài nguyên và Môi trường TP. Hồ Chí Minh',
    issuer_en: 'HCMC Department of Natural Resources and Environment',
    domain: 'tphcm.gov.vn',
  },
  mic: {
    vi: 'Quy chế kèm QĐ 652/QĐ-BTTTT (Bộ TT&TT)',
    en: 'Regulation attached to Decision 652/QĐ-BTTTT (Ministry of Information and Communications)',
    issuer_vi: 'Bộ Thông tin và Truyền thông',
    issuer_en: 'Ministry of Information and Communications',
    domain: 'mic.gov.vn',
  },
};

/**
 * A reference as written in REQUIREMENTS.md: "Đ6 k4", "Đ8 k3 đ.b", "Đ11".
 * Anything else (e.g. a whole document such as "QĐ 72/2002/QĐ-TTg") is passed through verbatim.
 */
export type ArticleRef = string;

const REF = /^Đ(\d+)(?: k(\d+))?(?: đ\.(\S+))?$/u;

export function formatRef(ref: ArticleRef, lang: 'vi' | 'en'): string {
  const m = REF.exec(ref);
  if (!m) return ref;
  const [, art, clause, point] = m;
  if (lang === 'vi') {
    return ['Điều ' + art, clause && 'khoản ' + clause, point && 'điểm ' + point].filter(Boolean).join(' ');
  }
  return 'Article ' + art + (clause ? `(${clause})` : '') + (point ? `(${point})` : '');
}

/** "Điều 6 khoản 4, Quy chế kèm QĐ 51/2015/QĐ-UBND (Quảng Ngãi)" */
export function formatCitation(preset: PresetId, ref: ArticleRef, lang: 'vi' | 'en' = 'vi'): string {
  const src = SOURCES[preset];
  const doc = lang === 'vi' ? src.vi : src.en;
  if (!REF.test(ref)) return ref.includes('{doc}') ? ref.replace('{doc}', doc) : ref;
  return `${formatRef(ref, lang)}, ${doc}`;
}
