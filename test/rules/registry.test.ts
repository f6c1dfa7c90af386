/**
 * The compose-rule ids are written twice on purpose: as a tuple in the policy schema (types,
 * validation; the schema must not import the rules) and as the rule modules in the registry.
 * These tests keep the two from drifting apart.
 */
import { describe, expect, it } from 'vitest';
import { COMPOSE_RULES } from '../../shared/rules/registry';
import { ALL_RULE_META } from '../../shared/rules/meta';
import { COMPOSE_RULE_IDS, RULE_IDS } from '../../shared/policy/schema';

describe('rule registry', () => {
  it('the schema lists exactly the registered compose rules, in the engine order', () => {
    expect(COMPOSE_RULES.map((r) => r.meta.id)).toEqual([...COMPOSE_RULE_IDS]);
  });

  it('every rule id of the schema has meta, and nothing else does', () => {
    expect(Object.keys(ALL_RULE_META).sort()).toEqual([...RULE_IDS].sort());
    for (const r of COMPOSE_RULES) expect(ALL_RULE_META[r.meta.id]).toBe(r.meta);
  });
});
