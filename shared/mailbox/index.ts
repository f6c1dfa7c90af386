import type { Address } from '../types';
import type { Policy } from '../policy/resolve';
import { compileAdminPattern, type LinearRegex } from '../policy/patterns';

/**
 * Address classification (REQUIREMENTS.md §4). Patterns alone cannot always tell a unit
 * mailbox from a personal one, so the policy's directory ("danh bạ") wins and patterns are
 * only a fallback.
 */
export type AddressKind = 'unit' | 'agency-personal' | 'public' | 'external' | 'invalid';

export function bareAddress(a: Address | string | undefined | null): string {
  const s = typeof a === 'string' ? a : a?.address ?? '';
  return s.trim().replace(/^<|>$/g, '').toLowerCase();
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase().replace(/\.$/, '');
}

/** "*.gov.vn" matches "gov.vn" and any subdomain; "mic.gov.vn" matches itself only. */
export function domainMatches(domain: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) {
    const base = p.slice(2);
    return domain === base || domain.endsWith('.' + base);
  }
  return domain === p;
}

export function inDomains(domain: string, patterns: readonly string[]): boolean {
  if (!domain) return false;
  for (const p of patterns) if (domainMatches(domain, p)) return true;
  return false;
}

interface Compiled {
  directory: Set<string>;
  patterns: LinearRegex[];
}
const cache = new WeakMap<Policy, Compiled>();

function compiled(policy: Policy): Compiled {
  let c = cache.get(policy);
  if (!c) {
    const patterns: LinearRegex[] = [];
    for (const p of policy.unitMailboxes.patterns) {
      const r = compileAdminPattern(p);
      if (r.ok) patterns.push(r.re);
    }
    c = { directory: new Set(policy.unitMailboxes.directory.map((d) => d.toLowerCase())), patterns };
    cache.set(policy, c);
  }
  return c;
}

export function isUnitMailbox(address: string, policy: Policy): boolean {
  const a = bareAddress(address);
  const c = compiled(policy);
  if (c.directory.has(a)) return true;
  if (!inDomains(domainOf(a), policy.agencyDomains)) return false;
  return c.patterns.some((re) => re.test(a));
}

export function classifyAddress(a: Address | string | undefined | null, policy: Policy): AddressKind {
  const address = bareAddress(a);
  const domain = domainOf(address);
  if (!domain || address.indexOf('@') <= 0) return 'invalid';
  if (isUnitMailbox(address, policy)) return 'unit';
  if (inDomains(domain, policy.agencyDomains)) return 'agency-personal';
  if (inDomains(domain, policy.publicDomains)) return 'public';
  return 'external';
}

/** "Nguyễn Văn An <an@x>, b@y" → Address[] (hosts and .eml readers use this). */
export function parseAddressList(input: string): Address[] {
  const out: Address[] = [];
  // Split on commas/semicolons outside quotes and angle brackets.
  let depthAngle = 0;
  let inQuote = false;
  let cur = '';
  const flush = () => {
    const s = cur.trim();
    cur = '';
    if (!s) return;
    const m = /^(.*?)<([^<>]*)>\s*$/.exec(s);
    if (m) {
      const name = m[1].trim().replace(/^"(.*)"$/, '$1').trim();
      out.push(name ? { name, address: m[2].trim() } : { address: m[2].trim() });
    } else {
      out.push({ address: s.replace(/^"(.*)"$/, '$1') });
    }
  };
  for (const ch of input) {
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch === '<') depthAngle++;
    else if (!inQuote && ch === '>') depthAngle = Math.max(0, depthAngle - 1);
    if (!inQuote && depthAngle === 0 && (ch === ',' || ch === ';')) flush();
    else cur += ch;
  }
  flush();
  return out;
}
