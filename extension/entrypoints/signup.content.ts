/**
 * `no-service-signup` (issue #7; TP.HCM STNMT Đ11 k4, Bộ TT&TT Đ15 k4) on outside sites.
 *
 * NOT in the manifest's content_scripts: `registration: 'runtime'` keeps it out, and `matches`
 * is empty so WXT adds no host permission for it. extension/hygiene/background.ts registers it
 * with chrome.scripting only while the user has opted in AND granted the optional permissions;
 * otherwise it is injected nowhere.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { formatCitation } from '../../shared/policy/sources';
import type { PolicyResponse } from '../lib/messages';
import { signupCitations, startSignupGuard } from '../hygiene/signup';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: 'document_start',
  noScriptStartedPostMessage: true,
  main() {
    startSignupGuard({
      doc: document,
      win: window,
      host: location.hostname,
      getPolicy: async () => {
        const r = (await browser.runtime.sendMessage({ type: 'get-policy' })) as PolicyResponse | undefined;
        return r?.ok ? r.policy : null;
      },
      citations: (p) => signupCitations(p, (preset, ref) => formatCitation(preset, ref, 'vi')),
    });
  },
});
