/**
 * Runs in vitest's main process, which outlives the test workers: a worker that crashes or is
 * killed on a timeout cannot run its afterAll, so its servers are ended here (only stacks whose
 * owning process is gone; see reapStaleStacks).
 */
import { reapStaleStacks } from './mailstack.ts';

export function setup(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('e2e: run as root — Dovecot and Postfix need it (see test/e2e/install.sh).');
  }
  reapStaleStacks();
}

export function teardown(): void {
  reapStaleStacks();
}
