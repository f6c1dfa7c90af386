/**
 * Local audit trail of "Vẫn gửi": when, which rules, the reason. Kept in chrome.storage.local on
 * this computer only (nothing leaves the machine); capped so it cannot grow without bound.
 * Deliberately no subject, body or addresses: the log must not become a copy of the mail.
 */
import type { OverrideRecord } from '../guard/guard';
import { STORAGE_KEYS } from './messages';

export const MAX_OVERRIDE_RECORDS = 200;

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
