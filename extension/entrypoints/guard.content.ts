/**
 * The isolated-world content script on webmail pages: guard, attach-time checks, dialog.
 * document_start so the capture listeners exist before the user can touch the page; the
 * adapter is picked once the DOM is there (extension/guard/start.ts).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { evaluate } from '../../shared/engine';
import { convertLegacyToUnicode } from '../../shared/text';
import { startGuard } from '../guard/start';
import { WEBMAIL_INCLUDE_GLOBS, WEBMAIL_MATCHES } from '../lib/origins';

export default defineContentScript({
  matches: WEBMAIL_MATCHES,
  includeGlobs: WEBMAIL_INCLUDE_GLOBS,
  runAt: 'document_start',
  // WXT would otherwise window.postMessage a "content script started" note into the page.
  noScriptStartedPostMessage: true,
  main() {
    startGuard({
      win: window,
      doc: document,
      sendMessage: (msg) => browser.runtime.sendMessage(msg),
      getURL: (path) => browser.runtime.getURL(path as Parameters<typeof browser.runtime.getURL>[0]),
      local: browser.storage.local,
      onStorageChanged: (fn) => browser.storage.onChanged.addListener((changes, area) => fn(changes, area)),
      evaluate,
      convert: (text, encoding) => convertLegacyToUnicode(text, encoding),
    });
  },
});
