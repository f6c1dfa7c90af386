import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Popup } from '../../ui/pages/Popup';
import type { PolicyResponse, TabStatus } from '../../lib/messages';

async function load(): Promise<{ status: TabStatus | null; policy: PolicyResponse | null }> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const status = tab?.id !== undefined ? ((await browser.runtime.sendMessage({ type: 'get-tab-status', tabId: tab.id })) as TabStatus | null) : null;
  const policy = (await browser.runtime.sendMessage({ type: 'get-policy' })) as PolicyResponse | null;
  return { status, policy };
}

const root = createRoot(document.getElementById('root')!);
load().then(
  ({ status, policy }) => root.render(<Popup status={status} policy={policy} openOptions={() => void browser.runtime.openOptionsPage()} />),
  () => root.render(<Popup status={null} policy={null} openOptions={() => void browser.runtime.openOptionsPage()} />),
);
