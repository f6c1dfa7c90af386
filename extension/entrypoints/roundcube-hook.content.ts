/**
 * Page-world half of the Roundcube adapter: hooks `rcmail`'s `beforesend` plugin event
 * (extension/adapters/roundcube/hook-main.ts). No extension APIs exist in this world.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startRoundcubeHook } from '../adapters/roundcube/hook-main';
import { WEBMAIL_INCLUDE_GLOBS, WEBMAIL_MATCHES } from '../lib/origins';

export default defineContentScript({
  matches: WEBMAIL_MATCHES,
  includeGlobs: WEBMAIL_INCLUDE_GLOBS,
  world: 'MAIN',
  runAt: 'document_end',
  // The page shares this world: no global name for our bundle.
  globalName: false,
  noScriptStartedPostMessage: true,
  main() {
    startRoundcubeHook(window as Window & { rcmail?: never }, document);
  },
});
