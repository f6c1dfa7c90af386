/**
 * A small async key-value store with three backends, picked at run time:
 * - OfficeRuntime.storage: the only persistent store in classic Outlook's JavaScript-only
 *   runtime (Mailbox 1.10; Windows event-based add-ins only — not on the web or Mac).
 * - localStorage: browser runtimes (task pane, commands.html on the web / new Outlook / Mac).
 *   The event-handler bundle never passes it in: the JS-only runtime has no localStorage.
 * - memory: last resort, so callers never have to special-case "no storage".
 */

export interface KeyValueStore {
  readonly kind: 'office-runtime' | 'local-storage' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

interface OfficeRuntimeStorageLike {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

interface LocalStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function officeRuntimeStore(storage: OfficeRuntimeStorageLike): KeyValueStore {
  return {
    kind: 'office-runtime',
    get: (key) => storage.getItem(key).then((v) => (v == null ? null : String(v))),
    set: (key, value) => storage.setItem(key, value).then(() => undefined),
  };
}

export function localStore(storage: LocalStorageLike): KeyValueStore {
  return {
    kind: 'local-storage',
    get: (key) => {
      try {
        return Promise.resolve(storage.getItem(key));
      } catch (e) {
        return Promise.reject(e);
      }
    },
    set: (key, value) => {
      try {
        storage.setItem(key, value);
        return Promise.resolve();
      } catch (e) {
        // Quota exceeded or storage disabled by policy: caching is best effort.
        return Promise.reject(e);
      }
    },
  };
}

export function memoryStore(seed?: Record<string, string>): KeyValueStore {
  const map = new Map<string, string>(seed ? Object.keys(seed).map((k) => [k, seed[k]] as [string, string]) : []);
  return {
    kind: 'memory',
    get: (key) => Promise.resolve(map.has(key) ? (map.get(key) as string) : null),
    set: (key, value) => {
      map.set(key, value);
      return Promise.resolve();
    },
  };
}

/** The store for the event-handler bundle: never touches localStorage (absent in the JS-only runtime). */
export function handlerStore(globalObj: { OfficeRuntime?: { storage?: OfficeRuntimeStorageLike } }): KeyValueStore {
  const rt = globalObj.OfficeRuntime;
  if (rt && rt.storage && typeof rt.storage.getItem === 'function') return officeRuntimeStore(rt.storage);
  return memoryStore();
}
