/**
 * The network seam of the readers. `shared/` never touches the network itself: every reader
 * takes a fetch-like function from its host (the extension's service worker passes
 * `(u, i) => fetch(u, {...i, credentials: 'include'})`, the add-in a bearer-token fetch, tests a
 * fake), so the same code runs in a service worker, Outlook's runtime and Node.
 * Only the members used here are required, so the global `fetch` fits as it is.
 */
import { ReaderError, type ReaderSource } from './errors.ts';

export interface FetchInitLike {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  credentials?: 'include' | 'omit' | 'same-origin';
  redirect?: 'follow' | 'error' | 'manual';
  signal?: AbortSignal;
}

export interface ResponseLike {
  readonly status: number;
  readonly url?: string;
  readonly redirected?: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (url: string, init?: FetchInitLike) => Promise<ResponseLike>;

export interface HttpAnswer {
  status: number;
  /** Final URL after redirects, when the fetch implementation reports it. */
  url: string;
  redirected: boolean;
  contentType: string;
  retryAfter: string | null;
  body: string;
}

/**
 * Bodies bigger than this are not a mailbox listing page: refuse them rather than hold a
 * runaway answer (a proxy streaming a file, a hostile server) in a service worker's memory.
 */
export const MAX_BODY_CHARS = 32 * 1024 * 1024;

function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** One request; transport failures become ReaderError('network'), an abort stays an abort. */
export async function send(fetch: FetchLike, url: string, init: FetchInitLike, source: ReaderSource): Promise<HttpAnswer> {
  let res: ResponseLike;
  try {
    res = await fetch(url, init);
  } catch (e) {
    if (isAbort(e) || e instanceof ReaderError) throw e;
    throw new ReaderError('network', source, { detail: errorText(e), cause: e });
  }
  let body: string;
  try {
    body = await res.text();
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ReaderError('network', source, { status: res.status, detail: errorText(e), cause: e });
  }
  if (typeof body !== 'string') body = String(body ?? '');
  if (body.length > MAX_BODY_CHARS) {
    throw new ReaderError('malformed', source, { status: res.status, detail: `response of ${body.length} characters` });
  }
  const header = (n: string) => {
    try {
      return res.headers?.get(n) ?? null;
    } catch {
      return null;
    }
  };
  return {
    status: res.status,
    url: res.url || url,
    redirected: !!res.redirected,
    contentType: (header('content-type') ?? '').toLowerCase(),
    retryAfter: header('retry-after'),
    body,
  };
}

/**
 * Retry-After is delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns milliseconds, or
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (!Number.isFinite(t)) return undefined;
  return Math.max(0, t - now);
}

/**
 * The ReaderError for a non-2xx status with the usual HTTP meaning (RFC 9110 §15; 429 from
 * RFC 6585 §4). 503 counts as throttling only when the server sent Retry-After, as Graph and
 * Zimbra's DoS filter do; otherwise it is an outage.
 */
export function statusError(answer: HttpAnswer, source: ReaderSource, detail?: string): ReaderError {
  const status = answer.status;
  const retryAfterMs = parseRetryAfter(answer.retryAfter);
  const opts = { status, detail: detail ?? `HTTP ${status}` };
  if (status === 401) return new ReaderError('auth', source, opts);
  if (status === 403) return new ReaderError('forbidden', source, opts);
  if (status === 404 || status === 410) return new ReaderError('not-found', source, opts);
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    return new ReaderError('throttled', source, { ...opts, retryAfterMs });
  }
  return new ReaderError('server', source, opts);
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** A short, single-line, tag-free version of a server's message, for ReaderError.detail. */
export function shortDetail(s: unknown, max = 300): string {
  const text = String(s ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return shortDetail(`${e.name}: ${e.message}`);
  return shortDetail(e);
}
