#!/usr/bin/env node
// `npm start`: build everything, then check the bundled sample mails with the CLI, as an
// admin would: `congvu-guard check samples/*.eml`.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync, existsSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status;

if (run('node', ['scripts/build.mjs']) !== 0) process.exit(1);

// The oversize sample is generated, not committed: 21 MiB of attachment is over the
// vn-baseline limit of 20 MB (Bộ TT&TT Đ8 k3 đ.b), and too big for git.
if (!existsSync('samples/oversize.eml')) {
  const enc = (s) => '=?UTF-8?B?' + Buffer.from(s).toString('base64') + '?=';
  // An MP4 'ftyp' box, then filler: a video is judged by its size (nothing to read inside).
  const video = Buffer.alloc(21 * 1024 * 1024);
  Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]).copy(video);
  const payload = video.toString('base64').replace(/.{76}/g, '$&\r\n');
  writeFileSync(
    'samples/oversize.eml',
    [
      `From: ${enc('Phạm Thu Hà - Sở Xây dựng')} <ptha@quangngai.gov.vn>`,
      'To: <sxd@quangngai.gov.vn>',
      `Subject: ${enc('Video hội nghị trực tuyến')}`,
      'Date: Tue, 21 Apr 2026 14:00:00 +0700',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Kính gửi Sở, gửi kèm video hội nghị trực tuyến.',
      '--b1',
      'Content-Type: video/mp4; name="hoi-nghi.mp4"',
      'Content-Disposition: attachment; filename="hoi-nghi.mp4"',
      'Content-Transfer-Encoding: base64',
      '',
      payload,
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

const samples = readdirSync('samples').filter((f) => f.endsWith('.eml')).sort().map((f) => `samples/${f}`);
console.log(`\n$ congvu-guard check ${samples.join(' ')}\n`);
const status = run('node', ['bin/congvu-guard.mjs', 'check', ...samples]);
// Exit 1 only means "a sample is blocked" — which is the point of the samples.
if (status === 2) process.exit(2);
console.log('\nXong. Tiện ích: .output/chrome-mv3, .output/firefox-mv3; add-in: .output/outlook-addin');
console.log('Done. Extension: .output/chrome-mv3, .output/firefox-mv3; add-in: .output/outlook-addin');
