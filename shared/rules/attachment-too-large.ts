import type { ComposeRule } from './types';
import { formatSize } from '../i18n';
import { attachmentWhere } from './view';

/** 1 MB = 1,048,576 bytes: the unit file managers show, so "24,8 MB" on screen is under 25. */
export const MB = 1024 * 1024;

/**
 * Total attachment size per message: Quảng Ngãi Đ6 k4 (25 MB), TP.HCM STNMT Đ4 k2 (30 MB),
 * Bộ TT&TT Đ8 k3 đ.b (20 MB). The regulations limit the files attached to one message, so
 * the sum of the attachments counts (not the MIME-encoded size).
 */
export const attachmentTooLarge: ComposeRule = {
  meta: {
    id: 'attachment-too-large',
    defaultSeverity: 'warn',
    defaultAllowOverride: true,
    defaultRequireReason: true,
    citations: {
      // The baseline borrows the strictest common threshold: Bộ TT&TT's 20 MB.
      'vn-baseline': ['{doc}', 'Điều 8 khoản 3 điểm b, Quy chế kèm QĐ 652/QĐ-BTTTT (Bộ TT&TT) — ngưỡng 20 MB'],
      quangngai: ['Đ6 k4'],
      'tphcm-stnmt': ['Đ4 k2'],
      mic: ['Đ8 k3 đ.b'],
    },
    message: 'attachment-too-large',
    title: 'title.attachment-too-large',
  },
  check(draft, ctx) {
    const limitMB = ctx.policy.attachmentLimitMB;
    if (limitMB == null) return null;
    let total = 0;
    for (const a of draft.attachments) total += Number.isFinite(a.size) && a.size > 0 ? a.size : 0;
    if (total <= limitMB * MB) return null;
    const evidence = [...draft.attachments]
      .sort((a, b) => (b.size || 0) - (a.size || 0))
      .slice(0, 8)
      .map((a) => ({ where: attachmentWhere(a), excerpt: `${a.name} — ${formatSize(a.size || 0)}` }));
    return {
      evidence,
      params: { total: formatSize(total, 'vi'), limit: String(limitMB).replace('.', ',') },
      paramsEn: { total: formatSize(total, 'en'), limit: String(limitMB) },
    };
  },
};
