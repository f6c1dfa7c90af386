/**
 * The rule registry: the compose rules (registry.ts) and the meta of every rule (meta.ts).
 */
export { COMPOSE_RULES } from './registry';

/** Browser-side hygiene rules (REQUIREMENTS.md §3): their hosts are extension/hygiene. */
export { noServiceSignup, signupExcludeMatches } from './no-service-signup';
export { passwordPolicy, passwordChecklist, rotationStatus, localDate, ROTATION_REMIND_DAYS } from './password-policy';
export { ALL_RULE_META, citationsFor } from './meta';
export type { HygieneRule, ComposeRule, RuleMeta, RuleContext, RuleReport } from './types';
