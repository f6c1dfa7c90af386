/**
 * Enterprise policy in flat form (issue #6): Chrome/Edge `storage.managed` needs a JSON schema
 * of simple properties (managed_schema.json, generated from the zod schema by
 * scripts/gen-managed-schema.ts), Firefox reads the same keys from policies.json
 * `3rdparty.Extensions`, Windows admins set them as registry values via GPO/ADMX.
 * Flat keys are scalars and string lists; `policyJson` carries a whole policy for advanced use.
 */
import { PolicyInputSchema, RULE_IDS, SEVERITY_SETTINGS, type PolicyInput, type RuleId } from './schema';
import { PRESET_IDS } from './sources';
import { validatePolicy, validatePolicyText, type PolicyIssue } from './resolve';

type Prop =
  | { type: 'string'; enum?: readonly string[]; title: string; description: string }
  | { type: 'number' | 'integer' | 'boolean'; title: string; description: string }
  | { type: 'array'; items: { type: 'string' }; title: string; description: string };

/** `severity_classified_content` etc.: one flat key per rule setting. */
export const ruleKey = (id: RuleId, field: 'severity' | 'allowOverride' | 'requireReason') =>
  `${field}_${id.replace(/-/g, '_')}`;

/**
 * Flat keys that stand for one policy field: [flat key, field] or [flat key, group, field].
 * One table for the three directions (managed → policy, issue paths back to flat keys, policy →
 * managed); its order is the order of the keys written by policyToManaged.
 */
const FLAT_FIELDS: readonly (readonly [key: string, top: string, sub?: string])[] = [
  ['preset', 'extends'],
  ['agencyDomains', 'agencyDomains'],
  ['publicDomains', 'publicDomains'],
  ['unitMailboxDirectory', 'unitMailboxes', 'directory'],
  ['unitMailboxPatterns', 'unitMailboxes', 'patterns'],
  ['attachmentLimitMB', 'attachmentLimitMB'],
  ['replyDeadlineWorkingDays', 'replyDeadlineWorkingDays'],
  ['checkTimes', 'checkTimes'],
  ['extraDaysOff', 'calendar', 'extraDaysOff'],
  ['makeUpWorkdays', 'calendar', 'makeUpWorkdays'],
  ['onError', 'onError'],
  ['customMarkings', 'customMarkings'],
  ['signupAllowList', 'signupAllowList'],
  ['passwordMinLength', 'password', 'minLength'],
  ['passwordRequireClasses', 'password', 'requireClasses'],
  ['passwordRotationDays', 'password', 'rotationDays'],
  ['passwordRotationDaysUnit', 'password', 'unitRotationDays'],
];

export const MANAGED_PROPERTIES: Record<string, Prop> = {
  preset: { type: 'string', enum: PRESET_IDS, title: 'Preset', description: 'Quy chế áp dụng (extends) / the regulation preset the policy extends' },
  policyJson: { type: 'string', title: 'Policy JSON', description: 'Toàn bộ chính sách dạng JSON (nâng cao) / a whole policy as JSON (advanced); flat keys override it' },
  policyUrl: { type: 'string', title: 'Policy URL', description: 'Địa chỉ HTTPS của tệp chính sách / HTTPS URL of a policy file, fetched with ETag and cached' },
  agencyDomains: { type: 'array', items: { type: 'string' }, title: 'Agency domains', description: 'Tên miền của cơ quan / agency mail domains (e.g. mic.gov.vn, *.gov.vn)' },
  publicDomains: { type: 'array', items: { type: 'string' }, title: 'Public domains', description: 'Nhà cung cấp thư công cộng bổ sung / extra public mail providers' },
  unitMailboxDirectory: { type: 'array', items: { type: 'string' }, title: 'Unit mailboxes', description: 'Danh bạ hộp thư đơn vị / directory of unit mailboxes' },
  unitMailboxPatterns: { type: 'array', items: { type: 'string' }, title: 'Unit mailbox patterns', description: 'Mẫu địa chỉ hộp thư đơn vị (RE2) / unit mailbox address patterns (RE2)' },
  attachmentLimitMB: { type: 'number', title: 'Attachment limit (MB)', description: 'Giới hạn tổng dung lượng tệp đính kèm / total attachment limit per message, MB' },
  replyDeadlineWorkingDays: { type: 'integer', title: 'Reply deadline', description: 'Hạn trả lời (ngày làm việc) / reply deadline in working days' },
  checkTimes: { type: 'array', items: { type: 'string' }, title: 'Check times', description: 'Giờ mở hộp thư đơn vị (HH:MM) / unit-mailbox check times' },
  extraDaysOff: { type: 'array', items: { type: 'string' }, title: 'Extra days off', description: 'Ngày nghỉ bổ sung (YYYY-MM-DD) / extra days off' },
  makeUpWorkdays: { type: 'array', items: { type: 'string' }, title: 'Make-up workdays', description: 'Ngày làm bù (YYYY-MM-DD) / make-up working days' },
  onError: { type: 'string', enum: ['allow', 'block'], title: 'On error', description: 'Khi không kiểm tra được: cho gửi (allow) hoặc chặn (block) / when a check cannot run' },
  customMarkings: { type: 'array', items: { type: 'string' }, title: 'Custom markings', description: 'Cụm từ hoặc mẫu /RE2/ coi như dấu mật / phrases or /RE2/ patterns that count as classified markings' },
  signupAllowList: { type: 'array', items: { type: 'string' }, title: 'Sign-up allow-list', description: 'Trang web được phép nhập địa chỉ công vụ (ngoài *.gov.vn) / sites where the official address may be entered' },
  passwordMinLength: { type: 'integer', title: 'Password minimum length', description: 'Độ dài tối thiểu của mật khẩu / minimum password length' },
  passwordRequireClasses: { type: 'boolean', title: 'Password character classes', description: 'Bắt buộc chữ hoa, chữ thường, chữ số, ký tự đặc biệt / require upper, lower, digit and special' },
  passwordRotationDays: { type: 'integer', title: 'Password rotation (days)', description: 'Số ngày phải đổi mật khẩu hộp thư cá nhân / days between password changes (personal mailbox)' },
  passwordRotationDaysUnit: { type: 'integer', title: 'Unit mailbox password rotation (days)', description: 'Số ngày phải đổi mật khẩu hộp thư đơn vị / days between password changes (unit mailbox)' },
  allowUserPreset: { type: 'boolean', title: 'Allow user preset', description: 'Cho người dùng tự chọn quy chế / let users choose their preset' },
  allowClearAuditLog: { type: 'boolean', title: 'Allow clearing the audit log', description: 'Cho người dùng xóa nhật ký "Vẫn gửi" / let users clear the override log' },
  ...Object.fromEntries(
    RULE_IDS.flatMap((id) => [
      [ruleKey(id, 'severity'), { type: 'string', enum: SEVERITY_SETTINGS, title: `${id}: severity`, description: `Mức độ của quy tắc ${id} / severity of ${id}` }],
      [ruleKey(id, 'allowOverride'), { type: 'boolean', title: `${id}: allow override`, description: `Cho phép "Vẫn gửi" với ${id} / allow "send anyway" for ${id}` }],
      [ruleKey(id, 'requireReason'), { type: 'boolean', title: `${id}: require reason`, description: `Bắt buộc ghi lý do khi "Vẫn gửi" / require a reason for ${id}` }],
    ]),
  ),
};

/** Chrome's managed_schema.json (JSON-Schema subset: type/properties/items/enum). */
export function managedSchema(): object {
  return { type: 'object', properties: MANAGED_PROPERTIES };
}

export interface ManagedSettings {
  policy: PolicyInput;
  policyUrl?: string;
  allowUserPreset: boolean;
  allowClearAuditLog: boolean;
}

/**
 * Flat managed values → a PolicyInput. Invalid values are reported, never silently dropped:
 * the caller keeps the last good policy when `issues` is not empty (issue #6 item 2).
 */
export function managedToPolicy(values: Record<string, unknown>): { ok: true; settings: ManagedSettings } | { ok: false; issues: PolicyIssue[] } {
  const issues: PolicyIssue[] = [];
  for (const k of Object.keys(values))
    if (!(k in MANAGED_PROPERTIES))
      issues.push({ path: `$.${k}`, message_vi: `khóa quản trị không được hỗ trợ "${k}"`, message_en: `unknown managed key "${k}"` });

  let base: PolicyInput = {};
  if (typeof values.policyJson === 'string' && values.policyJson.trim()) {
    const v = validatePolicyText(values.policyJson);
    if (!v.ok) issues.push(...v.issues.map((i) => ({ ...i, path: '$.policyJson' + i.path.slice(1) })));
    else base = v.input;
  }
  const p: Record<string, unknown> = { ...base };
  // A flat key inside a group (unitMailboxes, calendar, password) overrides that field only:
  // the group's other fields from policyJson stay. Copied once, so `base` is never changed.
  const copied = new Set<string>();
  for (const [key, top, sub] of FLAT_FIELDS) {
    const value = values[key];
    if (value === undefined) continue;
    if (sub === undefined) {
      p[top] = value;
      continue;
    }
    if (!copied.has(top)) {
      p[top] = { ...((base as Record<string, unknown>)[top] ?? {}) };
      copied.add(top);
    }
    (p[top] as Record<string, unknown>)[sub] = value;
  }
  const rules: Record<string, Record<string, unknown>> = { ...(base.rules as Record<string, Record<string, unknown>> | undefined) };
  for (const id of RULE_IDS)
    for (const field of ['severity', 'allowOverride', 'requireReason'] as const) {
      const v = values[ruleKey(id, field)];
      if (v !== undefined) rules[id] = { ...rules[id], [field]: v };
    }
  if (Object.keys(rules).length) p.rules = rules;

  const v = validatePolicy(p);
  if (!v.ok) issues.push(...v.issues.map((i) => ({ ...i, path: flatPath(i.path) })));
  if (values.policyUrl !== undefined && !(typeof values.policyUrl === 'string' && /^https:\/\/[^\s]+$/i.test(values.policyUrl)))
    issues.push({ path: '$.policyUrl', message_vi: 'policyUrl phải là địa chỉ https://', message_en: 'policyUrl must be an https:// URL' });
  for (const k of ['allowUserPreset', 'allowClearAuditLog'])
    if (values[k] !== undefined && typeof values[k] !== 'boolean')
      issues.push({ path: `$.${k}`, message_vi: 'cần true/false', message_en: 'expected true/false' });
  if (issues.length || !v.ok) return { ok: false, issues };
  return {
    ok: true,
    settings: {
      policy: v.input,
      ...(typeof values.policyUrl === 'string' ? { policyUrl: values.policyUrl } : {}),
      allowUserPreset: values.allowUserPreset !== false && values.preset === undefined && !base.extends,
      allowClearAuditLog: values.allowClearAuditLog !== false,
    },
  };
}

/** Map a path in the merged policy back to the flat key an admin actually set. */
function flatPath(path: string): string {
  const m = /^\$\.rules\['([^']+)'\]\.(severity|allowOverride|requireReason)/.exec(path);
  if (m && (RULE_IDS as readonly string[]).includes(m[1])) return `$.${ruleKey(m[1] as RuleId, m[2] as 'severity')}`;
  for (const [key, ...field] of FLAT_FIELDS) {
    const from = `$.${field.join('.')}`;
    if (path.startsWith(from)) return `$.${key}${path.slice(from.length)}`;
  }
  return path;
}

/** The inverse, for `policy export`: a policy file → flat managed values. */
export function policyToManaged(input: PolicyInput, extra: { policyUrl?: string } = {}): Record<string, unknown> {
  PolicyInputSchema.parse(input);
  const out: Record<string, unknown> = {};
  // The schema allows null only where it means "no limit" (no flat value) and never an empty
  // string, so "set and not null" is the test for every field.
  for (const [key, top, sub] of FLAT_FIELDS) {
    const v = (input as Record<string, unknown>)[top];
    const value = sub === undefined ? v : (v as Record<string, unknown> | undefined)?.[sub];
    if (value != null) out[key] = value;
  }
  for (const [id, s] of Object.entries(input.rules ?? {}) as [RuleId, Record<string, unknown>][])
    for (const field of ['severity', 'allowOverride', 'requireReason'] as const) if (s[field] !== undefined) out[ruleKey(id, field)] = s[field];
  // Working hours and a null limit have no flat key: carry the whole policy too.
  const nullPassword = input.password && (input.password.minLength === null || input.password.rotationDays === null || input.password.unitRotationDays === null);
  if (input.calendar?.workingHours || input.attachmentLimitMB === null || nullPassword) out.policyJson = JSON.stringify(input);
  if (extra.policyUrl) out.policyUrl = extra.policyUrl;
  return out;
}
