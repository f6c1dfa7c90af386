import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../shared/cli';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'cvg-cli-'));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('congvu-guard check', () => {
  it('prints the JSON contract, one object per file, and exits 1 on a block', async () => {
    const r = await run('check', '--format', 'json', 'samples/clean.eml', 'samples/classified.eml');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toHaveLength(2);
    expect(json[0]).toEqual({ file: 'samples/clean.eml', findings: [] });
    const f = json[1].findings[0];
    expect(Object.keys(f).sort()).toEqual(['citations', 'evidence', 'message', 'rule', 'severity']);
    expect(f.rule).toBe('classified-content');
    expect(f.severity).toBe('block');
    expect(f.message).toMatch(/mật/);
    expect(f.citations).toEqual(['Chỉ thị 34/2008/CT-TTg']);
    expect(f.evidence[0]).toEqual({ where: 'subject', excerpt: expect.stringContaining('TUYỆT MẬT') });
  });

  it('exits 0 when nothing blocks, and cites the chosen preset', async () => {
    const r = await run('check', '--policy', 'cantho', '--format', 'json', 'samples/gmail.eml');
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout)[0].findings;
    expect(f.map((x: { rule: string }) => x.rule)).toContain('personal-sender');
    expect(f[0].citations[0]).toContain('Cần Thơ');
  });

  it('text format groups by file, severity first, citation under each finding', async () => {
    const r = await run('check', '--policy', 'quangngai', 'samples/classified.eml', 'samples/tcvn3.eml');
    expect(r.stdout).toContain('samples/classified.eml\n  ✖ CHẶN [classified-content]');
    expect(r.stdout).toMatch(/Căn cứ: Điều 6 khoản 1, Quy chế kèm QĐ 51\/2015\/QĐ-UBND \(Quảng Ngãi\)/);
    expect(r.stdout).toContain('[legacy-encoding]');
    expect(r.stdout).toContain('Chính sách: quangngai');
  });

  it('English with --lang en', async () => {
    const r = await run('check', '--lang', 'en', 'samples/classified.eml');
    expect(r.stdout).toContain('BLOCKED [classified-content] This message appears to contain classified content');
  });

  it('accepts a policy file that extends a preset', async () => {
    const p = file('p.json', JSON.stringify({ extends: 'mic', customMarkings: ['lịch họp giao ban'] }));
    const r = await run('check', '--policy', p, '--format', 'json', 'samples/clean.eml');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].findings[0].citations[0]).toContain('652/QĐ-BTTTT');
  });

  it('checks a malformed but readable message best-effort', async () => {
    const junk = file('junk.eml', 'Subject: =?UTF-8?B?VFVZ4buGVCBN4bqsVA==?=\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64\r\n');
    const bin = file('bin.eml', new Uint8Array([0, 255, 1, 2, 3, 0xc3, 0x28]));
    const r = await run('check', '--format', 'json', junk, bin);
    expect([0, 1]).toContain(r.code);
    const json = JSON.parse(r.stdout);
    expect(json[0].findings.map((f: { rule: string }) => f.rule)).toContain('classified-content');
    expect(json[1].findings).toEqual([]);
  });

  it.each([
    [['check'], 'thiếu tệp'],
    [['check', '--format', 'xml', 'samples/clean.eml'], '--format'],
    [['check', '--policy', 'hanoi', 'samples/clean.eml'], 'hanoi'],
    [['check', 'no-such-file.eml'], 'không tồn tại'],
    [['check', 'samples'], 'thư mục'],
    [['check', '--bogus', 'x'], '--bogus'],
    [['frobnicate'], 'frobnicate'],
    [[], 'thiếu lệnh'],
  ])('usage error %j → exit 2 with one bilingual line', async (argv, needle) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(needle);
    expect(r.stderr).toMatch(/^Lỗi: .+ \/ Error: .+/);
    expect(r.stdout).toBe('');
  });

  it('an invalid policy file is exit 2, naming the first problem', async () => {
    const p = file('bad.json', JSON.stringify({ extends: 'mic', attachmentLimitMB: 'lots' }));
    const r = await run('check', '--policy', p, 'samples/clean.eml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$.attachmentLimitMB');
  });
});

describe('congvu-guard policy', () => {
  it('validate: every problem with its path; exit 2', async () => {
    const p = file('bad2.json', JSON.stringify({ extends: 'x', checkTimes: ['25:00'], rules: { nope: {} } }));
    const r = await run('policy', 'validate', p);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('$.extends');
    expect(r.stdout).toContain('$.checkTimes[0]');
    expect(r.stdout).toContain('$.rules.nope: mã quy tắc không tồn tại');
  });

  it('validate: a good file → exit 0', async () => {
    const p = file('good.json', JSON.stringify({ extends: 'binhphuoc', attachmentLimitMB: 15 }));
    expect((await run('policy', 'validate', p)).code).toBe(0);
  });

  it('validate: broken JSON → exit 2 with the parse error', async () => {
    const p = file('broken.json', '{"extends": ');
    const r = await run('policy', 'validate', p);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('JSON');
  });

  it('show: fully merged policy', async () => {
    const r = await run('policy', 'show', 'quangngai');
    const p = JSON.parse(r.stdout);
    expect(p.attachmentLimitMB).toBe(25);
    expect(p.rules['classified-content'].severity).toBe('block');
    const f = file('ext.json', JSON.stringify({ extends: 'mic', agencyDomains: ['bo.vn'] }));
    expect(JSON.parse((await run('policy', 'show', f)).stdout).agencyDomains).toContain('bo.vn');
  });
});

describe('congvu-guard due', () => {
  it('prints the reply deadline', async () => {
    const r = await run('due', '--policy', 'mic', '--received', '2026-04-24T10:00:00+07:00');
    expect(r).toEqual({ code: 0, stdout: '2026-04-29T17:00:00+07:00', stderr: '' });
  });

  it('an invalid --received: one line, Vietnamese then English', async () => {
    const r = await run('due', '--policy', 'mic', '--received', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Lỗi: Thời điểm nhận không hợp lệ: "x" (cần ISO-8601) / Error: Invalid --received: "x" (ISO-8601 expected)');
  });

  it('an invalid --received containing " / " is quoted whole in both halves', async () => {
    const r = await run('due', '--policy', 'mic', '--received', '2026-01-01 / x');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'Lỗi: Thời điểm nhận không hợp lệ: "2026-01-01 / x" (cần ISO-8601) / Error: Invalid --received: "2026-01-01 / x" (ISO-8601 expected)',
    );
  });
});

describe('congvu-guard policy export', () => {
  it('writes deployable files and reports where they go', async () => {
    const out = join(dir, 'kit');
    const p = file('kit.json', JSON.stringify({ extends: 'mic', customMarkings: ['lưu hành nội bộ'] }));
    const r = await run('policy', 'export', '--target', 'chromium-linux', '--policy', p, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('/etc/chromium/policies/managed/congvu-guard-settings.json');
    const json = JSON.parse(readFileSync(join(out, 'congvu-guard-settings.json'), 'utf8'));
    expect(Object.values<{ preset: string }>(json['3rdparty'].extensions)[0].preset).toBe('mic');
    expect((await run('policy', 'export', '--target', 'chrome-reg', '--policy', 'quangngai', '--out', out)).code).toBe(0);
    const reg = readFileSync(join(out, 'congvu-guard-chrome.reg'));
    expect([...reg.subarray(0, 2)]).toEqual([0xff, 0xfe]); // UTF-16LE BOM for regedit
    expect(reg.toString('utf16le')).toContain('"preset"="quangngai"');
  });

  it.each([
    [['policy', 'export', '--policy', 'mic', '--out', 'x'], '--target'],
    [['policy', 'export', '--target', 'ie6', '--policy', 'mic', '--out', 'x'], 'ie6'],
    [['policy', 'export', '--target', 'firefox', '--out', 'x'], '--policy'],
    [['policy', 'export', '--target', 'firefox', '--policy', 'mic'], '--out'],
    [['policy', 'export', '--target', 'firefox', '--policy', 'mic', '--out', 'x', '--xpi-url', 'http://a'], 'https'],
  ])('usage error %j → exit 2', async (argv, needle) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(needle);
  });
});

describe('the installed bin', () => {
  it('runs through npx congvu-guard from the repo root', () => {
    const r = spawnSync('npx', ['--no-install', 'congvu-guard', 'check', '--format', 'json', 'samples/classified.eml'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)[0].findings[0].rule).toBe('classified-content');
  });
});
