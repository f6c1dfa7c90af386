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
    hookTimeout: 90_000,
    // The stack's stop() runs in afterAll; this reaps whatever a crashed worker left behind.
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    reporters: ['verbose'],
  },
});
