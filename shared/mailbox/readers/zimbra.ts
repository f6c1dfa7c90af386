/**
 * Zimbra (8.8 – 10) unit-mailbox reader, with the session of the user logged in to the Zimbra web
 * client (ZM_AUTH_TOKEN cookie, sent by the caller's fetch).
 *
 * Two transports, same message objects (com.zimbra.cs.service.mail.ToXML message summaries):
 *
 * - 'rest' (default): the REST servlet, GET {base}/home/{account}/{folder}?fmt=json&query=…
 *   (zm-mailbox store/docs/rest.txt). `fmt=json` is XmlFormatter's item list encoded by
 *   Element.JSONElement: {"m":[{…},…]} ({} when nothing matches). With `query`, the folder is
 *   searched (Formatter.getMailItems: query = "in:<folder> " + query) honouring `offset`/`limit`,
 *   newest first; without `query` the whole folder would come back unbounded, so we always send
 *   one. A GET needs no CSRF token.
 * - 'soap': POST {base}/service/soap/SearchRequest with a JSON SOAP envelope
 *   ({"Body":{"SearchRequest":{"_jsns":"urn:zimbraMail","types":"message",…}}}), which pages with
 *   `offset`/`limit` and answers `more`. With cookie auth, Zimbra ≥ 8.5 checks the CSRF token
 *   (zimbraCsrfTokenCheckEnabled): pass the web client's token (`window.csrfToken` in the page) as
 *   `csrfToken`; it goes in the X-Zimbra-Csrf-Token header and the SOAP context, as ZmCsfe does.
 *
 * Message fields (MailConstants): `id`; `f` flags — (u)nread, (f)lagged, has (a)ttachment,
 * (r)eplied, (s)ent by me, for(w)arded, …; `d` the date the item was received into the mailbox,
 * milliseconds since the epoch (MailItem.getDate()); `su` subject; `e` addresses, `t:"f"` = From.
 * `answered` is the `r` flag: Zimbra sets it when a reply is sent from the message (and maps it
 * to IMAP \Answered).
 */
import type { MailboxItem } from '../../types.ts';
import { ReaderError } from './errors.ts';
import { isSuccess, send, shortDetail, statusError, type FetchLike, type HttpAnswer } from './http.ts';
import type { ReadResult } from './result.ts';
import { cleanText, isoFromMs } from './text.ts';

export interface ZimbraReadOptions {
  /** Zimbra's address, e.g. "https://mail.quangngai.gov.vn". */
  baseUrl: string;
  fetch: FetchLike;
  /** Folder path under the account (default "inbox"); "Văn thư/Đến" for a subfolder. */
  folder?: string;
  /**
   * Whose mailbox: "~" (default) for the logged-in account, or the unit mailbox's address when it
   * is shared with the user (/home/vanthu@…/inbox needs a read share on that folder).
   */
  account?: string;
  /** Most messages to return (default 500). */
  limit?: number;
  /** Messages per request (default 100). */
  pageSize?: number;
  transport?: 'rest' | 'soap';
  /** Zimbra web client's CSRF token, for transport 'soap' with cookie auth. */
  csrfToken?: string;
  signal?: AbortSignal;
}

const DEFAULT_LIMIT = 500;
const DEFAULT_PAGE_SIZE = 100;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function base(url: string): string {
  return url.replace(/[?#].*$/s, '').replace(/\/+$/, '');
}

function encodePath(path: string): string {
  return path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
}

/** A Zimbra search term for a folder path: in:"Văn thư/Đến" (quotes and backslashes escaped). */
function inFolder(folder: string): string {
  return `in:"${folder.replace(/^\/+/, '').replace(/["\\]/g, '\\$&')}"`;
}

/** One Zimbra message summary -> item; null when it has no id or no date. */
export function zimbraMessageToItem(m: unknown): MailboxItem | null {
  if (!isObject(m)) return null;
  const id = m.id;
  if (!((typeof id === 'string' && /^[\w:.-]{1,200}$/.test(id)) || (typeof id === 'number' && Number.isSafeInteger(id)))) return null;
  const d = typeof m.d === 'string' && /^\d+$/.test(m.d) ? Number(m.d) : m.d;
  if (typeof d !== 'number' || !Number.isFinite(d)) return null;
  // `d` is in milliseconds in every Zimbra since 5.0; very old docs said seconds. A value below
  // 10^11 ms would be 1973, so read it as seconds.
  const receivedAt = isoFromMs(d < 1e11 ? d * 1000 : d);
  if (!receivedAt) return null;
  const flags = typeof m.f === 'string' ? m.f : '';
  const emails = Array.isArray(m.e) ? m.e.filter(isObject) : [];
  const from = emails.find((e) => e.t === 'f') ?? emails.find((e) => e.t === 's');
  const address = from && typeof from.a === 'string' ? from.a : from && typeof from.p === 'string' ? from.p : '';
  return {
    id: String(id),
    from: cleanText(address),
    subject: typeof m.su === 'string' ? cleanText(m.su) : '',
    receivedAt,
    answered: flags.includes('r'),
  };
}

function soapFault(body: unknown): { code: string; reason: string } | null {
  if (!isObject(body)) return null;
  const b = isObject(body.Body) ? body.Body : undefined;
  const fault = b && isObject(b.Fault) ? b.Fault : undefined;
  if (!fault) return null;
  const reason = isObject(fault.Reason) && typeof fault.Reason.Text === 'string' ? fault.Reason.Text : '';
  const err = isObject(fault.Detail) && isObject(fault.Detail.Error) ? fault.Detail.Error : undefined;
  const code = err && typeof err.Code === 'string' ? err.Code : '';
  return { code, reason };
}

/** Zimbra error codes (ServiceException / AccountServiceException / MailServiceException). */
function faultError(code: string, reason: string, status: number): ReaderError {
  const detail = shortDetail(`${code} ${reason}`);
  if (/^(service\.AUTH_REQUIRED|service\.AUTH_EXPIRED|account\.AUTH_FAILED|account\.CHANGE_PASSWORD)$/.test(code)) {
    return new ReaderError('auth', 'zimbra', { status, detail });
  }
  if (/^(service\.PERM_DENIED|account\.ACCOUNT_INACTIVE)$/.test(code)) return new ReaderError('forbidden', 'zimbra', { status, detail });
  if (/^(mail\.NO_SUCH_FOLDER|account\.NO_SUCH_ACCOUNT|mail\.NO_SUCH_MBOX|mail\.NO_SUCH_ITEM)$/.test(code)) {
    return new ReaderError('not-found', 'zimbra', { status, detail });
  }
  if (/TOO_MANY|THROTTLED|RATE/i.test(code)) return new ReaderError('throttled', 'zimbra', { status, detail });
  return new ReaderError('server', 'zimbra', { status, detail });
}

function parseJson(answer: HttpAnswer): unknown {
  const looksHtml = /^\s*</.test(answer.body) || answer.contentType.includes('text/html');
  if (looksHtml) {
    // A login page (auth proxy, expired session redirected to /) or an error page.
    if (/ZLoginForm|name="loginOp"|id="username"|zLoginField/i.test(answer.body)) {
      throw new ReaderError('auth', 'zimbra', { status: answer.status, detail: 'login page' });
    }
    if (!isSuccess(answer.status)) throw statusError(answer, 'zimbra', shortDetail(answer.body));
    throw new ReaderError('malformed', 'zimbra', { status: answer.status, detail: 'HTML instead of JSON' });
  }
  let json: unknown;
  try {
    json = answer.body.trim() === '' ? {} : JSON.parse(answer.body);
  } catch (e) {
    if (!isSuccess(answer.status)) throw statusError(answer, 'zimbra', shortDetail(answer.body));
    throw new ReaderError('malformed', 'zimbra', { status: answer.status, detail: 'not JSON', cause: e });
  }
  const fault = soapFault(json);
  if (fault) {
    // SOAP faults come with HTTP 500 (or 200 inside a batch); the code says what happened.
    if (answer.status === 429 || answer.status === 503) throw statusError(answer, 'zimbra', fault.code || undefined);
    throw faultError(fault.code, fault.reason, answer.status);
  }
  if (!isSuccess(answer.status)) throw statusError(answer, 'zimbra');
  return json;
}

function collect(messages: unknown, into: Map<string, MailboxItem>): { count: number; skipped: number } {
  if (messages === undefined) return { count: 0, skipped: 0 };
  const list = Array.isArray(messages) ? messages : [messages];
  let skipped = 0;
  for (const m of list) {
    const item = zimbraMessageToItem(m);
    if (!item) skipped++;
    else if (!into.has(item.id)) into.set(item.id, item);
  }
  return { count: list.length, skipped };
}

export async function scanZimbraMailbox(opts: ZimbraReadOptions): Promise<ReadResult> {
  const limit = Math.max(1, Math.floor(opts.limit ?? DEFAULT_LIMIT));
  const pageSize = Math.min(limit, Math.max(1, Math.floor(opts.pageSize ?? DEFAULT_PAGE_SIZE)));
  const folder = opts.folder ?? 'inbox';
  const account = opts.account ?? '~';
  const items = new Map<string, MailboxItem>();
  let skipped = 0;
  let pages = 0;
  let complete = false;

  for (let offset = 0; offset < limit; ) {
    const want = Math.min(pageSize, limit - offset);
    let page: { count: number; skipped: number };
    let more: boolean;
    if (opts.transport === 'soap') {
      const context: Record<string, unknown> = { _jsns: 'urn:zimbra' };
      if (opts.csrfToken) context.csrfToken = opts.csrfToken;
      if (account !== '~') context.account = { by: 'name', _content: account };
      const request = {
        Header: { context },
        Body: {
          SearchRequest: {
            _jsns: 'urn:zimbraMail',
            types: 'message',
            query: inFolder(folder),
            sortBy: 'dateDesc',
            offset,
            limit: want,
          },
        },
      };
      const headers: Record<string, string> = { 'Content-Type': 'application/soap+xml; charset=utf-8', Accept: 'application/json' };
      if (opts.csrfToken) headers['X-Zimbra-Csrf-Token'] = opts.csrfToken;
      const answer = await send(opts.fetch, `${base(opts.baseUrl)}/service/soap/SearchRequest`, {
        method: 'POST', headers, body: JSON.stringify(request), credentials: 'include', signal: opts.signal,
      }, 'zimbra');
      const json = parseJson(answer);
      const body = isObject(json) && isObject(json.Body) ? json.Body : undefined;
      const response = body && isObject(body.SearchResponse) ? body.SearchResponse : undefined;
      if (!response) throw new ReaderError('malformed', 'zimbra', { status: answer.status, detail: 'no SearchResponse' });
      page = collect(response.m, items);
      more = response.more === true || response.more === 1 || response.more === '1';
    } else {
      // `query` is required to get offset/limit; "is:anywhere" adds nothing to "in:<folder>".
      const url = `${base(opts.baseUrl)}/home/${account === '~' ? '~' : encodeURIComponent(account)}/${encodePath(folder)}` +
        `?fmt=json&types=message&query=is%3Aanywhere&offset=${offset}&limit=${want}`;
      const answer = await send(opts.fetch, url, { method: 'GET', headers: { Accept: 'application/json' }, credentials: 'include', signal: opts.signal }, 'zimbra');
      const json = parseJson(answer);
      if (!isObject(json)) throw new ReaderError('malformed', 'zimbra', { status: answer.status, detail: 'not a JSON object' });
      page = collect(json.m, items);
      // REST has no "more" flag: a full page may have a successor.
      more = page.count >= want;
    }
    pages++;
    skipped += page.skipped;
    offset += page.count;
    if (!more || page.count === 0) {
      complete = true;
      break;
    }
  }
  return { items: [...items.values()], complete, skipped, pages };
}

export async function readZimbraMailbox(opts: ZimbraReadOptions): Promise<MailboxItem[]> {
  return (await scanZimbraMailbox(opts)).items;
}
