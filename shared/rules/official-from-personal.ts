import type { ComposeRule } from './types';
import type { Evidence } from '../types';
import { bareAddress, classifyAddress } from '../mailbox';

/**
 * Official documents in the agency's name go from the agency/unit mailbox: Bình Phước Đ16 k1
 * and Đ17 k2 đ.b ("tuyệt đối không … nhân danh cơ quan"), Bộ TT&TT Đ11 k3 (copies from a
 * personal mailbox do not replace the official document) and Đ12 k2. We cannot see the
 * leader's approval, so this warns and lets the user confirm.
 */
export const officialFromPersonal: ComposeRule = {
  meta: {
    id: 'official-from-personal',
    defaultSeverity: 'warn',
    defaultAllowOverride: true,
    defaultRequireReason: true,
    citations: { binhphuoc: ['Đ16 k1', 'Đ17 k2 đ.b'], mic: ['Đ11 k3', 'Đ12 k2'] },
    message: 'official-from-personal',
    title: 'title.official-from-personal',
  },
  check(draft, ctx) {
    if (!draft.from) return null;
    const kind = classifyAddress(draft.from, ctx.policy);
    if (kind !== 'agency-personal' && kind !== 'public') return null;
    const evidence: Evidence[] = [];
    const signs: string[] = [];
    for (const src of ctx.view.sources) {
      // Not dead: an extraction the host made itself may name its parts anything (normalizeDraft
      // keeps any non-empty `where`); only the subject, body and attachments count here.
      if (src.where !== 'subject' && src.where !== 'body' && !src.where.startsWith('attachment:')) continue;
      for (const s of ctx.view.officialSigns(src)) {
        if (signs.length < 3 && !signs.includes(s.text)) signs.push(s.text);
        if (evidence.length < 6) evidence.push({ where: src.where, excerpt: s.text });
      }
    }
    if (evidence.length === 0) return null;
    return { evidence: [{ where: 'from', excerpt: bareAddress(draft.from) }, ...evidence], params: { signs: signs.map((s) => `“${s}”`).join(', '), from: bareAddress(draft.from) } };
  },
};
