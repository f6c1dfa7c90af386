/**
 * `password-policy` on the webmail (issue #7; Cần Thơ Đ10 k3 / Đ11 k4, TP.HCM STNMT Đ8 k3):
 * checklist on the change-password form, warning on a weak submit, date of the change, rotation
 * reminder. Same hosts as the guard (the manifest's webmail origins), nothing more.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { citationsFor } from '../../shared/rules/meta';
import { WEBMAIL_INCLUDE_GLOBS, WEBMAIL_MATCHES } from '../lib/origins';
import { startPasswordHelper } from '../hygiene/password';

export default defineContentScript({
  matches: WEBMAIL_MATCHES,
  includeGlobs: WEBMAIL_INCLUDE_GLOBS,
  runAt: 'document_idle',
  noScriptStartedPostMessage: true,
  main() {
    startPasswordHelper({
      doc: document,
      win: window,
      url: new URL(location.href),
      send: (msg) => browser.runtime.sendMessage(msg),
      citations: (p) => citationsFor('password-policy', p.preset, 'vi'),
    });
  },
});
