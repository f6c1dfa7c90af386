import type { ComposeRule } from './types';
import type { Evidence } from '../types';
import { t, type MessageId } from '../i18n';

/**
 * An attachment we could not look inside (password-protected, corrupt, unsupported, over the
 * extraction budget) may hold a classified document, which the same articles as
 * classified-content forbid sending; so the user must check it by hand.
 */
export const attachmentUnreadable: ComposeRule = {
  meta: {
    id: 'attachment-unreadable',
    defaultSeverity: 'warn',
    defaultAllowOverride: true,
    defaultRequireReason: true,
    citations: {
      'vn-baseline': ['{doc}'],
      quangngai: ['Đ6 k1'],
      binhphuoc: ['Đ9 k1'],
      cantho: ['Đ7 k1'],
      'tphcm-stnmt': ['Đ7 k1'],
      mic: ['Đ4 k1'],
    },
    message: 'attachment-unreadable',
    title: 'title.attachment-unreadable',
  },
  check(draft) {
    const evidence: Evidence[] = [];
    const items: string[] = [];
    const itemsEn: string[] = [];
    for (const a of draft.attachments) {
      for (const u of a.extraction?.unreadable ?? []) {
        const id = `reason.${u.reason}` as MessageId;
        const name = u.where.replace(/^attachment:/, '');
        evidence.push({ where: u.where, excerpt: `${name}: ${t(id)}${u.detail ? ` (${u.detail})` : ''}` });
        items.push(`${name} (${t(id)})`);
        itemsEn.push(`${name} (${t(id, {}, 'en')})`);
      }
    }
    if (evidence.length === 0) return null;
    return { evidence: evidence.slice(0, 8), params: { items: items.slice(0, 4).join('; ') }, paramsEn: { items: itemsEn.slice(0, 4).join('; ') } };
  },
};
