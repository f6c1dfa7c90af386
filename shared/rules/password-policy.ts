import type { HygieneRule } from './types';
import type { Policy } from '../policy/resolve';
import { classifyAddress } from '../mailbox';

/**
 * Password rules on the webmail's change-password form (REQUIREMENTS.md §3):
 *  - composition: Cần Thơ Đ10 k3 đ.a–b and Đ11 k4 ("ít nhất là 08 (tám) ký tự", "ký tự in hoa,
 *    ký tự in thường và ít nhất có một ký tự đặc biệt, chữ số"); TP.HCM STNMT Đ8 k3 đ.a;
 *  - rotation: Cần Thơ Đ10 k3 (personal, "tối thiểu 03 tháng/01 lần"), Đ11 k4 (unit mailbox,
 *    "02 tháng/01 lần"); TP.HCM Đ8 k3 đ.b ("Mỗi 3 tháng");
 *  - first login: change the initial password — TP.HCM Đ8 k3 đ.b, Quảng Ngãi Đ11 k1,
 *    Bình Phước Đ14 k2, Cần Thơ Đ10 k3.
 * The check sees the new password only in memory, while the user types; nothing stores it.
 */
export type PasswordCheckId = 'length' | 'upper' | 'lower' | 'digit' | 'special';

export interface PasswordCheckItem {
  id: PasswordCheckId;
  ok: boolean;
  /** For 'length': the minimum. */
  min?: number;
}

export interface PasswordReport {
  /** Every item the policy asks for, passing or not (the live checklist). */
  items: PasswordCheckItem[];
  failed: PasswordCheckId[];
}

/** The items the policy asks for, evaluated on `password` (empty when the policy sets none). */
export function passwordChecklist(password: string, rules: Policy['password']): PasswordCheckItem[] {
  const items: PasswordCheckItem[] = [];
  if (rules.minLength != null) items.push({ id: 'length', ok: [...password].length >= rules.minLength, min: rules.minLength });
  if (rules.requireClasses) {
    items.push({ id: 'upper', ok: /\p{Lu}/u.test(password) });
    items.push({ id: 'lower', ok: /\p{Ll}/u.test(password) });
    items.push({ id: 'digit', ok: /\p{Nd}/u.test(password) });
    // "ký tự đặc biệt (!, @, #, %, &, ...)": anything that is not a letter, digit or space.
    items.push({ id: 'special', ok: /[^\p{L}\p{N}\s]/u.test(password) });
  }
  return items;
}

export const passwordPolicy: HygieneRule<{ password: string }, PasswordReport> = {
  meta: {
    id: 'password-policy',
    defaultSeverity: 'warn',
    defaultAllowOverride: true,
    defaultRequireReason: false,
    citations: { cantho: ['Đ10 k3', 'Đ11 k4'], 'tphcm-stnmt': ['Đ8 k3'], quangngai: ['Đ11 k1'], binhphuoc: ['Đ14 k2'] },
    message: 'title.password-policy',
    title: 'title.password-policy',
  },
  /** null when the new password meets every rule (or the policy sets none). */
  check({ password }, { policy }) {
    const items = passwordChecklist(password, policy.password);
    const failed = items.filter((i) => !i.ok).map((i) => i.id);
    return failed.length ? { items, failed } : null;
  },
};

// ---- rotation ------------------------------------------------------------------------------

/** Remind this many days before the rotation period ends. */
export const ROTATION_REMIND_DAYS = 7;

export type RotationState =
  /** No change recorded for this account: a new mailbox must change its initial password. */
  | 'first-login'
  | 'ok'
  /** Within ROTATION_REMIND_DAYS of the end of the period. */
  | 'soon'
  | 'overdue'
  /** The policy sets no period (and the first-login rule is not known to apply). */
  | 'none';

export interface RotationStatus {
  state: RotationState;
  mailbox: 'unit' | 'personal';
  /** Period in days for this mailbox kind; null = none set. */
  periodDays: number | null;
  lastChange: string | null;
  /** YYYY-MM-DD the next change is due (lastChange + period). */
  dueDate: string | null;
  /** Days until dueDate (negative when overdue). */
  daysLeft: number | null;
}

const DAY = 86_400_000;
/** Local calendar day as YYYY-MM-DD (what is stored: the date, never a time or the password). */
export function localDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
const dayNumber = (ymd: string) => Date.UTC(+ymd.slice(0, 4), +ymd.slice(5, 7) - 1, +ymd.slice(8, 10)) / DAY;

/**
 * Where `account` stands with the rotation rule on `now` (default: the clock, so tests can use
 * a fake one). Unit mailboxes (directory/patterns of the policy) get `unitRotationDays`.
 */
export function rotationStatus(account: string, lastChange: string | null | undefined, policy: Policy, now: Date = new Date()): RotationStatus {
  const mailbox = classifyAddress(account, policy) === 'unit' ? 'unit' : 'personal';
  const periodDays = mailbox === 'unit' ? policy.password.unitRotationDays ?? policy.password.rotationDays : policy.password.rotationDays;
  const on = policy.rules['password-policy'].severity !== 'off';
  const last = lastChange && /^\d{4}-\d{2}-\d{2}$/.test(lastChange) ? lastChange : null;
  if (!on) return { state: 'none', mailbox, periodDays, lastChange: last, dueDate: null, daysLeft: null };
  if (!last) return { state: 'first-login', mailbox, periodDays, lastChange: null, dueDate: null, daysLeft: null };
  if (periodDays == null) return { state: 'ok', mailbox, periodDays, lastChange: last, dueDate: null, daysLeft: null };
  const due = dayNumber(last) + periodDays;
  const today = dayNumber(localDate(now));
  const daysLeft = due - today;
  const dueDate = new Date(due * DAY).toISOString().slice(0, 10);
  const state: RotationState = daysLeft < 0 ? 'overdue' : daysLeft <= ROTATION_REMIND_DAYS ? 'soon' : 'ok';
  return { state, mailbox, periodDays, lastChange: last, dueDate, daysLeft };
}
