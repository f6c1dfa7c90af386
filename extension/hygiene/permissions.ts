/**
 * What the `no-service-signup` opt-in needs (issue #7). Asked at run time from the options page
 * (chrome.permissions.request inside the user's click), never at install: the manifest lists
 * these only under optional_permissions / optional_host_permissions.
 * No WXT or browser imports here: the options page, the background and the tests share it.
 */
export const SIGNUP_PERMISSIONS = {
  permissions: ['scripting'],
  origins: ['https://*/*', 'http://*/*'],
} as const;

/** Id of the dynamically registered sign-up content script. */
export const SIGNUP_SCRIPT_ID = 'congvu-guard-signup';
/** The file WXT emits for extension/entrypoints/signup.content.ts. */
export const SIGNUP_SCRIPT_FILE = 'content-scripts/signup.js';

/** Tag of the shadow host the sign-up warning lives in (created only when there is a warning). */
export const SIGNUP_HOST_TAG = 'congvu-guard-signup';
/** Tag of the shadow host of the password checklist on the webmail's change-password form. */
export const PASSWORD_HOST_TAG = 'congvu-guard-password';
