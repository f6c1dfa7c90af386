/**
 * What the user chose in the task pane, read by both the pane and the event handlers so the
 * two can never disagree: the preset picked in roamingSettings and the per-item "send anyway,
 * because …" reasons in sessionData. Part of the handler bundle: ES2016 only.
 */
import { ROAMING_KEYS, SESSION_KEYS } from './constants';
import { sessionGet } from '../handlers/read-draft';
import type { ComposeItemLike, OfficeLike } from '../handlers/office-api';

/** Rule id → the reason the user typed in the pane, and when. */
export type Overrides = Record<string, { reason: string; at: string }>;

/** Preset remembered in roamingSettings, or null (none, empty, or roamingSettings unavailable). */
export function readUserPreset(office: OfficeLike): string | null {
  try {
    const v = office.context.roamingSettings ? office.context.roamingSettings.get(ROAMING_KEYS.preset) : null;
    return typeof v === 'string' && v ? v : null;
  } catch {
    return null;
  }
}

export async function readOverrides(item: ComposeItemLike): Promise<Overrides> {
  const raw = await sessionGet(item, SESSION_KEYS.overrides);
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Overrides | null;
    // A non-object (e.g. "null") would make every lookup throw: treat it as no overrides.
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** Only an override with a non-blank reason lets the send check skip the rule. */
export function hasOverrideReason(overrides: Overrides, rule: string): boolean {
  const o = overrides[rule];
  const reason = o && o.reason;
  return typeof reason === 'string' && reason.trim() !== '';
}
