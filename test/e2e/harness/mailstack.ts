/**
 * A private, throw-away mail stack for the end-to-end tests:
 *   Postfix (SMTP, loopback only)  ->  Dovecot LMTP  ->  Maildir  <-  Dovecot IMAP  <-  Roundcube 1.6 (php -S)
 *
 * Every config file, socket, queue, mailbox and log lives in one directory under the repo's
 * `.e2e-tmp/` (gitignored), on random free loopback ports, so several stacks (and the system's
 * own, never-started services) do not collide. Needs root: Dovecot and Postfix switch users.
 * Packages come from test/e2e/install.sh. Facts behind the choices: /work/shared/E2E-NOTES.md.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import {
  mkdirSync, mkdtempSync, writeFileSync, readFileSync, readdirSync, statSync, existsSync,
  chownSync, chmodSync, symlinkSync, renameSync, rmSync, openSync, closeSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import PostalMime from 'postal-mime';

const execFileP = promisify(execFile);

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const E2E_TMP = join(REPO_ROOT, '.e2e-tmp');

/** Same password for every test user; it satisfies the password-policy rule on purpose. */
export const E2E_PASSWORD = 'Matkhau@2026';

/** The test users. `*Unit` are unit (shared) mailboxes in the sense of REQUIREMENTS.md §4. */
export const E2E_USERS = {
  sender: 'nguoigui@mic.gov.vn',
  recipient: 'nguoinhan@mic.gov.vn',
  micUnit: 'vanthu@mic.gov.vn',
  qnRecipient: 'nguoinhan@quangngai.gov.vn',
  qnUnit: 'ubnd@quangngai.gov.vn',
} as const;

export const E2E_DOMAINS = [
  'mic.gov.vn', 'quangngai.gov.vn', 'cantho.gov.vn', 'binhphuoc.gov.vn', 'tphcm.gov.vn',
] as const;

/**
 * Public mail providers (REQUIREMENTS.md personal-sender / public-recipient). Mail to them never
 * leaves the machine: Postfix rewrites every address there to this local sink mailbox, so a
 * test can still prove that such a mail was (or was not) sent.
 */
export const E2E_PUBLIC_DOMAINS = ['gmail.com', 'yahoo.com', 'yahoo.com.vn', 'hotmail.com', 'outlook.com', 'icloud.com'] as const;
export const E2E_PUBLIC_SINK = 'ngoai@outside.test';

/** Dovecot stores mail as this uid/gid (install.sh creates `vmail` with both = 5000). */
const VMAIL_ID = 5000;
/** Roundcube refuses bigger messages with its own error; Postfix allows more so Roundcube is the limit. */
const ROUNDCUBE_MAX_MESSAGE = '64M';
const POSTFIX_MESSAGE_SIZE_LIMIT = 100 * 1024 * 1024;

export interface StoredMessage {
  subject: string;
  from: string;
  to: string[];
  cc: string[];
  /** Plain-text body (the text part, or the HTML part's text when there is no text part). */
  body: string;
  html?: string;
  attachments: { filename: string | null; mimeType: string; size: number; sha256: string }[];
  /** The message exactly as stored (UTF-8 decoded; 8-bit headers stay readable). */
  raw: string;
  /** IMAP system flags taken from the Maildir file name, e.g. ['\\Answered', '\\Seen']. */
  flags: string[];
  /** Path of the Maildir file. */
  file: string;
}

export interface SeedOptions {
  answered?: boolean;
  seen?: boolean;
  flagged?: boolean;
}

export interface StartOptions {
  /** Roundcube UI language (default en_US; the extension must not depend on it). */
  language?: string;
  /** Extra `$config[...]` entries for Roundcube, as PHP literals keyed by option name. */
  roundcubeConfig?: Record<string, string>;
}

export interface MailStack {
  /** e.g. http://127.0.0.1:41234/ */
  roundcubeUrl: string;
  /** Origin of roundcubeUrl, for "no request left the webmail" assertions. */
  roundcubeOrigin: string;
  /**
   * Roundcube under another host name, e.g. urlFor('mail.mic.gov.vn') -> http://mail.mic.gov.vn:PORT/
   * (the extension only runs on *.gov.vn webmail hosts). Needs launchBrowser({ hostResolverRules:
   * 'MAP mail.mic.gov.vn 127.0.0.1' }); php -S ignores the Host header.
   */
  urlFor(host: string): string;
  ports: { http: number; imap: number; lmtp: number; smtp: number };
  /** Every test user's address and (initial) password (E2E_USERS plus E2E_PUBLIC_SINK). */
  users: { address: string; password: string }[];
  /** The stack's private directory under .e2e-tmp/. */
  dir: string;
  /** Dovecot passwd-file that Roundcube's password plugin rewrites. */
  passwdFile: string;
  messages(user: string, folder?: string): Promise<StoredMessage[]>;
  waitForDelivery(
    user: string,
    predicate: (m: StoredMessage) => boolean,
    timeoutMs?: number,
    folder?: string,
  ): Promise<StoredMessage>;
  seedMessage(user: string, folder: string, rawEml: string | Buffer, opts?: SeedOptions): Promise<string>;
  clear(user: string): Promise<void>;
  /** Does Dovecot accept this password now? (For the change-password tests.) */
  checkLogin(user: string, password: string): Promise<boolean>;
  /** Last lines of every server log, to attach to a failure message. */
  logs(lines?: number): string;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Processes: each server runs in its own process group (spawn detached = setsid) so that stop()
// also ends workers the server forked (php -S workers keep listening if only the parent dies).

interface Proc {
  name: string;
  child: ChildProcess;
  /** Process groups to end: the spawned one, plus any a daemon made with its own setsid(). */
  pgids: number[];
}

const live = new Set<Proc>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a test run dies without calling stop(); process.kill is synchronous.
  process.on('exit', () => {
    for (const p of live) for (const g of p.pgids) killGroup(g, 'SIGKILL');
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try { process.kill(-pgid, signal); } catch { /* already gone */ }
}

/** Live (non-zombie) members of a process group. kill(-pgid, 0) would count zombies too. */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try { stat = readFileSync(`/proc/${name}/stat`, 'utf8'); } catch { continue; }
    // "pid (comm) state ppid pgrp ..." — comm may contain spaces, so split after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (f[0] !== 'Z' && Number(f[2]) === pgid) out.push(Number(name));
  }
  return out;
}

async function stopProc(p: Proc, graceMs = 5000): Promise<void> {
  // The daemon's own group first (Postfix master), then the wrapper that waits for it, so each
  // parent is still there to reap its children.
  for (const g of [...p.pgids].reverse()) {
    killGroup(g, 'SIGTERM');
    const until = Date.now() + graceMs;
    while (groupMembers(g).length > 0 && Date.now() < until) await sleep(50);
    if (groupMembers(g).length > 0) {
      killGroup(g, 'SIGKILL');
      while (groupMembers(g).length > 0 && Date.now() < until + 2000) await sleep(50);
    }
  }
  live.delete(p);
  const left = p.pgids.filter((g) => groupMembers(g).length > 0);
  if (left.length) throw new Error(`e2e: ${p.name} (process groups ${left.join(', ')}) survived SIGKILL`);
}

function startProc(name: string, cmd: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv): Proc {
  const fd = openSync(logFile, 'a');
  // detached = setsid(): the server and every worker it forks share one new process group.
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env: env ?? process.env });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`e2e: could not start ${name} (${cmd})`);
  const p: Proc = { name, child, pgids: [child.pid] };
  live.add(p);
  installExitHook();
  return p;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

async function waitForPort(port: number, what: string, proc: Proc, logFile: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null) {
      throw new Error(`e2e: ${what} exited with code ${proc.child.exitCode} before listening on ${port}.\n${tail(logFile, 30)}`);
    }
    const ok = await new Promise<boolean>((r) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); r(true); });
      s.once('error', () => r(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`e2e: ${what} did not listen on 127.0.0.1:${port} within ${timeoutMs} ms.\n${tail(logFile, 30)}`);
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return `(${file}: no log)`;
  const all = readFileSync(file, 'utf8').trimEnd().split('\n');
  return `--- ${file} (last ${lines} lines) ---\n` + all.slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Stale stacks: a run killed hard (SIGKILL, crashed vitest worker) leaves its servers running.
// Each stack records its owner's pid and its servers' process groups; at the next start we end
// the groups of stacks whose owner is gone — and only after checking that the group leader's
// command line or environment still names that stack's directory, so a recycled pid is never hit.

function recordPgids(dir: string, procs: Proc[]): void {
  writeFileSync(join(dir, 'pids.json'), JSON.stringify({ owner: process.pid, pgids: procs.flatMap((p) => p.pgids) }));
}

function pidAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

export function reapStaleStacks(): void {
  if (!existsSync(E2E_TMP)) return;
  for (const name of readdirSync(E2E_TMP)) {
    const dir = join(E2E_TMP, name);
    const file = join(dir, 'pids.json');
    if (!existsSync(file)) continue;
    let info: { owner: number; pgids: number[] };
    try { info = JSON.parse(readFileSync(file, 'utf8')); } catch { continue; }
    if (pidAlive(info.owner)) continue; // a live run (maybe another engineer's) owns it
    for (const pgid of info.pgids) {
      // Every server gets the stack's path on its command line or in its environment
      // (Postfix's master only keeps MAIL_CONFIG, which is under the stack's directory).
      let ident = '';
      try {
        ident = readFileSync(`/proc/${pgid}/cmdline`, 'utf8') + readFileSync(`/proc/${pgid}/environ`, 'utf8');
      } catch { continue; }
      if (ident.includes(dir)) killGroup(pgid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Config files.

function dovecotConf(d: StackDirs, ports: MailStack['ports']): string {
  return `# Generated by test/e2e/harness/mailstack.ts — a private Dovecot, not the system one.
instance_name = cvg-e2e-${ports.imap}
base_dir = ${d.dovecotRun}
state_dir = ${d.dovecotState}
log_path = ${d.dovecotLog}
info_log_path = ${d.dovecotLog}
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
# Roundcube logs in over plain IMAP on loopback.
disable_plaintext_auth = no
auth_mechanisms = plain login
# Re-read on every login so a password changed by Roundcube's plugin applies at once.
auth_cache_size = 0
# Wrong-password tests (and polling checkLogin) would otherwise wait 2 s per failure, and
# anvil's per-IP "auth penalty" grows that up to 15 s; mode 0 on its socket turns it off.
auth_failure_delay = 0
mail_uid = ${VMAIL_ID}
mail_gid = ${VMAIL_ID}
first_valid_uid = ${VMAIL_ID}
last_valid_uid = ${VMAIL_ID}
mail_location = maildir:~/Maildir
postmaster_address = postmaster@mic.gov.vn
passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT username_format=%u ${d.passwd}
}
userdb {
  driver = passwd-file
  args = username_format=%u ${d.passwd}
  default_fields = uid=${VMAIL_ID} gid=${VMAIL_ID} home=${d.mail}/%d/%n
}
namespace inbox {
  inbox = yes
  separator = /
  # Multi-line blocks only: a one-line mailbox { ... } is a syntax error in Dovecot 2.3.
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${ports.imap}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${ports.lmtp}
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service doveadm {
  inet_listener {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
`;
}

function postfixMain(d: StackDirs, ports: MailStack['ports']): string {
  return `# Generated by test/e2e/harness/mailstack.ts — a private Postfix that can only deliver locally.
compatibility_level = 3.6
config_directory = ${d.postfix}
queue_directory = ${d.postfixQueue}
data_directory = ${d.postfixData}
# Debian's postfix-files (used by "postfix check" to create the queue) lives here.
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = e2e.mic.gov.vn
mydomain = e2e.mic.gov.vn
myorigin = $myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
virtual_mailbox_domains = ${E2E_DOMAINS.join(' ')} outside.test
virtual_mailbox_maps = texthash:${d.postfix}/vmailbox
virtual_alias_domains = ${E2E_PUBLIC_DOMAINS.join(' ')}
virtual_alias_maps = texthash:${d.postfix}/valias
virtual_transport = lmtp:inet:127.0.0.1:${ports.lmtp}
# Nothing may leave the machine: every non-virtual destination is an error.
default_transport = error:e2e stack delivers to its own domains only
relay_transport = error:e2e stack delivers to its own domains only
local_transport = error:e2e stack delivers to its own domains only
alias_maps =
alias_database =
message_size_limit = ${POSTFIX_MESSAGE_SIZE_LIMIT}
mailbox_size_limit = 0
virtual_mailbox_limit = 0
smtputf8_enable = yes
biff = no
append_dot_mydomain = no
delay_warning_time = 0
# Tests want an answer quickly: do not sit on a failed delivery.
queue_run_delay = 2s
minimal_backoff_time = 2s
maximal_backoff_time = 4s
maillog_file = ${d.postfixLog}
maillog_file_prefixes = ${d.root}
`;
}

// chroot = n everywhere: the services must reach the stack's directory and 127.0.0.1.
function postfixMaster(ports: MailStack['ports']): string {
  return `# service type  private unpriv  chroot  wakeup  maxproc command
127.0.0.1:${ports.smtp} inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
`;
}

function roundcubeConf(d: StackDirs, ports: MailStack['ports'], opts: StartOptions): string {
  const extra = Object.entries(opts.roundcubeConfig ?? {})
    .map(([k, v]) => `$config[${JSON.stringify(k)}] = ${v};`).join('\n');
  return `<?php
// Generated by test/e2e/harness/mailstack.ts. Loaded via ROUNDCUBE_CONFIG_DIR, on top of
// Debian's defaults.inc.php (symlinked beside this file).
$config = [];
$config['db_dsnw'] = 'sqlite:///${d.roundcube}/roundcube.sqlite?mode=0640';
$config['imap_host'] = '127.0.0.1:${ports.imap}';
// Postfix trusts 127.0.0.0/8 and has no SASL: log in to IMAP only.
$config['smtp_host'] = '127.0.0.1:${ports.smtp}';
$config['smtp_user'] = '';
$config['smtp_pass'] = '';
$config['des_key'] = '${randomBytes(12).toString('hex')}';
$config['skin'] = 'elastic';
$config['language'] = '${opts.language ?? 'en_US'}';
$config['plugins'] = ['password'];
$config['temp_dir'] = '${d.roundcube}/temp/';
$config['log_dir'] = '${d.roundcube}/logs/';
$config['enable_spellcheck'] = false;
$config['support_url'] = '';
// Tests log in many times a minute.
$config['login_rate_limit'] = 0;
$config['session_lifetime'] = 120;
$config['max_message_size'] = '${ROUNDCUBE_MAX_MESSAGE}';
$config['create_default_folders'] = true;

// Change-password form (REQUIREMENTS.md §3 password-policy). The driver rewrites Dovecot's
// passwd-file in place, so a changed password really is the one IMAP accepts afterwards.
// Roundcube's own strength checks are off on purpose: the product, not the webmail, is what
// the tests exercise, and the control run must show that the bare webmail accepts weak ones.
$config['password_driver'] = 'dovecot_passwdfile';
$config['password_dovecot_passwdfile_path'] = '${d.passwd}';
$config['password_algorithm'] = 'sha512-crypt';
$config['password_algorithm_prefix'] = '{SHA512-CRYPT}';
$config['password_confirm_current'] = true;
$config['password_minimum_length'] = 1;
$config['password_minimum_score'] = 0;
$config['password_require_nonalpha'] = false;
$config['password_log'] = true;
${extra}
`;
}

interface StackDirs {
  root: string;
  dovecot: string; dovecotRun: string; dovecotState: string; dovecotLog: string;
  passwd: string; mail: string;
  postfix: string; postfixQueue: string; postfixData: string; postfixLog: string; postfixOut: string;
  roundcube: string; roundcubeLog: string;
}

function layout(root: string): StackDirs {
  // Unix socket paths are limited to 108 bytes; Dovecot's run dir holds the longest names
  // (e.g. login/imap-urlauth-worker). A deep checkout would overflow, so move it to /tmp then.
  const dovecotRun = root.length > 60 ? mkdtempSync('/tmp/cvg-dr-') : join(root, 'dr');
  return {
    root,
    dovecot: join(root, 'dovecot'),
    dovecotRun,
    dovecotState: join(root, 'dovecot', 'state'),
    dovecotLog: join(root, 'dovecot', 'dovecot.log'),
    passwd: join(root, 'dovecot', 'users'),
    mail: join(root, 'mail'),
    // Postfix wants everything under its config directory owned by root, and its queue and
    // data directories owned by postfix: keep them apart.
    postfix: join(root, 'postfix', 'etc'),
    postfixQueue: join(root, 'postfix', 'queue'),
    postfixData: join(root, 'postfix', 'data'),
    postfixLog: join(root, 'postfix', 'maillog'),
    postfixOut: join(root, 'postfix', 'master.out'),
    roundcube: join(root, 'roundcube'),
    roundcubeLog: join(root, 'roundcube', 'php-server.log'),
  };
}

// ---------------------------------------------------------------------------------------------

async function run(cmd: string, args: string[], what: string, input?: string | Buffer): Promise<string> {
  try {
    if (input === undefined) {
      const { stdout } = await execFileP(cmd, args, { timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
      return stdout;
    }
    return await new Promise<string>((res, rej) => {
      const child = execFile(cmd, args, { timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) rej(Object.assign(err, { stderr })); else res(stdout);
      });
      child.stdin!.end(input);
    });
  } catch (e) {
    const err = e as Error & { stderr?: string };
    throw new Error(`e2e: ${what} failed: ${cmd} ${args.join(' ')}\n${err.stderr ?? err.message}`);
  }
}

async function idOf(user: string): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('/usr/bin/id', ['-u', user], `id -u ${user}`)).trim());
  const gid = Number((await run('/usr/bin/id', ['-g', user], `id -g ${user}`)).trim());
  return { uid, gid };
}

function assertPrerequisites(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('e2e: the mail stack needs root (Dovecot and Postfix switch users). Run as root.');
  }
  const needed = ['/usr/sbin/dovecot', '/usr/bin/doveadm', '/usr/sbin/postfix', '/usr/bin/php',
    '/usr/share/roundcube/index.php', '/usr/share/roundcube/plugins/password/drivers/dovecot_passwdfile.php'];
  const missing = needed.filter((f) => !existsSync(f));
  if (missing.length) {
    throw new Error(`e2e: missing ${missing.join(', ')} — run test/e2e/install.sh as root first.`);
  }
}

export async function startMailStack(opts: StartOptions = {}): Promise<MailStack> {
  assertPrerequisites();
  mkdirSync(E2E_TMP, { recursive: true });
  reapStaleStacks();
  const root = mkdtempSync(join(E2E_TMP, 's-'));
  // Dovecot's unprivileged processes (dovecot, vmail) must traverse the path.
  chmodSync(root, 0o755);
  const d = layout(root);
  for (const dir of [d.dovecot, d.dovecotRun, d.dovecotState, d.postfix, d.postfixQueue, d.postfixData,
    join(d.roundcube, 'temp'), join(d.roundcube, 'logs')]) {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
  }
  mkdirSync(d.mail, { mode: 0o755 });
  chownSync(d.mail, VMAIL_ID, VMAIL_ID);
  const postfixUser = await idOf('postfix');
  chownSync(d.postfixData, postfixUser.uid, postfixUser.gid);

  const ports = { http: await freePort(), imap: await freePort(), lmtp: await freePort(), smtp: await freePort() };
  const addresses: string[] = [...Object.values(E2E_USERS), E2E_PUBLIC_SINK];
  const procs: Proc[] = [];

  const stopAll = async () => {
    // Reverse start order: the web front first, the store last.
    for (const p of [...procs].reverse()) await stopProc(p);
    procs.length = 0;
    if (!d.dovecotRun.startsWith(root)) rmSync(d.dovecotRun, { recursive: true, force: true });
  };

  try {
    // Dovecot ------------------------------------------------------------------------------
    const hash = (await run('/usr/bin/doveadm', ['pw', '-s', 'SHA512-CRYPT', '-p', E2E_PASSWORD], 'doveadm pw')).trim();
    writeFileSync(d.passwd, addresses.map((a) => `${a}:${hash}::::::`).join('\n') + '\n', { mode: 0o644 });
    const dovecotConfPath = join(d.dovecot, 'dovecot.conf');
    writeFileSync(dovecotConfPath, dovecotConf(d, ports));
    await run('/usr/bin/doveconf', ['-c', dovecotConfPath, '-n'], 'Dovecot config check');
    const dovecot = startProc('dovecot', '/usr/sbin/dovecot', ['-F', '-c', dovecotConfPath], join(d.dovecot, 'master.out'));
    procs.push(dovecot);
    recordPgids(root, procs);
    await waitForPort(ports.imap, 'Dovecot IMAP', dovecot, d.dovecotLog);
    await waitForPort(ports.lmtp, 'Dovecot LMTP', dovecot, d.dovecotLog);

    // Postfix ------------------------------------------------------------------------------
    writeFileSync(join(d.postfix, 'main.cf'), postfixMain(d, ports));
    writeFileSync(join(d.postfix, 'master.cf'), postfixMaster(ports));
    writeFileSync(join(d.postfix, 'vmailbox'), addresses.map((a) => `${a} ok`).join('\n') + '\n');
    writeFileSync(join(d.postfix, 'valias'), E2E_PUBLIC_DOMAINS.map((dom) => `@${dom} ${E2E_PUBLIC_SINK}`).join('\n') + '\n');
    // `check` creates the queue directories with the ownership Postfix insists on.
    await run('/usr/sbin/postfix', ['-c', d.postfix, 'check'], 'postfix check');
    const postfix = startProc('postfix', '/usr/sbin/postfix', ['-c', d.postfix, 'start-fg'], d.postfixOut);
    procs.push(postfix);
    recordPgids(root, procs);
    await waitForPort(ports.smtp, 'Postfix SMTP', postfix, d.postfixLog);
    // "start-fg" runs master as a child of a shell, and master calls setsid(): track its group.
    const masterPid = Number(readFileSync(join(d.postfixQueue, 'pid', 'master.pid'), 'utf8').trim());
    if (masterPid > 0) postfix.pgids.push(masterPid);
    recordPgids(root, procs);

    // Roundcube ----------------------------------------------------------------------------
    const rcConf = join(d.roundcube, 'config');
    mkdirSync(rcConf);
    symlinkSync('/etc/roundcube/defaults.inc.php', join(rcConf, 'defaults.inc.php'));
    symlinkSync('/etc/roundcube/mimetypes.php', join(rcConf, 'mimetypes.php'));
    writeFileSync(join(rcConf, 'config.inc.php'), roundcubeConf(d, ports, opts));
    const php = startProc('roundcube', '/usr/bin/php', [
      '-d', 'upload_max_filesize=64M', '-d', 'post_max_size=72M', '-d', 'memory_limit=512M',
      '-d', 'max_execution_time=300', '-d', 'date.timezone=Asia/Ho_Chi_Minh',
      '-d', `error_log=${join(d.roundcube, 'logs', 'php-errors.log')}`, '-d', 'log_errors=1', '-d', 'display_errors=0',
      '-S', `127.0.0.1:${ports.http}`, '-t', '/var/lib/roundcube/public_html',
    ], d.roundcubeLog, {
      ...process.env,
      ROUNDCUBE_CONFIG_DIR: rcConf,
      // Roundcube fires requests in parallel (keep-alive, upload, list); one worker would
      // serialise them behind a 26 MiB upload.
      PHP_CLI_SERVER_WORKERS: '4',
    });
    procs.push(php);
    recordPgids(root, procs);
    await waitForPort(ports.http, 'Roundcube (php -S)', php, d.roundcubeLog);
  } catch (e) {
    await stopAll();
    throw e;
  }

  const roundcubeUrl = `http://127.0.0.1:${ports.http}/`;
  const doveConf = join(d.dovecot, 'dovecot.conf');
  const doveadm = (args: string[], what: string, input?: string | Buffer) =>
    run('/usr/bin/doveadm', ['-c', doveConf, ...args], what, input);

  // Ask Dovecot where a folder lives: Maildir++ names are modified UTF-7 ("Lưu trữ" is
  // ".L&AbA-u tr&Hu8-"), and the answer does not depend on the folder existing yet.
  const pathCache = new Map<string, string>();
  const folderDir = async (user: string, folder: string): Promise<string> => {
    const key = `${user}\0${folder}`;
    let dir = pathCache.get(key);
    if (!dir) {
      dir = (await doveadm(['mailbox', 'path', '-u', user, folder], 'doveadm mailbox path')).trim();
      pathCache.set(key, dir);
    }
    return dir;
  };

  const messages = async (user: string, folder = 'INBOX'): Promise<StoredMessage[]> => {
    const dir = await folderDir(user, folder);
    // Dovecot renames files while we read (new/ -> cur/, flag changes in the name): a file
    // that vanished between readdir and read means "scan again", never "message missing".
    for (let attempt = 0; ; attempt++) {
      const files: { path: string; info: string; mtime: number; name: string }[] = [];
      let vanished = false;
      for (const sub of ['new', 'cur']) {
        const sd = join(dir, sub);
        if (!existsSync(sd)) continue;
        for (const name of readdirSync(sd)) {
          const path = join(sd, name);
          let mtime = 0;
          try { mtime = statSync(path).mtimeMs; } catch { vanished = true; continue; }
          files.push({ path, name, mtime, info: name.includes(':2,') ? name.slice(name.indexOf(':2,') + 3) : '' });
        }
      }
      // Delivery order: Maildir names start with the delivery time in seconds; mtime breaks ties.
      files.sort((x, y) => x.mtime - y.mtime || x.name.localeCompare(y.name));
      const bufs: Buffer[] = [];
      for (const f of files) {
        try { bufs.push(readFileSync(f.path)); } catch { vanished = true; break; }
      }
      if (vanished && attempt < 5) { await sleep(20); continue; }
      const out: StoredMessage[] = [];
      for (let i = 0; i < bufs.length; i++) out.push(await parseStored(bufs[i], files[i].path, files[i].info));
      return out;
    }
  };

  const stack: MailStack = {
    roundcubeUrl,
    roundcubeOrigin: new URL(roundcubeUrl).origin,
    urlFor: (host) => `http://${host}:${ports.http}/`,
    ports,
    users: addresses.map((address) => ({ address, password: E2E_PASSWORD })),
    dir: root,
    passwdFile: d.passwd,
    messages,

    async waitForDelivery(user, predicate, timeoutMs = 15_000, folder = 'INBOX') {
      const until = Date.now() + timeoutMs;
      let seen: StoredMessage[] = [];
      for (;;) {
        seen = await messages(user, folder);
        const hit = seen.find(predicate);
        if (hit) return hit;
        if (Date.now() > until) break;
        await sleep(200);
      }
      throw new Error(
        `e2e: no matching message for ${user}/${folder} within ${timeoutMs} ms; the mailbox holds ` +
        `${seen.length}: ${JSON.stringify(seen.map((m) => m.subject))}\n` + tail(d.postfixLog, 15),
      );
    },

    async seedMessage(user, folder, rawEml, o = {}) {
      // Let Dovecot create the mailbox (right owner, subscription), then drop the file into
      // cur/ with the flags in its name — the one way to seed \Answered without an IMAP client.
      if (folder.toUpperCase() === 'INBOX') {
        await doveadm(['mailbox', 'status', '-u', user, 'messages', 'INBOX'], 'doveadm mailbox status');
      } else if (!existsSync(await folderDir(user, folder))) {
        await doveadm(['mailbox', 'create', '-s', '-u', user, folder], 'doveadm mailbox create');
      }
      const dir = await folderDir(user, folder);
      // Maildir files hold LF line ends (as LMTP delivery writes them); S= is the file size.
      const body = typeof rawEml === 'string' ? Buffer.from(rawEml.replace(/\r\n/g, '\n')) : rawEml;
      const flags = (o.flagged ? 'F' : '') + (o.answered ? 'R' : '') + (o.seen ? 'S' : ''); // must be sorted
      const base = `${Math.floor(Date.now() / 1000)}.M${randomBytes(6).toString('hex')}P${process.pid}.e2e,S=${body.length}`;
      const tmp = join(dir, 'tmp', base);
      writeFileSync(tmp, body, { mode: 0o600 });
      chownSync(tmp, VMAIL_ID, VMAIL_ID);
      const final = join(dir, 'cur', `${base}:2,${flags}`);
      renameSync(tmp, final);
      return final;
    },

    async clear(user) {
      await doveadm(['expunge', '-u', user, 'mailbox', '*', 'all'], 'doveadm expunge');
    },

    async checkLogin(user, password) {
      try {
        await doveadm(['auth', 'test', user, password], 'doveadm auth test');
        return true;
      } catch {
        return false;
      }
    },

    logs(lines = 20) {
      return [d.postfixLog, d.postfixOut, d.dovecotLog, d.roundcubeLog,
        join(d.roundcube, 'logs', 'errors.log'), join(d.roundcube, 'logs', 'php-errors.log')]
        .filter(existsSync).map((f) => tail(f, lines)).join('\n');
    },

    async stop() {
      await stopAll();
      // Keep the directory (logs, mailboxes) for post-mortems when asked to; otherwise tidy up.
      if (!process.env.E2E_KEEP_TMP) rmSync(root, { recursive: true, force: true });
      else rmSync(join(root, 'pids.json'), { force: true });
    },
  };
  return stack;
}

const FLAG_NAMES: Record<string, string> = {
  D: '\\Draft', F: '\\Flagged', P: '$Forwarded', R: '\\Answered', S: '\\Seen', T: '\\Deleted',
};

async function parseStored(buf: Buffer, file: string, info: string): Promise<StoredMessage> {
  const mail = await PostalMime.parse(buf);
  const addr = (a: { address?: string; name?: string } | undefined) => a?.address ?? a?.name ?? '';
  const list = (xs: { address?: string; name?: string; group?: { address?: string }[] }[] | undefined) =>
    (xs ?? []).flatMap((x) => (x.group ? x.group.map((g) => g.address ?? '') : [addr(x)]));
  return {
    subject: mail.subject ?? '',
    from: addr(mail.from as { address?: string } | undefined),
    to: list(mail.to as never),
    cc: list(mail.cc as never),
    body: (mail.text ?? (mail.html ? mail.html.replace(/<[^>]+>/g, ' ') : '')).replace(/\r\n/g, '\n'),
    html: mail.html,
    attachments: mail.attachments.map((a) => {
      const bytes = typeof a.content === 'string' ? Buffer.from(a.content) : Buffer.from(a.content as ArrayBuffer);
      return {
        filename: a.filename,
        mimeType: a.mimeType,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
    }),
    raw: buf.toString('utf8'),
    flags: [...info].map((c) => FLAG_NAMES[c]).filter((x): x is string => !!x),
    file,
  };
}
