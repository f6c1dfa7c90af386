import type { ArticleRef, PresetId } from '../policy/sources';
import type { RuleId } from '../policy/schema';
import type { Policy } from '../policy/resolve';
import type { Draft, Evidence, Fix, Severity } from '../types';
import type { MessageId } from '../i18n';
import type { DraftView } from './view';

/** ESLint-style rule metadata (DESIGN.md "A rule, ESLint-style"). */
export interface RuleMeta {
  id: RuleId;
  defaultSeverity: Severity;
  defaultAllowOverride: boolean;
  defaultRequireReason: boolean;
  /**
   * Article references per preset (REQUIREMENTS.md §1–3). A preset that is absent here has
   * nothing to say on the matter, so the rule is off in that preset.
   */
  citations: Partial<Record<PresetId, ArticleRef[]>>;
  /** Message id for the finding (see shared/i18n). */
  message: MessageId;
  title: MessageId;
}

export interface RuleContext {
  policy: Policy;
  view: DraftView;
}

/** What a rule's check reports; the engine turns it into a Finding. */
export interface RuleReport {
  evidence: Evidence[];
  params: Record<string, string | number>;
  paramsEn?: Record<string, string | number>;
  fix?: Fix;
}

export interface ComposeRule {
  meta: RuleMeta;
  /** Pure and synchronous; null when the draft is fine. */
  check(draft: Draft, ctx: RuleContext): RuleReport | null;
}

/** Rules of the mailbox and browser sides carry meta here; their checks live with their hosts. */
export interface MetaOnlyRule {
  meta: RuleMeta;
}

/**
 * Browser-side hygiene rules (REQUIREMENTS.md §3): same meta, and a pure check over the one
 * value the host hands in (an e-mail field's value, a new password) — never the page.
 */
export interface HygieneRule<Input, Report> {
  meta: RuleMeta;
  /** Pure and synchronous; null when there is nothing to say. */
  check(input: Input, ctx: { policy: Policy }): Report | null;
}
