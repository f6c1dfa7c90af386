/**
 * password-policy composition (Cần Thơ Đ10 k3 / Đ11 k4, TP.HCM Đ8 k3 đ.a): valid = meets every
 * rule the preset sets, invalid = the failing items.
 */
import { describe, expect, it } from 'vitest';
import { passwordChecklist, passwordPolicy } from '../../shared/rules/password-policy';
import { ALL_RULE_META, citationsFor } from '../../shared/rules';
import { resolvePolicy, type PolicyInput, type PresetId } from '../../shared/policy';

interface Case { name: string; password: string; policy?: PresetId | PolicyInput; failed?: string[] }
const run = (c: Case) => passwordPolicy.check({ password: c.password }, { policy: resolvePolicy(c.policy ?? 'cantho') });

const valid: Case[] = [
  { name: 'the regulation’s own example', password: 'MatKhau@7894' },
  { name: 'Cần Thơ example is weak without a special char — with one it passes', password: 'MatKhaus7894!' },
  { name: 'exactly 8', password: 'Ab1!Ab1!' },
  { name: 'Vietnamese letters count as upper/lower', password: 'Đổimật1#' },
  { name: 'space is not special, but # is', password: 'Mat khau 1#' },
  { name: 'tphcm', password: 'Stnmt#2026', policy: 'tphcm-stnmt' },
  { name: 'quangngai sets no composition', password: 'abc', policy: 'quangngai' },
  { name: 'admin minimum 12', password: 'Abcdefghij1!', policy: { extends: 'cantho', password: { minLength: 12 } } },
];

const invalid: Case[] = [
  { name: 'Cần Thơ example text (no special character)', password: 'MatKhaus7894', failed: ['special'] },
  { name: 'too short', password: 'Ab1!', failed: ['length'] },
  { name: 'all lower', password: 'matkhaumoi', failed: ['upper', 'digit', 'special'] },
  { name: 'no lower', password: 'MATKHAU1!', failed: ['lower'] },
  { name: 'empty', password: '', failed: ['length', 'upper', 'lower', 'digit', 'special'] },
  { name: 'space only as special', password: 'Mat khau 1', failed: ['special'] },
  { name: 'tphcm weak', password: 'password', policy: 'tphcm-stnmt', failed: ['upper', 'digit', 'special'] },
  { name: 'admin minimum 12', password: 'Abcdefgh1!', policy: { extends: 'cantho', password: { minLength: 12 } }, failed: ['length'] },
  { name: 'admin sets rules on a silent preset', password: 'abc', policy: { extends: 'quangngai', password: { minLength: 8, requireClasses: true } }, failed: ['length', 'upper', 'digit', 'special'] },
];

describe('password-policy', () => {
  describe('valid', () => {
    for (const c of valid) it(c.name, () => expect(run(c)).toBeNull());
  });
  describe('invalid', () => {
    for (const c of invalid)
      it(c.name, () => {
        const r = run(c);
        expect(r?.failed).toEqual(c.failed);
        expect(r!.items.filter((i) => i.ok).map((i) => i.id)).not.toEqual(expect.arrayContaining(c.failed!));
      });
  });
  it('checklist lists every item the preset asks for', () => {
    expect(passwordChecklist('x', resolvePolicy('cantho').password).map((i) => i.id)).toEqual(['length', 'upper', 'lower', 'digit', 'special']);
    expect(passwordChecklist('x', resolvePolicy('mic').password)).toEqual([]);
  });
  it('presets carry the regulations’ numbers', () => {
    expect(resolvePolicy('cantho').password).toEqual({ minLength: 8, requireClasses: true, rotationDays: 90, unitRotationDays: 60 });
    expect(resolvePolicy('tphcm-stnmt').password).toEqual({ minLength: 8, requireClasses: true, rotationDays: 90, unitRotationDays: 90 });
    for (const p of ['vn-baseline', 'quangngai', 'binhphuoc', 'mic'] as const)
      expect(resolvePolicy(p).password).toEqual({ minLength: null, requireClasses: false, rotationDays: null, unitRotationDays: null });
  });
  it('cites Cần Thơ Đ10 k3 / Đ11 k4 and TP.HCM Đ8 k3', () => {
    expect(citationsFor('password-policy', 'cantho').join(' | ')).toMatch(/Điều 10 khoản 3.*Điều 11 khoản 4/);
    expect(citationsFor('password-policy', 'tphcm-stnmt')[0]).toMatch(/^Điều 8 khoản 3/);
    expect(ALL_RULE_META['password-policy']).toBe(passwordPolicy.meta);
  });
});
