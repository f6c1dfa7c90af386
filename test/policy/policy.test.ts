import { describe, expect, it } from 'vitest';
import { PRESET_IDS, RULE_IDS, resolvePolicy, validatePolicy, validatePolicyText, PolicyError } from '../../shared/policy';
import { citationsFor } from '../../shared/rules';

describe('presets', () => {
  it('numbers match REQUIREMENTS.md', () => {
    expect(resolvePolicy('vn-baseline').attachmentLimitMB).toBe(20);
    expect(resolvePolicy('quangngai').attachmentLimitMB).toBe(25);
    expect(resolvePolicy('tphcm-stnmt').attachmentLimitMB).toBe(30);
    expect(resolvePolicy('mic').attachmentLimitMB).toBe(20);
    expect(resolvePolicy('binhphuoc').attachmentLimitMB).toBeNull();
    expect(resolvePolicy('cantho').attachmentLimitMB).toBeNull();
    expect(resolvePolicy('binhphuoc').checkTimes).toEqual(['07:00', '09:00', '11:00', '13:30', '15:00', '16:30']);
    expect(resolvePolicy('tphcm-stnmt').checkTimes).toHaveLength(4);
    expect(resolvePolicy('mic').checkTimes).toHaveLength(3);
    expect(resolvePolicy('mic').replyDeadlineWorkingDays).toBe(2);
    expect(resolvePolicy('vn-baseline').agencyDomains).toContain('*.gov.vn');
  });

  it('every preset validates against the schema and has every rule', () => {
    for (const id of PRESET_IDS) {
      const p = resolvePolicy(id);
      expect(p.preset).toBe(id);
      expect(Object.keys(p.rules).sort()).toEqual([...RULE_IDS].sort());
      expect(validatePolicy({ extends: id }).ok).toBe(true);
    }
  });

  it('leaves a rule off where the regulation is silent', () => {
    expect(resolvePolicy('mic').rules['public-recipient'].severity).toBe('off');
    expect(resolvePolicy('cantho').rules['public-recipient'].severity).toBe('info');
    expect(resolvePolicy('cantho').rules['sender-display-name'].severity).toBe('info');
    expect(resolvePolicy('quangngai').rules['official-from-personal'].severity).toBe('off');
    expect(resolvePolicy('binhphuoc').rules['attachment-too-large'].severity).toBe('off');
    expect(resolvePolicy('vn-baseline').rules['classified-content']).toEqual({ severity: 'block', allowOverride: false, requireReason: true });
  });

  it('formats citations in the REQUIREMENTS style', () => {
    expect(citationsFor('attachment-too-large', 'quangngai')).toEqual(['Điều 6 khoản 4, Quy chế kèm QĐ 51/2015/QĐ-UBND (Quảng Ngãi)']);
    expect(citationsFor('attachment-too-large', 'mic')).toEqual(['Điều 8 khoản 3 điểm b, Quy chế kèm QĐ 652/QĐ-BTTTT (Bộ TT&TT)']);
    expect(citationsFor('classified-content', 'vn-baseline')).toEqual(['Chỉ thị 34/2008/CT-TTg']);
    expect(citationsFor('attachment-too-large', 'mic', 'en')[0]).toBe('Article 8(3)(b), Regulation attached to Decision 652/QĐ-BTTTT (Ministry of Information and Communications)');
  });
});

describe('extends and merge', () => {
  it('unions named lists and replaces schedules', () => {
    const p = resolvePolicy({ extends: 'mic', agencyDomains: ['bo-tttt.vn'], checkTimes: ['08:00'], calendar: { extraDaysOff: ['2026-02-20'] } });
    expect(p.preset).toBe('mic');
    expect(p.agencyDomains).toEqual(expect.arrayContaining(['mic.gov.vn', '*.gov.vn', 'bo-tttt.vn']));
    expect(p.checkTimes).toEqual(['08:00']);
    expect(p.calendar.extraDaysOff).toEqual(['2026-02-20']);
    expect(p.calendar.workingHours).toEqual([['07:30', '11:30'], ['13:00', '17:00']]);
    expect(p.attachmentLimitMB).toBe(20);
  });

  it('merges a rule setting field by field', () => {
    const p = resolvePolicy({ extends: 'mic', rules: { 'classified-content': { allowOverride: true } } });
    expect(p.rules['classified-content']).toEqual({ severity: 'block', allowOverride: true, requireReason: true });
  });

  it('without extends, starts from vn-baseline', () => {
    expect(resolvePolicy({ onError: 'block' }).preset).toBe('vn-baseline');
    expect(resolvePolicy({ onError: 'block' }).onError).toBe('block');
  });

  it('throws PolicyError with all issues for an invalid object', () => {
    expect(() => resolvePolicy({ attachmentLimitMB: -1 })).toThrow(PolicyError);
  });
});

describe('validation messages', () => {
  const issues = (json: unknown) => {
    const r = validatePolicy(json);
    if (r.ok) throw new Error('expected invalid');
    return r.issues;
  };

  it('reports every problem with its JSON path, in Vietnamese and English', () => {
    const found = issues({
      extends: 'hanoi',
      attachmentLimitMb: 25,
      agencyDomains: ['mic.gov.vn', 'not a domain'],
      rules: { 'classified-content': { severity: 'stop' }, 'no-such-rule': {} },
      checkTimes: ['7:00', '25:00'],
      calendar: { extraDaysOff: ['2026-02-30'], workingHours: [['13:00', '11:00']] },
      onError: 'maybe',
      customMarkings: ['/(unclosed/'],
      unitMailboxes: { patterns: ['[z-a]'] },
    });
    const paths = found.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.extends',
        '$.attachmentLimitMb',
        '$.agencyDomains[1]',
        "$.rules['classified-content'].severity",
        "$.rules['no-such-rule']",
        '$.checkTimes[0]',
        '$.checkTimes[1]',
        '$.calendar.extraDaysOff[0]',
        '$.calendar.workingHours',
        '$.onError',
        '$.customMarkings[0]',
        '$.unitMailboxes.patterns[0]',
      ]),
    );
    for (const i of found) {
      expect(i.message_vi).not.toBe('');
      expect(i.message_en).not.toBe('');
    }
    expect(found.find((i) => i.path === '$.attachmentLimitMb')!.message_vi).toContain('attachmentLimitMb');
    expect(found.find((i) => i.path === '$.customMarkings[0]')!.message_en).toContain('RE2');
  });

  it('keeps both halves of a bad pattern\'s message when the pattern itself contains "|"', () => {
    // Found by the property test: "||(" once split a packed "vi|en" message in the wrong place.
    const r = validatePolicy({ unitMailboxes: { patterns: ['||('] }, customMarkings: ['/a|(b/'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const path of ['$.unitMailboxes.patterns[0]', '$.customMarkings[0]']) {
      const i = r.issues.find((x) => x.path === path)!;
      expect(i.message_vi).toMatch(/^biểu thức chính quy không hợp lệ/);
      expect(i.message_en).toMatch(/^invalid regular expression/);
    }
  });

  it('reports a JSON syntax error as one issue', () => {
    const r = validatePolicyText('{ "extends": "mic", }');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].path).toBe('$');
  });

  it('accepts a BOM and a full admin policy', () => {
    const r = validatePolicyText(
      '\uFEFF' +
        JSON.stringify({
          $schema: 'https://example.invalid/schema.json',
          name: 'Sở TT&TT',
          extends: 'quangngai',
          unitMailboxes: { directory: ['stttt@quangngai.gov.vn'], patterns: ['^[a-z]+-stttt@quangngai\\.gov\\.vn$'] },
          rules: { 'attachment-too-large': { severity: 'block', allowOverride: true, requireReason: true } },
          replyDeadlineWorkingDays: 3,
          calendar: { makeUpWorkdays: ['2026-05-09'] },
          customMarkings: ['lưu hành nội bộ', '/HS-MAT-\\d+/i'],
        }),
    );
    expect(r.ok).toBe(true);
  });
});
