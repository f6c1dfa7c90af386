/**
 * `congvu-guard` — the admins' command line (issue #2 item 7).
 *   check [--policy ID|FILE] [--format json|text] [--lang vi|en] FILE.eml...
 *   policy validate FILE | policy show ID|FILE | policy list
 *   due --policy ID|FILE --received ISO-8601 [--format json|text]
 * Exit codes: 0 no blocking finding; 1 a blocking finding; 2 usage error, unreadable file or
 * invalid policy — always one clear line on stderr (Vietnamese, then English), never a stack.
 * Node-only module (reads files); the rest of shared/ stays free of Node APIs.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Finding, Locale } from './types';
import { checkDraft } from './engine';
import { emlToDraft } from './attachments';
import { PRESET_IDS, isPresetId, resolvePolicy, validatePolicyText, type Policy, type PolicyIssue } from './policy';
import { t } from './i18n';
import { EXPORT_TARGETS, exportPolicy, type ExportTarget } from './admin/export';
import type { PolicyInput } from './policy';

class UsageError extends Error {
  constructor(readonly vi: string, readonly en: string) {
    super(en);
  }
}

const HELP = `congvu-guard — kiểm tra thư công vụ theo quy chế / check official e-mail against the regulations

Cách dùng / Usage:
  congvu-guard check [--policy ID|FILE] [--format json|text] [--lang vi|en] FILE.eml...
  congvu-guard policy validate FILE
  congvu-guard policy show ID|FILE
  congvu-guard policy list
  congvu-guard policy export --target ${EXPORT_TARGETS.join('|')}
                             --policy ID|FILE --out DIR [--update-url URL] [--xpi-url URL] [--policy-url URL]
                             [--forcelist-slot N]
  congvu-guard due --policy ID|FILE --received ISO-8601 [--format json|text]

Chính sách có sẵn / Presets: ${PRESET_IDS.join(', ')} (mặc định / default: vn-baseline)
Mã thoát / Exit: 0 = không có lỗi chặn / nothing blocking, 1 = có lỗi chặn / a blocking finding,
                 2 = sai cú pháp, tệp không đọc được, chính sách sai / usage, unreadable file, invalid policy`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

/** Parse `--name value` / `--name=value` options; the rest are positionals. */
function parseArgs(args: string[], known: string[]): { opts: Record<string, string>; rest: string[] } {
  const opts: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (!known.includes(name)) throw new UsageError(`tùy chọn không hợp lệ "${a}"`, `unknown option "${a}"`);
      const value = eq < 0 ? args[++i] : a.slice(eq + 1);
      if (value === undefined || (eq < 0 && value.startsWith('--')))
        throw new UsageError(`thiếu giá trị cho --${name}`, `missing value for --${name}`);
      opts[name] = value;
    } else rest.push(a);
  }
  return { opts, rest };
}

function oneOf(name: string, value: string | undefined, allowed: string[], fallback: string): string {
  if (value === undefined) return fallback;
  if (!allowed.includes(value))
    throw new UsageError(`--${name} phải là ${allowed.join(' hoặc ')}, không phải "${value}"`, `--${name} must be ${allowed.join(' or ')}, not "${value}"`);
  return value;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw fileError(file, e);
  }
}

function fileError(file: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why: Record<string, [string, string]> = {
    ENOENT: ['không tồn tại', 'does not exist'],
    EISDIR: ['là thư mục, không phải tệp', 'is a directory, not a file'],
    EACCES: ['không có quyền đọc', 'permission denied'],
  };
  const [vi, en] = why[code ?? ''] ?? ['không đọc được', `cannot be read (${code ?? String(e)})`];
  return new UsageError(`tệp "${file}" ${vi}`, `file "${file}" ${en}`);
}

function issuesLine(issues: PolicyIssue[]): [string, string] {
  const first = issues[0];
  const more = issues.length > 1 ? ` (+${issues.length - 1})` : '';
  return [`${first.path}: ${first.message_vi}${more}`, `${first.path}: ${first.message_en}${more}`];
}

/** A preset id or a policy JSON file → Policy; an invalid file is a usage error (exit 2). */
export async function loadPolicy(ref: string | undefined): Promise<{ policy: Policy; source: string; input: PolicyInput }> {
  if (ref === undefined) return { policy: resolvePolicy('vn-baseline'), source: 'vn-baseline', input: { extends: 'vn-baseline' } };
  if (isPresetId(ref)) return { policy: resolvePolicy(ref), source: ref, input: { extends: ref } };
  if (!/[./\\]/.test(ref))
    throw new UsageError(
      `không có chính sách "${ref}"; dùng một trong ${PRESET_IDS.join(', ')} hoặc đường dẫn tệp JSON`,
      `no policy "${ref}"; use one of ${PRESET_IDS.join(', ')} or a JSON file path`,
    );
  const v = validatePolicyText(await readText(ref));
  if (!v.ok) {
    const [vi, en] = issuesLine(v.issues);
    throw new UsageError(
      `chính sách "${ref}" không hợp lệ — ${vi}; chạy "congvu-guard policy validate ${ref}" để xem tất cả`,
      `invalid policy "${ref}" — ${en}; run "congvu-guard policy validate ${ref}" for all problems`,
    );
  }
  return { policy: v.policy, source: ref, input: v.input };
}

// ---- check -----------------------------------------------------------------------------------

interface FileResult {
  file: string;
  findings: Finding[];
  warnings: string[];
}

async function checkFiles(files: string[], policy: Policy): Promise<FileResult[]> {
  // Read everything first: an unreadable file is exit 2 before any output, so a script never
  // mistakes a partial report for a complete one.
  const contents: Uint8Array[] = [];
  for (const f of files) {
    try {
      contents.push(new Uint8Array(await readFile(f)));
    } catch (e) {
      throw fileError(f, e);
    }
  }
  const results: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    // Best effort on malformed mail: emlToDraft never throws, it returns warnings.
    const { draft, warnings } = await emlToDraft(contents[i]);
    results.push({ file: files[i], findings: await checkDraft(draft, policy), warnings });
  }
  return results;
}

const SEVERITY_MARK = { block: '✖', warn: '⚠', info: 'ℹ' } as const;
const SEVERITY_COLOR = { block: '\x1b[31m', warn: '\x1b[33m', info: '\x1b[36m' } as const;

function renderText(results: FileResult[], source: string, lang: Locale, color: boolean): string {
  const c = (code: string, s: string) => (color ? `${code}${s}\x1b[0m` : s);
  const lines: string[] = [];
  let blocked = 0;
  let warned = 0;
  for (const r of results) {
    lines.push(c('\x1b[1m', r.file));
    for (const w of r.warnings) lines.push(`  ${lang === 'vi' ? 'Lưu ý khi đọc tệp' : 'Reading note'}: ${w}`);
    if (r.findings.length === 0) lines.push(c('\x1b[32m', `  ✔ ${lang === 'vi' ? 'Không phát hiện vi phạm.' : 'No problems found.'}`));
    if (r.findings.some((f) => f.severity === 'block')) blocked++;
    else if (r.findings.some((f) => f.severity === 'warn')) warned++;
    for (const f of r.findings) {
      const label = t(`severity.${f.severity}`, {}, lang).toUpperCase();
      lines.push(`  ${c(SEVERITY_COLOR[f.severity], `${SEVERITY_MARK[f.severity]} ${label}`)} [${f.rule}] ${lang === 'vi' ? f.message : f.messageEn}`);
      for (const cite of f.citations) lines.push(`      ${lang === 'vi' ? 'Căn cứ' : 'Source'}: ${cite}`);
      for (const e of f.evidence.slice(0, 3)) lines.push(`      ${e.where}: “${e.excerpt}”`);
    }
    lines.push('');
  }
  lines.push(
    lang === 'vi'
      ? `Chính sách: ${source}. Đã kiểm tra ${results.length} thư: ${blocked} bị chặn, ${warned} có cảnh báo.`
      : `Policy: ${source}. Checked ${results.length} message(s): ${blocked} blocked, ${warned} with warnings.`,
  );
  return lines.join('\n');
}

async function cmdCheck(args: string[], io: Io): Promise<number> {
  const { opts, rest } = parseArgs(args, ['policy', 'format', 'lang']);
  const format = oneOf('format', opts.format, ['json', 'text'], 'text');
  const lang = oneOf('lang', opts.lang, ['vi', 'en'], 'vi') as Locale;
  if (rest.length === 0) throw new UsageError('thiếu tệp .eml cần kiểm tra', 'no .eml file given');
  const { policy, source } = await loadPolicy(opts.policy);
  const results = await checkFiles(rest, policy);
  if (format === 'json') {
    const json = results.map((r) => ({
      file: r.file,
      findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, citations: f.citations, evidence: f.evidence })),
    }));
    io.out(JSON.stringify(json, null, 2));
    for (const r of results) for (const w of r.warnings) io.err(`${r.file}: ${w}`);
  } else {
    io.out(renderText(results, source, lang, io.color));
  }
  return results.some((r) => r.findings.some((f) => f.severity === 'block')) ? 1 : 0;
}

// ---- policy ----------------------------------------------------------------------------------

async function cmdPolicy(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    for (const id of PRESET_IDS) io.out(`${id}\t${resolvePolicy(id).name}`);
    return 0;
  }
  if (sub === 'validate') {
    const { rest: files } = parseArgs(rest, []);
    if (files.length !== 1) throw new UsageError('cần đúng một tệp chính sách: policy validate FILE', 'exactly one policy file expected: policy validate FILE');
    const v = validatePolicyText(await readText(files[0]));
    if (v.ok) {
      io.out(`✔ ${files[0]}: chính sách hợp lệ / valid policy (extends: ${v.policy.preset})`);
      return 0;
    }
    io.out(`✖ ${files[0]}: ${v.issues.length} lỗi / problem(s)`);
    for (const i of v.issues) io.out(`  ${i.path}: ${i.message_vi} / ${i.message_en}`);
    io.err(`Chính sách không hợp lệ: ${files[0]} / Invalid policy: ${files[0]}`);
    return 2;
  }
  if (sub === 'show') {
    const { rest: refs } = parseArgs(rest, []);
    if (refs.length !== 1) throw new UsageError('cần đúng một chính sách: policy show ID|FILE', 'exactly one policy expected: policy show ID|FILE');
    const { policy } = await loadPolicy(refs[0]);
    io.out(JSON.stringify(policy, null, 2));
    return 0;
  }
  if (sub === 'export') return cmdExport(rest, io);
  throw new UsageError(`lệnh con không hợp lệ "policy ${sub ?? ''}"; dùng validate, show, list hoặc export`, `unknown command "policy ${sub ?? ''}"; use validate, show, list or export`);
}

/** Admin kit (issue #6 item 5): enterprise policy files ready to deploy. */
async function cmdExport(args: string[], io: Io): Promise<number> {
  const { opts, rest } = parseArgs(args, ['target', 'policy', 'out', 'update-url', 'xpi-url', 'policy-url', 'forcelist-slot']);
  if (rest.length) throw new UsageError(`đối số thừa "${rest[0]}"`, `unexpected argument "${rest[0]}"`);
  const target = oneOf('target', opts.target, [...EXPORT_TARGETS], '') as ExportTarget;
  if (!target) throw new UsageError(`thiếu --target (${EXPORT_TARGETS.join(', ')})`, `missing --target (${EXPORT_TARGETS.join(', ')})`);
  if (!opts.policy) throw new UsageError('thiếu --policy ID|FILE', 'missing --policy ID|FILE');
  if (!opts.out) throw new UsageError('thiếu --out DIR (thư mục ghi tệp)', 'missing --out DIR (output folder)');
  for (const k of ['update-url', 'xpi-url', 'policy-url'])
    if (opts[k] !== undefined && !/^https:\/\/\S+$/i.test(opts[k]))
      throw new UsageError(`--${k} phải là địa chỉ https://`, `--${k} must be an https:// URL`);
  const slot = opts['forcelist-slot'] === undefined ? undefined : Number(opts['forcelist-slot']);
  if (slot !== undefined && !(Number.isInteger(slot) && slot >= 1 && slot <= 999))
    throw new UsageError('--forcelist-slot phải là số nguyên 1–999', '--forcelist-slot must be an integer 1–999');
  // The policy file as written (not the merged result): exports carry what the admin set.
  const { input } = await loadPolicy(opts.policy);
  const files = exportPolicy(target, input, { updateUrl: opts['update-url'], xpiUrl: opts['xpi-url'], policyUrl: opts['policy-url'], forcelistSlot: slot });
  for (const f of files) {
    const path = join(opts.out, f.path);
    try {
      await mkdir(dirname(path), { recursive: true });
      // regedit reads UTF-16LE with a BOM; Vietnamese text would be mangled in ANSI.
      await writeFile(path, f.path.endsWith('.reg') ? Buffer.from('\uFEFF' + f.content, 'utf16le') : f.content);
    } catch (e) {
      throw fileError(path, e);
    }
    io.out(`✔ ${path}  →  ${f.installTo}`);
  }
  return 0;
}

// ---- due ---------------------------------------------------------------------------------------

async function cmdDue(args: string[], io: Io): Promise<number> {
  const { opts, rest } = parseArgs(args, ['policy', 'received', 'format']);
  if (rest.length) throw new UsageError(`đối số thừa "${rest[0]}"`, `unexpected argument "${rest[0]}"`);
  const format = oneOf('format', opts.format, ['json', 'text'], 'text') as 'json' | 'text';
  if (!opts.received) throw new UsageError('thiếu --received (thời điểm nhận thư, ISO-8601)', 'missing --received (time of receipt, ISO-8601)');
  const { policy } = await loadPolicy(opts.policy);
  const { runDueCommand, isCalendarError } = await import('./calendar');
  let stdout: string;
  try {
    stdout = runDueCommand({ received: opts.received, format }, policy).stdout;
  } catch (e) {
    // The calendar's errors carry both halves: the user's input quoted in the Vietnamese half
    // may contain " / " itself, so the message cannot be split.
    if (isCalendarError(e)) throw new UsageError(e.message_vi, e.message_en);
    const msg = e instanceof Error ? e.message : String(e);
    // Anything else (e.g. formatIsoVn's RangeError) is split at its first " / ", as before.
    const cut = msg.indexOf(' / ');
    const [vi, en] = cut < 0 ? [msg, msg] : [msg.slice(0, cut), msg.slice(cut + 3)];
    throw new UsageError(vi, en);
  }
  io.out(stdout.replace(/\n$/, ''));
  return 0;
}

// ---- main --------------------------------------------------------------------------------------

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'check':
        return await cmdCheck(rest, io);
      case 'policy':
        return await cmdPolicy(rest, io);
      case 'due':
        return await cmdDue(rest, io);
      case undefined:
        throw new UsageError('thiếu lệnh; xem congvu-guard --help', 'missing command; see congvu-guard --help');
      case '-h':
      case '--help':
      case 'help':
        io.out(HELP);
        return 0;
      case '--version':
      case '-v':
        io.out('congvu-guard 0.1.0');
        return 0;
      default:
        throw new UsageError(`lệnh không hợp lệ "${cmd}"; xem congvu-guard --help`, `unknown command "${cmd}"; see congvu-guard --help`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`Lỗi: ${e.vi} / Error: ${e.en}`);
      return 2;
    }
    // Anything else is our bug: still one line, no stack trace for the admin.
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`Lỗi nội bộ: ${msg} / Internal error: ${msg}`);
    return 2;
  }
}
