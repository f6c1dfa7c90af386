/**
 * Roundcube (1.4 – 1.6) unit-mailbox reader: Roundcube's own message-list request, made with the
 * session of the user who is logged in to the webmail (the caller's fetch sends the cookies).
 *
 * Request (program/actions/mail/list.php):
 *   GET {base}?_task=mail&_action=list&_remote=1&_mbox=INBOX&_page=N&_cols=…
 * `_remote=1` selects the JSON output (rcmail.php: `!empty($_REQUEST['_remote'])` -> json_init),
 * whose `exec` holds `this.add_message_row(uid, cols, flags, insert_top);` calls
 * (program/actions/mail/index.php, js_message_list()). A GET needs no request token: the CSRF
 * check in rcmail::action_handler() -> check_request(INPUT_POST) passes requests without POST
 * data; the `X-Roundcube-Request` header (app.js sends `env.request_token` on every AJAX call) is
 * added when the caller has the token, and is required for POSTs.
 *
 * Flags: `flags` is `array_change_key_case(array_map('intval', $header->flags))`, the IMAP flags
 * without the backslash, so `answered: 1` is IMAP \Answered (RFC 3501 §2.3.2).
 *
 * Received time: the `date` column is a display string (rcmail::format_date(): "Hôm nay 10:05",
 * "T3 10:00", "2026-04-24 10:00", in the user's zone and formats, empty for a bad Date header),
 * so it cannot be turned into an instant. But js_message_list() fills any requested column that
 * it does not format from the header object (`else if (isset($header->$col)) rcube::SQ(...)`),
 * and rcube_message_header has `internaldate`, the IMAP INTERNALDATE
 * ("24-Apr-2026 03:00:00 +0000") that Roundcube always fetches. INTERNALDATE is when the
 * message reached the mailbox (RFC 3501 §2.3.3), which is the moment the reply deadline counts
 * from (QĐ 652/QĐ-BTTTT Đ12 k4) — better than the sender-controlled Date header. So the reader
 * asks for `_cols=<the user's columns>,internaldate,from`.
 *
 * Side effects, and how they are undone: Roundcube keeps list state in the PHP session that we
 * share with the user's open webmail tab. list.php stores `_cols` in the session AND in the
 * user's preferences (list_cols), and init_env() stores `_mbox` and `_page` in the session.
 * So by default the reader first lists without parameters to learn the user's folder, page and
 * columns (env.mailbox, env.current_page, set_message_coltypes), then reads, then lists once more
 * with the user's own values. The reader never sends `_sort` (list.php saves it in the user's
 * preferences, re-sorting their webmail), `_threads` (saved too) or `_search`; a list request
 * without `_search` does end a search the user left open in the session (list.php removes it),
 * which nothing can avoid.
 *
 * Order and paging: rows come in the user's sort order (default: arrival, newest first). With
 * more pages than `maxPages`, the reader compares the first and the last page to find the end
 * that holds the newest mail and reads from there; `complete` is then false.
 */
import type { MailboxItem } from '../../types.ts';
import { ReaderError } from './errors.ts';
import { isSuccess, send, shortDetail, statusError, type FetchLike, type HttpAnswer } from './http.ts';
import { parseExecCalls } from './roundcube-exec.ts';
import { cleanText, decodeEntities, encodeImapUtf7, isoFromMs, parseImapDate, stripTags } from './text.ts';
import type { ReadResult } from './result.ts';

export interface RoundcubeReadOptions {
  /** Roundcube's address as the user opens it, e.g. "https://mail.mic.gov.vn/" or ".../roundcube/". */
  baseUrl: string;
  /**
   * Folder as Roundcube names it (IMAP name, modified UTF-7 as in `rcmail.env.mailbox`);
   * a non-ASCII name ("Lưu trữ") is encoded here. Default INBOX.
   */
  mbox?: string;
  /** Sends the session cookie: in the extension `(u, i) => fetch(u, { ...i, credentials: 'include' })`. */
  fetch: FetchLike;
  /** `rcmail.env.request_token` (or fetchRoundcubeToken()); sent as X-Roundcube-Request. */
  token?: string;
  /** Read only this page (1-based) instead of paging. */
  page?: number;
  /** Upper bound on list requests for pages (default 10; Roundcube's page size is 50 by default). */
  maxPages?: number;
  /** Restore the user's folder, page and columns afterwards (default true; see the file comment). */
  preserveSession?: boolean;
  signal?: AbortSignal;
}

export interface RoundcubeListPage {
  items: MailboxItem[];
  /** Rows that could not be used (broken JSON, no usable date, no uid). */
  skipped: number;
  mailbox?: string;
  page?: number;
  pageCount?: number;
  messageCount?: number;
  /** The columns of set_message_coltypes (the user's columns when we sent none). */
  columns?: string[];
  /** Milliseconds of the newest INTERNALDATE on the page, to tell which end is newest. */
  newestMs?: number;
}

/** Roundcube's default list_cols (config/defaults.inc.php) with the columns js_message_list() adds. */
const DEFAULT_COLUMNS = ['threads', 'subject', 'status', 'fromto', 'date', 'size', 'flag', 'attachment'];
const READER_COLUMNS = ['internaldate', 'from'];
const DEFAULT_MAX_PAGES = 10;
const WANTED = new Set(['add_message_row', 'set_message_coltypes', 'session_error', 'display_message']);

/** "https://host/rc" -> "https://host/rc/"; keeps "…/index.php"; drops query and fragment. */
export function roundcubeBase(baseUrl: string): string {
  const base = baseUrl.replace(/[?#].*$/s, '');
  return base.endsWith('/') || /\.php$/i.test(base) ? base : base + '/';
}

function listUrl(base: string, params: { mbox?: string; page?: number; cols?: string[] }): string {
  let q = '?_task=mail&_action=list&_remote=1';
  if (params.mbox !== undefined) q += '&_mbox=' + encodeURIComponent(params.mbox);
  if (params.page !== undefined) q += '&_page=' + params.page;
  if (params.cols) q += '&_cols=' + params.cols.join(',');
  return base + q;
}

/**
 * Parses one answer of the list action. Throws ReaderError for a login page, a session error,
 * a broken envelope or an IMAP error with no rows; a broken row only counts as skipped.
 */
export function parseRoundcubeList(answer: Pick<HttpAnswer, 'status' | 'body'> & Partial<HttpAnswer>): RoundcubeListPage {
  const body = answer.body;
  const looksHtml = /^\s*</.test(body) || (answer.contentType ?? '').includes('text/html');
  if (looksHtml && isLoginPage(body, answer.url)) {
    throw new ReaderError('auth', 'roundcube', { status: answer.status, detail: 'login page' });
  }
  if (answer.status === 403) {
    // rcmail::request_security_check() answers 403 "Invalid Request" when the request token does
    // not match the session: the session was renewed (new login) since the token was read.
    throw new ReaderError('auth', 'roundcube', { status: 403, detail: shortDetail(body) || 'Invalid Request' });
  }
  if (!isSuccess(answer.status)) throw statusError(answer as HttpAnswer, 'roundcube', shortDetail(body) || undefined);
  if (looksHtml) throw new ReaderError('malformed', 'roundcube', { status: answer.status, detail: 'HTML instead of JSON' });

  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch (e) {
    throw new ReaderError('malformed', 'roundcube', { status: answer.status, detail: 'not JSON', cause: e });
  }
  if (!isObject(envelope)) throw new ReaderError('malformed', 'roundcube', { detail: 'not a JSON object' });
  // Older builds and some plugins answer an unauthenticated AJAX call with the login action.
  if (envelope.action === 'login') throw new ReaderError('auth', 'roundcube', { detail: 'action login' });
  const exec = typeof envelope.exec === 'string' ? envelope.exec : '';
  const env = isObject(envelope.env) ? envelope.env : {};
  if (typeof envelope.exec !== 'string' && !isObject(envelope.env)) {
    throw new ReaderError('malformed', 'roundcube', { detail: 'no exec/env in the answer' });
  }

  const { calls, broken } = parseExecCalls(exec, WANTED);
  const page: RoundcubeListPage = { items: [], skipped: broken.filter((b) => b.method === 'add_message_row').length };
  let errorMessage: string | undefined;
  for (const call of calls) {
    switch (call.method) {
      case 'session_error':
        // index.php: an AJAX request without a valid session gets session_error(login URL).
        throw new ReaderError('auth', 'roundcube', { detail: 'session_error' });
      case 'set_message_coltypes':
        if (Array.isArray(call.args[0])) page.columns = call.args[0].filter((c): c is string => typeof c === 'string');
        break;
      case 'display_message':
        if (call.args[1] === 'error' && typeof call.args[0] === 'string') errorMessage = decodeEntities(call.args[0]);
        break;
      case 'add_message_row': {
        const item = rowToItem(call.args);
        if (item) {
          page.items.push(item.item);
          if (item.ms !== undefined && (page.newestMs === undefined || item.ms > page.newestMs)) page.newestMs = item.ms;
        } else {
          page.skipped++;
        }
        break;
      }
    }
  }
  if (typeof env.mailbox === 'string') page.mailbox = env.mailbox;
  if (isCount(env.current_page)) page.page = env.current_page;
  if (isCount(env.pagecount)) page.pageCount = env.pagecount;
  if (isCount(env.messagecount)) page.messageCount = env.messagecount;

  if (errorMessage !== undefined && page.items.length === 0) {
    // An IMAP failure: list.php -> display_server_error(), "Server Error: STATUS: …" with the
    // IMAP server's own (English) words after the localised prefix.
    const detail = shortDetail(errorMessage);
    if (/doesn.?t exist|does not exist|nonexistent|not valid mUTF-7|unknown (mailbox|folder)|no such (mailbox|folder)/i.test(errorMessage)) {
      throw new ReaderError('not-found', 'roundcube', { detail });
    }
    if (/permission|denied|not allowed|\bACL\b|NOPERM/i.test(errorMessage)) throw new ReaderError('forbidden', 'roundcube', { detail });
    if (/session|expired|login/i.test(errorMessage)) throw new ReaderError('auth', 'roundcube', { detail });
    throw new ReaderError('server', 'roundcube', { detail });
  }
  return page;
}

function isLoginPage(body: string, url?: string): boolean {
  // The elastic/larry login form: <input name="_user" id="rcmloginuser">, form action ?_task=login.
  return /id="rcmloginuser"|name="_user"|[?&]_task=login/.test(body) || /[?&]_task=login\b/.test(url ?? '');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function own(o: Record<string, unknown>, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** add_message_row(uid, cols, flags, insert_top) -> item; null when the row is unusable. */
function rowToItem(args: unknown[]): { item: MailboxItem; ms?: number } | null {
  const [uid, cols, flags] = args;
  if (!(typeof uid === 'number' && Number.isSafeInteger(uid) && uid > 0) && !(typeof uid === 'string' && /^[\w.@+-]{1,200}$/.test(uid))) {
    return null;
  }
  if (!isObject(cols) || !isObject(flags)) return null;
  const internal = own(cols, 'internaldate');
  const ms = typeof internal === 'string' ? parseImapDate(decodeEntities(internal)) : null;
  const receivedAt = ms === null ? null : isoFromMs(ms);
  if (receivedAt === null || ms === null) return null;
  const subjectHtml = own(cols, 'subject');
  const fromHtml = own(cols, 'from') ?? own(cols, 'fromto');
  const answered = own(flags, 'answered');
  return {
    item: {
      id: String(uid),
      from: typeof fromHtml === 'string' ? fromOfAddressHtml(fromHtml) : '',
      // rcube::SQ(): htmlspecialchars-encoded text, no tags.
      subject: typeof subjectHtml === 'string' ? cleanText(decodeEntities(subjectHtml)) : '',
      receivedAt,
      answered: answered === 1 || answered === true || answered === '1',
    },
    ms,
  };
}

/**
 * The sender from rcmail_action_mail_index::address_string() HTML:
 *   <span class="adr"><span title="a@b.vn" class="rcmContactAddress">Name</span></span>, …
 * The title is the address (the name is dropped when it looks like another address, Roundcube's
 * phishing guard). An address Roundcube finds invalid comes as escaped text "Name &lt;x&gt;".
 * Only the first sender counts.
 */
export function fromOfAddressHtml(html: string): string {
  const tag = /<(?:span|a)\b[^>]*\bclass="rcmContactAddress"[^>]*>/i.exec(html);
  if (tag) {
    const title = /\btitle="([^"]*)"/i.exec(tag[0]);
    if (title && title[1]) return cleanText(decodeEntities(title[1]));
    const href = /\bhref="mailto:([^"]*)"/i.exec(tag[0]);
    if (href && href[1]) return cleanText(decodeEntities(href[1]));
  }
  const firstAdr = /<span class="adr">(.*?)<\/span>/is.exec(html);
  // cleanText() also turns the "&nbsp;" Roundcube puts in an empty From cell into ''.
  return cleanText(decodeEntities(stripTags(firstAdr ? firstAdr[1] : html)));
}

/** One list request. */
async function list(opts: RoundcubeReadOptions, base: string, params: { mbox?: string; page?: number; cols?: string[] }): Promise<RoundcubeListPage> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.token) headers['X-Roundcube-Request'] = opts.token;
  const answer = await send(opts.fetch, listUrl(base, params), { method: 'GET', headers, credentials: 'include', signal: opts.signal }, 'roundcube');
  return parseRoundcubeList(answer);
}

/**
 * Reads the unit mailbox's list with answered flags; see the file comment for what is
 * requested and why. Throws ReaderError ('auth' when the user is not logged in).
 */
export async function scanRoundcubeMailbox(opts: RoundcubeReadOptions): Promise<ReadResult> {
  const base = roundcubeBase(opts.baseUrl);
  const mbox = encodeImapUtf7(opts.mbox ?? 'INBOX');
  const maxPages = Math.max(1, Math.floor(opts.maxPages ?? DEFAULT_MAX_PAGES));
  const preserve = opts.preserveSession !== false;

  // 1. The user's list state, to restore afterwards (also an early, cheap login check).
  let saved: { mbox?: string; page?: number; columns?: string[] } | undefined;
  if (preserve) {
    try {
      const probe = await list(opts, base, {});
      saved = { mbox: probe.mailbox, page: probe.page, columns: probe.columns };
    } catch (e) {
      // Not logged in, offline, throttled: the read would fail the same way. But a folder the
      // user left open that is gone or unreadable must not stop us reading the unit mailbox;
      // afterwards we put Roundcube's defaults back (INBOX, page 1, default columns).
      if (!(e instanceof ReaderError) || !['not-found', 'forbidden', 'server', 'malformed'].includes(e.kind)) throw e;
      saved = {};
    }
  }
  // list.php ignores the whole `_cols` unless it matches /^[a-zA-Z_,-]+$/.
  const known = saved?.columns?.filter((c) => /^[a-zA-Z_-]+$/.test(c));
  const userColumns = known?.length ? known : DEFAULT_COLUMNS;
  const missing = READER_COLUMNS.filter((c) => !userColumns.includes(c));
  const cols = missing.length ? [...userColumns, ...missing] : undefined;

  const byId = new Map<string, MailboxItem>();
  let skipped = 0;
  let pagesRead = 0;
  let complete = true;
  let last: { page: number } | undefined;
  const read = async (page: number): Promise<RoundcubeListPage> => {
    const p = await list(opts, base, { mbox, page, cols });
    pagesRead++;
    last = { page };
    skipped += p.skipped;
    for (const item of p.items) if (!byId.has(item.id)) byId.set(item.id, item);
    return p;
  };

  // 2. The pages.
  try {
    if (opts.page !== undefined) {
      const p = await read(Math.max(1, Math.floor(opts.page)));
      complete = (p.pageCount ?? 1) <= 1;
    } else {
      const first = await read(1);
      const pageCount = first.pageCount ?? 1;
      if (pageCount <= maxPages) {
        for (let n = 2; n <= pageCount; n++) await read(n);
      } else {
        complete = false;
        // Which end is newest depends on the user's sort; INTERNALDATE tells.
        const lastPage = maxPages >= 2 ? await read(pageCount) : undefined;
        const ascending = lastPage?.newestMs !== undefined && (first.newestMs === undefined || lastPage.newestMs > first.newestMs);
        const rest = Math.max(0, maxPages - 2);
        const order = ascending
          ? Array.from({ length: rest }, (_, k) => pageCount - 1 - k)
          : Array.from({ length: rest }, (_, k) => 2 + k);
        for (const n of order) await read(n);
      }
    }
  } finally {
    // 3. Put the user's folder, page and columns back (best effort: a failure here must not hide
    // the items, and a failed read is reported by the read itself). Not tied to `signal`: an
    // aborted read should still leave the user's webmail as it found it.
    if (saved && (cols || saved.mbox !== mbox || saved.page !== last?.page)) {
      try {
        await list({ ...opts, signal: undefined }, base, {
          mbox: saved.mbox ?? 'INBOX',
          page: saved.page ?? 1,
          cols: cols ? userColumns : undefined,
        });
      } catch {
        /* ignore */
      }
    }
  }
  return { items: [...byId.values()], complete, skipped, pages: pagesRead };
}

/** The items of {@link scanRoundcubeMailbox}. */
export async function readRoundcubeMailbox(opts: RoundcubeReadOptions): Promise<MailboxItem[]> {
  return (await scanRoundcubeMailbox(opts)).items;
}

/**
 * The request token from a Roundcube page: `rcmail.set_env({… "request_token":"…" …})`
 * (rcmail_output_html sets it on every page) or a form's `<input name="_token" value="…">`.
 */
export function extractRoundcubeToken(html: string): string | undefined {
  const env = /"request_token"\s*:\s*"([A-Za-z0-9_-]{8,128})"/.exec(html);
  if (env) return env[1];
  for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
    if (!/\bname=["']?_token["'\s>]/i.test(m[0])) continue;
    const v = /\bvalue=["']?([A-Za-z0-9_-]{8,128})/i.exec(m[0]);
    if (v) return v[1];
  }
  return undefined;
}

/**
 * Fetches the mail page (GET {base}?_task=mail, which does not change the user's folder or page)
 * and returns its request token. Needed only for POST actions; listing works without it.
 */
export async function fetchRoundcubeToken(opts: { baseUrl: string; fetch: FetchLike; signal?: AbortSignal }): Promise<string> {
  const answer = await send(opts.fetch, roundcubeBase(opts.baseUrl) + '?_task=mail', {
    method: 'GET', credentials: 'include', signal: opts.signal, headers: { Accept: 'text/html' },
  }, 'roundcube');
  if (!isSuccess(answer.status)) throw statusError(answer, 'roundcube');
  if (isLoginPage(answer.body, answer.url) && !/"task"\s*:\s*"mail"/.test(answer.body)) {
    throw new ReaderError('auth', 'roundcube', { detail: 'login page' });
  }
  const token = extractRoundcubeToken(answer.body);
  if (!token) throw new ReaderError('malformed', 'roundcube', { detail: 'no request token in the page' });
  return token;
}
