/**
 * no-service-signup (TP.HCM STNMT Đ11 k4, Bộ TT&TT Đ15 k4): valid = nothing to say,
 * invalid = one report with the typed address as evidence.
 */
import { describe, expect, it } from 'vitest';
import { noServiceSignup, signupExcludeMatches } from '../../shared/rules/no-service-signup';
import { ALL_RULE_META, citationsFor } from '../../shared/rules';
import { resolvePolicy, type PolicyInput, type PresetId } from '../../shared/policy';

interface Case { name: string; value: string; host: string; policy?: PresetId | PolicyInput }

const run = (c: Case) => noServiceSignup.check({ value: c.value, host: c.host }, { policy: resolvePolicy(c.policy ?? 'mic') });

const valid: Case[] = [
  { name: 'agency site (*.gov.vn)', value: 'dvbe@mic.gov.vn', host: 'dichvucong.gov.vn' },
  { name: 'the agency’s own site', value: 'dvbe@mic.gov.vn', host: 'www.mic.gov.vn' },
  { name: 'trailing dot host', value: 'dvbe@mic.gov.vn', host: 'mic.gov.vn.' },
  { name: 'Gmail address on a shop', value: 'dan@gmail.com', host: 'shop.example.com' },
  { name: 'company address on a forum', value: 'a@vnpt.vn', host: 'forum.example.net' },
  { name: 'empty value', value: '', host: 'shop.example.com' },
  { name: 'half-typed address', value: 'dvbe@mic', host: 'shop.example.com' },
  { name: 'two addresses', value: 'dvbe@mic.gov.vn, b@c.vn', host: 'shop.example.com' },
  { name: 'free text', value: 'liên hệ dvbe@mic.gov.vn', host: 'shop.example.com' },
  { name: 'allow-listed site', value: 'dvbe@mic.gov.vn', host: 'hoinghi.example.vn', policy: { extends: 'mic', signupAllowList: ['hoinghi.example.vn'] } },
  { name: 'allow-listed wildcard', value: 'dvbe@mic.gov.vn', host: 'a.b.vnpt.vn', policy: { extends: 'mic', signupAllowList: ['*.vnpt.vn'] } },
  { name: 'no host (file:)', value: 'dvbe@mic.gov.vn', host: '' },
];

const invalid: Case[] = [
  { name: 'agency address on a sign-up page', value: 'dvbe@mic.gov.vn', host: 'signup.example.test' },
  { name: 'upper case and spaces', value: '  DVBE@MIC.GOV.VN ', host: 'shop.example.com' },
  { name: 'unit mailbox on a social network', value: 'vanthu@mic.gov.vn', host: 'www.facebook.com' },
  { name: 'other province, tphcm preset', value: 'vp.stnmt@tphcm.gov.vn', host: 'forum.example.net', policy: 'tphcm-stnmt' },
  { name: 'look-alike host is not gov.vn', value: 'dvbe@mic.gov.vn', host: 'gov.vn.example.com' },
  { name: 'allow-list of another site does not help', value: 'dvbe@mic.gov.vn', host: 'shop.example.com', policy: { extends: 'mic', signupAllowList: ['hoinghi.example.vn'] } },
  { name: 'admin agency domain outside gov.vn', value: 'a@soyte.example.org', host: 'shop.example.com', policy: { extends: 'mic', agencyDomains: ['soyte.example.org'] } },
];

describe('no-service-signup', () => {
  describe('valid', () => {
    for (const c of valid) it(c.name, () => expect(run(c)).toBeNull());
  });
  describe('invalid', () => {
    for (const c of invalid)
      it(c.name, () => {
        const r = run(c);
        expect(r).not.toBeNull();
        expect(r!.evidence).toEqual([{ where: 'email-field', excerpt: c.value.trim().toLowerCase() }]);
        expect(r!.params.site).toBe(c.host);
      });
  });
  it('cites TP.HCM Đ11 k4 and Bộ TT&TT Đ15 k4; off where the regulation is silent', () => {
    expect(citationsFor('no-service-signup', 'mic')[0]).toMatch(/^Điều 15 khoản 4/);
    expect(citationsFor('no-service-signup', 'tphcm-stnmt')[0]).toMatch(/^Điều 11 khoản 4/);
    expect(resolvePolicy('mic').rules['no-service-signup'].severity).toBe('warn');
    expect(resolvePolicy('cantho').rules['no-service-signup'].severity).toBe('off');
    expect(ALL_RULE_META['no-service-signup']).toBe(noServiceSignup.meta);
  });
  it('exclude matches cover the agency domains and the allow-list', () => {
    const m = signupExcludeMatches(resolvePolicy({ extends: 'mic', signupAllowList: ['*.vnpt.vn', 'x.example.org'] }));
    expect(m).toEqual(expect.arrayContaining(['*://*.gov.vn/*', '*://gov.vn/*', '*://mic.gov.vn/*', '*://*.vnpt.vn/*', '*://x.example.org/*']));
  });
});
