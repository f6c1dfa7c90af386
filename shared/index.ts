/** Public surface of the rule core, for hosts (extension, add-in) and the CLI. */
export * from './types';
export { evaluate, checkDraft, checkFailed, decide, normalizeDraft, type SendDecision } from './engine';
export * from './policy';
export { COMPOSE_RULES, ALL_RULE_META, citationsFor } from './rules';
export { t, formatSize, MESSAGES, type MessageId } from './i18n';
export { classifyAddress, parseAddressList, domainOf, inDomains, type AddressKind } from './mailbox';
