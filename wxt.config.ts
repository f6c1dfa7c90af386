import { defineConfig } from 'wxt';

// Filled in by the extension issue; kept minimal so `wxt prepare` (postinstall) works.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'extension/entrypoints',
  publicDir: 'public',
  outDir: '.output',
});
