import type { ComposeRule, RuleContext } from './types';
import type { Draft, Evidence } from '../types';
import type { Policy } from '../policy/resolve';
import { compileCustomMarkings, excerptAround, findMarkings, type CustomMarkings } from '../text';

/**
 * State-secret documents must not travel by e-mail: Quảng Ngãi Đ6 k1 ("không … văn bản có
 * nội dung bí mật nhà nước"), Bình Phước Đ9 k1 / Đ10 k1 ("trừ những văn bản mật"), Cần Thơ
 * Đ7 k1, TP.HCM STNMT Đ7 k1, Bộ TT&TT Đ4 k1 ("mật, tối mật, tuyệt mật").
 * Scans subject, body, attachment names and extracted attachment text (incl. text that was
 * typed in TCVN3/VNI, converted first so "TUYÖT MËT" is not a way around the rule).
 */
const MAX_EVIDENCE = 8;

const customCache = new WeakMap<Policy, CustomMarkings>();
function customFor(policy: Policy): CustomMarkings | undefined {
  if (policy.customMarkings.length === 0) return undefined;
  let c = customCache.get(policy);
  if (!c) customCache.set(policy, (c = compileCustomMarkings(policy.customMarkings).markings));
  return c;
}

export const classifiedContent: ComposeRule = {
  meta: {
    id: 'classified-content',
    defaultSeverity: 'block',
    defaultAllowOverride: false,
    defaultRequireReason: true,
    citations: {
      'vn-baseline': ['{doc}'],
      quangngai: ['Đ6 k1', 'Đ11 k4'],
      binhphuoc: ['Đ9 k1', 'Đ10 k1'],
      cantho: ['Đ7 k1'],
      'tphcm-stnmt': ['Đ7 k1'],
      mic: ['Đ4 k1', 'Đ11 k1'],
    },
    message: 'classified-content',
    title: 'title.classified-content',
  },
  check(_draft: Draft, ctx: RuleContext) {
    const custom = customFor(ctx.policy);
    const evidence: Evidence[] = [];
    const marks = new Set<string>();
    for (const src of ctx.view.sources) {
      let text = src.text;
      let matches = findMarkings(text, custom, { limit: MAX_EVIDENCE });
      if (matches.length === 0) {
        const legacy = ctx.view.legacy(src);
        if (legacy) {
          text = legacy.unicode;
          matches = findMarkings(text, custom, { limit: MAX_EVIDENCE });
        }
      }
      for (const m of matches) {
        marks.add(m.text.replace(/\s+/g, ' ').trim().toLocaleUpperCase('vi'));
        if (evidence.length < MAX_EVIDENCE) evidence.push({ where: src.where, excerpt: excerptAround(text, m.index, m.length) });
      }
      if (evidence.length >= MAX_EVIDENCE) break;
    }
    if (evidence.length === 0) return null;
    const list = [...marks].slice(0, 3).map((m) => `“${m}”`).join(', ');
    return { evidence, params: { marks: list } };
  },
};
