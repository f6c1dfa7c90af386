/**
 * Mailbox readers: each returns the `MailboxItem`s ({id, from, subject, receivedAt, answered}) of
 * the unit mailbox that is open, for overdue() (shared/calendar/overdue.ts; QĐ 652/QĐ-BTTTT
 * Đ12 k4: reply within 02 working days). `read*` gives the items; `scan*` adds whether the list is
 * complete. Every failure is a ReaderError with Vietnamese and English text.
 */
export { ReaderError, type ReaderErrorKind, type ReaderErrorOptions, type ReaderSource } from './errors.ts';
export { parseRetryAfter, type FetchInitLike, type FetchLike, type ResponseLike } from './http.ts';
export type { ReadResult } from './result.ts';
export {
  readRoundcubeMailbox, scanRoundcubeMailbox, parseRoundcubeList, fromOfAddressHtml,
  extractRoundcubeToken, fetchRoundcubeToken, roundcubeBase,
  type RoundcubeReadOptions, type RoundcubeListPage,
} from './roundcube.ts';
export { parseExecCalls, type ExecCall, type ExecParse, type BrokenCall } from './roundcube-exec.ts';
export { readZimbraMailbox, scanZimbraMailbox, zimbraMessageToItem, type ZimbraReadOptions } from './zimbra.ts';
export { readGraphMailbox, scanGraphMailbox, graphMessageToItem, LAST_VERB_EXECUTED, type GraphReadOptions } from './graph.ts';
export { readEwsMailbox, scanEwsMailbox, buildFindItemRequest, parseFindItemResponse, ewsItemToItem, type EwsReadOptions } from './ews.ts';
export { encodeImapUtf7, parseImapDate } from './text.ts';
