/**
 * Is a domain a public mail provider's (gmail.com, yahoo.com, their subdomains)? One answer for
 * the policy's user layer (own addresses never become agency domains) and the options page
 * (own addresses must be agency ones).
 */
import { PUBLIC_PROVIDER_DOMAINS } from '../../shared/policy';

export function isPublicProviderDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  return PUBLIC_PROVIDER_DOMAINS.some((p) => d === p || d.endsWith('.' + p));
}
