/**
 * Where the extension runs. One list, used by wxt.config.ts (host_permissions), the content
 * script entrypoints (matches + include_globs) and the background (runtime registration for
 * origins the user adds later).
 *
 * Why the gov.vn host permission is `*.gov.vn` and not `mail.*.gov.vn`: Chrome and Firefox match
 * patterns only allow `*` as the FIRST label of a host
 * (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns), so
 * `*://mail.*.gov.vn/*` is rejected at install time. We therefore ask for `*.gov.vn` and narrow
 * injection with `include_globs` (globs may put `*` anywhere), so the content scripts only start
 * on webmail-looking hosts and paths.
 */

/** host_permissions (and content-script `matches`) of the production build. */
export const WEBMAIL_MATCHES: string[] = [
  '*://*.gov.vn/*',
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
];

/** Agency mail host names: mail., email., webmail., thudientu. under gov.vn. */
const GOV_MAIL_HOSTS = ['mail', 'email', 'webmail', 'thudientu'];

/**
 * A URL must match WEBMAIL_MATCHES *and* one of these globs for the content scripts to start.
 * Covers the names agencies use for their mail hosts and Outlook on the web installed on an
 * agency host (/owa/). Unlike match patterns, globs see the port, so every host glob comes
 * twice: without a port and with one (`https://mail.x.gov.vn:8443/`).
 */
export const WEBMAIL_INCLUDE_GLOBS: string[] = [
  ...GOV_MAIL_HOSTS.flatMap((h) => [`*://${h}.*.gov.vn/*`, `*://${h}.*.gov.vn:*/*`]),
  '*://*.gov.vn/owa/*',
  '*://*.gov.vn:*/owa/*',
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
];

/** Content-script files as WXT emits them; used for runtime registration of user-added origins. */
export const CONTENT_SCRIPT_FILES = {
  guard: 'content-scripts/guard.js',
  roundcubeHook: 'content-scripts/roundcube-hook.js',
} as const;

/**
 * Turn what a user typed ("https://mail.sotttt.example.vn", "mail.x.vn:8443") into a match
 * pattern for optional_host_permissions, or null when it is not a plain http(s) origin.
 */
export function originToMatchPattern(input: string): string | null {
  let text = input.trim();
  if (!text) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname || url.username || url.password) return null;
  // Match patterns carry no port: access to a host covers all its ports.
  return `${url.protocol}//${url.hostname}/*`;
}

/** Is this pattern one the manifest already grants (so it needs no runtime registration)? */
export function isBuiltInPattern(pattern: string): boolean {
  return WEBMAIL_MATCHES.includes(pattern);
}
