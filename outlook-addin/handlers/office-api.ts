/**
 * The slice of Office.js the event handlers use, typed structurally so the same code runs
 * against the real runtime, the hand-written mock in test/addin and a bare `vm` context.
 * Every call goes through `call()`: it turns the callback style into a Promise and turns
 * a synchronous throw (Office.js throws for bad arguments / unsupported APIs) into a rejection,
 * so one error path handles both.
 */

export interface AsyncResultLike<T> {
  status: 'succeeded' | 'failed' | string;
  value: T;
  error?: { name?: string; message?: string; code?: number };
}
export type Callback<T> = (r: AsyncResultLike<T>) => void;

export interface EmailAddressLike {
  displayName?: string;
  emailAddress: string;
}

export interface AttachmentDetailsLike {
  id: string;
  name: string;
  size: number;
  attachmentType?: 'file' | 'item' | 'cloud' | string;
  contentType?: string;
  isInline?: boolean;
}

export interface AttachmentContentLike {
  content: string;
  format: 'base64' | 'url' | 'eml' | 'iCalendar' | string;
}

export interface NotificationDetailsLike {
  type: string;
  message: string;
  icon?: string;
  persistent?: boolean;
}

export interface ComposeItemLike {
  itemType?: string;
  subject: { getAsync(cb: Callback<string>): void } | string;
  body: { getAsync(coercion: string, cb: Callback<string>): void };
  from?: { getAsync(cb: Callback<EmailAddressLike>): void } | EmailAddressLike;
  to: { getAsync(cb: Callback<EmailAddressLike[]>): void } | EmailAddressLike[];
  cc: { getAsync(cb: Callback<EmailAddressLike[]>): void } | EmailAddressLike[];
  bcc?: { getAsync(cb: Callback<EmailAddressLike[]>): void };
  getAttachmentsAsync?(cb: Callback<AttachmentDetailsLike[]>): void;
  attachments?: AttachmentDetailsLike[];
  getAttachmentContentAsync?(id: string, cb: Callback<AttachmentContentLike>): void;
  sessionData?: {
    getAsync(name: string, cb: Callback<string>): void;
    setAsync(name: string, value: string, cb: Callback<void>): void;
    removeAsync?(name: string, cb: Callback<void>): void;
  };
  notificationMessages?: {
    replaceAsync(key: string, details: NotificationDetailsLike, cb: Callback<void>): void;
    removeAsync(key: string, cb: Callback<void>): void;
  };
}

export interface OfficeLike {
  context: {
    mailbox: { item: ComposeItemLike | null | undefined; userProfile?: { emailAddress?: string; displayName?: string } };
    requirements?: { isSetSupported(name: string, version?: string): boolean };
    displayLanguage?: string;
    roamingSettings?: { get(name: string): unknown; set?(name: string, value: unknown): void; saveAsync?(cb?: Callback<void>): void };
    platform?: string;
  };
  actions?: { associate(name: string, fn: (event: MailboxEventLike) => void): void };
  MailboxEnums?: {
    SendModeOverride?: { PromptUser: string };
    ItemNotificationMessageType?: { InformationalMessage: string; ErrorMessage: string };
  };
  CoercionType?: { Html: string; Text: string };
}

export interface MailboxEventLike {
  type?: string;
  completed(options?: Record<string, unknown>): void;
  /** OnMessageAttachmentsChanged: the attachment that changed. */
  attachmentDetails?: AttachmentDetailsLike;
  attachmentStatus?: string;
}

export class OfficeCallError extends Error {
  constructor(
    public readonly api: string,
    message: string,
  ) {
    super(`${api}: ${message}`);
    this.name = 'OfficeCallError';
  }
}

export function call<T>(api: string, start: (cb: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      start((r) => {
        if (r && r.status === 'succeeded') resolve(r.value);
        else reject(new OfficeCallError(api, (r && r.error && (r.error.message || r.error.name)) || 'failed'));
      });
    } catch (e) {
      reject(new OfficeCallError(api, e instanceof Error ? e.message : String(e)));
    }
  });
}

/** Reads a compose property that is an object with getAsync, or (read mode) a plain value. */
export function readProp<T>(api: string, prop: { getAsync(cb: Callback<T>): void } | T | undefined): Promise<T | undefined> {
  if (prop && typeof prop === 'object' && typeof (prop as { getAsync?: unknown }).getAsync === 'function') {
    const p = prop as { getAsync(cb: Callback<T>): void };
    return call<T>(api, (cb) => p.getAsync(cb));
  }
  return Promise.resolve(prop as T | undefined);
}

export function isSetSupported(office: OfficeLike, version: string): boolean {
  try {
    const req = office.context.requirements;
    return !!req && req.isSetSupported('Mailbox', version);
  } catch {
    return false;
  }
}
