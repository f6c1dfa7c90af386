import type { HygieneRule, RuleReport } from './types';
import { bareAddress, classifyAddress, inDomains } from '../mailbox';

/**
 * The official address typed (or autofilled) into a form of an outside site: TP.HCM STNMT
 * Đ11 k4 and Bộ TT&TT Đ15 k4 — "Không sử dụng hộp thư điện tử được cấp để đăng ký các dịch vụ
 * trực tuyến trên Internet như: đăng ký tài khoản mạng xã hội, website thương mại, diễn đàn
 * công cộng."
 *
 * The host hands in only the e-mail field's value and the page's host name; nothing else of the
 * page is read. Sites under the agency domains (`*.gov.vn`) and the policy's `signupAllowList`
 * are fine.
 */
export interface SignupInput {
  /** The e-mail field's current value. */
  value: string;
  /** location.hostname of the page holding the form. */
  host: string;
}

export const noServiceSignup: HygieneRule<SignupInput, RuleReport> = {
  meta: {
    id: 'no-service-signup',
    defaultSeverity: 'warn',
    defaultAllowOverride: true,
    defaultRequireReason: false,
    citations: { 'tphcm-stnmt': ['Đ11 k4'], mic: ['Đ15 k4'] },
    message: 'title.no-service-signup',
    title: 'title.no-service-signup',
  },
  check({ value, host }, { policy }) {
    const address = bareAddress(value);
    // One address, nothing else: "a@b.gov.vn, c@d" or free text is not an address field value.
    if (!/^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(address)) return null;
    const kind = classifyAddress(address, policy);
    if (kind !== 'unit' && kind !== 'agency-personal') return null;
    const site = host.trim().toLowerCase().replace(/\.$/, '');
    if (!site) return null;
    if (inDomains(site, policy.agencyDomains) || inDomains(site, policy.signupAllowList)) return null;
    return {
      evidence: [{ where: 'email-field', excerpt: address }],
      params: { address, site, kind },
    };
  },
};

/** Match patterns for `excludeMatches`: sites where the sign-up check never needs to run. */
export function signupExcludeMatches(policy: { agencyDomains: string[]; signupAllowList: string[] }): string[] {
  const out = new Set<string>();
  for (const d of [...policy.agencyDomains, ...policy.signupAllowList]) {
    const p = d.toLowerCase();
    if (p.startsWith('*.')) out.add(`*://${p}/*`).add(`*://${p.slice(2)}/*`);
    else out.add(`*://${p}/*`);
  }
  return [...out];
}
