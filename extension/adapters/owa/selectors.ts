/**
 * Every selector the Outlook-on-the-web adapter uses, with where it comes from.
 *
 * Two layouts:
 *  M365 = Outlook on the web for Microsoft 365 / outlook.office.com (React + Fluent UI).
 *    Class names are generated (e.g. "dFCbN") and change between builds, so we select by
 *    ARIA labels, roles, and the few stable ids/classes public automation relies on:
 *     - recipient wells: contenteditable [role=textbox] with aria-label "To"/"Cc"/"Bcc"
 *       ("Đến" in the Vietnamese UI), each inside a [role=group] whose id ends in
 *       "_TO"/"_CC"/"_BCC" (language independent);
 *     - resolved recipients: span._EType_RECIPIENT_ENTITY (an entity-type class, not a
 *       generated one), aria-label = the address, display name in a "textContainer" child;
 *     - subject: input aria-label/placeholder "Add a subject" / "Thêm chủ đề";
 *     - body: [role=textbox][contenteditable] aria-label "Message body[, press Alt+F10 to
 *       exit]" / "Nội dung thư…", inside #editorParent_N;
 *     - Send: button aria-label "Send"/"Gửi", title "Send (Ctrl+Enter)", id
 *       "splitButton-…__primaryActionButton";
 *     - signed-in account: Microsoft MeControl #mectrl_currentAccount_primary/_secondary.
 *    Sources: public extension/automation code (DLP observers, Playwright/Selenium
 *    scripts) quoting these attributes, several noting they were checked on live pages.
 *  ONPREM = Exchange 2016/2019 OWA (/owa/). Same ARIA vocabulary, older containers:
 *     div.conductorContent[aria-label="Compose Panel"], div[aria-label="Compose header"],
 *     inputs "To recipients. Enter an email address…", personas span.allowTextSelection,
 *     subject input[aria-labelledby="MailCompose.SubjectWellLabel"], From well
 *     span[aria-labelledby="MailCompose.FromRecipientWellButton"], attachments
 *     span.attachmentFileSize next to the file name, Send button aria-label/title "Send",
 *     user name in #O365_MeFlexPane_ButtonID .o365cs-topnavText.
 *    Source: a public OWA/Outlook.com logging add-on (2014–2018) that reads these.
 */

export const SEND_LABELS = ['Gửi', 'Send'] as const;

export const APP = [
  '[data-app-section]', // M365 app sections (MailList, MailReadCompose, ConversationContainer …)
  '#O365_NavHeader', // suite header (both layouts)
  '#primaryContainer', // Exchange 2016/2019 OWA shell
  '#owaMainContainer',
] as const;

/** Containers a compose form lives in, nearest first. */
export const COMPOSE_CONTAINER = [
  'div.conductorContent[aria-label="Compose Panel"]',
  'div.conductorContent[aria-label="Bảng soạn thư"]',
  '[data-app-section="MailReadCompose"]',
  '[data-app-section="MailCompose"]',
  '[role="dialog"]',
  '[role="main"]',
] as const;

export const BODY = [
  'div[role="textbox"][contenteditable="true"][aria-label^="Message body"]',
  'div[role="textbox"][contenteditable="true"][aria-label^="Nội dung thư"]',
  '[id^="editorParent_"] [contenteditable="true"][role="textbox"]',
  'div[contenteditable="true"][aria-label^="Message body"]',
  'div[contenteditable="true"][aria-label^="Nội dung thư"]',
] as const;

/** Plain-text compose (OWA "Compose messages in plain text"). */
export const PLAIN_BODY = ['textarea[aria-label^="Message body"]', 'textarea[aria-label^="Nội dung thư"]'] as const;

export const SUBJECT = [
  'input[aria-label="Add a subject"]',
  'input[aria-label="Thêm chủ đề"]',
  'input[placeholder="Add a subject"]',
  'input[placeholder="Thêm chủ đề"]',
  'input[aria-labelledby="MailCompose.SubjectWellLabel"]',
  'input[aria-label="Subject"]',
  'input[aria-label="Chủ đề"]',
  'input[id$="_SUBJECT"]',
] as const;

/** M365 recipient wells, per field: the contenteditable, then its [role=group] by id suffix. */
export const WELL = {
  to: ['[contenteditable="true"][aria-label="To"]', '[contenteditable="true"][aria-label="Đến"]', '[role="group"][id$="_TO"] [contenteditable="true"]'],
  cc: ['[contenteditable="true"][aria-label="Cc"]', '[role="group"][id$="_CC"] [contenteditable="true"]'],
  bcc: ['[contenteditable="true"][aria-label="Bcc"]', '[role="group"][id$="_BCC"] [contenteditable="true"]'],
} as const;

export const CHIP = ['._EType_RECIPIENT_ENTITY'] as const;
export const CHIP_NAME = ['[class*="textContainer"]'] as const;

/** Exchange 2016/2019 recipient inputs (the persona wells are their ancestors). */
export const ONPREM_INPUT = {
  to: ['input[aria-label^="To recipients"]', 'input[aria-label^="Người nhận Đến"]'],
  cc: ['input[aria-label^="Cc recipients"]', 'input[aria-label^="Người nhận Cc"]'],
  bcc: ['input[aria-label^="Bcc recipients"]', 'input[aria-label^="Người nhận Bcc"]'],
} as const;
export const ONPREM_WELL = ['div.allowTextSelection', '[role="group"]'] as const;
export const ONPREM_PERSONA = ['span.allowTextSelection[title]', 'span.allowTextSelection'] as const;

export const SEND = [
  'button[aria-label="Send"]',
  'button[aria-label="Gửi"]',
  'button[title^="Send ("]',
  'button[title^="Gửi ("]',
  'button[title="Send"]',
  'button[title="Gửi"]',
  'button[id*="primaryActionButton"][title*="Ctrl+Enter"]',
] as const;

/** Attachments: M365 tiles (aria-label = file name) and the 2016 "attachmentFileSize" span. */
export const ATTACHMENT_WELL = [
  '[role="listbox"][aria-label="Attachments"]',
  '[role="listbox"][aria-label="Tệp đính kèm"]',
  '[role="list"][aria-label="Attachments"]',
  '[role="list"][aria-label="Tệp đính kèm"]',
] as const;
export const ATTACHMENT_TILE = ['[role="option"][aria-label]', '[role="listitem"][aria-label]'] as const;
export const ONPREM_ATTACHMENT_SIZE = ['span.attachmentFileSize'] as const;

export const FROM = {
  /** "From" well shown in compose (both layouts, when enabled). */
  compose: [
    'span[aria-labelledby="MailCompose.FromRecipientWellButton"] .allowTextSelection',
    '[role="group"][id$="_FROM"]',
    'button[aria-label^="From:"]',
    'button[aria-label^="Từ:"]',
  ],
  /** MeControl (M365 suite header). */
  accountName: ['#mectrl_currentAccount_primary'],
  accountAddress: ['#mectrl_currentAccount_secondary'],
  /** The header's own photo: /owa/service.svc/s/GetPersonaPhoto?email=<signed-in address>. */
  accountPhoto: ['#O365_MainLink_Me img[src*="email="]', '#O365_MainLink_MePhoto img[src*="email="]'],
  /** Exchange 2016/2019 top bar (display name only). */
  onpremName: ['#O365_MeFlexPane_ButtonID .o365cs-topnavText'],
} as const;
