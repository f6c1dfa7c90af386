/**
 * Local audit trail of "Vẫn gửi": when, which rules, the reason. Kept in chrome.storage.local on
 * this computer only (nothing leaves the machine); capped so it cannot grow without bound.
 * Deliberately no subject, body or addresses — recipients' domains only: the log must not
 * become a copy of the mail. Exported as CSV by audit-csv.ts.
 */
import type { OverrideRecord } from '../guard/guard';
import { STORAGE_KEYS } from './messages';

/**
 * Enough for a reporting period (a quarter of a busy user's overrides) while keeping the local
 * store small; the oldest go first. Export before the report is due.
 */
export const MAX_OVERRIDE_RECORDS = 1000;

export interface LocalArea {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function appendOverride(area: LocalArea, record: OverrideRecord): Promise<void> {
  const got = await area.get(STORAGE_KEYS.overrideLog);
  const list = Array.isArray(got[STORAGE_KEYS.overrideLog]) ? (got[STORAGE_KEYS.overrideLog] as OverrideRecord[]) : [];
  list.push(record);
  await area.set({ [STORAGE_KEYS.overrideLog]: list.slice(-MAX_OVERRIDE_RECORDS) });
}

export async function readOverrides(area: Pick<LocalArea, 'get'>): Promise<OverrideRecord[]> {
  const got = await area.get(STORAGE_KEYS.overrideLog);
  const list = got[STORAGE_KEYS.overrideLog];
  return Array.isArray(list) ? (list as OverrideRecord[]) : [];
}

/** Empty the log. The options page offers this only when the policy allows (allowClearAuditLog). */
export async function clearOverrides(area: Pick<LocalArea, 'set'>): Promise<void> {
  await area.set({ [STORAGE_KEYS.overrideLog]: [] });
}
