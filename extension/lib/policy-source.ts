/**
 * Which policy is in force, decided in ONE place (the background) and handed to content
 * scripts as a plain, already-merged Policy object.
 *
 * Layers, highest first. Today: the preset chosen on the options page (chrome.storage.local),
 * else the embedded default `vn-baseline`. The enterprise-policy issue adds
 * `chrome.storage.managed` as the top layer: implement `readManaged` and nothing else changes.
 * An invalid layer is reported and skipped: the next one (ultimately the embedded preset)
 * stays in force, so the user is never left unprotected (DESIGN.md "Policy").
 */
import { isPresetId, resolvePolicy, type Policy } from '../../shared/policy';
import { DEFAULT_PRESET, STORAGE_KEYS, type PolicyResponse, type PolicySourceInfo } from './messages';

export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
}

export interface PolicyStores {
  local: StorageAreaLike;
  /** chrome.storage.managed; undefined where the browser has none. */
  managed?: StorageAreaLike;
}

interface Layer {
  from: PolicySourceInfo['from'];
  read(stores: PolicyStores): Promise<unknown>;
}

/** Slot for the enterprise-policy issue (managed_schema.json). Not wired yet: returns undefined. */
async function readManaged(_stores: PolicyStores): Promise<unknown> {
  return undefined;
}

const LAYERS: Layer[] = [
  { from: 'managed', read: readManaged },
  {
    from: 'local',
    async read(stores) {
      const got = await stores.local.get(STORAGE_KEYS.preset);
      return got[STORAGE_KEYS.preset];
    },
  },
  { from: 'default', read: async () => DEFAULT_PRESET },
];

export async function loadPolicy(stores: PolicyStores): Promise<PolicyResponse> {
  const problems: string[] = [];
  for (const layer of LAYERS) {
    let input: unknown;
    try {
      input = await layer.read(stores);
    } catch (e) {
      problems.push(`${layer.from}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (input === undefined || input === null || input === '') continue;
    try {
      const policy: Policy = resolvePolicy(input);
      const preset = isPresetId(input) ? input : policy.preset;
      return {
        ok: true,
        policy,
        source: { preset, from: layer.from, ...(problems.length ? { fallbackReason: problems.join('; ') } : {}) },
      };
    } catch (e) {
      problems.push(`${layer.from}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { ok: false, error: problems.join('; ') || 'no policy' };
}
