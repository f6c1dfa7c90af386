import type { z } from 'zod';
import type { SeveritySetting } from '../types';
import { PolicyInputSchema, RULE_IDS, type PolicyInput, type RuleId } from './schema';
import { BASE, PRESETS } from './presets';
import { PRESET_IDS, type PresetId } from './sources';
import { ALL_RULE_META } from '../rules/meta';

export interface RuleSetting {
  severity: SeveritySetting;
  allowOverride: boolean;
  requireReason: boolean;
}

/** A fully merged policy: every key present, ready for the engine and the hosts. */
export interface Policy {
  /** The preset at the root of the `extends` chain: it decides which citations are shown. */
  preset: PresetId;
  name: string;
  agencyDomains: string[];
  unitMailboxes: { directory: string[]; patterns: string[] };
  publicDomains: string[];
  attachmentLimitMB: number | null;
  rules: Record<RuleId, RuleSetting>;
  replyDeadlineWorkingDays: number;
  checkTimes: string[];
  calendar: { workingHours: [string, string][]; extraDaysOff: string[]; makeUpWorkdays: string[] };
  onError: 'allow' | 'block';
  customMarkings: string[];
  /** Sites where typing the official address is fine (besides agencyDomains). */
  signupAllowList: string[];
  password: PasswordRules;
}

export interface PasswordRules {
  minLength: number | null;
  requireClasses: boolean;
  rotationDays: number | null;
  unitRotationDays: number | null;
}

export interface PolicyIssue {
  /** JSON path, e.g. `$.rules['classified-content'].severity` or `$.agencyDomains[2]`. */
  path: string;
  message_vi: string;
  message_en: string;
}

export class PolicyError extends Error {
  constructor(readonly issues: PolicyIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message_en}`).join('; '));
    this.name = 'PolicyError';
  }
}

export function isPresetId(s: unknown): s is PresetId {
  return typeof s === 'string' && (PRESET_IDS as readonly string[]).includes(s);
}

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/**
 * Merge order: BASE ← preset ← policy. Lists that name things (domains, directory,
 * patterns, markings, extra days) are unioned so that `"extends": "mic"` plus one custom
 * agency domain keeps mic's own; schedules (check times, working hours) and scalars replace.
 */
function merge(into: Omit<Policy, 'preset' | 'rules'> & { rules: Partial<Record<RuleId, Partial<RuleSetting>>> }, p: PolicyInput): void {
  if (p.name !== undefined) into.name = p.name;
  if (p.agencyDomains) into.agencyDomains = uniq([...into.agencyDomains, ...p.agencyDomains.map((d) => d.toLowerCase())]);
  if (p.publicDomains) into.publicDomains = uniq([...into.publicDomains, ...p.publicDomains.map((d) => d.toLowerCase())]);
  if (p.unitMailboxes?.directory)
    into.unitMailboxes.directory = uniq([...into.unitMailboxes.directory, ...p.unitMailboxes.directory.map((d) => d.toLowerCase())]);
  if (p.unitMailboxes?.patterns) into.unitMailboxes.patterns = uniq([...into.unitMailboxes.patterns, ...p.unitMailboxes.patterns]);
  if (p.attachmentLimitMB !== undefined) into.attachmentLimitMB = p.attachmentLimitMB;
  if (p.replyDeadlineWorkingDays !== undefined) into.replyDeadlineWorkingDays = p.replyDeadlineWorkingDays;
  if (p.checkTimes) into.checkTimes = [...p.checkTimes].sort();
  if (p.calendar?.workingHours) into.calendar.workingHours = p.calendar.workingHours.map(([a, b]) => [a, b]);
  if (p.calendar?.extraDaysOff) into.calendar.extraDaysOff = uniq([...into.calendar.extraDaysOff, ...p.calendar.extraDaysOff]).sort();
  if (p.calendar?.makeUpWorkdays) into.calendar.makeUpWorkdays = uniq([...into.calendar.makeUpWorkdays, ...p.calendar.makeUpWorkdays]).sort();
  if (p.onError !== undefined) into.onError = p.onError;
  if (p.customMarkings) into.customMarkings = uniq([...into.customMarkings, ...p.customMarkings]);
  if (p.signupAllowList) into.signupAllowList = uniq([...into.signupAllowList, ...p.signupAllowList.map((d) => d.toLowerCase())]);
  if (p.password) into.password = { ...into.password, ...definedOnly(p.password) };
  for (const [id, s] of Object.entries(p.rules ?? {}) as [RuleId, Partial<RuleSetting>][]) {
    into.rules[id] = { ...into.rules[id], ...definedOnly(s) };
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * BASE ← preset ← each layer in order. The root preset is the last one a layer `extends`
 * (a later layer overrides it, as a spread of the layers would).
 */
function build(...layers: PolicyInput[]): Policy {
  let root: PresetId = 'vn-baseline';
  for (const l of layers) if (l.extends !== undefined) root = l.extends;
  const acc = {
    name: '',
    agencyDomains: [...BASE.agencyDomains],
    unitMailboxes: { directory: [...(BASE.unitMailboxes.directory ?? [])], patterns: [...(BASE.unitMailboxes.patterns ?? [])] },
    publicDomains: [...BASE.publicDomains],
    attachmentLimitMB: BASE.attachmentLimitMB,
    rules: {} as Partial<Record<RuleId, Partial<RuleSetting>>>,
    replyDeadlineWorkingDays: BASE.replyDeadlineWorkingDays,
    checkTimes: [...BASE.checkTimes],
    calendar: {
      workingHours: BASE.calendar.workingHours!.map(([a, b]) => [a, b] as [string, string]),
      extraDaysOff: [...BASE.calendar.extraDaysOff!],
      makeUpWorkdays: [...BASE.calendar.makeUpWorkdays!],
    },
    onError: BASE.onError,
    customMarkings: [...BASE.customMarkings],
    signupAllowList: [...BASE.signupAllowList],
    password: { ...(BASE.password as PasswordRules) },
  };
  merge(acc, PRESETS[root]);
  const presetRules = acc.rules;
  acc.rules = {};
  for (const l of layers) merge(acc, { ...l, extends: undefined });

  const rules = {} as Record<RuleId, RuleSetting>;
  for (const id of RULE_IDS) {
    const meta = ALL_RULE_META[id];
    // A rule is on in a preset only where that preset's regulation speaks to it.
    let severity: SeveritySetting = meta.citations[root] ? meta.defaultSeverity : 'off';
    // The size rule needs a number; a preset without one (Bình Phước, Cần Thơ) has it off
    // until an admin sets attachmentLimitMB.
    if (id === 'attachment-too-large') severity = acc.attachmentLimitMB == null ? 'off' : meta.defaultSeverity;
    const base: RuleSetting = { severity, allowOverride: meta.defaultAllowOverride, requireReason: meta.defaultRequireReason };
    rules[id] = { ...base, ...presetRules[id], ...acc.rules[id] };
  }
  return { ...acc, preset: root, name: acc.name || root, rules };
}

const presetCache = new Map<PresetId, Policy>();

/** A preset id or a policy object (validated here) → the merged Policy. Throws PolicyError. */
export function resolvePolicy(input: PresetId | PolicyInput | unknown): Policy {
  if (isPresetId(input)) {
    let p = presetCache.get(input);
    if (!p) presetCache.set(input, (p = build({ extends: input })));
    return p;
  }
  const v = validatePolicy(input);
  if (!v.ok) throw new PolicyError(v.issues);
  return v.policy;
}

/**
 * Policy layers, lowest first (e.g. managed ← policyUrl file ← the user's own choices), each
 * validated, then merged one after the other with the same rules as a single policy's
 * `extends` chain (merge()): naming lists union, `password` and each rule merge field by field,
 * the rest replaces. Merging the layers here rather than combining the inputs first keeps one
 * definition of those semantics. Throws PolicyError when a layer is invalid.
 */
export function resolveLayers(layers: readonly PolicyInput[]): Policy {
  const inputs: PolicyInput[] = [];
  for (const layer of layers) {
    const r = PolicyInputSchema.safeParse(layer);
    if (!r.success) throw new PolicyError(r.error.issues.flatMap(toIssues));
    inputs.push(r.data);
  }
  return build(...inputs);
}

export type ValidationResult = { ok: true; input: PolicyInput; policy: Policy } | { ok: false; issues: PolicyIssue[] };

export function validatePolicy(json: unknown): ValidationResult {
  const r = PolicyInputSchema.safeParse(json);
  if (!r.success) return { ok: false, issues: r.error.issues.flatMap(toIssues) };
  return { ok: true, input: r.data, policy: build(r.data) };
}

/** Parse JSON text first so that a syntax error is one clear issue, not an exception. */
export function validatePolicyText(text: string): ValidationResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      issues: [{ path: '$', message_vi: `tệp không phải JSON hợp lệ: ${detail}`, message_en: `not valid JSON: ${detail}` }],
    };
  }
  return validatePolicy(json);
}

// ---- zod issues → Vietnamese / English ------------------------------------------------------

export function jsonPath(path: readonly PropertyKey[]): string {
  let s = '$';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k)) s += '.' + k;
    else s += `['${String(k).replace(/'/g, "\\'")}']`;
  }
  return s;
}

const FORMAT_TEXT: Record<string, [string, string]> = {
  'HH:MM': ['giờ phải có dạng HH:MM (00:00–23:59)', 'time must be HH:MM (00:00–23:59)'],
  'YYYY-MM-DD': ['ngày phải có dạng YYYY-MM-DD', 'date must be YYYY-MM-DD'],
  date: ['ngày không tồn tại', 'no such date'],
  domain: ['tên miền không hợp lệ (ví dụ: mic.gov.vn hoặc *.gov.vn)', 'invalid domain (e.g. mic.gov.vn or *.gov.vn)'],
  email: ['địa chỉ thư không hợp lệ', 'invalid e-mail address'],
  'hours-order': ['các khoảng giờ làm việc phải tăng dần và không chồng nhau', 'working-hour spans must be increasing and not overlap'],
  blank: ['không được để trống', 'must not be blank'],
};

const TYPE_VI: Record<string, string> = {
  string: 'chuỗi',
  number: 'số',
  boolean: 'true/false',
  array: 'mảng',
  object: 'đối tượng',
  null: 'null',
  undefined: 'không có',
};

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function toIssues(issue: z.core.$ZodIssue): PolicyIssue[] {
  const path = jsonPath(issue.path as PropertyKey[]);
  const one = (vi: string, en: string): PolicyIssue[] => [{ path, message_vi: vi, message_en: en }];
  switch (issue.code) {
    case 'unrecognized_keys':
      if (issue.path.length === 1 && issue.path[0] === 'rules')
        return issue.keys.map((k) => ({
          path: jsonPath(['rules', k]),
          message_vi: `mã quy tắc không tồn tại "${k}"; các mã hợp lệ: ${RULE_IDS.join(', ')}`,
          message_en: `unknown rule id "${k}"; valid ids: ${RULE_IDS.join(', ')}`,
        }));
      return issue.keys.map((k) => ({
        path: jsonPath([...(issue.path as PropertyKey[]), k]),
        message_vi: `khóa không được hỗ trợ "${k}" (kiểm tra chính tả)`,
        message_en: `unknown key "${k}" (check the spelling)`,
      }));
    case 'invalid_type': {
      const got = describe(issue.input);
      if (issue.input === undefined) return one('thiếu giá trị bắt buộc', 'required value is missing');
      return one(
        `cần kiểu ${TYPE_VI[issue.expected] ?? issue.expected}, nhận được ${TYPE_VI[got] ?? got}`,
        `expected ${issue.expected}, got ${got}`,
      );
    }
    case 'invalid_value':
      return one(
        `giá trị phải là một trong: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'invalid_key': {
      // Record keys: the rule id is not known.
      const key = (issue as { input?: unknown }).input;
      return [{
        path: jsonPath([...(issue.path as PropertyKey[]), String(key)]),
        message_vi: `mã quy tắc không tồn tại "${String(key)}"; các mã hợp lệ: ${RULE_IDS.join(', ')}`,
        message_en: `unknown rule id "${String(key)}"; valid ids: ${RULE_IDS.join(', ')}`,
      }];
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = String((issue as { minimum?: unknown; maximum?: unknown })[small ? 'minimum' : 'maximum']);
      const what = issue.origin;
      if (what === 'number' || what === 'int')
        return one(small ? `phải ${issue.inclusive === false ? '>' : '≥'} ${bound}` : `phải ≤ ${bound}`, small ? `must be ${issue.inclusive === false ? '>' : '≥'} ${bound}` : `must be ≤ ${bound}`);
      if (what === 'array')
        return one(small ? `cần ít nhất ${bound} phần tử` : `tối đa ${bound} phần tử`, small ? `needs at least ${bound} items` : `at most ${bound} items`);
      return one(small ? `cần ít nhất ${bound} ký tự` : `tối đa ${bound} ký tự`, small ? `needs at least ${bound} characters` : `at most ${bound} characters`);
    }
    case 'invalid_format':
    case 'custom': {
      const msg = issue.message ?? '';
      const bi = (issue as { params?: { bilingual?: { vi: string; en: string } } }).params?.bilingual;
      if (bi) return one(bi.vi, bi.en);
      const f = FORMAT_TEXT[msg];
      if (f) return one(f[0], f[1]);
      if (issue.code === 'invalid_format' && (issue as { format?: string }).format === 'regex') return one('giá trị sai định dạng', 'value has the wrong format');
      return one(`giá trị không hợp lệ (${msg})`, `invalid value (${msg})`);
    }
    default:
      if (issue.code === 'invalid_union') return one('giá trị không hợp lệ', 'invalid value');
      return one(`giá trị không hợp lệ (${issue.message})`, `invalid value (${issue.message})`);
  }
}
