/**
 * The Roundcube reader against the REAL Roundcube 1.6 + Dovecot of the E2E mail stack
 * (issue 5, "Done means": messages flagged \Answered and not). The unit mailbox
 * vanthu@mic.gov.vn is seeded through the harness; the user logs in with Chromium; the reader
 * runs with the browser's own fetch (page.evaluate(fetch), so the session cookie and Roundcube's
 * real answers are used, as the extension's service worker would), then:
 *   - the \Answered flags, INTERNALDATE-based receivedAt, senders and subjects come out right,
 *     across Roundcube's pages;
 *   - the user's list state (folder, page, columns) and saved preferences are unchanged;
 *   - replying from Roundcube's own compose turns the message "answered" on the next read;
 *   - without a session the reader says "log in again" (ReaderError auth).
 */
import { utimesSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_PASSWORD, E2E_USERS, startMailStack, type MailStack } from './harness/mailstack.ts';
import { clickSend, fillCompose, launchBrowser, login, waitForCompose, waitForSent, type E2EBrowser } from './harness/browser.ts';
import { ReaderError, readRoundcubeMailbox, scanRoundcubeMailbox, type FetchLike } from '../../shared/mailbox/readers/index.ts';

const UNIT = E2E_USERS.micUnit;
const RUN = randomBytes(3).toString('hex');
/** Small pages, so three real list pages are read. */
const PAGE_SIZE = 3;

interface Seed { key: string; from: string; subject: string; receivedUtc: string; answered?: boolean; seen?: boolean; flagged?: boolean }

const SEEDS: Seed[] = [
  { key: 'a1', from: '"Văn thư Sở TT&TT Quảng Ngãi" <vanthu@quangngai.gov.vn>', subject: `V/v báo cáo tháng 4 ${RUN}`, receivedUtc: '2026-04-20T02:15:00Z', answered: true, seen: true },
  { key: 'u1', from: `"Người gửi" <${E2E_USERS.sender}>`, subject: `Đề nghị phối hợp ${RUN}`, receivedUtc: '2026-04-24T03:00:00Z' },
  { key: 'u2', from: 'bad@x.vn', subject: `<img src=x onerror=alert(1)> </script> & "kép" ${RUN}`, receivedUtc: '2026-04-24T04:00:00Z', seen: true },
  { key: 'a2', from: 'a@x.vn, "Trần, Bình" <b@y.vn>', subject: `Đã trả lời tất cả ${RUN}`, receivedUtc: '2026-04-27T01:30:00Z', answered: true },
  { key: 'u3', from: 'nodate@binhphuoc.gov.vn', subject: `Gắn cờ, chưa trả lời ${RUN}`, receivedUtc: '2026-04-28T08:00:00Z', flagged: true },
  { key: 'u4', from: '"phongkhcn@mic.gov.vn" <attacker@evil.example>', subject: `Khẩn ${RUN}`, receivedUtc: '2026-04-28T09:00:00Z' },
  { key: 'a3', from: 'cantho@cantho.gov.vn', subject: `Đã trả lời, đã đọc ${RUN}`, receivedUtc: '2026-04-29T01:00:00Z', answered: true, seen: true },
];

const enc = (s: string) => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

/** The page's own fetch, with its cookies: what the extension's fetch does with credentials. */
function browserFetch(page: Page): FetchLike {
  return async (url, init) => {
    const r = await page.evaluate(async ({ url, init }) => {
      const res = await fetch(url, { ...init, credentials: 'include' });
      return { status: res.status, headers: [...res.headers.entries()], body: await res.text() };
    }, { url, init: { method: init?.method, headers: init?.headers, body: init?.body } });
    return new Response(r.body, { status: r.status, headers: r.headers });
  };
}

/** The user's list state as Roundcube's session has it (a list request without parameters). */
async function sessionState(page: Page): Promise<{ mailbox: string; page: number; columns: string[] }> {
  return page.evaluate(async () => {
    const res = await fetch('./?_task=mail&_action=list&_remote=1', { credentials: 'include' });
    const j = await res.json();
    const m = /this\.set_message_coltypes\((\[[^\]]*\])/.exec(j.exec);
    return { mailbox: j.env.mailbox, page: j.env.current_page, columns: m ? JSON.parse(m[1]) : [] };
  });
}

describe('readRoundcubeMailbox on a real Roundcube + Dovecot', () => {
  let stack: MailStack;
  let browser: E2EBrowser;
  /** Not named `fetch`: that would shadow the page's fetch inside page.evaluate() callbacks. */
  let readerFetch: FetchLike;
  const byKey = new Map<string, string>(); // seed key -> subject

  beforeAll(async () => {
    stack = await startMailStack({ language: 'vi_VN', roundcubeConfig: { mail_pagesize: String(PAGE_SIZE) } });
    for (const s of SEEDS) {
      const eml = `From: ${s.from}\nTo: ${UNIT}\nSubject: ${enc(s.subject)}\nDate: Mon, 20 Apr 2026 09:00:00 +0700\n` +
        `Message-ID: <${s.key}.${RUN}@e2e>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nNội dung ${s.key}\n`;
      const file = await stack.seedMessage(UNIT, 'INBOX', eml, { answered: s.answered, seen: s.seen, flagged: s.flagged });
      // Maildir INTERNALDATE is the file's mtime: this is the "received" time the reader must report.
      utimesSync(file, new Date(s.receivedUtc), new Date(s.receivedUtc));
      byKey.set(s.key, s.subject);
    }
    browser = await launchBrowser();
    await login(browser.page, UNIT, E2E_PASSWORD, stack.roundcubeUrl);
    readerFetch = browserFetch(browser.page);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('reports the \\Answered flags, receivedAt (INTERNALDATE), senders and subjects, across pages', async () => {
    const result = await scanRoundcubeMailbox({ baseUrl: stack.roundcubeUrl, fetch: readerFetch });
    expect(result).toMatchObject({ complete: true, skipped: 0, pages: Math.ceil(SEEDS.length / PAGE_SIZE) });
    const bySubject = new Map(result.items.map((i) => [i.subject, i]));
    for (const s of SEEDS) {
      const item = bySubject.get(s.subject);
      expect(item, `${s.key} ${s.subject}`).toBeDefined();
      expect(item!.answered, s.key).toBe(!!s.answered);
      expect(item!.receivedAt, s.key).toBe(new Date(s.receivedUtc).toISOString());
    }
    expect(bySubject.get(byKey.get('u1')!)!.from).toBe(E2E_USERS.sender);
    expect(bySubject.get(byKey.get('a2')!)!.from).toBe('a@x.vn');
    expect(bySubject.get(byKey.get('u4')!)!.from).toBe('attacker@evil.example');
    // Arrival order, newest first (Roundcube's default sort), each message once.
    expect(result.items.map((i) => i.subject)).toEqual([...SEEDS].reverse().map((s) => s.subject));
    // The Maildir flags the harness wrote are what Dovecot reports.
    const stored = await stack.messages(UNIT);
    expect(stored.filter((m) => m.flags.includes('\\Answered')).map((m) => m.subject).sort())
      .toEqual(SEEDS.filter((s) => s.answered).map((s) => s.subject).sort());
  });

  it('leaves the user\'s folder, page, columns and saved preferences as they were', async () => {
    // The user is looking at page 2 of the inbox (as after clicking "next page").
    await browser.page.evaluate(() => fetch('./?_task=mail&_action=list&_remote=1&_mbox=INBOX&_page=2', { credentials: 'include' }).then((r) => r.text()));
    const before = await sessionState(browser.page);
    expect(before).toMatchObject({ mailbox: 'INBOX', page: 2 });
    expect(before.columns).not.toContain('internaldate');

    await readRoundcubeMailbox({ baseUrl: stack.roundcubeUrl, fetch: readerFetch });
    expect(await sessionState(browser.page)).toEqual(before);

    // Saved preferences: a fresh mail page shows the same list columns, no "internaldate".
    await browser.page.goto(stack.roundcubeUrl + '?_task=mail&_mbox=INBOX', { waitUntil: 'domcontentloaded' });
    await browser.page.waitForFunction(() => !!window.rcmail?.loaded);
    const listcols = await browser.page.evaluate(() => (window.rcmail?.env.listcols ?? []) as string[]);
    expect(listcols).toContain('subject');
    expect(listcols).not.toContain('internaldate');
    expect(listcols).not.toContain('from');
  });

  it('control: without preserveSession the same read does change the user\'s state (so the test above means something)', async () => {
    const before = await sessionState(browser.page);
    await readRoundcubeMailbox({ baseUrl: stack.roundcubeUrl, fetch: browserFetch(browser.page), preserveSession: false });
    const after = await sessionState(browser.page);
    expect(after.columns).toContain('internaldate');
    expect(after.page).toBe(Math.ceil(SEEDS.length / PAGE_SIZE));
    expect(after).not.toEqual(before);
  });

  it('a reply sent from Roundcube turns the message answered on the next read', async () => {
    const page = browser.page;
    const before = await readRoundcubeMailbox({ baseUrl: stack.roundcubeUrl, fetch: readerFetch });
    const target = before.find((i) => i.subject === byKey.get('u1'))!;
    expect(target.answered).toBe(false);

    await page.goto(`${stack.roundcubeUrl}?_task=mail&_action=compose&_reply_uid=${target.id}&_mbox=INBOX`, { waitUntil: 'domcontentloaded' });
    await waitForCompose(page);
    await fillCompose(page, { body: `Văn phòng Bộ đã nhận được văn bản. ${RUN}` });
    await clickSend(page);
    await waitForSent(page);
    await stack.waitForDelivery(E2E_USERS.sender, (m) => m.subject.includes(byKey.get('u1')!));

    // Roundcube's send action set \Answered on the original (rcmail_sendmail, reply_uid).
    expect((await stack.messages(UNIT)).find((m) => m.subject === byKey.get('u1'))!.flags).toContain('\\Answered');
    const after = await readRoundcubeMailbox({ baseUrl: stack.roundcubeUrl, fetch: browserFetch(page) });
    expect(after.find((i) => i.id === target.id)).toMatchObject({ answered: true, receivedAt: target.receivedAt });
    expect(after.filter((i) => i.answered)).toHaveLength(SEEDS.filter((s) => s.answered).length + 1);
  });

  it('without a session: ReaderError auth ("đăng nhập lại")', async () => {
    const anon = await launchBrowser();
    try {
      await anon.page.goto(stack.roundcubeUrl, { waitUntil: 'domcontentloaded' });
      const e = await readRoundcubeMailbox({ baseUrl: stack.roundcubeUrl, fetch: browserFetch(anon.page) }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ReaderError);
      expect(e).toMatchObject({ kind: 'auth', source: 'roundcube' });
      expect((e as ReaderError).message_vi).toMatch(/đăng nhập lại/);
    } finally {
      await anon.close();
    }
  });
});
