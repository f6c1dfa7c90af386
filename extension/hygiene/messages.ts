/** Runtime messages of the hygiene hosts (issue #7); the core background ignores them. */
import type { Policy } from '../../shared/policy';
import type { RotationStatus } from '../../shared/rules/password-policy';

export type HygieneRequest =
  /** Webmail mail view: the signed-in account (the address shown in the header, nothing else). */
  | { type: 'hygiene:account'; account: string }
  /** Webmail change-password page: the webmail confirmed a change. Carries NO password. */
  | { type: 'hygiene:password-changed' }
  /** Webmail pages: policy + rotation status of this origin's account. */
  | { type: 'hygiene:status' };

export interface HygieneStatus {
  ok: true;
  policy: Policy;
  account: string | null;
  rotation: RotationStatus | null;
}

export function isHygieneRequest(v: unknown): v is HygieneRequest {
  if (!v || typeof v !== 'object') return false;
  const t = (v as { type?: unknown }).type;
  if (t === 'hygiene:account') return typeof (v as { account?: unknown }).account === 'string';
  return t === 'hygiene:password-changed' || t === 'hygiene:status';
}
