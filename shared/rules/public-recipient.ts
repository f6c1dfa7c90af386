import type { ComposeRule } from './types';
import type { Evidence } from '../types';
import { bareAddress, classifyAddress } from '../mailbox';

/**
 * An agency mailbox sending work content to public-provider addresses: Cần Thơ Đ10 k4
 * ("hạn chế … hộp thư cá nhân công cộng"), TP.HCM STNMT Đ6 k2. Informational by default:
 * citizens legitimately write from Gmail and deserve an answer.
 */
export const publicRecipient: ComposeRule = {
  meta: {
    id: 'public-recipient',
    defaultSeverity: 'info',
    defaultAllowOverride: true,
    defaultRequireReason: false,
    citations: { cantho: ['Đ10 k4'], 'tphcm-stnmt': ['Đ6 k2'] },
    message: 'public-recipient',
    title: 'title.public-recipient',
  },
  check(draft, ctx) {
    if (!draft.from) return null;
    const kind = classifyAddress(draft.from, ctx.policy);
    if (kind !== 'unit' && kind !== 'agency-personal') return null;
    const evidence: Evidence[] = [];
    for (const field of ['to', 'cc', 'bcc'] as const)
      for (const r of draft[field]) if (classifyAddress(r, ctx.policy) === 'public') evidence.push({ where: field, excerpt: bareAddress(r) });
    if (evidence.length === 0) return null;
    return { evidence: evidence.slice(0, 8), params: { recipients: evidence.slice(0, 3).map((e) => e.excerpt).join(', ') + (evidence.length > 3 ? ', …' : '') } };
  },
};
