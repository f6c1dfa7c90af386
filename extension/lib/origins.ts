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

/**
 * A URL must match WEBMAIL_MATCHES *and* one of these globs for the content scripts to start.
 * Covers the names agencies use for their mail hosts (mail., email., webmail., thudientu.) and
 * Outlook on the web installed on an agency host (/owa/).
 */
export const WEBMAIL_INCLUDE_GLOBS: string[] = [
  '*://mail.*.gov.vn/*',
  '*://email.*.gov.vn/*',
  '*://webmail.*.gov.vn/*',
  '*://thudientu.*.gov.vn/*',
  '*://*.gov.vn/owa/*',
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
];

/**
 * Added ONLY to the `wxt build --mode e2e` build (see wxt.config.ts), which goes to
 * `.output/chrome-mv3-e2e`: the end-to-end Roundcube listens on http://127.0.0.1:<random port>.
 * Match patterns ignore the port. The production manifest never contains these.
 */
export const E2E_LOOPBACK_MATCHES: string[] = ['http://127.0.0.1/*', 'http://localhost/*'];
/** Unlike match patterns, include_globs see the port: `*` covers it. */
export const E2E_LOOPBACK_GLOBS: string[] = ['http://127.0.0.1:*/*', 'http://localhost:*/*'];

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
  return WEBMAIL_MATCHES.includes(pattern) || E2E_LOOPBACK_MATCHES.includes(pattern);
}
