import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Tests that drive a real browser run with the end-to-end suite (npm run test:e2e), which
    // installs Debian's Chromium first; `npm test` must pass on a fresh machine without it.
    exclude: ['test/e2e/**', 'test/**/*.browser.test.ts', 'test/**/*.built.test.ts', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
