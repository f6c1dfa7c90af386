import type { ComposeRule } from './types';
import { bareAddress, classifyAddress } from '../mailbox';

/**
 * Cần Thơ Đ4 k2 đ.đ: the display name of a personal ("người dùng") mailbox must show the
 * user's full name and the agency they work for, so colleagues can tell mailboxes apart.
 * A full name is two or more words; the agency is a separate part ("Nguyễn Văn Minh - Sở Nội
 * vụ", "Nguyễn Văn Minh (UBND quận Ninh Kiều)") or starts with an agency word.
 */
const AGENCY_WORDS =
  /(?:^|\s)(?:Sở|Ủy ban|Uỷ ban|UBND|HĐND|Văn phòng|VP|Phòng|Ban|Bộ|Cục|Chi cục|Tổng cục|Trung tâm|TT|Vụ|Viện|Thanh tra|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn|Trường|Bệnh viện|Đài|Báo|Kho bạc|Công an|Tòa án|Viện kiểm sát|Hội đồng|Đảng ủy|Thành ủy|Tỉnh ủy|Quận ủy|Huyện ủy|STTTT|STNMT|SNV|SKHĐT|SYT|SGDĐT)(?=\s|$|[.,)])/u;

const SEPARATORS = /\s[-–—|\/]\s|[(),;|]/u;

export function displayNameProblem(name: string | undefined, localPart: string): string | null {
  const n = (name ?? '').trim().replace(/^"(.*)"$/, '$1').trim();
  if (!n) return 'empty';
  if (n.toLowerCase() === localPart.toLowerCase()) return 'local-part';
  const parts = n.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
  const words = (s: string) => s.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (parts.length >= 2) {
    const person = parts.find((p) => !AGENCY_WORDS.test(p) && words(p).length >= 2);
    const agency = parts.find((p) => p !== person && words(p).length >= 1);
    if (person && agency) return null;
    return 'no-full-name';
  }
  // One part: "Nguyễn Văn Minh Sở Nội vụ" — a name followed by an agency word.
  const m = AGENCY_WORDS.exec(n);
  if (m && m.index > 0 && words(n.slice(0, m.index)).length >= 2) return null;
  return 'no-agency';
}

export const senderDisplayName: ComposeRule = {
  meta: {
    id: 'sender-display-name',
    defaultSeverity: 'info',
    defaultAllowOverride: true,
    defaultRequireReason: false,
    citations: { cantho: ['Đ4 k2 đ.đ'] },
    message: 'sender-display-name',
    title: 'title.sender-display-name',
  },
  check(draft, ctx) {
    if (!draft.from || classifyAddress(draft.from, ctx.policy) !== 'agency-personal') return null;
    const address = bareAddress(draft.from);
    const problem = displayNameProblem(draft.from.name, address.slice(0, address.indexOf('@')));
    if (!problem) return null;
    const shown = (draft.from.name ?? '').trim();
    return { evidence: [{ where: 'from', excerpt: shown ? `${shown} <${address}>` : address }], params: { name: shown } };
  },
};
