/**
 * Debian's Chromium driven by playwright-core, optionally with the unpacked extension loaded,
 * recording every request the browser makes; plus helpers that drive Roundcube 1.6 (elastic
 * skin) the way a user does. Selectors below were read off the running Roundcube 1.6.5
 * (Debian bookworm), not guessed: keep them in the ROUNDCUBE object.
 */
import { chromium, type BrowserContext, type Frame, type Page, type Request, type Worker } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { E2E_TMP } from './mailstack.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Roundcube 1.6 elastic markup the helpers (and tests) rely on. */
export const ROUNDCUBE = {
  loginUser: '#rcmloginuser',
  loginPassword: '#rcmloginpwd',
  loginSubmit: '#rcmloginsubmit',
  /** Server messages ("Message sent successfully.", "Login failed.", SMTP errors). */
  messageStack: '#messagestack',
  /** Sidebar "Compose" (#taskmenu); a hidden twin sits in the list toolbar. */
  composeButton: '#taskmenu a.compose',
  messageList: '#messagelist',
  /**
   * Recipients: elastic hides the real <textarea name="_to" id="_to"> off-screen and shows a
   * <ul class="recipient-input"> widget whose <input> turns typed text into <li class="recipient">
   * boxes on "," / ";" / space / Enter / change, mirroring them into the textarea.
   */
  toField: '#_to',
  ccField: '#_cc',
  bccField: '#_bcc',
  toInput: '#compose_to .recipient-input input',
  ccInput: '#compose_cc .recipient-input input',
  bccInput: '#compose_bcc .recipient-input input',
  /** Cc/Bcc rows are hidden until "Add recipient (header)" opens them. */
  addHeaderMenu: '#compose_to a[data-popup="headers-menu"]',
  headersMenu: '#headers-menu',
  subject: '#compose-subject',
  /** Plain-text body; with the HTML editor on, TinyMCE hides it behind #composebody_ifr. */
  body: '#composebody',
  bodyHtmlFrame: '#composebody_ifr',
  /** The send button below the form: onclick="return rcmail.command('send','',this,event)". */
  sendButton: '.formbuttons button.send',
  /** Hidden file input of the upload form; its onchange runs rcmail.command('send-attachment'). */
  fileInput: '#uploadformInput',
  attachmentList: '#attachment-list',
  /** A finished upload is <li id="rcmfile…"> with <span class="attachment-name">; in progress <li class="uploading">. */
  attachmentDone: '#attachment-list li[id^="rcmfile"]',
  attachmentUploading: '#attachment-list li.uploading',
  /** Settings > Password (plugin "password"); see openChangePassword for where the form loads. */
  settingsButton: '#taskmenu a.settings',
  passwordSection: '#settings-menu a.password',
  preferencesFrame: '#preferences-frame',
  currentPassword: '#curpasswd',
  newPassword: '#newpasswd',
  confirmPassword: '#confpasswd',
  /** onclick="return rcmail.command('plugin.password-save',...)" */
  passwordSave: '.formbuttons button.submit',
} as const;

export interface LaunchOptions {
  /** Unpacked extension directory (e.g. .output/chrome-mv3). */
  extensionPath?: string;
  /** Passed as --host-resolver-rules, e.g. "MAP mail.mic.gov.vn 127.0.0.1". */
  hostResolverRules?: string;
  /** Profile directory; default a fresh one under .e2e-tmp/, removed on close(). */
  userDataDir?: string;
  /** How long to wait for the extension's service worker (default 15 s). */
  extensionTimeoutMs?: number;
  /** UI language sent by the browser (default vi-VN, as at an agency). */
  locale?: string;
  /** Default Asia/Ho_Chi_Minh: Roundcube shows times in the zone the browser reports at login. */
  timezoneId?: string;
}

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  /** Where it came from: a page/frame, or a (extension) service worker. */
  source: 'page' | 'service-worker';
  /** For small url-encoded POSTs only (Roundcube's send form), to tell actions apart. */
  postData?: string;
}

export interface E2EBrowser {
  context: BrowserContext;
  /** The first tab. */
  page: Page;
  /** Set when an extension was loaded: its id and its MV3 service worker. */
  extensionId?: string;
  /** The extension's live service worker (falls back to the first one seen). */
  serviceWorker?: Worker;
  /** The live service worker, started again first if Chromium stopped it (idle timeout). */
  worker(): Promise<Worker>;
  /**
   * Evaluate in the live service worker, bounded: a handle to a worker Chromium just stopped never
   * answers, so after `ms` it is tried once more on a freshly woken worker, then fails naming `what`.
   */
  inWorker<R, A = undefined>(what: string, fn: (arg: A) => R | Promise<R>, arg?: A, ms?: number): Promise<R>;
  /** Every request seen so far, in order. */
  requests: RecordedRequest[];
  /**
   * Requests whose origin is none of `allowedOrigins` (plus the extension's own
   * chrome-extension:// origin and data:/blob:/about: URLs, which never leave the machine).
   */
  requestsOutside(allowedOrigins: string[]): RecordedRequest[];
  close(): Promise<void>;
}

export async function launchBrowser(opts: LaunchOptions = {}): Promise<E2EBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`e2e: ${CHROMIUM} not found — run test/e2e/install.sh (Chromium comes from Debian only).`);
  }
  mkdirSync(E2E_TMP, { recursive: true });
  const ownProfile = !opts.userDataDir;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(E2E_TMP, 'profile-'));

  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic',
  ];
  if (opts.extensionPath) {
    if (!existsSync(join(opts.extensionPath, 'manifest.json'))) {
      throw new Error(`e2e: no manifest.json in ${opts.extensionPath} — build the extension first (npm run build:ext).`);
    }
    args.push(`--disable-extensions-except=${opts.extensionPath}`, `--load-extension=${opts.extensionPath}`);
  }
  if (opts.hostResolverRules) args.push(`--host-resolver-rules=${opts.hostResolverRules}`);

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    // Chromium ≥ 132 has only the "new" headless mode, which runs extensions; playwright's
    // plain --headless selects it.
    headless: true,
    args,
    // Playwright adds --disable-extensions by default; it must go when we load one.
    ignoreDefaultArgs: opts.extensionPath ? ['--disable-extensions'] : undefined,
    locale: opts.locale ?? 'vi-VN',
    timezoneId: opts.timezoneId ?? 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });

  const requests: RecordedRequest[] = [];
  // Context-level events cover every page and frame and, in Chromium, service workers too
  // (request.serviceWorker() is set for those).
  const onRequest = (r: Request) => {
    const rec: RecordedRequest = {
      url: r.url(),
      method: r.method(),
      resourceType: r.resourceType(),
      source: r.serviceWorker() ? 'service-worker' : 'page',
    };
    const type = r.headers()['content-type'] ?? '';
    if (r.method() === 'POST' && type.includes('x-www-form-urlencoded')) {
      // Keep test logs free of passwords (login and change-password forms).
      rec.postData = (r.postData() ?? '').slice(0, 4096).replace(/((?:^|&)_[a-z]*pass[a-z]*=)[^&]*/gi, '$1***');
    }
    requests.push(rec);
  };
  context.on('request', onRequest);

  let extensionId: string | undefined;
  let serviceWorker: Worker | undefined;
  const close = async () => {
    // context.close() has no timeout; a wedged Chromium is killed by its profile path instead.
    await bounded('browser close', context.close(), 20_000).catch(() => {
      spawnSync('pkill', ['-KILL', '-f', `--user-data-dir=${userDataDir}`]);
    });
    if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
  };

  if (opts.extensionPath) {
    try {
      serviceWorker = await findServiceWorker(context, opts.extensionPath, opts.extensionTimeoutMs ?? 15_000);
      extensionId = new URL(serviceWorker.url()).host;
    } catch (e) {
      await close();
      throw e;
    }
  }

  const page = context.pages()[0] ?? (await context.newPage());
  // An MV3 service worker is stopped after ~30 s idle and started again on the next event; the
  // Worker handle Playwright gave us then belongs to the dead instance and evaluate() on it never
  // answers. So `serviceWorker` always looks up the live instance, and `worker()` wakes one.
  const live = () => (extensionId ? context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) : undefined);
  const worker = async (): Promise<Worker> => {
    const now = live();
    if (now) return now;
    if (!extensionId) throw new Error('e2e: no extension loaded');
    const started = context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`chrome-extension://${extensionId}/`), timeout: 15_000 });
    // Any extension event starts it again: opening the popup page asks the background for the policy.
    const waker = await context.newPage();
    await waker.goto(`chrome-extension://${extensionId}/popup.html`).catch(() => {});
    try {
      return live() ?? (await started);
    } finally {
      await closePage(waker);
    }
  };
  return {
    context,
    page,
    extensionId,
    get serviceWorker() {
      return live() ?? serviceWorker;
    },
    worker,
    async inWorker<R, A>(what: string, fn: (arg: A) => R | Promise<R>, arg?: A, ms = 15_000): Promise<R> {
      const once = () => bounded(`service worker: ${what}`, () => worker().then((w) => w.evaluate(fn as never, arg) as Promise<R>), ms);
      try {
        return await once();
      } catch (e) {
        if (!/did not finish within/.test(String(e))) throw e;
        return await once().catch((e2: Error) => {
          throw new Error(`${e2.message} (twice; workers: ${JSON.stringify(context.serviceWorkers().map((w) => w.url()))})`);
        });
      }
    },
    requests,
    requestsOutside(allowedOrigins) {
      const allowed = new Set(allowedOrigins.map((o) => new URL(o).origin));
      if (extensionId) allowed.add(`chrome-extension://${extensionId}`);
      return requests.filter((r) => {
        if (/^(data|blob|about):/.test(r.url)) return false;
        let origin: string;
        try { origin = new URL(r.url).origin; } catch { return true; }
        return !allowed.has(origin);
      });
    },
    close,
  };
}

/** The loaded extension's MV3 service worker — proof that Chromium really loaded it. */
async function findServiceWorker(context: BrowserContext, extensionPath: string, timeoutMs: number): Promise<Worker> {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'manifest.json'), 'utf8')) as {
    manifest_version?: number; background?: { service_worker?: string };
  };
  const script = manifest.background?.service_worker;
  if (manifest.manifest_version !== 3 || !script) {
    throw new Error(`e2e: ${extensionPath}/manifest.json is not MV3 with background.service_worker`);
  }
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/' + basename(script));
  const existing = context.serviceWorkers().find(isOurs);
  if (existing) return existing;
  try {
    return await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: timeoutMs });
  } catch {
    throw new Error(
      `e2e: the extension in ${extensionPath} did not start its service worker (${script}) within ${timeoutMs} ms. ` +
      `Workers seen: ${JSON.stringify(context.serviceWorkers().map((w) => w.url()))}. ` +
      'A manifest or service-worker error keeps Chromium from loading it; load it by hand in chrome://extensions to see why.',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Roundcube helpers.

declare global {
  // Roundcube's page-world app object, as far as the helpers read it.
  interface Window {
    rcmail?: {
      env: Record<string, unknown> & { task?: string; action?: string };
      /** Set at the end of rcmail.init(); env is filled in earlier, by an inline script. */
      loaded?: boolean;
      /** While true, rcmail.command() silently ignores clicks (e.g. during the list request). */
      busy?: boolean;
      editor?: { is_html?: () => boolean };
    };
  }
}

/** Wait until Roundcube's app object is initialised for task/action and idle. */
export async function waitForRoundcube(page: Page, task: string, action = '', timeoutMs = 20_000): Promise<void> {
  try {
    await page.waitForFunction(
      ([t, a]) => {
        const rc = window.rcmail;
        return !!rc?.loaded && rc.env.task === t && (rc.env.action ?? '') === a && !rc.busy;
      },
      [task, action] as const,
      { timeout: timeoutMs, polling: 100 },
    );
  } catch (e) {
    const state = await page.evaluate(() => ({ task: window.rcmail?.env.task, action: window.rcmail?.env.action }))
      .catch(() => null);
    throw new Error(`e2e: Roundcube did not reach task=${task} action=${action || '(none)'} within ${timeoutMs} ms ` +
      `(url ${page.url()}, rcmail ${JSON.stringify(state)}, messages: ${await serverMessages(page)})`, { cause: e });
  }
}

/**
 * Click a control that runs an rcmail command, once Roundcube is idle: rcmail.command() drops
 * commands while a locking request (like the message-list load) is running.
 */
export async function clickWhenIdle(page: Page, selector: string, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(() => !!window.rcmail?.loaded && !window.rcmail.busy, undefined,
    { timeout: timeoutMs, polling: 50 });
  await page.click(selector, { timeout: timeoutMs });
}

/** Text of the messages Roundcube currently shows (errors, confirmations). */
export async function serverMessages(page: Page): Promise<string> {
  return page.evaluate((sel) => {
    const box = document.querySelector(sel);
    return box ? [...box.children].map((c) => `${c.className}: ${c.textContent?.trim()}`).join(' | ') : '';
  }, ROUNDCUBE.messageStack).catch(() => '');
}

/**
 * Log in. Navigates to `url` first when given (otherwise the page must show the login form).
 * Resolves when the mail view is ready; throws with Roundcube's message when login fails.
 */
export async function login(page: Page, user: string, password: string, url?: string): Promise<void> {
  if (url) await page.goto(url, { waitUntil: 'domcontentloaded' });
  try {
    await page.locator(ROUNDCUBE.loginUser).waitFor({ timeout: 15_000 });
  } catch (e) {
    throw new Error(`e2e: no Roundcube login form at ${page.url()} (already logged in? pass a fresh profile)`, { cause: e });
  }
  await page.fill(ROUNDCUBE.loginUser, user);
  await page.fill(ROUNDCUBE.loginPassword, password);
  // The form POSTs to ?_task=login: a redirect to the mail view on success, the login page
  // again (with an error in the message stack) on failure. Only look after that answer, so a
  // notice already on the login page ("session expired") is not taken for the result.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /[?&]_task=login/.test(r.url()), { timeout: 20_000 }),
    page.click(ROUNDCUBE.loginSubmit),
  ]);
  await page.waitForLoadState('domcontentloaded');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const state = await page.evaluate(() => ({
      task: window.rcmail?.env.task, ready: !!window.rcmail?.loaded && !window.rcmail.busy,
    })).catch(() => null);
    if (state?.task === 'mail' && state.ready) return;
    if (state?.task === 'login') {
      const msg = await serverMessages(page);
      if (msg) throw new Error(`e2e: Roundcube login as ${user} failed: ${msg}`);
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`e2e: login as ${user} did not reach the mail view within 20 s (url ${page.url()}, ` +
    `messages: ${await serverMessages(page)})`);
}

/** Click "Compose" and wait for the compose form (and its editor) to be ready. */
export async function openCompose(page: Page): Promise<void> {
  await clickWhenIdle(page, ROUNDCUBE.composeButton);
  await waitForCompose(page);
}

export async function waitForCompose(page: Page, timeoutMs = 20_000): Promise<void> {
  await waitForRoundcube(page, 'mail', 'compose', timeoutMs);
  await page.locator(ROUNDCUBE.subject).waitFor({ timeout: timeoutMs });
  // The editor object appears once the compose init ran; typing before it can be lost.
  await page.waitForFunction(() => !!window.rcmail?.editor, undefined, { timeout: timeoutMs });
}

export interface ComposeInput {
  to?: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  subject?: string;
  body?: string;
}

/** Fill the compose form as a user would (recipient boxes, subject, body). */
export async function fillCompose(page: Page, input: ComposeInput): Promise<void> {
  const rows: [keyof ComposeInput, string, string][] = [
    ['to', ROUNDCUBE.toInput, '#compose_to'],
    ['cc', ROUNDCUBE.ccInput, '#compose_cc'],
    ['bcc', ROUNDCUBE.bccInput, '#compose_bcc'],
  ];
  for (const [key, inputSel, rowSel] of rows) {
    const value = input[key];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    if (!(await page.locator(rowSel).isVisible())) {
      // Cc/Bcc rows start hidden; Roundcube's own "add header" command shows them.
      await page.click(ROUNDCUBE.addHeaderMenu);
      await page.click(`${ROUNDCUBE.headersMenu} a[data-target="${key}"]`);
      await page.locator(rowSel).waitFor({ state: 'visible', timeout: 5000 });
    }
    const box = page.locator(inputSel);
    await box.click();
    await box.fill(list.join(', '));
    // "," makes the widget turn the text into recipient boxes (keydown handler in elastic ui.js).
    await box.press(',');
  }
  if (input.subject !== undefined) await page.fill(ROUNDCUBE.subject, input.subject);
  if (input.body !== undefined) {
    const isHtml = await page.evaluate(() => !!window.rcmail?.editor?.is_html?.());
    if (isHtml) {
      await page.frameLocator(ROUNDCUBE.bodyHtmlFrame).locator('body').fill(input.body);
    } else {
      await page.fill(ROUNDCUBE.body, input.body);
    }
  }
}

/**
 * Attach one or more files through Roundcube's upload form and wait until every upload is
 * finished (large files take a while: default timeout 120 s).
 */
export async function attachFile(page: Page, path: string | string[], timeoutMs = 120_000): Promise<void> {
  const paths = Array.isArray(path) ? path : [path];
  const before = await page.locator(ROUNDCUBE.attachmentDone).count();
  await page.setInputFiles(ROUNDCUBE.fileInput, paths);
  try {
    await page.waitForFunction(
      ([doneSel, upSel, want]) =>
        document.querySelectorAll(doneSel).length >= want && document.querySelectorAll(upSel).length === 0,
      [ROUNDCUBE.attachmentDone, ROUNDCUBE.attachmentUploading, before + paths.length] as const,
      { timeout: timeoutMs, polling: 200 },
    );
  } catch (e) {
    throw new Error(`e2e: attaching ${paths.map((p) => basename(p)).join(', ')} did not finish within ${timeoutMs} ms ` +
      `(messages: ${await serverMessages(page)})`, { cause: e });
  }
}

/** Click Roundcube's Send button (a real mouse click, so capture-phase listeners see it). */
export async function clickSend(page: Page): Promise<void> {
  await clickWhenIdle(page, ROUNDCUBE.sendButton);
}

/**
 * Press Ctrl+Enter in the body. Note: Roundcube 1.6 itself binds no send shortcut, so on the
 * bare webmail this sends nothing; it exists to test that a guard handles the keystroke.
 */
export async function pressCtrlEnter(page: Page, selector: string = ROUNDCUBE.body): Promise<void> {
  await page.focus(selector);
  await page.keyboard.press('Control+Enter');
}

/** The compose form's current values, as Roundcube would submit them. */
export async function readComposeFields(page: Page): Promise<{
  to: string; cc: string; bcc: string; subject: string; body: string; attachments: string[];
}> {
  // No named helper functions inside evaluate(): tsx/esbuild's keepNames would wrap them in a
  // __name() call that does not exist in the page.
  const fields = await page.evaluate((sel) => {
    const values: Record<string, string> = {};
    for (const key of ['toField', 'ccField', 'bccField', 'subject', 'body'] as const) {
      values[key] = (document.querySelector(sel[key]) as HTMLInputElement | null)?.value ?? '';
    }
    const frame = document.querySelector(sel.bodyHtmlFrame) as HTMLIFrameElement | null;
    if (window.rcmail?.editor?.is_html?.() && frame?.contentDocument) values.body = frame.contentDocument.body.innerText;
    const attachments = [...document.querySelectorAll(sel.attachmentDone)]
      .map((li) => (li.querySelector('.attachment-name') ?? li).textContent?.trim() ?? '');
    return { values, attachments };
  }, ROUNDCUBE);
  // The widget mirrors boxes into the textarea as "a@x, b@y, " — normalise to "a@x, b@y".
  const addr = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean).join(', ');
  const v = fields.values;
  return {
    to: addr(v.toField), cc: addr(v.ccField), bcc: addr(v.bccField), subject: v.subject, body: v.body,
    attachments: fields.attachments,
  };
}

/**
 * Wait until Roundcube has sent the message and gone back to the mail list (it redirects 0.5 s
 * after its "sent" confirmation; acting before that redirect would race it). Throws with
 * Roundcube's error text (e.g. an SMTP error) instead.
 */
export async function waitForSent(page: Page, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let confirmed = '';
  while (Date.now() < deadline) {
    if (new URL(page.url()).searchParams.get('_action') !== 'compose') {
      await waitForRoundcube(page, 'mail', '', Math.max(1000, deadline - Date.now()));
      return;
    }
    const state = await page.evaluate((sel) => {
      const out = { error: '', ok: '' };
      for (const el of document.querySelectorAll(`${sel} > *`)) {
        const text = el.textContent?.trim() ?? '';
        if (el.classList.contains('error') || el.classList.contains('warning')) out.error += text + ' ';
        if (el.classList.contains('confirmation')) out.ok += text + ' ';
      }
      return out;
    }, ROUNDCUBE.messageStack).catch(() => null); // navigation in progress
    if (state?.error) throw new Error(`e2e: Roundcube did not send: ${state.error.trim()}`);
    if (state?.ok) confirmed = state.ok.trim();
    await page.waitForTimeout(100);
  }
  throw new Error(`e2e: ${confirmed ? `sent ("${confirmed}") but no return to the mail list` : 'no "sent" confirmation'} ` +
    `within ${timeoutMs} ms (url ${page.url()}, messages: ${await serverMessages(page)})`);
}

/**
 * Settings > Password through the UI; returns the frame holding the change-password form
 * (#curpasswd, #newpasswd, #confpasswd, ROUNDCUBE.passwordSave). In Roundcube 1.6.5 elastic the
 * "Password" entry loads the whole page (?_task=settings&_action=plugin.password), while the
 * built-in sections load into #preferences-frame; accept either so a skin change cannot hide it.
 */
export async function openChangePassword(page: Page, timeoutMs = 20_000): Promise<Frame> {
  await clickWhenIdle(page, ROUNDCUBE.settingsButton);
  await waitForRoundcube(page, 'settings', '', timeoutMs);
  await clickWhenIdle(page, ROUNDCUBE.passwordSection);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => /[?&]_action=plugin\.password(&|$)/.test(f.url()));
    if (frame && (await frame.locator(ROUNDCUBE.currentPassword).count().catch(() => 0)) > 0) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error(`e2e: the change-password form did not appear within ${timeoutMs} ms ` +
    `(frames: ${JSON.stringify(page.frames().map((f) => f.url()))})`);
}

/** Is a Roundcube send POST among these requests? (The compose form posts _action=send.) */
export function isRoundcubeSend(r: RecordedRequest): boolean {
  return r.method === 'POST' && /(^|&)_action=send(&|$)/.test(r.postData ?? '');
}

/**
 * Some Playwright calls have no timeout at all (page.close, locator.isVisible, worker.evaluate):
 * when the renderer or the DevTools connection wedges they wait forever, the test dies on its
 * 180 s budget and the report cannot say where. Every such call in the tests goes through this,
 * so a hang fails within `ms` and names the step.
 */
export function bounded<T>(what: string | (() => string), p: Promise<T> | (() => Promise<T>), ms = 20_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const work = typeof p === 'function' ? p() : p;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      // `what` may be a function, to name the step reached when time ran out.
      timer = setTimeout(() => reject(new Error(`e2e: "${typeof what === 'function' ? what() : what}" did not finish within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * expect.poll() awaits its callback even after its own timeout, so a callback that never
 * settles hangs the test (vitest 4). This polls with every call bounded and reports the last
 * value seen.
 */
export async function pollUntil<T>(what: string, fn: () => Promise<T> | T, ok: (v: T) => boolean, { timeout = 10_000, interval = 100 } = {}): Promise<T> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await bounded(what, Promise.resolve().then(fn), Math.max(1000, end - Date.now()));
      last = v;
      if (ok(v)) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= end) {
      throw new Error(`e2e: ${what}: not reached within ${timeout / 1000} s (last value ${JSON.stringify(last)}${lastError ? `, last error ${String(lastError)}` : ''})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * page.close() has no timeout in Playwright, and issued while a navigation is committing (a form
 * POST has just reached the server) it can wait forever: Chromium 156 + Playwright 1.65, measured
 * here in 15 of 25 closes right after the POST arrived, with or without the extension, and in
 * 0 of 15 once the new page had loaded. That is what failed CI on the hygiene test (180 s twice).
 * Tests wait for their navigations to land; this bounds the close anyway and says so.
 */
export async function closePage(page: Page, ms = 10_000): Promise<void> {
  await bounded('page.close', page.close({ runBeforeUnload: false }), ms).catch((e: Error) => {
    console.warn(`${e.message} (${page.url()}); going on`);
  });
}
