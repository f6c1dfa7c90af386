import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Popup } from '../../ui/popup/Popup';
import type { PolicyResponse, TabStatus } from '../../lib/messages';
import { STORAGE_KEYS } from '../../lib/messages';
import { isCache, normalizeMailboxes, popupModel, pruneSnoozes, withSnooze, type Snoozes } from '../../unit-mailbox/model';

async function load(): Promise<{ status: TabStatus | null; policy: PolicyResponse | null }> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  const status =
    tab?.id !== undefined ? ((await browser.runtime.sendMessage({ type: 'get-tab-status', tabId: tab.id }).catch(() => null)) as TabStatus | null) : null;
  const policy = (await browser.runtime.sendMessage({ type: 'get-policy' }).catch(() => null)) as PolicyResponse | null;
  return { status, policy };
}

async function unitState(policy: PolicyResponse | null) {
  const got = await browser.storage.local.get([STORAGE_KEYS.unitMailboxes, STORAGE_KEYS.overdueCache, STORAGE_KEYS.snoozes]);
  const directory = policy?.ok ? ((policy.policy as { unitMailboxes?: { directory?: string[] } }).unitMailboxes?.directory ?? []) : [];
  const managed = normalizeMailboxes([...normalizeMailboxes(got[STORAGE_KEYS.unitMailboxes]), ...directory]);
  const cache = isCache(got[STORAGE_KEYS.overdueCache]) ? got[STORAGE_KEYS.overdueCache] : null;
  const snoozes = pruneSnoozes((got[STORAGE_KEYS.snoozes] as Snoozes) ?? {}, Date.now());
  return { managed, snoozes, model: popupModel(cache as never, snoozes, managed, Date.now()) };
}

function App() {
  const [base, setBase] = useState<{ status: TabStatus | null; policy: PolicyResponse | null }>({ status: null, policy: null });
  const [unit, setUnit] = useState<Awaited<ReturnType<typeof unitState>> | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  useEffect(() => {
    let policy: PolicyResponse | null = null;
    const reload = () => void unitState(policy).then(setUnit);
    void load().then((b) => {
      policy = b.policy;
      setBase(b);
      reload();
    });
    const onChanged = (_c: unknown, area: string) => area === 'local' && reload();
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  const setSnoozes = (s: Snoozes) => void browser.storage.local.set({ [STORAGE_KEYS.snoozes]: s });
  return (
    <Popup
      status={base.status}
      policy={base.policy}
      unit={unit?.model ?? { rows: [], overdueCount: 0, mailboxes: [] }}
      managed={unit?.managed ?? []}
      openOptions={() => void browser.runtime.openOptionsPage()}
      open={(url) => void browser.tabs.create({ url })}
      snooze={(key, hours) => unit && setSnoozes(withSnooze(unit.snoozes, key, Date.now() + hours * 3_600_000, Date.now()))}
      unsnooze={(key) => {
        if (!unit) return;
        const next = { ...unit.snoozes };
        delete next[key];
        setSnoozes(next);
      }}
      refreshing={refreshing}
      refresh={() => {
        setRefreshing(true);
        void browser.runtime.sendMessage({ type: 'cg-unit:refresh' }).catch(() => null).finally(() => setRefreshing(false));
      }}
    />
  );
}

createRoot(document.getElementById('root')!).render(<App />);
