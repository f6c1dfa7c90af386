import { describe, expect, it } from 'vitest';
import { evaluate, decide, normalizeDraft, checkFailed } from '../../shared/engine';
import { resolvePolicy } from '../../shared/policy';
import { makeDraft } from '../rules/tester';

describe('evaluate', () => {
  it('returns nothing for a clean draft', () => {
    expect(evaluate(makeDraft({}), resolvePolicy('mic'))).toEqual([]);
  });

  it('sorts findings block → warn → info and gives both languages', () => {
    const f = evaluate(
      makeDraft({
        from: 'nvminh@cantho.gov.vn',
        to: ['dan@gmail.com'],
        subject: 'TUYỆT MẬT',
        attachments: [{ name: 'x.zip', size: 50 * 1024 * 1024 }],
      }),
      resolvePolicy({ extends: 'cantho', attachmentLimitMB: 10 }),
    );
    expect(f.map((x) => x.severity)).toEqual(['block', 'warn', 'info', 'info']);
    expect(f.map((x) => x.rule)).toEqual(['classified-content', 'attachment-too-large', 'public-recipient', 'sender-display-name']);
    for (const x of f) {
      expect(x.message).not.toBe(x.messageEn);
      expect(x.citations.length).toBeGreaterThan(0);
    }
  });

  it('cites the preset of the policy it is given', () => {
    expect(evaluate(makeDraft({ subject: 'TỐI MẬT' }), resolvePolicy('quangngai'))[0].citations[0]).toContain('Quảng Ngãi');
  });

  it('never throws on junk input', () => {
    for (const junk of [null, undefined, 42, 'x', [], { to: 'a' }, { attachments: [null, 1, { size: NaN }] }, { from: { address: 7 } }])
      expect(() => evaluate(junk as never, resolvePolicy('mic'))).not.toThrow();
  });

  it('clips long evidence to one line', () => {
    const f = evaluate(makeDraft({ body: 'TUYỆT MẬT ' + 'x '.repeat(5000) }), resolvePolicy('mic'));
    expect(f[0].evidence[0].excerpt.length).toBeLessThanOrEqual(240);
    expect(f[0].evidence[0].excerpt).not.toContain('\n');
  });
});

describe('decide', () => {
  const p = resolvePolicy('quangngai');
  it('send / confirm / stop', () => {
    expect(decide([])).toBe('send');
    expect(decide(evaluate(makeDraft({ from: 'a@quangngai.gov.vn', to: ['b@gmail.com'] }), p))).toBe('send');
    expect(decide(evaluate(makeDraft({ attachments: [{ name: 'a', size: 30 * 1024 * 1024 }] }), p))).toBe('confirm');
    expect(decide(evaluate(makeDraft({ subject: 'MẬT' }), p))).toBe('stop');
  });
  it('check-failed follows onError', () => {
    expect(decide([checkFailed('boom', resolvePolicy({ onError: 'block' }))])).toBe('stop');
    expect(decide([checkFailed('boom', resolvePolicy({ onError: 'allow' }))])).toBe('confirm');
  });
});

describe('normalizeDraft', () => {
  it('coerces strings and drops junk', () => {
    const d = normalizeDraft({ from: 'a@b.vn', to: ['c@d.vn', null, { address: '' }], subject: 5, attachments: [{ name: 'x', size: -3 }] });
    expect(d.from).toEqual({ address: 'a@b.vn' });
    expect(d.to).toEqual([{ address: 'c@d.vn' }]);
    expect(d.subject).toBe('5');
    expect(d.attachments[0].size).toBe(0);
  });
});
