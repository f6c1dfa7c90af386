/**
 * Every selector the Zimbra adapter uses, with where it comes from.
 *
 * CLASSIC = the Ajax web client (ZCS 8.x, still the default on most *.gov.vn Zimbra).
 *   Element ids are predictable by design (ZmId.js: "unique, predictable IDs for HTML
 *   elements … so code outside the client can easily locate particular elements"):
 *   DwtId._makeId joins parts with "__", so the compose view is "zv__COMPOSE-1", its
 *   toolbar "ztb__COMPOSE-1" and the Send button ZmId.getButtonId("COMPOSE-1", "SEND")
 *   = "zb__COMPOSE-1__SEND" (or "…__SEND_MENU" when "send later" adds a drop-down).
 *   Field suffixes are ZmId.CMP_* ("_to_control", "_subject_control", "_attachments_div" …)
 *   and ZmRecipients.createRecipientIds (row / picker / control / cell).
 *   Cross-checked with Zimbra's own Selenium page objects (zm-selenium FormMailNew.Locators:
 *   "td[id^='zb__COMPOSE-1__SEND'][id$='_title']", "input[id$=_subject_control]",
 *   "div[id$=_attachments_div] a.AttLink", "[id$='_body_ifr']", "textarea.ZmHtmlEditorTextArea").
 *   `{n}` below is the view suffix, e.g. "COMPOSE-1"; several compose tabs can coexist.
 *
 * MODERN = the Modern web client (zm-x-web, Preact). Its CSS-module class names are
 *   deterministic "<client>_<component-folder>_<local>" names, and Zimbra's own TestCafe
 *   page model selects by them (tests/e2e/testcafe/page-model/elements.js:
 *   ".zimbra-client_composer_subject", ".zimbra-client_address-field_tokenLabel",
 *   ".zimbra-client_attachment_name", "rich-text-area[contenteditable=true]", send =
 *   toolbar button with text "Send"). They are the closest thing it has to test ids, so we
 *   use them, with a "[class*=…]" fallback for white-labelled builds whose prefix differs.
 */

export const SEND_LABELS = ['Gửi', 'Send'] as const;

export const CLASSIC = {
  /** DwtShell (ZmId.SHELL = "z_shell") and the skin's outer container (skin.html). */
  app: ['#z_shell.DwtShell', '#z_shell', '#skin_outer'],
  /** Compose views; filtered by COMPOSE_VIEW_ID and visibility in the adapter. */
  composeView: ['div[id^="zv__COMPOSE"]'],
  /** Send button of one view (DwtButton: the div carries the id, "_title" the label). */
  sendButton: ['[id="zb__{n}__SEND"]', '[id="zb__{n}__SEND_MENU"]'],
  sendTitle: ['[id="zb__{n}__SEND_title"]', '[id="zb__{n}__SEND_MENU_title"]'],
  /** Any compose view's Send button, for isSendControl on an arbitrary click target. */
  anySendButton: ['div[id^="zb__COMPOSE"][id$="__SEND"]', 'div[id^="zb__COMPOSE"][id$="__SEND_MENU"]'],
  /** The arrow half of the SEND_MENU split button opens "send later"; it does not send. */
  dropdownPart: ['[id$="_dropdown"]'],
  /** "Send" item of the SEND_MENU drop-down (zm-selenium: "tr#POPUP_SEND td#SEND_title"). */
  sendMenuItem: ['[id="SEND"]', '[id="POPUP_SEND"]'],
  fields: {
    to: { row: '[id="zv__{n}_to_row"]', cell: '[id="zv__{n}_to_cell"]', control: '[id="zv__{n}_to_control"]' },
    cc: { row: '[id="zv__{n}_cc_row"]', cell: '[id="zv__{n}_cc_cell"]', control: '[id="zv__{n}_cc_control"]' },
    bcc: { row: '[id="zv__{n}_bcc_row"]', cell: '[id="zv__{n}_bcc_cell"]', control: '[id="zv__{n}_bcc_control"]' },
  },
  /** ZmAddressBubble: className "addrBubble"; its hidden "addrBubbleHide" copy holds the
   *  full `"Name" <addr>` even when the short-address preference shows the name only. */
  bubble: ['.addrBubble'],
  bubbleFull: ['.addrBubbleHide', '[id$="_select"]'],
  subject: ['[id="zv__{n}_subject_control"]'],
  /** From: identity DwtSelect (ZmId.CMP_IDENTITY_ROW/SELECT); the label is its "_title" cell. */
  identityRow: ['[id="zv__{n}_identity_row"]'],
  identityTitle: ['[id="zv__{n}_identity_control_title"]', '[id$="_title"]'],
  /** Signed-in user in the skin header (ZmId.USER_NAME), when no From selector is shown. */
  userName: ['#z_userName', '#skin_container_username'],
  attachments: ['[id="zv__{n}_attachments_div"]'],
  /** Compose attachment bubbles (Message.template #ForwardAttachments / #UploadProgress). */
  attachmentBubble: ['.attachmentBubble', '.AttachmentSpan'],
  attachmentUploading: ['[name="mailAttUploadingSpan"]'],
  attachmentName: ['a.AttLink', '.AttLink'],
  /** ZmHtmlEditor (TinyMCE): iframe "<editorId>_body_ifr" in HTML mode, textarea "<editorId>_body" in text mode. */
  bodyFrame: ['iframe[id^="ZmHtmlEditor"][id$="_body_ifr"]', 'iframe[id$="_body_ifr"]'],
  bodyTextarea: ['textarea[id^="ZmHtmlEditor"][id$="_body"]', 'textarea.ZmHtmlEditorTextArea'],
  frameBody: ['body#tinymce', 'body'],
} as const;

/** "zv__COMPOSE-1" → "COMPOSE-1"; also the single-view "zv__COMPOSE" of older releases. */
export const COMPOSE_VIEW_ID = /^zv__(COMPOSE(?:-\d+)?)$/;
export const SEND_BUTTON_ID = /^zb__COMPOSE(?:-\d+)?__SEND(?:_MENU)?$/;

export const MODERN = {
  /** Any element of the app: every CSS-module class carries the client prefix. */
  app: ['[class*="zimbra-client_"]'],
  /** Composer root (TestCafe: composerSelector). */
  composer: ['.zimbra-client_composer', '[class*="client_composer "]', '[class$="client_composer"]'],
  fields: ['.zimbra-client_composer_fields', '[class*="_composer_fields"]'],
  from: ['.zimbra-client_composer_fromValue', '[class*="_composer_fromValue"]'],
  fromSelect: ['.zimbra-client_composer_from select', '[class*="_composer_from"] select'],
  /** AddressField: a label button ("To"/"Cc"/"Bcc") + a token input. */
  addressField: ['.zimbra-client_address-field_addressField', '[class*="_address-field_addressField"]'],
  addressLabel: ['.zimbra-client_address-field_label', '[class*="_address-field_label"]', 'button'],
  token: ['.zimbra-client_address-field_token', '[class*="_address-field_token "]', '[class$="_address-field_token"]'],
  tokenLabel: ['.zimbra-client_address-field_tokenLabel', '[class*="_address-field_tokenLabel"]'],
  tokenInput: ['.zimbra-client_token-input_input', '[class*="_token-input_input"]'],
  subject: ['.zimbra-client_composer_subject', 'input[class*="_composer_subject"]'],
  /** Body: the <rich-text-area contenteditable> custom element (gui-rich-text-area/rich-text-area.js). */
  body: ['rich-text-area[contenteditable="true"]', 'rich-text-area[contenteditable]'],
  bodyFrame: ['[class*="_gui-rich-text-area"] iframe'],
  plainBody: ['.zimbra-client_composer_body textarea', '[class*="_composer_body"] textarea'],
  /** Send lives in the editor toolbar (desktop) or the composer footer (later builds). */
  sendContainers: [
    '.zimbra-client_gui-rich-text-area_components_toolbar_container',
    '[class*="_gui-rich-text-area_components_toolbar"]',
    '.zimbra-client_composer_footer',
    '[class*="_composer_footer"]',
  ],
  attachment: ['.zimbra-client_attachment', '[class*="client_attachment "]', '[class$="client_attachment"]'],
  attachmentName: ['.zimbra-client_attachment_name', '[class*="_attachment_name"]'],
  attachmentSize: ['.zimbra-client_attachment_size', '[class*="_attachment_size"]'],
} as const;

export const MODERN_FIELD_LABELS = {
  to: ['To', 'Đến', 'Tới', 'Người nhận'],
  cc: ['Cc', 'CC'],
  bcc: ['Bcc', 'BCC'],
} as const;

/** Fill the `{n}` placeholder of CLASSIC selectors with a view suffix ("COMPOSE-1"). */
export function forView(selectors: readonly string[] | string, n: string): string[] {
  const list = typeof selectors === 'string' ? [selectors] : selectors;
  return list.map((s) => s.split('{n}').join(n));
}
