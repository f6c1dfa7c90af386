import { defineConfig } from 'vitest/config';

// Real-webmail end-to-end tests (npm run test:e2e -> test/e2e/run.mjs). One file at a time:
// each file starts its own mail stack and Chromium, and they are heavy.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts', 'test/**/*.browser.test.ts', 'test/**/*.built.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    // A real browser against real servers on a loaded 2-core machine has rare timing hiccups
    // (an MV3 service worker restarting mid-test); a failure must repeat to count.
    retry: 1,
    hookTimeout: 90_000,
    // The stack's stop() runs in afterAll; this reaps whatever a crashed worker left behind.
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    reporters: ['verbose'],
  },
});
