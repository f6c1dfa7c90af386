/**
 * Office.js compose item → shared Draft.
 *
 * Everything is read in parallel; attachment contents are fetched only for small files that
 * may hold text (not media, not PDFs: see MEDIA and PDF below), only until a deadline, and
 * are reused from sessionData when a change event (OnMessageAttachmentsChanged /
 * OnNewMessageCompose) already extracted them.
 */
import type { Address, Draft, DraftAttachment, Extraction, Finding } from '../../shared/types';
import type { Policy } from '../../shared/policy';
import { SESSION_KEYS } from '../common/constants';
import { base64ToBytes } from './base64';
import {
  call,
  readProp,
  type AttachmentContentLike,
  type AttachmentDetailsLike,
  type ComposeItemLike,
  type EmailAddressLike,
  type OfficeLike,
} from './office-api';

export interface CoreApi {
  /** shared/engine evaluate(): findings ordered block → warn → info, which the alert and info bars rely on. */
  evaluate(draft: Draft, policy: Policy): Finding[];
  /** shared/engine decide(): 'send' | 'confirm' | 'stop' — one definition of "blocks" for every host. */
  decide(findings: readonly Finding[]): 'send' | 'confirm' | 'stop';
  /** shared/attachments prepareDraft(): its own budget stops it cleanly; our deadline is the backstop. */
  prepareDraft(draft: Draft, budget?: { timeMs?: number }): Promise<Draft>;
  htmlToText(html: string): string;
}

/**
 * Pictures, sound, video and fonts hold no text to check (shared/attachments/extract.ts skips
 * them too), so they are not downloaded. Everything else is fetched and the shared extractor
 * decides by content, as in the browser extension: a stale list of names here once left
 * .doc/.xls/.ppt, .zip/.gz/.tar and .mht unread in Outlook.
 */
const MEDIA =
  /\.(png|jpe?g|jpe|jfif|gif|bmp|tiff?|webp|heic|heif|ico|emf|wmf|mp3|wav|m4a|aac|ogg|oga|flac|wma|amr|mp4|m4v|mov|avi|wmv|mkv|webm|flv|3gp|mpe?g|ttf|otf|woff2?)$/i;

/**
 * scripts/build-addin.mjs stubs pdf.js out of both add-in bundles, so a PDF can never be read
 * here: it is reported unsupported without downloading it (up to maxInspectBytes for nothing).
 */
const PDF = /\.pdf$/i;
/** The detail the stubbed extractor reported for a PDF, kept so users see the same explanation. */
const PDF_UNSUPPORTED = 'PDF reader not available in this host (PDF text extraction is not available in the Outlook add-in)';

export interface AttachmentMeta {
  id: string;
  name: string;
  size: number;
  attachmentType: string;
  /** Worth downloading for the extractor. */
  inspectable: boolean;
  /** A PDF small enough to have been inspected: reported unsupported without a download. */
  pdf: boolean;
}

export interface Clock {
  now(): number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export interface ReadOptions {
  /** 'fetch': read contents until `contentDeadline`; 'cache-only': use sessionData only. */
  contents: 'fetch' | 'cache-only';
  contentDeadline: number;
  maxInspectBytes: number;
  maxInspectCount: number;
  clock: Clock;
  /**
   * What a change event's pre-extraction just read, so this read does not repeat it: the
   * attachment list, and per attachment id the extraction now in sessionData (null: none).
   * Ids missing from `cached` are looked up in sessionData as usual.
   */
  known?: KnownAttachments;
}

export interface KnownAttachments {
  list: AttachmentDetailsLike[];
  cached: Map<string, Extraction | null>;
}

export interface CachedExtraction {
  name: string;
  size: number;
  extraction: Extraction;
}

export function toAddress(e: EmailAddressLike | undefined | null): Address | undefined {
  if (!e || !e.emailAddress) return undefined;
  return e.displayName && e.displayName !== e.emailAddress
    ? { name: e.displayName, address: e.emailAddress }
    : { address: e.emailAddress };
}

function toAddresses(list: EmailAddressLike[] | undefined): Address[] {
  return (list || []).map(toAddress).filter((a): a is Address => !!a);
}

export function listAttachments(item: ComposeItemLike): Promise<AttachmentDetailsLike[]> {
  if (typeof item.getAttachmentsAsync === 'function') {
    return call<AttachmentDetailsLike[]>('getAttachmentsAsync', (cb) => item.getAttachmentsAsync!(cb));
  }
  return Promise.resolve(item.attachments || []);
}

export function attachmentMeta(a: AttachmentDetailsLike, maxInspectBytes: number): AttachmentMeta {
  const type = a.attachmentType || 'file';
  const name = a.name || '';
  // Cloud attachments are links (format "url"): there are no bytes to inspect.
  const inScope = type !== 'cloud' && (a.size || 0) <= maxInspectBytes;
  // An attached Outlook item arrives as .eml whatever its subject ends with.
  const pdf = inScope && type !== 'item' && PDF.test(name);
  return {
    id: a.id,
    name: a.name,
    size: a.size || 0,
    attachmentType: type,
    inspectable: inScope && (type === 'item' || (!pdf && !MEDIA.test(name))),
    pdf,
  };
}

export function sessionGet(item: ComposeItemLike, key: string): Promise<string | null> {
  const sd = item.sessionData;
  if (!sd) return Promise.resolve(null);
  return call<string>('sessionData.getAsync', (cb) => sd.getAsync(key, cb)).then(
    (v) => (v == null || v === '' ? null : v),
    // "not found" is reported as a failure by Outlook.
    () => null,
  );
}

export function sessionSet(item: ComposeItemLike, key: string, value: string): Promise<void> {
  const sd = item.sessionData;
  if (!sd) return Promise.resolve();
  return call<void>('sessionData.setAsync', (cb) => sd.setAsync(key, value, cb));
}

export async function readCachedExtraction(item: ComposeItemLike, meta: AttachmentMeta): Promise<Extraction | null> {
  const raw = await sessionGet(item, SESSION_KEYS.attachmentPrefix + meta.id);
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as CachedExtraction;
    // Same id but another size means the attachment was replaced: do not trust the cache.
    return c && c.size === meta.size && c.extraction ? c.extraction : null;
  } catch {
    return null;
  }
}

/** Resolves with the value, or with `fallback` once `deadline` (absolute ms) has passed. */
export function beforeDeadline<T>(p: Promise<T>, deadline: number, clock: Clock, fallback: T): Promise<T> {
  const left = deadline - clock.now();
  if (left <= 0) {
    p.catch(() => undefined);
    return Promise.resolve(fallback);
  }
  if (!clock.setTimeout) return p;
  const timer = clock.setTimeout;
  return new Promise<T>((resolve, reject) => {
    timer(() => resolve(fallback), left);
    p.then(resolve, reject);
  });
}

export async function fetchAttachmentBytes(
  item: ComposeItemLike,
  meta: AttachmentMeta,
): Promise<{ bytes: Uint8Array; type?: string } | null> {
  if (typeof item.getAttachmentContentAsync !== 'function') return null;
  const content = await call<AttachmentContentLike>('getAttachmentContentAsync', (cb) =>
    item.getAttachmentContentAsync!(meta.id, cb),
  );
  switch (content.format) {
    case 'base64':
      return { bytes: base64ToBytes(content.content) };
    // TextEncoder: the handler bundle polyfills it where the runtime lacks it (polyfills.ts).
    case 'eml':
      return { bytes: new TextEncoder().encode(content.content), type: 'message/rfc822' };
    case 'iCalendar':
      return { bytes: new TextEncoder().encode(content.content), type: 'text/calendar' };
    default:
      return null; // 'url': a cloud attachment
  }
}

export interface ReadResult {
  draft: Draft;
  metas: AttachmentMeta[];
}

export async function readDraft(office: OfficeLike, item: ComposeItemLike, core: CoreApi, opts: ReadOptions): Promise<ReadResult> {
  const coercion = (office.CoercionType && office.CoercionType.Html) || 'html';
  const [subject, html, from, to, cc, bcc, list] = await Promise.all([
    readProp<string>('subject.getAsync', item.subject),
    call<string>('body.getAsync', (cb) => item.body.getAsync(coercion, cb)),
    readProp<EmailAddressLike>('from.getAsync', item.from),
    readProp<EmailAddressLike[]>('to.getAsync', item.to),
    readProp<EmailAddressLike[]>('cc.getAsync', item.cc),
    readProp<EmailAddressLike[]>('bcc.getAsync', item.bcc),
    opts.known ? opts.known.list : listAttachments(item),
  ]);

  // Without a From field (older clients) the mailbox owner is the sender.
  const profile = office.context.mailbox.userProfile;
  const sender =
    toAddress(from) ||
    (profile && profile.emailAddress ? toAddress({ emailAddress: profile.emailAddress, displayName: profile.displayName }) : undefined);

  const metas = (list || []).map((a) => attachmentMeta(a, opts.maxInspectBytes));
  const attachments: DraftAttachment[] = (list || []).map((a) => {
    const att: DraftAttachment = { name: a.name, size: a.size || 0 };
    if (a.contentType) att.type = a.contentType;
    return att;
  });

  let inspected = 0;
  await Promise.all(
    metas.map(async (meta, i) => {
      if (meta.pdf) {
        attachments[i].extraction = unreadable(meta, 'unsupported', PDF_UNSUPPORTED);
        return;
      }
      if (!meta.inspectable) return;
      if (inspected >= opts.maxInspectCount) return;
      inspected++;
      const known = opts.known && opts.known.cached.has(meta.id) ? opts.known.cached.get(meta.id) : undefined;
      const cached = known !== undefined ? known : await readCachedExtraction(item, meta);
      if (cached) {
        attachments[i].extraction = cached;
        return;
      }
      if (opts.contents !== 'fetch') return;
      const timedOut = { timeout: true } as const;
      try {
        const got = await beforeDeadline<{ bytes: Uint8Array; type?: string } | null | typeof timedOut>(
          fetchAttachmentBytes(item, meta),
          opts.contentDeadline,
          opts.clock,
          timedOut,
        );
        if (got && 'timeout' in got) {
          attachments[i].extraction = unreadable(meta, 'timeout');
        } else if (got) {
          attachments[i].bytes = got.bytes;
          if (got.type && !attachments[i].type) attachments[i].type = got.type;
        }
      } catch (e) {
        // One unreadable attachment must not sink the whole check: the engine sees it as unreadable.
        attachments[i].extraction = unreadable(meta, 'no-content', e instanceof Error ? e.message : String(e));
      }
    }),
  );

  const draft: Draft = {
    to: toAddresses(to),
    cc: toAddresses(cc),
    bcc: toAddresses(bcc),
    subject: subject || '',
    bodyText: html ? core.htmlToText(html) : '',
    attachments,
  };
  if (html) draft.bodyHtml = html;
  if (sender) draft.from = sender;
  return { draft, metas };
}

export function unreadable(meta: AttachmentMeta, reason: 'timeout' | 'no-content' | 'too-large' | 'unsupported', detail?: string): Extraction {
  const u: { reason: typeof reason; where: string; detail?: string } = { reason, where: 'attachment:' + meta.name };
  if (detail) u.detail = detail;
  return { parts: [], unreadable: [u] };
}

/**
 * Runs the shared extractor on the attachments that have bytes, bounded by a deadline.
 * It works on a copy so a late finish cannot change a draft that is already being judged.
 */
export async function extractBefore(core: CoreApi, draft: Draft, metas: AttachmentMeta[], deadline: number, clock: Clock): Promise<Draft> {
  if (!draft.attachments.some((a) => a.bytes && !a.extraction)) return draft;
  const copy: Draft = { ...draft, attachments: draft.attachments.map((a) => ({ ...a })) };
  const done = await beforeDeadline(
    Promise.resolve(core.prepareDraft(copy, { timeMs: Math.max(50, deadline - clock.now() - 100) })).then((r) =>
      r && typeof r === 'object' && Array.isArray(r.attachments) ? r : copy,
    ),
    deadline,
    clock,
    null,
  );
  if (done) return done;
  return {
    ...draft,
    attachments: draft.attachments.map((a, i) =>
      a.bytes && !a.extraction ? { ...a, bytes: undefined, extraction: unreadable(metas[i], 'timeout') } : a,
    ),
  };
}
