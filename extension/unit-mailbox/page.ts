/**
 * What the mailbox content script does in a webmail page (extension/entrypoints/mailbox.content.ts);
 * DOM and browser APIs are injected so tests run it in happy-dom.
 * Roundcube only for now (elastic and larry skins); Zimbra and OWA pages answer nothing.
 */
import { findMarkings } from '../../shared/text';
import { ReaderError, scanRoundcubeMailbox, roundcubeBase, type FetchLike } from '../../shared/mailbox/readers';
import { isReadRequest, type ReadResponse } from './protocol';
import { normalizeMailboxes } from './model';
import { isRoundcubePage } from '../adapters/roundcube/detect';

export interface MailboxPageEnv {
  win: Window;
  doc: Document;
  fetch: FetchLike;
  local: { get(k: string): Promise<Record<string, unknown>> };
  sendMessage(m: unknown): Promise<unknown>;
  onMessage(fn: (msg: unknown, sender: unknown, sendResponse: (r: unknown) => void) => boolean | void): void;
  isTop: boolean;
}

export const BANNER_TAG = 'congvu-guard-banner';

/** Is this a Roundcube page (logged in or not)? The same answer the guard's adapter uses. */
export const isRoundcube = isRoundcubePage;

/** The logged-in account as Roundcube shows it (the "username" template object), lower case. */
export function roundcubeAccount(doc: Document): string | null {
  const el = doc.querySelector('.header-title.username, #topline .username, .username');
  const t = (el?.textContent ?? '').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(t) ? t : null;
}

/** Text of the message being read (Roundcube show/preview), or null when no message is shown. */
export function shownMessageText(doc: Document, url: string): string | null {
  if (!/[?&]_action=(show|preview)\b/.test(url)) return null;
  const subject = doc.querySelector('h2.subject, .subject')?.textContent ?? '';
  const body = doc.querySelector('#messagebody')?.textContent ?? '';
  return `${subject}\n${body}`;
}

const BANNER = {
  vi: 'Thư này mang dấu chỉ độ mật ({mark}). Báo cáo ngay Thủ trưởng cơ quan và người quản trị hệ thống; không chuyển tiếp, không trả lời bằng thư điện tử.',
  en: 'This message carries a classification mark ({mark}). Report it at once to the head of the agency and to the system administrator; do not forward or answer it by e-mail.',
  cite: 'QĐ 29/2015/QĐ-UBND Quảng Ngãi, Điều 11 khoản 4',
};

/** Quảng Ngãi Đ11 k4: a received classified message is reported to the head of agency and the administrator. */
export function showClassifiedBanner(doc: Document, text: string): boolean {
  const found = findMarkings(text, undefined, { limit: 1 });
  if (!found.length || doc.querySelector(BANNER_TAG)) return false;
  const mark = found[0].text.trim();
  const host = doc.createElement(BANNER_TAG);
  host.setAttribute('role', 'alert');
  host.setAttribute('data-mark', mark);
  const root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  const box = doc.createElement('div');
  box.setAttribute('style', 'background:#FDECEA;color:#5F2120;border-bottom:2px solid #B00020;padding:8px 12px;font:14px/1.4 system-ui,sans-serif');
  const vi = doc.createElement('p');
  vi.style.margin = '0';
  vi.textContent = BANNER.vi.replace('{mark}', `“${mark}”`);
  const en = doc.createElement('p');
  en.style.margin = '2px 0 0';
  en.style.opacity = '0.8';
  en.lang = 'en';
  en.textContent = BANNER.en.replace('{mark}', `“${mark}”`);
  const cite = doc.createElement('p');
  cite.style.margin = '2px 0 0';
  cite.style.fontSize = '12px';
  cite.textContent = BANNER.cite;
  box.append(vi, en, cite);
  root.appendChild(box);
  (doc.body ?? doc.documentElement).prepend(host);
  return true;
}

export const DELETE_CONFIRM =
  'Đây là hộp thư đơn vị: thư điện tử của đơn vị phải được lưu giữ (QĐ 33/2015/QĐ-UBND Cần Thơ, Điều 11 khoản 3). Bạn có chắc muốn xoá?\n\n' +
  'This is a unit mailbox: its mail must be kept (Cần Thơ Decision 33/2015, art. 11(3)). Delete anyway?';

const DELETE_TARGET = 'a.delete, button.delete, [data-command="delete"], [onclick*="\'delete\'"]';

/**
 * Cần Thơ Đ11 k3: ask before deleting from a unit mailbox (toolbar button, menu entry, Delete key).
 * The listeners go in at once; `applies()` says at click time whether this tab's account is a
 * unit mailbox (known synchronously from the tab's cache, see startMailboxPage), so a delete
 * right after a page load is not missed while the mailbox list is still being looked up.
 */
export function guardDeletes(win: Window, doc: Document, applies: () => boolean = () => true): void {
  const ask = (ev: Event) => {
    if (!applies() || win.confirm(DELETE_CONFIRM)) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
  };
  win.addEventListener(
    'click',
    (ev) => {
      const t = ev.target as Element | null;
      const hit = t && typeof t.closest === 'function' ? t.closest(DELETE_TARGET) : null;
      if (hit && !hit.classList.contains('disabled') && hit.getAttribute('aria-disabled') !== 'true') ask(ev);
    },
    true,
  );
  win.addEventListener(
    'keydown',
    (ev) => {
      const k = ev as KeyboardEvent;
      if (k.key !== 'Delete' || k.ctrlKey || k.altKey || k.metaKey) return;
      const t = k.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      ask(ev);
    },
    true,
  );
  void doc;
}

/** Per-tab memory of the account (sessionStorage of the webmail's origin), see currentAccount(). */
export const ACCOUNT_KEY = 'congvu-guard:account';
/** Per-tab memory of "this account is a unit mailbox" ('1' / '0'), keyed by account. */
export const UNIT_KEY = 'congvu-guard:unit:';

function session(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null; // storage blocked
  }
}

/**
 * The logged-in account. Roundcube prints it only on the mail list page (the "username" object of
 * mail.html), not on a message opened in full (message.html), so it is remembered for the tab
 * (sessionStorage; one Roundcube session per origin) and forgotten on the login page.
 */
export function currentAccount(win: Window, doc: Document): string | null {
  let store: Storage | null = null;
  try {
    store = win.sessionStorage;
  } catch {
    /* storage blocked */
  }
  if (doc.querySelector('#rcmloginuser')) {
    store?.removeItem(ACCOUNT_KEY);
    return null;
  }
  const shown = roundcubeAccount(doc);
  if (shown) {
    store?.setItem(ACCOUNT_KEY, shown);
    return shown;
  }
  const kept = store?.getItem(ACCOUNT_KEY) ?? null;
  return kept && /^[^\s@]+@[^\s@]+$/.test(kept) ? kept : null;
}

async function managedMailboxes(env: MailboxPageEnv): Promise<string[]> {
  const got = await env.local.get('unitMailboxes').catch(() => ({}) as Record<string, unknown>);
  let directory: unknown[] = [];
  try {
    const r = (await env.sendMessage({ type: 'get-policy' })) as { ok?: boolean; policy?: { unitMailboxes?: { directory?: unknown[] } } };
    directory = r?.ok ? (r.policy?.unitMailboxes?.directory ?? []) : [];
  } catch {
    /* background asleep or reloading */
  }
  return normalizeMailboxes([...normalizeMailboxes(got.unitMailboxes), ...directory]);
}

export function startMailboxPage(env: MailboxPageEnv): void {
  const { doc, win } = env;
  if (!isRoundcube(doc)) return;
  const url = win.location.href;

  const text = shownMessageText(doc, url);
  if (text) showClassifiedBanner(doc, text);

  if (!env.isTop) return;
  const account = currentAccount(win, doc);
  if (!account) return;
  // Known from an earlier page of this tab, or unknown (undefined) until the lookup answers.
  const cached = session(win)?.getItem(UNIT_KEY + account);
  let unit: boolean | undefined = cached === '1' ? true : cached === '0' ? false : undefined;
  guardDeletes(win, doc, () => unit === true);
  void managedMailboxes(env).then((boxes) => {
    unit = boxes.includes(account);
    session(win)?.setItem(UNIT_KEY + account, unit ? '1' : '0');
  });

  env.onMessage((msg, _sender, sendResponse) => {
    if (!isReadRequest(msg)) return false;
    if (!msg.mailboxes.includes(account)) {
      sendResponse(null);
      return false;
    }
    const baseUrl = roundcubeBase(win.location.origin + win.location.pathname);
    scanRoundcubeMailbox({ baseUrl, fetch: env.fetch }).then(
      (r) => sendResponse({ ok: true, account, webmail: 'roundcube', baseUrl, items: r.items, complete: r.complete } satisfies ReadResponse),
      (e: unknown) =>
        sendResponse({
          ok: false, account, webmail: 'roundcube', baseUrl,
          error_vi: e instanceof ReaderError ? e.message_vi : 'Không đọc được hộp thư.',
          error_en: e instanceof ReaderError ? e.message_en : 'Could not read the mailbox.',
        } satisfies ReadResponse),
    );
    return true;
  });
}
