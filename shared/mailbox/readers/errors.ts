/**
 * One error type for every mailbox reader, so the hosts (extension background, add-in task
 * pane) can tell the user what to do without knowing which server answered: log in again,
 * ask for access, wait, or report a bug. User-facing text is Vietnamese first (DESIGN.md).
 */

export type ReaderSource = 'roundcube' | 'zimbra' | 'graph' | 'ews';

export type ReaderErrorKind =
  /** Not logged in, session expired, token invalid or expired: log in / sign in again. */
  | 'auth'
  /** Logged in, but not allowed to read this mailbox or folder (no delegate / share rights). */
  | 'forbidden'
  /** The mailbox or folder does not exist (or the server will not say that it does). */
  | 'not-found'
  /** The server asks us to slow down; `retryAfterMs` says for how long when it told us. */
  | 'throttled'
  /** The answer is not what this server's API sends: a proxy page, a changed format, garbage. */
  | 'malformed'
  /** Any other server-side failure (HTTP 5xx, IMAP error, SOAP fault). */
  | 'server'
  /** The request did not get an answer at all (offline, DNS, TLS, CORS, host API failure). */
  | 'network';

const SOURCE_NAME: Record<ReaderSource, string> = {
  roundcube: 'Roundcube',
  zimbra: 'Zimbra',
  graph: 'Microsoft Graph',
  ews: 'Exchange (EWS)',
};

function texts(kind: ReaderErrorKind, source: ReaderSource, retryAfterMs?: number): { vi: string; en: string } {
  const s = SOURCE_NAME[source];
  switch (kind) {
    case 'auth':
      return source === 'graph' || source === 'ews'
        ? { vi: `${s}: mã truy cập không hợp lệ hoặc đã hết hạn. Hãy đăng nhập lại Outlook.`, en: `${s}: the access token is invalid or has expired. Sign in to Outlook again.` }
        : { vi: `${s}: chưa đăng nhập hoặc phiên làm việc đã hết hạn. Hãy đăng nhập lại hộp thư.`, en: `${s}: not logged in, or the session has expired. Log in to the webmail again.` };
    case 'forbidden':
      return { vi: `${s}: tài khoản không có quyền đọc hộp thư này. Hãy đề nghị quản trị cấp quyền truy cập hộp thư đơn vị.`, en: `${s}: this account may not read this mailbox. Ask the administrator for access to the unit mailbox.` };
    case 'not-found':
      return { vi: `${s}: không tìm thấy hộp thư hoặc thư mục.`, en: `${s}: the mailbox or folder was not found.` };
    case 'throttled': {
      const secs = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
      return secs === undefined
        ? { vi: `${s}: máy chủ đang giới hạn số yêu cầu. Hãy thử lại sau.`, en: `${s}: the server is throttling requests. Try again later.` }
        : { vi: `${s}: máy chủ đang giới hạn số yêu cầu. Hãy thử lại sau ${secs} giây.`, en: `${s}: the server is throttling requests. Try again in ${secs} s.` };
    }
    case 'malformed':
      return { vi: `${s}: phản hồi của máy chủ không đúng định dạng mong đợi.`, en: `${s}: the server's answer is not in the expected format.` };
    case 'server':
      return { vi: `${s}: máy chủ báo lỗi.`, en: `${s}: the server reported an error.` };
    case 'network':
      return { vi: `${s}: không kết nối được tới máy chủ.`, en: `${s}: could not reach the server.` };
  }
}

export interface ReaderErrorOptions {
  /** HTTP status, when there was one. */
  status?: number;
  /** From Retry-After / BackOffMilliseconds, when the server said. */
  retryAfterMs?: number;
  /** The server's own words (error code, IMAP message), for logs and bug reports; never HTML. */
  detail?: string;
  cause?: unknown;
}

export class ReaderError extends Error {
  readonly kind: ReaderErrorKind;
  readonly source: ReaderSource;
  readonly message_vi: string;
  readonly message_en: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly detail?: string;

  constructor(kind: ReaderErrorKind, source: ReaderSource, opts: ReaderErrorOptions = {}) {
    const t = texts(kind, source, opts.retryAfterMs);
    const detail = opts.detail ? ` (${opts.detail})` : '';
    super(`${t.vi} / ${t.en}${detail}`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ReaderError';
    this.kind = kind;
    this.source = source;
    this.message_vi = t.vi;
    this.message_en = t.en;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.detail !== undefined) this.detail = opts.detail;
  }
}
