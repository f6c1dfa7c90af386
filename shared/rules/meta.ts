import type { RuleId } from '../policy/schema';
import { formatCitation, type PresetId } from '../policy/sources';
import type { RuleMeta } from './types';
import { COMPOSE_RULES } from './registry';
import { noServiceSignup } from './no-service-signup';
import { passwordPolicy } from './password-policy';
import * as other from './mailbox-meta';

const all: RuleMeta[] = [
  ...COMPOSE_RULES.map((r) => r.meta),
  ...Object.values(other).map((r) => r.meta),
  noServiceSignup.meta,
  passwordPolicy.meta,
];

export const ALL_RULE_META = Object.fromEntries(all.map((m) => [m.id, m])) as Record<RuleId, RuleMeta>;

/** Citations of a rule for a preset, formatted ("Điều 6 khoản 4, Quy chế kèm QĐ …"). */
export function citationsFor(id: RuleId, preset: PresetId, lang: 'vi' | 'en' = 'vi'): string[] {
  const refs = ALL_RULE_META[id]?.citations[preset];
  if (refs && refs.length) return refs.map((r) => formatCitation(preset, r, lang));
  // The admin turned on a rule the preset's regulation is silent on: say whose rule it is.
  return [lang === 'vi' ? 'Quy định của cơ quan (chính sách quản trị)' : 'Agency policy (set by the administrator)'];
}
