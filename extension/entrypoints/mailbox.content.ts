/**
 * Unit-mailbox content script (issue #5), on the same webmail pages as the guard, in every frame
 * (Roundcube shows a message in the #messagecontframe iframe):
 *  - reads the unit mailbox that is open when the background asks (Roundcube's own list request,
 *    made from the page's origin with its session cookie — shared/mailbox/readers; nothing is
 *    stored here, no credential is ever seen);
 *  - on reading a message that carries a classification mark ("Mật", "Tối mật", "Tuyệt mật"),
 *    shows a banner: report it to the head of the agency and to the system administrator
 *    (Quảng Ngãi QĐ 29/2015 Đ11 k4);
 *  - in a unit mailbox, asks before deleting (Cần Thơ QĐ 33/2015 Đ11 k3: unit-mailbox mail is
 *    kept).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { WEBMAIL_INCLUDE_GLOBS, WEBMAIL_MATCHES } from '../lib/origins';
import { startMailboxPage } from '../unit-mailbox/page';

export default defineContentScript({
  matches: WEBMAIL_MATCHES,
  includeGlobs: WEBMAIL_INCLUDE_GLOBS,
  runAt: 'document_idle',
  allFrames: true,
  noScriptStartedPostMessage: true,
  main() {
    startMailboxPage({
      win: window,
      doc: document,
      fetch: (u, i) => fetch(u, i as RequestInit),
      local: browser.storage.local,
      sendMessage: (m) => browser.runtime.sendMessage(m),
      onMessage: (fn) => browser.runtime.onMessage.addListener(fn as never),
      isTop: window.top === window,
    });
  },
});
