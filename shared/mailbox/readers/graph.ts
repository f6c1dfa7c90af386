/**
 * Microsoft 365 unit-mailbox reader through Microsoft Graph v1.0.
 *
 *   GET {graph}/v1.0/{me | users/{upn}}/mailFolders/{folder}/messages
 *       ?$select=id,subject,from,receivedDateTime
 *       &$expand=singleValueExtendedProperties($filter=id eq 'Integer 0x1081')
 *       &$orderby=receivedDateTime desc&$top=N
 *
 * Replied: Graph has no "replied" property, but any MAPI property can be read as an extended
 * property ("Get singleValueLegacyExtendedProperty", id "Integer 0x1081"). 0x1081 is
 * PidTagLastVerbExecuted ([MS-OXOMSG], [MS-OXPROPS]), set by Exchange on the original when a reply or
 * forward is sent from it: 102 NOTEIVERB_REPLYTOSENDER, 103 NOTEIVERB_REPLYTOALL,
 * 104 NOTEIVERB_FORWARD. Only 102/103 count as answered; a forward is not a reply.
 * `receivedDateTime` is when the message reached the mailbox (UTC, ISO-8601).
 *
 * Shared unit mailbox: /users/{upn}/… with delegated Mail.Read.Shared and Full Access (or folder
 * read) on that mailbox; otherwise Graph answers 403 ErrorAccessDenied (or 404 for a mailbox it
 * will not reveal). The access token comes from the caller (nested app authentication in the
 * add-in, Office.auth / MSAL); it is only put in the Authorization header and never stored.
 *
 * Paging follows `@odata.nextLink` (Graph's paging guidance: use the link as is), only on the
 * Graph host the reader was given, so the token is never sent elsewhere. Throttling: 429 (and
 * 503) with Retry-After ("Microsoft Graph throttling guidance") becomes ReaderError('throttled')
 * with `retryAfterMs`; the caller decides when to come back (a service worker should set an
 * alarm, not sleep).
 */
import type { MailboxItem } from '../../types.ts';
import { ReaderError } from './errors.ts';
import { isSuccess, send, shortDetail, statusError, type FetchLike, type HttpAnswer } from './http.ts';
import type { ReadResult } from './result.ts';
import { cleanText, isoFromIsoInstant } from './text.ts';

export interface GraphReadOptions {
  fetch: FetchLike;
  /** OAuth access token for Graph (Mail.Read, or Mail.Read.Shared for a unit mailbox). */
  accessToken: string;
  /** The unit (shared) mailbox's UPN or SMTP address; default the signed-in user (/me). */
  mailbox?: string;
  /** Well-known folder name or folder id (default "inbox"). */
  folder?: string;
  /** Messages per page, $top (default 50; Graph allows up to 1000 for messages). */
  top?: number;
  /** Upper bound on pages (default 10). */
  maxPages?: number;
  /** Graph endpoint (default https://graph.microsoft.com; national clouds differ). */
  graphBaseUrl?: string;
  signal?: AbortSignal;
}

export const LAST_VERB_EXECUTED = 'Integer 0x1081';
/** [MS-OXOMSG] PidTagLastVerbExecuted values that mean "a reply was sent". */
const REPLY_VERBS = new Set([102, 103]);

const DEFAULT_TOP = 50;
const DEFAULT_MAX_PAGES = 10;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One Graph message resource -> item; null when it has no id or no receivedDateTime. */
export function graphMessageToItem(m: unknown): MailboxItem | null {
  if (!isObject(m) || typeof m.id !== 'string' || m.id === '' || m.id.length > 1024) return null;
  const receivedAt = isoFromIsoInstant(m.receivedDateTime);
  if (!receivedAt) return null;
  let answered = false;
  if (Array.isArray(m.singleValueExtendedProperties)) {
    for (const p of m.singleValueExtendedProperties) {
      // Graph echoes the id as requested but case may differ ("Integer 0x1081").
      if (isObject(p) && typeof p.id === 'string' && p.id.toLowerCase() === LAST_VERB_EXECUTED.toLowerCase()) {
        const verb = typeof p.value === 'string' ? Number(p.value) : p.value;
        if (typeof verb === 'number' && REPLY_VERBS.has(verb)) answered = true;
      }
    }
  }
  const from = isObject(m.from) && isObject(m.from.emailAddress) ? m.from.emailAddress : undefined;
  const address = from && typeof from.address === 'string' && from.address ? from.address
    : from && typeof from.name === 'string' ? from.name : '';
  return {
    id: m.id,
    from: cleanText(address),
    subject: typeof m.subject === 'string' ? cleanText(m.subject) : '',
    receivedAt,
    answered,
  };
}

function graphError(answer: HttpAnswer): ReaderError {
  let code = '';
  let message = '';
  try {
    const j = JSON.parse(answer.body) as unknown;
    if (isObject(j) && isObject(j.error)) {
      code = typeof j.error.code === 'string' ? j.error.code : '';
      message = typeof j.error.message === 'string' ? j.error.message : '';
    }
  } catch {
    /* not JSON: keep the status */
  }
  const detail = shortDetail([`HTTP ${answer.status}`, code, message].filter(Boolean).join(' '));
  // 404 for a mailbox that exists but is not shared with the user is common: keep Graph's code
  // in the detail ("ErrorItemNotFound", "MailboxNotEnabledForRESTAPI") so support can tell.
  if (answer.status === 400 && /InvalidAuthenticationToken/i.test(code)) return new ReaderError('auth', 'graph', { status: 400, detail });
  if (answer.status === 403 && /ErrorAccessDenied|AccessDenied|Authorization_RequestDenied/i.test(code)) {
    return new ReaderError('forbidden', 'graph', { status: 403, detail });
  }
  return statusError(answer, 'graph', detail);
}

export async function scanGraphMailbox(opts: GraphReadOptions): Promise<ReadResult> {
  if (!opts.accessToken) throw new ReaderError('auth', 'graph', { detail: 'no access token' });
  const graph = (opts.graphBaseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  const top = Math.min(1000, Math.max(1, Math.floor(opts.top ?? DEFAULT_TOP)));
  const maxPages = Math.max(1, Math.floor(opts.maxPages ?? DEFAULT_MAX_PAGES));
  const owner = opts.mailbox ? `users/${encodeURIComponent(opts.mailbox)}` : 'me';
  const folder = encodeURIComponent(opts.folder ?? 'inbox');
  let url: string | undefined = `${graph}/v1.0/${owner}/mailFolders/${folder}/messages` +
    `?$select=id,subject,from,receivedDateTime` +
    `&$expand=singleValueExtendedProperties($filter=id%20eq%20'${LAST_VERB_EXECUTED.replace(' ', '%20')}')` +
    `&$orderby=receivedDateTime%20desc&$top=${top}`;
  const headers = { Authorization: `Bearer ${opts.accessToken}`, Accept: 'application/json' };

  const items = new Map<string, MailboxItem>();
  let skipped = 0;
  let pages = 0;
  while (url && pages < maxPages) {
    const answer = await send(opts.fetch, url, { method: 'GET', headers, credentials: 'omit', signal: opts.signal }, 'graph');
    if (!isSuccess(answer.status)) throw graphError(answer);
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch (e) {
      throw new ReaderError('malformed', 'graph', { status: answer.status, detail: 'not JSON', cause: e });
    }
    if (!isObject(json) || !Array.isArray(json.value)) {
      throw new ReaderError('malformed', 'graph', { status: answer.status, detail: 'no "value" array' });
    }
    pages++;
    for (const m of json.value) {
      const item = graphMessageToItem(m);
      if (!item) skipped++;
      else if (!items.has(item.id)) items.set(item.id, item);
    }
    const next = json['@odata.nextLink'];
    if (next === undefined || next === null) {
      url = undefined;
    } else if (typeof next === 'string' && next.toLowerCase().startsWith(graph.toLowerCase() + '/')) {
      url = next;
    } else {
      // Following a link to another host would hand it the bearer token.
      throw new ReaderError('malformed', 'graph', { detail: 'nextLink outside the Graph endpoint' });
    }
  }
  return { items: [...items.values()], complete: url === undefined, skipped, pages };
}

export async function readGraphMailbox(opts: GraphReadOptions): Promise<MailboxItem[]> {
  return (await scanGraphMailbox(opts)).items;
}
