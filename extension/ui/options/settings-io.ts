/**
 * Import/export of the USER's settings (issue #6 item 3) as a small JSON file. Validation is
 * all-or-nothing: a bad file changes nothing and says why in Vietnamese and English. Fields the
 * agency locks are skipped (and reported), never an error — a backup made at home must still
 * import on a managed office computer.
 */
import { z } from 'zod';
import { PRESET_IDS, jsonPath } from '../../../shared/policy';
import { isPublicProviderDomain } from '../../lib/public-domains';

export const SETTINGS_FORMAT = 'congvu-guard-user-settings';

export interface UserSettings {
  preset?: string;
  ownAddresses: string[];
  unitMailboxes: string[];
  signupGuard: boolean;
  language: 'vi' | 'en';
  webmailOrigins: string[];
}

const EMAIL = /^[^@\s<>"]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;
const email = z.string().trim().regex(EMAIL);
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?\/\*$/i;

const FileSchema = z
  .object({
    format: z.literal(SETTINGS_FORMAT),
    version: z.literal(1),
    preset: z.enum(PRESET_IDS as unknown as [string, ...string[]]).optional(),
    ownAddresses: z.array(email).max(50).optional(),
    unitMailboxes: z.array(email).max(200).optional(),
    signupGuard: z.boolean().optional(),
    language: z.enum(['vi', 'en']).optional(),
    webmailOrigins: z.array(z.string().regex(ORIGIN)).max(50).optional(),
  })
  .strict();

export function isPublicAddress(address: string): boolean {
  return isPublicProviderDomain(address.slice(address.lastIndexOf('@') + 1));
}

export function checkAddress(address: string, opts: { agencyOnly?: boolean } = {}): 'ok' | 'invalid' | 'public' {
  const a = address.trim();
  if (!EMAIL.test(a)) return 'invalid';
  if (opts.agencyOnly && isPublicAddress(a)) return 'public';
  return 'ok';
}

export function exportSettings(s: UserSettings): string {
  return JSON.stringify({ format: SETTINGS_FORMAT, version: 1, ...s }, null, 2) + '\n';
}

export type ImportResult =
  | { ok: true; settings: Partial<UserSettings>; skipped: string[] }
  | { ok: false; vi: string; en: string };

export function parseSettings(text: string, locked: { preset: boolean; ownAddresses: boolean }): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, vi: 'Tệp không phải JSON hợp lệ.', en: 'The file is not valid JSON.' };
  }
  if (!json || typeof json !== 'object' || (json as { format?: unknown }).format !== SETTINGS_FORMAT)
    return { ok: false, vi: `Đây không phải tệp cài đặt congvu-guard (thiếu "format": "${SETTINGS_FORMAT}").`, en: `This is not a congvu-guard settings file (no "format": "${SETTINGS_FORMAT}").` };
  const r = FileSchema.safeParse(json);
  if (!r.success) {
    const where = r.error.issues.slice(0, 3).map((i) => jsonPath(i.path as PropertyKey[]));
    return { ok: false, vi: `Giá trị không hợp lệ tại ${where.join(', ')}.`, en: `Invalid value at ${where.join(', ')}.` };
  }
  const d = r.data;
  const publicOwn = (d.ownAddresses ?? []).filter(isPublicAddress);
  if (publicOwn.length)
    return { ok: false, vi: `Địa chỉ thư công cộng không thể là địa chỉ công vụ: ${publicOwn.join(', ')}.`, en: `Public-provider addresses cannot be official ones: ${publicOwn.join(', ')}.` };
  const skipped: string[] = [];
  const out: Partial<UserSettings> = {};
  if (d.preset !== undefined) (locked.preset ? skipped.push('preset') : (out.preset = d.preset));
  if (d.ownAddresses !== undefined) (locked.ownAddresses ? skipped.push('ownAddresses') : (out.ownAddresses = d.ownAddresses.map((a) => a.trim().toLowerCase())));
  if (d.unitMailboxes !== undefined) out.unitMailboxes = d.unitMailboxes.map((a) => a.trim().toLowerCase());
  if (d.signupGuard !== undefined) out.signupGuard = d.signupGuard;
  if (d.language !== undefined) out.language = d.language;
  if (d.webmailOrigins !== undefined) out.webmailOrigins = d.webmailOrigins;
  return { ok: true, settings: out, skipped };
}
