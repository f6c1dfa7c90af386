import type { RuleId } from '../policy/schema';
import { formatCitation, type PresetId } from '../policy/sources';
import type { RuleMeta } from './types';
import { classifiedContent } from './classified-content';
import { attachmentTooLarge } from './attachment-too-large';
import { personalSender } from './personal-sender';
import { publicRecipient } from './public-recipient';
import { legacyEncoding } from './legacy-encoding';
import { officialFromPersonal } from './official-from-personal';
import { senderDisplayName } from './sender-display-name';
import { attachmentUnreadable } from './attachment-unreadable';
import { noServiceSignup } from './no-service-signup';
import { passwordPolicy } from './password-policy';
import * as other from './mailbox-meta';

// Each rule's `.meta` is named statically, not taken as COMPOSE_RULES.map((r) => r.meta): the
// bundler can then keep only the metadata, so the background (policy resolution) and the password
// helper's content script do not carry every rule's check. Measured with the registry map:
// password.js 205 KB raw instead of 25 KB, background.js 105 KB gzip instead of 96. test/rules/registry.test.ts
// keeps this list, the registry and the schema's ids equal.
const all: RuleMeta[] = [
  classifiedContent.meta,
  attachmentTooLarge.meta,
  personalSender.meta,
  publicRecipient.meta,
  legacyEncoding.meta,
  officialFromPersonal.meta,
  senderDisplayName.meta,
  attachmentUnreadable.meta,
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
