#!/usr/bin/env node
// `npm run build`: every deliverable, in order, with progress and a clear failure line.
//   .output/chrome-mv3 (+ zip)   Chrome / Edge extension
//   .output/firefox-mv3 (+ zip)  Firefox extension
//   .output/outlook-addin/       Outlook add-in (static files + manifest.xml)
import { spawnSync } from 'node:child_process';

// `wxt zip` builds first, then packs: one step per browser.
const steps = [
  ['Tiện ích Chrome/Edge + zip / Chrome/Edge extension + zip', ['npx', 'wxt', 'zip']],
  ['Tiện ích Firefox + zip / Firefox extension + zip', ['npx', 'wxt', 'zip', '-b', 'firefox']],
  ['Outlook add-in', ['node', 'scripts/build-addin.mjs']],
];

for (const [i, [label, cmd]] of steps.entries()) {
  const t0 = Date.now();
  process.stdout.write(`[${i + 1}/${steps.length}] ${label}… `);
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', env: { ...process.env, WXT_SILENT: '1' } });
  if (r.status !== 0) {
    process.stdout.write('\n');
    process.stderr.write((r.stdout ?? '') + (r.stderr ?? ''));
    process.stderr.write(`Lỗi: bước "${label}" thất bại (mã ${r.status}) / Error: step "${label}" failed (exit ${r.status})\n`);
    process.exit(1);
  }
  process.stdout.write(`xong / done (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}
