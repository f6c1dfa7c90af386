/** Policy keys added for issue #7: schema, merge, flat managed keys, export round trip. */
import { describe, expect, it } from 'vitest';
import { resolvePolicy, validatePolicy } from '../../shared/policy';
import { MANAGED_PROPERTIES, managedToPolicy, policyToManaged } from '../../shared/policy/managed';

describe('issue #7 policy keys', () => {
  it('password rules merge field by field over the preset', () => {
    const p = resolvePolicy({ extends: 'cantho', password: { unitRotationDays: 45 } });
    expect(p.password).toEqual({ minLength: 8, requireClasses: true, rotationDays: 90, unitRotationDays: 45 });
  });
  it('signupAllowList unions and lower-cases', () => {
    expect(resolvePolicy({ extends: 'mic', signupAllowList: ['HoiNghi.example.vn'] }).signupAllowList).toEqual(['hoinghi.example.vn']);
  });
  it('rejects typos and bad values', () => {
    expect(validatePolicy({ password: { minLenght: 8 } }).ok).toBe(false);
    expect(validatePolicy({ password: { rotationDays: 0 } }).ok).toBe(false);
    expect(validatePolicy({ signupAllowList: ['not a domain'] }).ok).toBe(false);
  });
  it('flat managed keys', () => {
    for (const k of ['signupAllowList', 'passwordMinLength', 'passwordRequireClasses', 'passwordRotationDays', 'passwordRotationDaysUnit']) expect(MANAGED_PROPERTIES[k]).toBeTruthy();
    const r = managedToPolicy({ preset: 'cantho', passwordRotationDaysUnit: 30, signupAllowList: ['*.vnpt.vn'] });
    expect(r.ok && r.settings.policy).toMatchObject({ extends: 'cantho', password: { unitRotationDays: 30 }, signupAllowList: ['*.vnpt.vn'] });
    const bad = managedToPolicy({ passwordRotationDays: -1 });
    expect(!bad.ok && bad.issues.map((i) => i.path)).toEqual(['$.passwordRotationDays']);
  });
  it('export round trip', () => {
    const input = { extends: 'tphcm-stnmt' as const, signupAllowList: ['*.vnpt.vn'], password: { minLength: 10, requireClasses: true, rotationDays: 60, unitRotationDays: 30 } };
    const flat = policyToManaged(input);
    expect(flat).toMatchObject({ passwordMinLength: 10, passwordRotationDays: 60, passwordRotationDaysUnit: 30, signupAllowList: ['*.vnpt.vn'] });
    const back = managedToPolicy(flat);
    expect(back.ok && resolvePolicy(back.settings.policy).password).toEqual(resolvePolicy(input).password);
  });
});
