/**
 * evaluate(draft, policy) → Finding[] (DESIGN.md "The data that flows").
 * Pure and synchronous so hosts can decide on Send without a perceptible delay; attachment
 * text is extracted beforehand (prepareDraft / checkDraft), where async work belongs.
 * Nothing escapes: a rule that throws becomes a `check-failed` finding that follows the
 * policy's onError, because a compliance check must never pass silently.
 */
import type { Address, Draft, DraftAttachment, Finding, Severity } from './types';
// Only the Policy *type*: the engine takes an already-merged policy, so content scripts and the
// Outlook handler do not have to bundle zod (the schema lives with resolvePolicy).
import type { Policy } from './policy/resolve';
import { COMPOSE_RULES, citationsFor } from './rules';
import { DraftView } from './rules/view';
import { t } from './i18n';
import { prepareDraft } from './attachments';

const ORDER: Record<Severity, number> = { block: 0, warn: 1, info: 2 };
const MAX_EXCERPT = 240;

export function evaluate(draft: Draft, policy: Policy): Finding[] {
  return evaluateNormalized(normalizeDraft(draft), policy);
}

/**
 * evaluate() on a draft that already went through normalizeDraft(): checkDraft normalizes
 * once before extraction, so the prepared draft is not coerced (and every attachment and
 * part copied) a second time. prepareDraft only adds extractions built by the extractor,
 * whose parts already have a string `text` and an "attachment:…" `where`.
 */
function evaluateNormalized(d: Draft, policy: Policy): Finding[] {
  const view = new DraftView(d);
  const findings: Finding[] = [];
  const failures: string[] = [];

  for (const rule of COMPOSE_RULES) {
    const id = rule.meta.id;
    const setting = policy.rules[id];
    if (!setting || setting.severity === 'off') continue;
    let report;
    try {
      report = rule.check(d, { policy, view });
    } catch (e) {
      failures.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (!report) continue;
    const severity = setting.severity;
    findings.push({
      rule: id,
      severity,
      message: t(rule.meta.message, report.params, 'vi'),
      messageEn: t(rule.meta.message, report.paramsEn ?? report.params, 'en'),
      citations: citationsFor(id, policy.preset, 'vi'),
      evidence: report.evidence.map((e) => ({ where: e.where, excerpt: clip(e.excerpt) })),
      // Info findings never stop Send, so there is nothing to override.
      allowOverride: severity === 'info' ? true : setting.allowOverride,
      requireReason: severity === 'info' ? false : setting.requireReason,
      ...(report.fix ? { fix: report.fix } : {}),
    });
  }

  if (failures.length) findings.push(checkFailed(failures.join('; '), policy));
  return findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

/** Extract attachment text (async: pdf, nested mail), then evaluate. Never rejects. */
export async function checkDraft(draft: Draft, policy: Policy): Promise<Finding[]> {
  const d = normalizeDraft(draft);
  let prepared: Draft;
  try {
    prepared = await prepareDraft(d);
  } catch (e) {
    const findings = evaluateNormalized(d, policy);
    findings.push(checkFailed(e instanceof Error ? e.message : String(e), policy));
    return findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  }
  return evaluateNormalized(prepared, policy);
}

/** The finding a host shows when the check itself failed (engine error, unreadable page). */
export function checkFailed(detail: string, policy: Policy): Finding {
  const block = policy.onError === 'block';
  return {
    rule: 'check-failed',
    severity: block ? 'block' : 'warn',
    message: t('check-failed', { detail: clip(detail, 160) }, 'vi'),
    messageEn: t('check-failed', { detail: clip(detail, 160) }, 'en'),
    citations: [],
    evidence: [],
    allowOverride: !block,
    requireReason: false,
  };
}

export type SendDecision = 'send' | 'confirm' | 'stop';

/**
 * What a host does with findings: 'send' (nothing, or info only), 'confirm' (warnings, or
 * blocks the policy lets the user override: "Vẫn gửi"), 'stop' (a block without override).
 */
export function decide(findings: readonly Finding[]): SendDecision {
  let decision: SendDecision = 'send';
  for (const f of findings) {
    if (f.severity === 'info') continue;
    if (f.severity === 'block' && !f.allowOverride) return 'stop';
    decision = 'confirm';
  }
  return decision;
}

function clip(s: string, max = MAX_EXCERPT): string {
  const one = String(s ?? '').replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : one.slice(0, max - 1) + '…';
}

// ---- input hygiene ---------------------------------------------------------------------------
// Drafts come from page scraping, Office.js and hostile .eml files: coerce instead of trusting.

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

function address(v: unknown): Address | null {
  if (typeof v === 'string') return v.trim() ? { address: v.trim() } : null;
  if (v && typeof v === 'object' && 'address' in v) {
    const o = v as { address: unknown; name?: unknown };
    const a = str(o.address).trim();
    if (!a) return null;
    const name = str(o.name).trim();
    return name ? { name, address: a } : { address: a };
  }
  return null;
}

const addresses = (v: unknown): Address[] => (Array.isArray(v) ? v.map(address).filter((a): a is Address => a !== null) : []);

function attachment(v: unknown): DraftAttachment | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Partial<DraftAttachment>;
  const size = typeof o.size === 'number' && Number.isFinite(o.size) && o.size > 0 ? o.size : 0;
  const a: DraftAttachment = { name: str(o.name) || '(không tên)', size };
  if (o.type) a.type = str(o.type);
  if (o.bytes instanceof Uint8Array) a.bytes = o.bytes;
  if (o.extraction && typeof o.extraction === 'object') {
    a.extraction = {
      parts: Array.isArray(o.extraction.parts) ? o.extraction.parts.filter((p) => p && typeof p.text === 'string').map((p) => ({ where: str(p.where) || `attachment:${a.name}`, text: p.text })) : [],
      ...(Array.isArray(o.extraction.unreadable) ? { unreadable: o.extraction.unreadable.filter((u) => u && typeof u === 'object') } : {}),
    };
  }
  return a;
}

export function normalizeDraft(v: unknown): Draft {
  const o = (v && typeof v === 'object' ? v : {}) as Partial<Draft>;
  const from = address(o.from);
  const d: Draft = {
    to: addresses(o.to),
    cc: addresses(o.cc),
    bcc: addresses(o.bcc),
    subject: str(o.subject),
    bodyText: str(o.bodyText),
    attachments: Array.isArray(o.attachments) ? o.attachments.map(attachment).filter((a): a is DraftAttachment => a !== null) : [],
  };
  if (from) d.from = from;
  if (typeof o.bodyHtml === 'string') d.bodyHtml = o.bodyHtml;
  return d;
}
