import { defineConfig } from 'wxt';
import { WEBMAIL_MATCHES } from './extension/lib/origins';
// Fixed extension ID mooaecpeofpeigdjhjggeminelkecnlb: see extension/lib/manifest-key.ts.
import { CHROME_PUBLIC_KEY, GECKO_ID } from './extension/lib/manifest-key';

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
    permissions: ['storage', 'alarms', 'notifications'],
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
              // content_scripts `world: "MAIN"` needs 128; data_collection_permissions 140 (ESR).
              strict_min_version: '140.0',
              // Firefox's built-in data-collection consent: this extension collects nothing.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          key: CHROME_PUBLIC_KEY,
          minimum_chrome_version: '111',
          // Chrome/Edge deliver enterprise 3rdparty policy only for keys declared here (generated
          // from the zod schema: scripts/gen-managed-schema.ts). Firefox reads policies.json
          // 3rdparty.Extensions without a schema and rejects this manifest key, so Chrome only.
          storage: { managed_schema: 'managed_schema.json' },
        }),
  }),
  hooks: {
    // WXT takes action.default_title from popup.html's <title>; keep the localised one.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_actionTitle__';
    },
  },
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

