/**
 * Names shared by the manifest, the event-handler bundle, the task pane and the tests.
 * The manifest check (outlook-addin/manifest/check.mjs) compares manifest.xml against
 * HANDLER_FUNCTION_NAMES so a renamed handler cannot silently stop Smart Alerts
 * (Outlook blocks sending when a SoftBlock FunctionName has no associated function).
 */

export const HANDLER_FUNCTION_NAMES = [
  'onNewMessageComposeHandler',
  'onMessageRecipientsChangedHandler',
  'onMessageAttachmentsChangedHandler',
  'onMessageFromChangedHandler',
  'onMessageSendHandler',
] as const;
export type HandlerFunctionName = (typeof HANDLER_FUNCTION_NAMES)[number];

/** Control id of the compose task-pane button; Smart Alerts' "Take action" opens it (Mailbox 1.14). */
export const COMPOSE_PANE_COMMAND_ID = 'cgComposeOpenPane';

/** Manifest resid of the 16 px icon, required by InformationalMessage info bars. */
export const INFOBAR_ICON_RESID = 'Icon.16';

/** File names inside .output/outlook-addin/ (the hosting root). */
export const FILES = {
  taskpaneHtml: 'taskpane.html',
  taskpaneJs: 'taskpane.js',
  runtimeHtml: 'commands.html',
  handlersJs: 'handlers.js',
  policyJson: 'policy.json',
  manifest: 'manifest.xml',
} as const;

/** Keys in item sessionData (per compose item, ≤ 50 000 characters in total before Mailbox 1.16). */
export const SESSION_KEYS = {
  policy: 'cg.policy',
  attachmentPrefix: 'cg.att.',
  warnedFingerprint: 'cg.warned',
  overrides: 'cg.overrides',
  notices: 'cg.notices',
} as const;

/** Keys in OfficeRuntime.storage / localStorage. */
export const STORAGE_KEYS = {
  lastGoodPolicy: 'congvu-guard.policy.last-good',
} as const;

/** Keys in roamingSettings (roams with the mailbox, 32 KB limit). */
export const ROAMING_KEYS = {
  preset: 'congvuGuardPreset',
} as const;
