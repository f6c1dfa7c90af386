/**
 * Fixed extension identities (wxt.config.ts: manifest `key` for Chrome/Edge, gecko id for
 * Firefox) so enterprise policies can name the extension.
 */
export const CHROME_EXTENSION_ID = 'mooaecpeofpeigdjhjggeminelkecnlb';
export const GECKO_ID = 'congvu-guard@congvu-guard.vn';
/** Chrome Web Store / Edge Add-ons update endpoints (used when the admin gives no own URL). */
export const CHROME_STORE_UPDATE_URL = 'https://clients2.google.com/service/update2/crx';
export const EDGE_STORE_UPDATE_URL = 'https://edge.microsoft.com/extensionwebstorebase/v1/crx';
