import { defineConfig } from 'wxt';
import { WEBMAIL_MATCHES } from './extension/lib/origins';

/**
 * Fixed Chrome/Edge extension ID: mooaecpeofpeigdjhjggeminelkecnlb
 * = first 32 hex digits of SHA-256(this DER public key), mapped 0-f -> a-p.
 * Only the PUBLIC key is here; the private key never enters the repository (it is only needed
 * to sign a self-hosted .crx; the stores sign with their own keys).
 * Recompute: echo KEY | base64 -d | sha256sum | cut -c1-32 | tr 0-9a-f a-p
 */
const CHROME_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAstDp+CARgAY1BOJD1SnjRUW2/7BwoOYVazmaW4JBstOs2nIy3MDt5BTVVK6UKwJtS/t+0dKcXGZybf/nMBfUZ3NNHCz3pz3Ce20QUnLTqGCGOVOwtFhY/rmSgWVB6AkiwiRcp4fZ4S0ZcoRWQlo6BP5y8b0vK4uT7j7ZKIMfYeeWr5yP0acm8F6NKAGLwqsumT8ptzxPuEHzhoBENMncbGlcpsxhmlabtMSRZ9JFEpsDZ4wICRKkuymjnX5JHr0Oxt+LgGzPnnZ+kZbQsXS+Eo7BM8eiOp+WOyBpcjw3ozuPsQtWlUjLWOJxRk2un8q2TMOKeTh9QvbefsD3EPDrIwIDAQAB';
const GECKO_ID = 'congvu-guard@congvu-guard.vn';

/**
 * No special build for the end-to-end tests: they run this production build unchanged and reach
 * the test Roundcube (on 127.0.0.1) under an agency-like name, `mail.mic.gov.vn`, through
 * Chromium's --host-resolver-rules (test/e2e/extension.e2e.ts). So the tests prove the real
 * manifest's host permissions and include_globs, and the shipped build never lists loopback.
 */
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'extension/entrypoints',
  publicDir: 'public',
  outDir: '.output',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: 'congvu-guard',
    description: '__MSG_extDescription__',
    default_locale: 'vi',
    permissions: ['storage'],
    // `scripting` only when the user adds a webmail origin on the options page (asked together
    // with the origin), to register the content scripts there.
    optional_permissions: ['scripting'],
    host_permissions: [...WEBMAIL_MATCHES],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    // The extraction frame is embedded by the content script in webmail pages.
    web_accessible_resources: [{ resources: ['extractor.html'], matches: [...WEBMAIL_MATCHES] }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // content_scripts `world: "MAIN"` and optional_host_permissions in MV3: Firefox 128.
              strict_min_version: '128.0',
              // Firefox's built-in data-collection consent: this extension collects nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { key: CHROME_PUBLIC_KEY, minimum_chrome_version: '111' }),
  }),
  vite: () => ({
    // extract-worker.js carries pdf.js (~1.5 MB); it is packaged, never downloaded.
    build: { chunkSizeWarningLimit: 4000 },
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['test/corpus/**', 'samples/**', '.e2e-tmp/**', 'coverage/**', '**/*.log'],
  },
});

