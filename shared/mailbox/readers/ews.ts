/**
 * Exchange on-premises unit-mailbox reader through EWS FindItem, for the Outlook add-in:
 * `Office.context.mailbox.makeEwsRequestAsync(xml, cb)` sends the request with the user's own
 * credentials (the add-in needs ReadWriteMailbox; FindItem is on the list of operations that
 * method allows). The caller adapts it to `(xml) => Promise<string>`; no credentials pass here.
 *
 * Request: FindItem, Traversal="Shallow", on DistinguishedFolderId "inbox" — with
 * <t:Mailbox><t:EmailAddress> for a shared unit mailbox (delegate access: Full Access or folder
 * permission on it) — returning IdOnly plus Subject, DateTimeReceived, From and the extended
 * property 0x1081 PidTagLastVerbExecuted (PropertyType Integer). [MS-OXOMSG] values:
 * 102 NOTEIVERB_REPLYTOSENDER, 103 NOTEIVERB_REPLYTOALL, 104 NOTEIVERB_FORWARD; answered means
 * 102 or 103. Paged with IndexedPageItemView, newest first (SortOrder DateTimeReceived).
 * The XML is built as a string: Outlook's JavaScript runtime has no DOM to build it with.
 *
 * Response: parsed with fast-xml-parser (pure JavaScript, no DOM). Namespace prefixes are
 * dropped (Exchange uses s:/m:/t: but any prefix is legal). ResponseClass="Error" and SOAP faults
 * become ReaderError by ResponseCode (ErrorAccessDenied, ErrorNonExistentMailbox,
 * ErrorServerBusy with BackOffMilliseconds, …). A document with a DOCTYPE is refused: EWS never
 * sends one, and entity declarations are the classic XML bomb.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MailboxItem } from '../../types.ts';
import { ReaderError } from './errors.ts';
import { shortDetail } from './http.ts';
import type { ReadResult } from './result.ts';
import { cleanText, isoFromIsoInstant } from './text.ts';

export interface EwsReadOptions {
  /** `makeEwsRequestAsync` as a promise: resolves with the response XML, rejects on failure. */
  makeEwsRequest: (xml: string) => Promise<string>;
  /** SMTP address of the shared unit mailbox; default the user's own mailbox. */
  mailbox?: string;
  /** Distinguished folder id (default "inbox"). */
  folder?: string;
  /** Items per FindItem call (default 100). makeEwsRequestAsync answers are limited to 1 MB. */
  pageSize?: number;
  /** Upper bound on FindItem calls (default 10). */
  maxPages?: number;
  /** RequestServerVersion (default Exchange2013, the oldest version add-ins run against). */
  serverVersion?: string;
}

const REPLY_VERBS = new Set([102, 103]);
const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_MAX_PAGES = 10;
/** EWS item element names FindItem can return in a mail folder. */
const ITEM_TYPES = ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation', 'MeetingMessage', 'Item', 'PostItem'];
const DISTINGUISHED = /^[A-Za-z]{1,64}$/;

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** The FindItem SOAP request (EWS schema element order: ItemShape, paging, SortOrder, ParentFolderIds). */
export function buildFindItemRequest(opts: { mailbox?: string; folder?: string; offset: number; pageSize: number; serverVersion?: string }): string {
  const folder = opts.folder ?? 'inbox';
  if (!DISTINGUISHED.test(folder)) throw new TypeError(`EWS: invalid distinguished folder id ${JSON.stringify(folder)}`);
  const version = opts.serverVersion ?? 'Exchange2013';
  if (!/^Exchange\w{1,40}$/.test(version)) throw new TypeError(`EWS: invalid RequestServerVersion ${JSON.stringify(version)}`);
  const mailbox = opts.mailbox
    ? `<t:Mailbox><t:EmailAddress>${escapeXml(opts.mailbox)}</t:EmailAddress></t:Mailbox>`
    : '';
  return '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"' +
    ' xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"' +
    ' xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soap:Header><t:RequestServerVersion Version="${version}"/></soap:Header>` +
    '<soap:Body>' +
    '<m:FindItem Traversal="Shallow">' +
    '<m:ItemShape>' +
    '<t:BaseShape>IdOnly</t:BaseShape>' +
    '<t:AdditionalProperties>' +
    '<t:FieldURI FieldURI="item:Subject"/>' +
    '<t:FieldURI FieldURI="item:DateTimeReceived"/>' +
    '<t:FieldURI FieldURI="message:From"/>' +
    '<t:ExtendedFieldURI PropertyTag="0x1081" PropertyType="Integer"/>' +
    '</t:AdditionalProperties>' +
    '</m:ItemShape>' +
    `<m:IndexedPageItemView MaxEntriesReturned="${Math.floor(opts.pageSize)}" Offset="${Math.floor(opts.offset)}" BasePoint="Beginning"/>` +
    '<m:SortOrder><t:FieldOrder Order="Descending"><t:FieldURI FieldURI="item:DateTimeReceived"/></t:FieldOrder></m:SortOrder>' +
    `<m:ParentFolderIds><t:DistinguishedFolderId Id="${folder}">${mailbox}</t:DistinguishedFolderId></m:ParentFolderIds>` +
    '</m:FindItem>' +
    '</soap:Body>' +
    '</soap:Envelope>';
}

/** Created on first use, so a bundle that never reads EWS can drop this module. */
let parser: XMLParser | undefined;
const parserOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Keep every value a string: a subject "2026" must stay text.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Decodes numeric character references (&#x1F4CE;) besides the five XML entities.
  htmlEntities: true,
};

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isNode(v) && typeof v['#text'] === 'string') return v['#text'];
  return '';
}

function child(v: unknown, name: string): unknown {
  return isNode(v) ? v[name] : undefined;
}

/** Parses and checks the envelope; returns the FindItemResponseMessage's RootFolder. */
export function parseFindItemResponse(xml: string): { items: MailboxItem[]; skipped: number; more: boolean; nextOffset?: number } {
  if (typeof xml !== 'string' || xml.trim() === '') throw new ReaderError('malformed', 'ews', { detail: 'empty response' });
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new ReaderError('malformed', 'ews', { detail: 'DOCTYPE in response' });
  if (XMLValidator.validate(xml) !== true) throw new ReaderError('malformed', 'ews', { detail: 'not well-formed XML' });
  let doc: unknown;
  try {
    parser ??= new XMLParser(parserOptions);
    doc = parser.parse(xml);
  } catch (e) {
    throw new ReaderError('malformed', 'ews', { detail: 'not parseable XML', cause: e });
  }
  const body = child(child(doc, 'Envelope'), 'Body');
  if (!isNode(body)) throw new ReaderError('malformed', 'ews', { detail: 'no SOAP Body' });

  const fault = body.Fault;
  if (fault !== undefined) {
    // SOAP 1.1 fault: faultcode "a:ErrorSchemaValidation", detail/ResponseCode when Exchange adds it.
    const code = text(child(child(fault, 'detail'), 'ResponseCode')) || text(child(fault, 'faultcode')).replace(/^.*:/, '');
    const backOff = Number(text(backOffValue(child(child(fault, 'detail'), 'MessageXml'))));
    throw codeError(code, text(child(fault, 'faultstring')), Number.isFinite(backOff) && backOff > 0 ? backOff : undefined);
  }

  const response = body.FindItemResponse;
  const messages = list(child(child(response, 'ResponseMessages'), 'FindItemResponseMessage'));
  if (!messages.length) throw new ReaderError('malformed', 'ews', { detail: 'no FindItemResponseMessage' });
  const message = messages[0];
  if (!isNode(message)) throw new ReaderError('malformed', 'ews', { detail: 'bad FindItemResponseMessage' });
  if (message['@_ResponseClass'] !== 'Success' && message['@_ResponseClass'] !== 'Warning') {
    const backOff = Number(text(backOffValue(message.MessageXml)));
    throw codeError(text(message.ResponseCode), text(message.MessageText), Number.isFinite(backOff) && backOff > 0 ? backOff : undefined);
  }
  const root = message.RootFolder;
  if (!isNode(root)) throw new ReaderError('malformed', 'ews', { detail: 'no RootFolder' });
  const itemsNode = root.Items;
  const out: MailboxItem[] = [];
  let skipped = 0;
  if (isNode(itemsNode)) {
    for (const type of ITEM_TYPES) {
      for (const it of list(itemsNode[type])) {
        const item = ewsItemToItem(it);
        if (item) out.push(item);
        else skipped++;
      }
    }
  }
  // FindItem returns items in the requested sort order; regrouping by element type above must not
  // change that, so sort again (newest first).
  out.sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
  const last = root['@_IncludesLastItemInRange'];
  const next = Number(root['@_IndexedPagingOffset']);
  return { items: out, skipped, more: last === 'false', nextOffset: Number.isFinite(next) ? next : undefined };
}

function backOffValue(messageXml: unknown): unknown {
  for (const v of list(child(messageXml, 'Value'))) {
    if (isNode(v) && v['@_Name'] === 'BackOffMilliseconds') return v;
  }
  return undefined;
}

/** EWS ResponseCodeType -> ReaderError. */
function codeError(code: string, message: string, backOffMs?: number): ReaderError {
  const detail = shortDetail(`${code} ${message}`);
  if (/^(ErrorServerBusy|ErrorTooManyObjectsOpened|ErrorExceededConnectionCount|ErrorExceededSubscriptionCount)$/.test(code)) {
    return new ReaderError('throttled', 'ews', { detail, retryAfterMs: backOffMs });
  }
  if (/^(ErrorAccessDenied|ErrorImpersonateUserDenied|ErrorDelegateNoUser|ErrorNoPublicFolderReplicaAvailable)$/.test(code)) {
    return new ReaderError('forbidden', 'ews', { detail });
  }
  if (/^(ErrorNonExistentMailbox|ErrorFolderNotFound|ErrorInvalidSmtpAddress|ErrorMailboxMoveInProgress_NotFound|ErrorItemNotFound)$/.test(code)) {
    return new ReaderError('not-found', 'ews', { detail });
  }
  if (/^(ErrorInvalidLicense|ErrorExpiredSubscription|ErrorInvalidTokenAuthentication|ErrorAccountDisabled|ErrorPasswordExpired|ErrorInvalidClientAccessTokenRequest)$/.test(code)) {
    return new ReaderError('auth', 'ews', { detail });
  }
  return new ReaderError('server', 'ews', { detail: detail || 'EWS error' });
}

/** One EWS item (Message, MeetingRequest, …) -> MailboxItem; null without id or date. */
export function ewsItemToItem(it: unknown): MailboxItem | null {
  if (!isNode(it)) return null;
  const idNode = it.ItemId;
  const id = isNode(idNode) ? idNode['@_Id'] : undefined;
  if (typeof id !== 'string' || id === '' || id.length > 2048) return null;
  const receivedAt = isoFromIsoInstant(text(it.DateTimeReceived));
  if (!receivedAt) return null;
  let answered = false;
  for (const p of list(it.ExtendedProperty)) {
    const uri = child(p, 'ExtendedFieldURI');
    const tag = isNode(uri) ? String(uri['@_PropertyTag'] ?? '') : '';
    if (tag.toLowerCase() === '0x1081' || tag === '4225') {
      const verb = Number(text(child(p, 'Value')));
      if (REPLY_VERBS.has(verb)) answered = true;
    }
  }
  const mbox = child(child(it, 'From'), 'Mailbox');
  const address = text(child(mbox, 'EmailAddress'));
  const routing = text(child(mbox, 'RoutingType'));
  const name = text(child(mbox, 'Name'));
  // RoutingType EX carries a legacyExchangeDN ("/O=…/CN=…"), not an SMTP address: show the name.
  const from = address && (routing === '' || routing.toUpperCase() === 'SMTP' || address.includes('@')) ? address : name || address;
  return { id, from: cleanText(from), subject: cleanText(text(it.Subject)), receivedAt, answered };
}

export async function scanEwsMailbox(opts: EwsReadOptions): Promise<ReadResult> {
  const pageSize = Math.min(1000, Math.max(1, Math.floor(opts.pageSize ?? DEFAULT_PAGE_SIZE)));
  const maxPages = Math.max(1, Math.floor(opts.maxPages ?? DEFAULT_MAX_PAGES));
  const byId = new Map<string, MailboxItem>();
  let skipped = 0;
  let pages = 0;
  let offset = 0;
  let complete = false;
  while (pages < maxPages) {
    const request = buildFindItemRequest({ mailbox: opts.mailbox, folder: opts.folder, offset, pageSize, serverVersion: opts.serverVersion });
    let xml: string;
    try {
      xml = await opts.makeEwsRequest(request);
    } catch (e) {
      if (e instanceof ReaderError) throw e;
      throw new ReaderError('network', 'ews', { detail: shortDetail(e instanceof Error ? e.message : e), cause: e });
    }
    const page = parseFindItemResponse(xml);
    pages++;
    skipped += page.skipped;
    for (const item of page.items) if (!byId.has(item.id)) byId.set(item.id, item);
    if (!page.more || page.items.length + page.skipped === 0) {
      complete = true;
      break;
    }
    const next = page.nextOffset ?? offset + page.items.length + page.skipped;
    if (next <= offset) {
      complete = true;
      break;
    }
    offset = next;
  }
  return { items: [...byId.values()], complete, skipped, pages };
}

export async function readEwsMailbox(opts: EwsReadOptions): Promise<MailboxItem[]> {
  return (await scanEwsMailbox(opts)).items;
}
