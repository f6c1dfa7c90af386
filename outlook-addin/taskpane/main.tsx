/**
 * Task pane entry: waits for Office.js, then renders. No analytics, no remote fonts:
 * the only request the pane makes is policy.json on its own origin.
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { OfficeLike } from '../handlers/office-api';
import { App } from './App';
import type { PaneEnv } from './model';

declare const Office: OfficeLike & { onReady(cb?: () => void): Promise<unknown> };

function start() {
  const root = document.getElementById('root');
  if (!root) return;
  const env: PaneEnv = { office: Office, window: window as unknown as PaneEnv['window'] };
  createRoot(root).render(
    <FluentProvider theme={webLightTheme} lang="vi">
      <App env={env} />
    </FluentProvider>,
  );
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady(() => start());
} else {
  document.getElementById('root')!.textContent =
    'Trang này chạy bên trong Outlook. / This page runs inside Outlook.';
}
