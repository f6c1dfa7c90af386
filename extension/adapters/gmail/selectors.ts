/**
 * Every selector the Gmail adapter uses, with where it comes from.
 *
 * Gmail is only here for the `personal-sender` case: official mail written from a personal
 * account. Its class names are obfuscated but long-lived; we prefer name/role/aria/data
 * attributes and keep the few classes InboxSDK itself relies on.
 *  - subject input[name="subjectbox"] (InboxSDK GmailComposeView.getSubject);
 *  - recipients since the 2021 compose refresh: div.anm[name="to"|"cc"|"bcc"] … [role=listbox]
 *    [role=option][data-name][data-hovercard-id] — data-hovercard-id is the address
 *    (InboxSDK gmail-compose-view/page-parser.ts getRecipientChips and get-recipients.ts);
 *    the older UI: .vR chips with span[email] and a hidden input (same files, "old" path);
 *  - body div[aria-label="Message Body"][contenteditable][g_editable="true"][role=textbox]
 *    ("Nội dung thư" in Vietnamese);
 *  - Send: div[role=button] whose data-tooltip / aria-label is "Send ‪(Ctrl-Enter)‬"
 *    ("Gửi ‪(Ctrl-Enter)‬"; "⌘Enter" on macOS) — the parenthesis is wrapped in U+202A/U+202C;
 *  - From: hidden input[name="from"] when the account has several addresses (InboxSDK
 *    from-manager getFromContact), else the account button a[aria-label^="Google Account:"]
 *    ("Tài khoản Google:") whose label ends with "(address)";
 *  - attachments: chips labelled "Attachment: <name>. Press enter to view…", name in .vI,
 *    size in .vJ as "(245K)", hidden input[name="attach"].
 */

export const SEND_LABELS = ['Gửi', 'Send', 'Gửi và lưu trữ', 'Send and archive'] as const;

export const APP = [
  'div[gh="cm"]', // the Compose button
  'meta[name="application-name"][content="Gmail"]',
  'meta[name="og:site_name"][content="Gmail"]',
] as const;

export const COMPOSE_CONTAINER = ['[role="dialog"]', '[role="region"]', 'form'] as const;

export const SUBJECT = ['input[name="subjectbox"]'] as const;

export const BODY = [
  'div[aria-label="Message Body"][contenteditable="true"]',
  'div[aria-label="Nội dung thư"][contenteditable="true"]',
  'div[g_editable="true"][contenteditable="true"][role="textbox"]',
  'div.editable[contenteditable="true"][role="textbox"]',
] as const;

export const FIELD = {
  to: ['div[name="to"]', 'textarea[name="to"]', 'input[name="to"]'],
  cc: ['div[name="cc"]', 'textarea[name="cc"]', 'input[name="cc"]'],
  bcc: ['div[name="bcc"]', 'textarea[name="bcc"]', 'input[name="bcc"]'],
} as const;

/** Chips of the 2021+ recipient UI. */
export const CHIP = ['[role="option"][data-hovercard-id]', '[role="option"][data-name]'] as const;
/** Chips of the older UI (still served to some accounts). */
export const OLD_CHIP = ['.vR'] as const;
export const OLD_CHIP_EMAIL = ['span[email]'] as const;
/** Text typed but not yet turned into a chip. */
export const TYPED = ['input:not([type="hidden"])', 'textarea'] as const;

export const SEND_CANDIDATES = ['[role="button"][data-tooltip]', '[role="button"][aria-label]', 'div[role="button"]', 'button'] as const;

export const FROM = {
  compose: ['input[name="from"]'],
  account: ['a[aria-label^="Google Account:"]', 'a[aria-label^="Tài khoản Google:"]', 'a[aria-label^="Google Account"]'],
} as const;

export const ATTACHMENT = ['[aria-label^="Attachment:"]', '[aria-label^="Tệp đính kèm:"]'] as const;
export const ATTACHMENT_NAME = ['.vI'] as const;
export const ATTACHMENT_SIZE = ['.vJ'] as const;
export const ATTACHMENT_LABEL_PREFIX = /^(attachment|tệp đính kèm)\s*:\s*/i;
export const ATTACHMENT_LABEL_TAIL = /\.\s+(press|nhấn)\b.*$/i;
