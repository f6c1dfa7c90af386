/**
 * Property test (issue #2 "Done means"): ≥ 10,000 random drafts and random policies go
 * through `evaluate` and policy validation; no exception escapes, and every result is either
 * a list of well-formed findings or a list of validation issues.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../shared/engine';
import { PRESET_IDS, RULE_IDS, validatePolicy } from '../../shared/policy';

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('TUYỆT MẬT', 'mật khẩu', 'M Ậ T', 'Céng hoµ x· héi', 'Số: 1/QĐ-UBND', 'TM. ỦY BAN NHÂN DÂN', '<img src=x onerror=alert(1)>', '\u0323\u0302', '\uD800'),
);
const domain = fc.constantFrom('mic.gov.vn', 'quangngai.gov.vn', 'gmail.com', 'yahoo.com', 'example.com', 'GOV.VN', '', '@@');
const address = fc.record({ name: fc.option(text, { nil: undefined }), address: fc.tuple(fc.string({ maxLength: 12 }), domain).map(([l, d]) => `${l}@${d}`) });
const attachment = fc.record(
  {
    name: text,
    size: fc.oneof(fc.nat(), fc.double(), fc.constant(-1), fc.constant(Number.MAX_SAFE_INTEGER)),
    type: fc.option(fc.constantFrom('application/pdf', 'text/plain', ''), { nil: undefined }),
    extraction: fc.option(
      fc.record({
        parts: fc.array(fc.record({ where: text, text }), { maxLength: 3 }),
        unreadable: fc.option(fc.array(fc.record({ reason: fc.constantFrom('encrypted', 'corrupt', 'unsupported', 'too-large', 'timeout', 'no-content'), where: text }), { maxLength: 2 }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
  },
  { requiredKeys: ['name', 'size'] },
);
const draft = fc.record({
  from: fc.option(address, { nil: undefined }),
  to: fc.array(address, { maxLength: 4 }),
  cc: fc.array(address, { maxLength: 2 }),
  bcc: fc.array(address, { maxLength: 2 }),
  subject: text,
  bodyText: text,
  bodyHtml: fc.option(text, { nil: undefined }),
  attachments: fc.array(attachment, { maxLength: 4 }),
});

const ruleSetting = fc.record(
  { severity: fc.constantFrom('block', 'warn', 'info', 'off', 'bogus'), allowOverride: fc.oneof(fc.boolean(), fc.string()), requireReason: fc.boolean() },
  { requiredKeys: [] },
);
const policyJson = fc.oneof(
  fc.anything(),
  fc.record(
    {
      extends: fc.oneof(fc.constantFrom(...PRESET_IDS), fc.string()),
      agencyDomains: fc.array(fc.oneof(domain, fc.string()), { maxLength: 3 }),
      publicDomains: fc.array(domain, { maxLength: 3 }),
      unitMailboxes: fc.record({ directory: fc.array(address.map((a) => a.address), { maxLength: 2 }), patterns: fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('(a+)+$', '^[a-z]+@mic\\.gov\\.vn$', '(')), { maxLength: 2 }) }, { requiredKeys: [] }),
      attachmentLimitMB: fc.oneof(fc.double(), fc.constant(null), fc.string()),
      rules: fc.dictionary(fc.oneof(fc.constantFrom(...RULE_IDS), fc.string()), ruleSetting, { maxKeys: 3 }),
      replyDeadlineWorkingDays: fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double()),
      checkTimes: fc.array(fc.oneof(fc.constantFrom('07:30', '24:00', '9:00'), fc.string({ maxLength: 5 })), { maxLength: 3 }),
      calendar: fc.record({ extraDaysOff: fc.array(fc.constantFrom('2026-02-17', '2026-02-30', 'x'), { maxLength: 2 }), workingHours: fc.array(fc.tuple(fc.constantFrom('07:30', '13:00', '11:30'), fc.constantFrom('11:30', '17:00', '07:00')), { maxLength: 2 }) }, { requiredKeys: [] }),
      onError: fc.constantFrom('allow', 'block', 'crash'),
      customMarkings: fc.array(fc.oneof(text, fc.constantFrom('/(a+)+$/', '/[/', '/x/q', 'lưu hành nội bộ')), { maxLength: 3 }),
      bogusKey: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

// Policies built only from valid parts, so that half the runs reach evaluate().
const validPolicy = fc.record(
  {
    extends: fc.constantFrom(...PRESET_IDS),
    agencyDomains: fc.array(fc.constantFrom('mic.gov.vn', '*.gov.vn', 'bo.vn'), { maxLength: 2 }),
    attachmentLimitMB: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constant(null)),
    rules: fc.dictionary(fc.constantFrom(...RULE_IDS), fc.record({ severity: fc.constantFrom('block', 'warn', 'info', 'off'), allowOverride: fc.boolean() }, { requiredKeys: [] }), { maxKeys: 4 }),
    onError: fc.constantFrom('allow', 'block'),
    customMarkings: fc.array(fc.constantFrom('/(a+)+$/', 'lưu hành nội bộ', '/HS-\\d+/i', 'x'), { maxLength: 3 }),
    unitMailboxes: fc.record({ patterns: fc.array(fc.constantFrom('(a+)+$', '^[a-z]+@mic\\.gov\\.vn$'), { maxLength: 2 }) }),
  },
  { requiredKeys: [] },
);

describe('property: evaluate and validate never throw', () => {
  it('10,000 random (draft, policy) pairs', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(draft, fc.oneof(validPolicy, policyJson), (d, pj) => {
        const v = validatePolicy(pj);
        if (!v.ok) {
          invalid++;
          expect(v.issues.length).toBeGreaterThan(0);
          for (const i of v.issues) expect(typeof i.path === 'string' && i.path.startsWith('$') && !!i.message_vi && !!i.message_en).toBe(true);
          return;
        }
        valid++;
        const findings = evaluate(d as never, v.policy);
        for (const f of findings) {
          expect(['block', 'warn', 'info']).toContain(f.severity);
          expect(typeof f.message).toBe('string');
          expect(Array.isArray(f.evidence)).toBe(true);
        }
      }),
      { numRuns: 10_000 },
    );
    // The generator must exercise both branches for the property to mean something.
    expect(valid).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(1000);
  });
});
