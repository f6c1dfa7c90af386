import type { ComposeRule } from './types';
import type { Evidence } from '../types';
import { bareAddress, classifyAddress } from '../mailbox';
import { firstOfficialSign } from './official-signs';

/**
 * Agency work must go from the agency mailbox, not Gmail/Yahoo/Hotmail…: Quảng Ngãi Đ11 k5,
 * Bình Phước Đ14 k1, Cần Thơ Đ10 k4, TP.HCM STNMT Đ6 k2 / Đ7 k2, Bộ TT&TT Đ3 k3 / Đ14 k5.
 * It is "work" when a recipient is an agency address or the text has the shape of an official
 * document; a private note between two Gmail users is none of our business.
 */
export const personalSender: ComposeRule = {
  meta: {
    id: 'personal-sender',
    defaultSeverity: 'warn',
    defaultAllowOverride: true,
    defaultRequireReason: true,
    citations: {
      'vn-baseline': ['{doc}'],
      quangngai: ['Đ11 k5'],
      binhphuoc: ['Đ14 k1'],
      cantho: ['Đ10 k4'],
      'tphcm-stnmt': ['Đ6 k2', 'Đ7 k2'],
      mic: ['Đ3 k3', 'Đ14 k5'],
    },
    message: 'personal-sender',
    title: 'title.personal-sender',
  },
  check(draft, ctx) {
    if (!draft.from || classifyAddress(draft.from, ctx.policy) !== 'public') return null;
    const from = bareAddress(draft.from);
    const evidence: Evidence[] = [{ where: 'from', excerpt: from }];
    for (const field of ['to', 'cc', 'bcc'] as const) {
      for (const r of draft[field]) {
        const k = classifyAddress(r, ctx.policy);
        if (k === 'unit' || k === 'agency-personal') evidence.push({ where: field, excerpt: bareAddress(r) });
      }
    }
    if (evidence.length === 1) {
      // The same sign as in subject + '\n' + body, from the per-source signs the view shares
      // with official-from-personal.
      const sign = firstOfficialSign(ctx.view.ownSources, (src) => ctx.view.officialSigns(src));
      if (!sign) return null;
      evidence.push({ where: 'body', excerpt: sign.text });
    }
    return { evidence: evidence.slice(0, 8), params: { from } };
  },
};
