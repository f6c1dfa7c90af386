/**
 * The extension API as typed by WXT (wxt/browser), for the callbacks tests pass to a service worker or an
 * extension page (`inWorker`, `page.evaluate` on chrome-extension:// pages). Those run inside the
 * browser, where `chrome` is the real global; each test file declares it module-locally with
 * `declare const chrome: Chrome`, so nothing outside the tests sees a global `chrome`.
 */
import type { Browser } from 'wxt/browser';

export type Chrome = typeof Browser;
