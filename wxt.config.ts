import { defineConfig } from 'wxt';
import { E2E_LOOPBACK_GLOBS, E2E_LOOPBACK_MATCHES, WEBMAIL_MATCHES } from './extension/lib/origins';

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
 * `CONGVU_E2E=1 wxt build` (output .output/chrome-mv3-e2e) is the production build plus loopback
 * host access, for the end-to-end Roundcube on http://127.0.0.1:<port>. The production build
 * (`wxt build`) never contains these patterns. An env var and not `--mode e2e`: WXT defines
 * process.env.NODE_ENV = mode, which would ship React's development build to the e2e run.
 */
const E2E = process.env.CONGVU_E2E === '1';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'extension/entrypoints',
  publicDir: 'public',
  outDir: '.output',
  outDirTemplate: E2E ? '{{browser}}-mv{{manifestVersion}}-e2e' : undefined,
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
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!E2E) return;
      manifest.host_permissions = [...(manifest.host_permissions ?? []), ...E2E_LOOPBACK_MATCHES];
      for (const cs of manifest.content_scripts ?? []) {
        cs.matches = [...(cs.matches ?? []), ...E2E_LOOPBACK_MATCHES];
        if (cs.include_globs) cs.include_globs = [...cs.include_globs, ...E2E_LOOPBACK_GLOBS];
      }
      for (const war of (manifest.web_accessible_resources ?? []) as { matches?: string[] }[]) {
        if (war.matches) war.matches = [...war.matches, ...E2E_LOOPBACK_MATCHES];
      }
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

