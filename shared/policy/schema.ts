import { z } from 'zod';
import { PRESET_IDS } from './sources';
import { compileAdminPattern } from './patterns';
import { compileCustomMarkings } from '../text/markings';

/**
 * The one policy schema (DESIGN.md "Policy"): it validates presets, admin files, managed
 * storage and `congvu-guard policy validate`. Objects are strict so that a typo such as
 * "attachmentLimitMb" is reported instead of silently ignored.
 */

export const COMPOSE_RULE_IDS = [
  'classified-content',
  'attachment-too-large',
  'personal-sender',
  'public-recipient',
  'legacy-encoding',
  'official-from-personal',
  'sender-display-name',
  'attachment-unreadable',
] as const;

export const MAILBOX_RULE_IDS = [
  'reply-overdue',
  'check-reminder',
  'receipt-confirmation',
  'classified-received',
  'unit-mailbox-retention',
] as const;

export const HYGIENE_RULE_IDS = ['no-service-signup', 'password-policy'] as const;

export const RULE_IDS = [...COMPOSE_RULE_IDS, ...MAILBOX_RULE_IDS, ...HYGIENE_RULE_IDS] as const;
export type RuleId = (typeof RULE_IDS)[number];
export type ComposeRuleId = (typeof COMPOSE_RULE_IDS)[number];

export const SEVERITY_SETTINGS = ['block', 'warn', 'info', 'off'] as const;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'HH:MM' });

const ISO_DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(s + 'T00:00:00Z');
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { message: 'date' });

/** "mic.gov.vn" or "*.gov.vn" (any subdomain, and the domain itself). */
const DOMAIN_PATTERN = z
  .string()
  .max(253)
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, { message: 'domain' });

const EMAIL = z.string().max(320).regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, { message: 'email' });

/**
 * A bad admin pattern, with both halves of the message kept apart in `params` (read by
 * resolve.ts toIssues): the engine's error text quotes the pattern, which may contain any
 * separator ("||(" once broke a "vi|en" string apart).
 */
const patternIssue = (e: { message_vi: string; message_en: string }) =>
  ({ code: 'custom', message: e.message_en, params: { bilingual: { vi: e.message_vi, en: e.message_en } } }) as const;

/** A regular expression in RE2 syntax, optionally written "/…/flags". */
const LINEAR_REGEX = z
  .string()
  .min(1)
  .max(1000)
  .superRefine((s, ctx) => {
    const r = compileAdminPattern(s);
    if (!r.ok) ctx.addIssue(patternIssue(r.error));
  });

/**
 * A custom marking: a phrase, or "/pattern/flags" in RE2 syntax. Validated by the matcher's own
 * compiler, so a policy that passes `policy validate` is exactly one the matcher can run (the
 * same length limit, flags, and no pattern that matches empty text).
 */
const CUSTOM_MARKING = z
  .string()
  .min(1)
  .max(500)
  .superRefine((s, ctx) => {
    const problem = compileCustomMarkings([s]).errors[0];
    if (problem) ctx.addIssue(patternIssue(problem));
  });

export const RuleSettingSchema = z.strictObject({
  severity: z.enum(SEVERITY_SETTINGS).optional(),
  allowOverride: z.boolean().optional(),
  requireReason: z.boolean().optional(),
});

export const CalendarSchema = z.strictObject({
  workingHours: z
    .array(z.tuple([HHMM, HHMM]))
    .min(1)
    .max(6)
    .refine((spans) => spans.every(([a, b], i) => a < b && (i === 0 || spans[i - 1][1] <= a)), {
      message: 'hours-order',
    })
    .optional(),
  extraDaysOff: z.array(ISO_DATE).max(400).optional(),
  makeUpWorkdays: z.array(ISO_DATE).max(400).optional(),
});

/**
 * Password rules (REQUIREMENTS.md §3 `password-policy`): composition and rotation. null = the
 * regulation sets no number (e.g. Quảng Ngãi Đ11 k1 only says "định kỳ"), so nothing is checked
 * or reminded on that point.
 */
export const PasswordRulesSchema = z.strictObject({
  /** Minimum length (Cần Thơ Đ10 k3 đ.a, TP.HCM Đ8 k3 đ.a: 8). */
  minLength: z.number().int().min(1).max(128).nullable().optional(),
  /** Upper case, lower case, digit and special character all required (Cần Thơ Đ10 k3 đ.b, TP.HCM Đ8 k3 đ.a). */
  requireClasses: z.boolean().optional(),
  /** Change a personal mailbox's password at least every N days (Cần Thơ Đ10 k3: 03 tháng → 90). */
  rotationDays: z.number().int().min(1).max(3650).nullable().optional(),
  /** Same for unit mailboxes (Cần Thơ Đ11 k4: 02 tháng → 60). */
  unitRotationDays: z.number().int().min(1).max(3650).nullable().optional(),
});

export const PolicyInputSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  /** Free label shown to users ("Chính sách Sở TT&TT"). */
  name: z.string().max(200).optional(),
  extends: z.enum(PRESET_IDS).optional(),
  agencyDomains: z.array(DOMAIN_PATTERN).max(1000).optional(),
  unitMailboxes: z
    .strictObject({
      directory: z.array(EMAIL).max(20000).optional(),
      patterns: z.array(LINEAR_REGEX).max(200).optional(),
    })
    .optional(),
  publicDomains: z.array(DOMAIN_PATTERN).max(1000).optional(),
  /** Total attachment size per message, in MB (1 MB = 1,048,576 bytes); null = no limit. */
  attachmentLimitMB: z.number().positive().max(10240).nullable().optional(),
  rules: z.partialRecord(z.enum(RULE_IDS), RuleSettingSchema).optional(),
  replyDeadlineWorkingDays: z.number().int().min(1).max(60).optional(),
  checkTimes: z.array(HHMM).max(24).optional(),
  calendar: CalendarSchema.optional(),
  onError: z.enum(['allow', 'block']).optional(),
  customMarkings: z.array(CUSTOM_MARKING).max(500).optional(),
  /**
   * Sites (host patterns, "*.example.vn") where entering the official address is fine, besides
   * the agency domains themselves (`no-service-signup`, TP.HCM Đ11 k4, Bộ TT&TT Đ15 k4).
   */
  signupAllowList: z.array(DOMAIN_PATTERN).max(1000).optional(),
  password: PasswordRulesSchema.optional(),
});

export type PolicyInput = z.infer<typeof PolicyInputSchema>;
export type PasswordRulesInput = z.infer<typeof PasswordRulesSchema>;
export type RuleSettingInput = z.infer<typeof RuleSettingSchema>;
