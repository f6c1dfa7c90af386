/**
 * ESLint-RuleTester-style tables for compose rules: each case runs the real engine
 * (evaluate) with a real policy, and looks at the findings of the rule under test.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/engine';
import { resolvePolicy, type PolicyInput, type PresetId } from '../../shared/policy';
import type { Address, Draft, DraftAttachment, Finding } from '../../shared/types';

export interface DraftSpec {
  from?: string | Address;
  to?: (string | Address)[];
  cc?: (string | Address)[];
  bcc?: (string | Address)[];
  subject?: string;
  body?: string;
  html?: string;
  attachments?: DraftAttachment[];
}

export interface Case {
  name: string;
  draft: DraftSpec;
  policy?: PresetId | PolicyInput;
  /** invalid cases: the `where` of at least one evidence item must include each of these. */
  where?: string[];
  check?: (f: Finding) => void;
}

const addr = (a: string | Address): Address => (typeof a === 'string' ? { address: a } : a);

export function makeDraft(s: DraftSpec): Draft {
  return {
    from: s.from === undefined ? { name: 'Nguyễn Văn An - Sở TT&TT', address: 'nvan@mic.gov.vn' } : addr(s.from),
    to: (s.to ?? ['vanthu@mic.gov.vn']).map(addr),
    cc: (s.cc ?? []).map(addr),
    bcc: (s.bcc ?? []).map(addr),
    subject: s.subject ?? 'Báo cáo tuần',
    bodyText: s.body ?? (s.html ? '' : 'Kính gửi anh chị, gửi kèm báo cáo.'),
    ...(s.html ? { bodyHtml: s.html } : {}),
    attachments: s.attachments ?? [],
  };
}

export function findingsFor(rule: string, c: Pick<Case, 'draft' | 'policy'>): Finding[] {
  const policy = resolvePolicy(c.policy ?? 'vn-baseline');
  return evaluate(makeDraft(c.draft), policy).filter((f) => f.rule === rule);
}

export function ruleTester(rule: string, tables: { valid: Case[]; invalid: Case[] }): void {
  describe(rule, () => {
    describe('valid', () => {
      for (const c of tables.valid)
        it(c.name, () => {
          expect(findingsFor(rule, c)).toEqual([]);
        });
    });
    describe('invalid', () => {
      for (const c of tables.invalid)
        it(c.name, () => {
          const found = findingsFor(rule, c);
          expect(found).toHaveLength(1);
          const f = found[0];
          expect(f.message.length).toBeGreaterThan(10);
          expect(f.citations.length).toBeGreaterThan(0);
          expect(f.evidence.length).toBeGreaterThan(0);
          for (const w of c.where ?? []) expect(f.evidence.map((e) => e.where)).toContain(w);
          c.check?.(f);
        });
    });
  });
}
