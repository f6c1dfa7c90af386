/**
 * Rotation reminder with a fake clock: Cần Thơ unit mailbox every 02 months (Đ11 k4 → 60 days),
 * personal every 03 months (Đ10 k3 → 90 days); first login must change the initial password.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rotationStatus, ROTATION_REMIND_DAYS } from '../../shared/rules/password-policy';
import { resolvePolicy } from '../../shared/policy';

const cantho = resolvePolicy('cantho');
const UNIT = 'vanphong.sokhdt@cantho.gov.vn'; // "<unit>.<agency>@" pattern (REQUIREMENTS §4)
const PERSONAL = 'nvminh@cantho.gov.vn';

describe('rotation reminder (fake clock)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const at = (ymd: string) => vi.setSystemTime(new Date(`${ymd}T09:00:00`));

  it('cantho unit mailbox: 60 days', () => {
    at('2026-01-01');
    expect(rotationStatus(UNIT, '2026-01-01', cantho)).toMatchObject({ state: 'ok', mailbox: 'unit', periodDays: 60, dueDate: '2026-03-02', daysLeft: 60 });
    at('2026-02-22'); // 52 days: 8 left
    expect(rotationStatus(UNIT, '2026-01-01', cantho)).toMatchObject({ state: 'ok', daysLeft: 8 });
    at('2026-02-23'); // 7 left: remind
    expect(rotationStatus(UNIT, '2026-01-01', cantho)).toMatchObject({ state: 'soon', daysLeft: ROTATION_REMIND_DAYS });
    at('2026-03-02');
    expect(rotationStatus(UNIT, '2026-01-01', cantho)).toMatchObject({ state: 'soon', daysLeft: 0 });
    at('2026-03-03');
    expect(rotationStatus(UNIT, '2026-01-01', cantho)).toMatchObject({ state: 'overdue', daysLeft: -1 });
  });

  it('cantho personal mailbox: 90 days', () => {
    at('2026-03-03'); // would be overdue for a unit mailbox
    expect(rotationStatus(PERSONAL, '2026-01-01', cantho)).toMatchObject({ state: 'ok', mailbox: 'personal', periodDays: 90, dueDate: '2026-04-01', daysLeft: 29 });
    at('2026-03-25');
    expect(rotationStatus(PERSONAL, '2026-01-01', cantho)).toMatchObject({ state: 'soon', daysLeft: 7 });
    at('2026-04-02');
    expect(rotationStatus(PERSONAL, '2026-01-01', cantho)).toMatchObject({ state: 'overdue', daysLeft: -1 });
  });

  it('a change resets the period', () => {
    at('2026-04-02');
    expect(rotationStatus(PERSONAL, '2026-04-02', cantho)).toMatchObject({ state: 'ok', daysLeft: 90 });
  });

  it('no recorded change: first-login rule', () => {
    at('2026-01-01');
    expect(rotationStatus(PERSONAL, undefined, cantho).state).toBe('first-login');
    expect(rotationStatus(PERSONAL, 'garbage', cantho).state).toBe('first-login');
  });

  it('directory unit mailbox and tphcm 3 months', () => {
    at('2026-03-15');
    const p = resolvePolicy({ extends: 'cantho', unitMailboxes: { directory: ['ubnd@cantho.gov.vn'] } });
    expect(rotationStatus('ubnd@cantho.gov.vn', '2026-01-01', p)).toMatchObject({ mailbox: 'unit', state: 'overdue' });
    expect(rotationStatus('a@tphcm.gov.vn', '2026-01-01', resolvePolicy('tphcm-stnmt'))).toMatchObject({ periodDays: 90, state: 'ok', daysLeft: 17 });
  });

  it('presets without a number never nag; rule off → none', () => {
    at('2030-01-01');
    expect(rotationStatus('a@quangngai.gov.vn', '2020-01-01', resolvePolicy('quangngai'))).toMatchObject({ state: 'ok', dueDate: null });
    expect(rotationStatus('a@mic.gov.vn', null, resolvePolicy('mic')).state).toBe('none');
  });
});
