/**
 * The compose rules, in the order the engine runs them. Adding a compose rule = one module,
 * one test table (test/rules/<id>.test.ts), one doc page (docs/rules/<id>.md), one line here,
 * its `.meta` in meta.ts (named there so bundles can keep metadata without checks) and its id in
 * COMPOSE_RULE_IDS (shared/policy/schema.ts, kept there so the schema does not import the rules).
 * test/rules/registry.test.ts keeps the three equal.
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
