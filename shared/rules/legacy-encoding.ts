import type { ComposeRule } from './types';
import type { Evidence } from '../types';
import type { LegacyEncoding } from '../text';

/**
 * Vietnamese must be written in Unicode TCVN 6909:2001 (QĐ 72/2002/QĐ-TTg): Quảng Ngãi Đ6 k3,
 * Bình Phước Đ11, Cần Thơ (preamble), TP.HCM STNMT Đ7 k3, Bộ TT&TT Đ13 k1. Text pasted from
 * old .VnTime (TCVN3/ABC) or VNI-Times documents arrives as "Céng hoµ x· héi" garbage; the
 * finding carries a fix so hosts can offer "Chuyển sang Unicode".
 */
const LABEL: Record<LegacyEncoding, string> = { tcvn3: 'TCVN3 (ABC)', vni: 'VNI' };

export const legacyEncoding: ComposeRule = {
  meta: {
    id: 'legacy-encoding',
    defaultSeverity: 'warn',
    defaultAllowOverride: true,
    defaultRequireReason: false,
    citations: {
      'vn-baseline': ['QĐ 72/2002/QĐ-TTg (TCVN 6909:2001)', '{doc}'],
      quangngai: ['Đ6 k3'],
      binhphuoc: ['Đ11'],
      cantho: ['Căn cứ QĐ 72/2002/QĐ-TTg (TCVN 6909:2001), {doc}'],
      'tphcm-stnmt': ['Đ7 k3'],
      mic: ['Đ13 k1'],
    },
    message: 'legacy-encoding',
    title: 'title.legacy-encoding',
  },
  check(_draft, ctx) {
    const evidence: Evidence[] = [];
    let encoding: LegacyEncoding | null = null;
    // Only subject and body: those are what the fix can rewrite in place.
    for (const src of ctx.view.sources) {
      if (src.where !== 'subject' && src.where !== 'body') continue;
      const l = ctx.view.legacy(src);
      if (!l) continue;
      encoding ??= l.encoding;
      evidence.push({ where: src.where, excerpt: l.samples.slice(0, 3).join(' ') });
    }
    if (!encoding) return null;
    return { evidence, params: { encoding: LABEL[encoding] }, fix: { kind: 'convert-encoding', encoding } };
  },
};
