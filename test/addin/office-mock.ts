/**
 * A hand-written Office.js mock for Outlook compose/read items.
 *
 * Why not office-addin-mock alone: it models the Excel/Word `load()/sync()` proxy style;
 * Outlook's API is callback based (`getAsync(cb)` with AsyncResult), and these tests need
 * per-call failures, hangs and delays. No Node or vitest imports: the same file is bundled
 * into the browser test page and handed to a bare `vm` context.
 */

export interface MockAddress {
  displayName?: string;
  emailAddress: string;
}

export interface MockAttachment {
  id: string;
  name: string;
  size: number;
  attachmentType?: 'file' | 'item' | 'cloud';
  contentType?: string;
  isInline?: boolean;
  /** base64 content returned by getAttachmentContentAsync (format "base64"). */
  base64?: string;
  /** For attachmentType "item": the .eml text (format "eml"). */
  eml?: string;
}

export interface MockItemData {
  mode?: 'compose' | 'read';
  subject?: string;
  bodyHtml?: string;
  from?: MockAddress;
  to?: MockAddress[];
  cc?: MockAddress[];
  bcc?: MockAddress[];
  attachments?: MockAttachment[];
}

/** API names as in the errors, e.g. "getAttachmentsAsync", "body.getAsync". */
export type MockApi =
  | 'subject.getAsync'
  | 'body.getAsync'
  | 'from.getAsync'
  | 'to.getAsync'
  | 'cc.getAsync'
  | 'bcc.getAsync'
  | 'getAttachmentsAsync'
  | 'getAttachmentContentAsync'
  | 'sessionData.getAsync'
  | 'sessionData.setAsync'
  | 'notificationMessages.replaceAsync'
  | 'notificationMessages.removeAsync'
  | 'roamingSettings.saveAsync';

export interface MockOptions {
  item?: MockItemData | null;
  displayLanguage?: string;
  /** Highest Mailbox requirement set the fake client supports, e.g. "1.15" (default) or "1.12". */
  mailboxVersion?: string;
  roaming?: Record<string, unknown>;
  /** These calls answer with status "failed". */
  fail?: MockApi[];
  /** These calls never call back (a hung host). */
  hang?: MockApi[];
  /** Delay (ms) before each callback; 0 = next macrotask. */
  delayMs?: number;
  /** Per-API extra delay (ms). */
  delays?: Partial<Record<MockApi, number>>;
  /** Timer used for callbacks; defaults to the global setTimeout of the realm that built the mock. */
  schedule?: (fn: () => void, ms: number) => void;
}

export interface CompletedCall {
  options: Record<string, unknown> | undefined;
  at: number;
}

export interface MockEvent {
  type?: string;
  completed(options?: Record<string, unknown>): void;
  calls: CompletedCall[];
  /** Resolves on the first completed() call. */
  done: Promise<CompletedCall>;
  attachmentDetails?: MockAttachment;
  attachmentStatus?: string;
}

export interface OfficeMock {
  Office: Record<string, unknown> & {
    context: { mailbox: { item: unknown } };
    actions: { associate(name: string, fn: (e: MockEvent) => void): void };
  };
  associated: Map<string, (e: MockEvent) => void>;
  sessionData: Map<string, string>;
  notifications: Map<string, { type: string; message: string; icon?: string; persistent?: boolean }>;
  roaming: Record<string, unknown>;
  calls: string[];
  event(type?: string, extra?: Partial<MockEvent>): MockEvent;
  /** Fires a handler by FunctionName and waits for completed(). */
  fire(name: string, type?: string, extra?: Partial<MockEvent>): Promise<CompletedCall>;
}

function versionLE(a: string, b: string): boolean {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 < b1 || (a1 === b1 && (a2 || 0) <= (b2 || 0));
}

export function createOfficeMock(opts: MockOptions = {}): OfficeMock {
  const fail = new Set(opts.fail || []);
  const hang = new Set(opts.hang || []);
  const schedule = opts.schedule || ((fn: () => void, ms: number) => void setTimeout(fn, ms));
  const sessionData = new Map<string, string>();
  const notifications = new Map<string, { type: string; message: string; icon?: string; persistent?: boolean }>();
  const roaming: Record<string, unknown> = { ...(opts.roaming || {}) };
  const calls: string[] = [];
  const associated = new Map<string, (e: MockEvent) => void>();

  function answer<T>(api: MockApi, cb: ((r: unknown) => void) | undefined, value: () => T): void {
    calls.push(api);
    if (!cb) return;
    if (hang.has(api)) return;
    const ms = (opts.delayMs || 0) + ((opts.delays && opts.delays[api]) || 0);
    schedule(() => {
      if (fail.has(api)) {
        cb({ status: 'failed', value: undefined, error: { name: 'GenericResponseError', message: `${api} failed (mock)`, code: 9020 } });
        return;
      }
      try {
        cb({ status: 'succeeded', value: value() });
      } catch (e) {
        cb({ status: 'failed', value: undefined, error: { name: 'Error', message: String(e) } });
      }
    }, ms);
  }

  const d = opts.item;
  let item: Record<string, unknown> | null = null;
  if (d) {
    const attachments = (d.attachments || []).slice();
    const details = () =>
      attachments.map((a) => ({
        id: a.id,
        name: a.name,
        size: a.size,
        attachmentType: a.attachmentType || 'file',
        contentType: a.contentType,
        isInline: !!a.isInline,
      }));
    const content = (id: string) => {
      const a = attachments.find((x) => x.id === id);
      if (!a) throw new Error('InvalidAttachmentId');
      if (a.attachmentType === 'cloud') return { format: 'url', content: 'https://cloud.example/' + a.name };
      if (a.attachmentType === 'item') return { format: 'eml', content: a.eml || '' };
      return { format: 'base64', content: a.base64 || '' };
    };
    const recipients = (api: MockApi, list: MockAddress[] | undefined) => ({
      getAsync: (a: unknown, b?: unknown) =>
        answer(api, (typeof a === 'function' ? a : b) as (r: unknown) => void, () => (list || []).slice()),
    });
    const common = {
      itemType: 'message',
      body: {
        getAsync: (_coercion: string, a: unknown, b?: unknown) =>
          answer('body.getAsync', (typeof a === 'function' ? a : b) as (r: unknown) => void, () => d.bodyHtml || ''),
      },
      getAttachmentContentAsync: (id: string, a: unknown, b?: unknown) =>
        answer('getAttachmentContentAsync', (typeof a === 'function' ? a : b) as (r: unknown) => void, () => content(id)),
      notificationMessages: {
        replaceAsync: (key: string, det: { type: string; message: string }, a?: unknown, b?: unknown) =>
          answer('notificationMessages.replaceAsync', (typeof a === 'function' ? a : b) as (r: unknown) => void, () => {
            if (det.message.length > 150) throw new Error('ArgumentOutOfRange: message > 150');
            notifications.set(key, { ...det });
          }),
        removeAsync: (key: string, a?: unknown, b?: unknown) =>
          answer('notificationMessages.removeAsync', (typeof a === 'function' ? a : b) as (r: unknown) => void, () => {
            notifications.delete(key);
          }),
        getAllAsync: (cb: (r: unknown) => void) =>
          answer('notificationMessages.replaceAsync', cb, () => Array.from(notifications, ([key, v]) => ({ key, ...v }))),
      },
      addHandlerAsync: (_t: string, _h: unknown, cb?: (r: unknown) => void) => cb && cb({ status: 'succeeded' }),
    };
    if (d.mode === 'read') {
      item = {
        ...common,
        subject: d.subject || '',
        from: d.from || null,
        to: (d.to || []).slice(),
        cc: (d.cc || []).slice(),
        attachments: details(),
      };
    } else {
      item = {
        ...common,
        subject: {
          getAsync: (a: unknown, b?: unknown) =>
            answer('subject.getAsync', (typeof a === 'function' ? a : b) as (r: unknown) => void, () => d.subject || ''),
        },
        from: {
          getAsync: (a: unknown, b?: unknown) =>
            answer('from.getAsync', (typeof a === 'function' ? a : b) as (r: unknown) => void, () => d.from || null),
        },
        to: recipients('to.getAsync', d.to),
        cc: recipients('cc.getAsync', d.cc),
        bcc: recipients('bcc.getAsync', d.bcc),
        getAttachmentsAsync: (a: unknown, b?: unknown) =>
          answer('getAttachmentsAsync', (typeof a === 'function' ? a : b) as (r: unknown) => void, details),
        sessionData: {
          getAsync: (name: string, cb: (r: unknown) => void) =>
            answer('sessionData.getAsync', cb, () => {
              if (!sessionData.has(name)) throw new Error('ItemNotFound');
              return sessionData.get(name);
            }),
          setAsync: (name: string, value: string, a?: unknown, b?: unknown) =>
            answer('sessionData.setAsync', (typeof a === 'function' ? a : b) as (r: unknown) => void, () => {
              let total = value.length;
              sessionData.forEach((v, k) => {
                if (k !== name) total += v.length;
              });
              // Mailbox ≤ 1.15: 50 000 characters per add-in per item.
              if (total > 50000) throw new Error('DataExceedsMaximumSize');
              sessionData.set(name, value);
            }),
          removeAsync: (name: string, cb?: (r: unknown) => void) =>
            answer('sessionData.setAsync', cb, () => {
              sessionData.delete(name);
            }),
        },
      };
    }
  }

  const maxVersion = opts.mailboxVersion || '1.15';
  const Office = {
    context: {
      mailbox: {
        item,
        userProfile: { emailAddress: (d && d.from && d.from.emailAddress) || 'user@example.gov.vn', displayName: 'Người dùng' },
      },
      displayLanguage: opts.displayLanguage || 'vi-VN',
      platform: 'PC',
      requirements: {
        isSetSupported: (name: string, version?: string) => name === 'Mailbox' && versionLE(version || '1.1', maxVersion),
      },
      roamingSettings: {
        get: (k: string) => roaming[k],
        set: (k: string, v: unknown) => {
          roaming[k] = v;
        },
        remove: (k: string) => {
          delete roaming[k];
        },
        saveAsync: (cb?: (r: unknown) => void) => answer('roamingSettings.saveAsync', cb, () => undefined),
      },
    },
    actions: {
      associate: (name: string, fn: (e: MockEvent) => void) => {
        associated.set(name, fn);
      },
    },
    onReady: (cb?: (info: unknown) => void) => {
      const info = { host: 'Outlook', platform: 'PC' };
      if (cb) schedule(() => cb(info), 0);
      return Promise.resolve(info);
    },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Html: 'html', Text: 'text' },
    MailboxEnums: {
      SendModeOverride: { PromptUser: 'promptUser' },
      ItemNotificationMessageType: {
        ProgressIndicator: 'progressIndicator',
        InformationalMessage: 'informationalMessage',
        ErrorMessage: 'errorMessage',
        InsightMessage: 'insightMessage',
      },
    },
    EventType: { RecipientsChanged: 'olkRecipientsChanged', AttachmentsChanged: 'olkAttachmentsChanged' },
  };

  function event(type?: string, extra: Partial<MockEvent> = {}): MockEvent {
    let resolve!: (c: CompletedCall) => void;
    const done = new Promise<CompletedCall>((r) => (resolve = r));
    const ev: MockEvent = {
      type,
      calls: [],
      done,
      completed(options?: Record<string, unknown>) {
        const c = { options, at: Date.now() };
        ev.calls.push(c);
        if (ev.calls.length === 1) resolve(c);
      },
      ...extra,
    };
    return ev;
  }

  return {
    Office: Office as OfficeMock['Office'],
    associated,
    sessionData,
    notifications,
    roaming,
    calls,
    event,
    fire(name, type, extra) {
      const fn = associated.get(name);
      if (!fn) throw new Error(`no handler associated as ${name}`);
      const ev = event(type, extra);
      fn(ev);
      return ev.done;
    },
  };
}

/** Base64 without Buffer/btoa (this file also runs in the browser page). */
export function toBase64(bytes: Uint8Array): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    out += A[(n >> 18) & 63] + A[(n >> 12) & 63] + (i + 1 < bytes.length ? A[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? A[n & 63] : '=');
  }
  return out;
}
