/**
 * The rule registry. Adding a rule = one module, one test table (test/rules/<id>.test.ts),
 * one doc page (docs/rules/<id>.md) and one line here.
 */
import type { ComposeRule } from './types';
import { classifiedContent } from './classified-content';
import { attachmentTooLarge } from './attachment-too-large';
import { personalSender } from './personal-sender';
import { publicRecipient } from './public-recipient';
import { legacyEncoding } from './legacy-encoding';
import { officialFromPersonal } from './official-from-personal';
import { senderDisplayName } from './sender-display-name';
import { attachmentUnreadable } from './attachment-unreadable';

export const COMPOSE_RULES: readonly ComposeRule[] = [
  classifiedContent,
  attachmentTooLarge,
  personalSender,
  publicRecipient,
  legacyEncoding,
  officialFromPersonal,
  senderDisplayName,
  attachmentUnreadable,
];

/** Browser-side hygiene rules (REQUIREMENTS.md §3): their hosts are extension/hygiene. */
export { noServiceSignup, signupExcludeMatches } from './no-service-signup';
export { passwordPolicy, passwordChecklist, rotationStatus, localDate, ROTATION_REMIND_DAYS } from './password-policy';
export { ALL_RULE_META, citationsFor } from './meta';
export type { HygieneRule, ComposeRule, RuleMeta, RuleContext, RuleReport } from './types';
