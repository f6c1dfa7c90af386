/**
 * Roundcube reader against REAL Roundcube 1.6.5 responses: every fixture in
 * test/fixtures/mailbox/roundcube/ was captured verbatim from Roundcube + Dovecot by
 * test/fixtures/mailbox/roundcube/capture.ts (see the README there for the seeded mailbox).
 * Variants (a broken row, other page counts, hostile rows) are derived from those captures in
 * code, next to the test that uses them. The live test against the running stack is
 * test/e2e/mailbox-reader.e2e.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  ReaderError, encodeImapUtf7, extractRoundcubeToken, fetchRoundcubeToken, fromOfAddressHtml, parseExecCalls,
  parseImapDate, parseRoundcubeList, readRoundcubeMailbox, roundcubeBase, scanRoundcubeMailbox,
} from '../../shared/mailbox/readers/index.ts';
import { fakeFetch, fixture, html, json, params, type Reply } from './helpers.ts';

const BASE = 'https://mail.mic.gov.vn/';
const READER_COLS = 'threads,subject,status,fromto,date,size,flag,attachment,internaldate,from';
const USER_COLS = 'threads,subject,status,fromto,date,size,flag,attachment';

/** Serves the captured list responses the way Roundcube would for each request. */
function roundcubeServer(overrides: (p: Record<string, string>) => Reply | undefined = () => undefined) {
  return fakeFetch((url) => {
    const p = params(url);
    const o = overrides(p);
    if (o) return o;
    if (p._action !== 'list' || p._remote !== '1') return html('unexpected', 500);
    if (p._mbox === undefined) return json(fixture('roundcube/list-probe.json'));
    if (p._mbox !== 'INBOX') return json(fixture('roundcube/list-no-such-mailbox.json'));
    const page = Number(p._page ?? 1);
    return json(fixture(page <= 3 ? `roundcube/list-page${page}.json` : 'roundcube/list-page9-empty.json'));
  });
}

describe('readRoundcubeMailbox against captured Roundcube 1.6.5 answers', () => {
  it('reads all pages: ids, answered (IMAP \\Answered), receivedAt from INTERNALDATE, sender, subject', async () => {
    const { fetch } = roundcubeServer();
    const items = await readRoundcubeMailbox({ baseUrl: BASE, fetch });
    expect(items.map((i) => i.id)).toEqual(['11', '10', '9', '8', '7', '6', '5', '4', '3', '2', '1']);
    expect(items.filter((i) => i.answered).map((i) => i.id)).toEqual(['5', '1']);
    expect(items.find((i) => i.id === '2')).toEqual({
      id: '2',
      from: 'nvan@cantho.gov.vn',
      subject: 'Đề nghị phối hợp tổ chức hội nghị',
      // The example: received Friday 24/4/2026 10:00 +07:00.
      receivedAt: '2026-04-24T03:00:00.000Z',
      answered: false,
    });
    expect(items.find((i) => i.id === '1')).toMatchObject({
      from: 'vanthu@quangngai.gov.vn', subject: 'V/v báo cáo tình hình tháng 4/2026', receivedAt: '2026-04-20T02:15:00.000Z', answered: true,
    });
  });

  it('turns Roundcube\'s HTML-escaped cells into plain text, and takes the real address', async () => {
    const { fetch } = roundcubeServer();
    const byId = new Map((await readRoundcubeMailbox({ baseUrl: BASE, fetch })).map((i) => [i.id, i]));
    // rcube::SQ() escaped it; decoded once, it is inert text for the popup to show as text.
    expect(byId.get('3')!.subject).toBe(`<img src=x onerror=alert(1)> </script><script>alert("x")</script> & 'nháy' "kép"`);
    // Roundcube's phishing guard dropped the fake name; the title is the real sender.
    expect(byId.get('4')!.from).toBe('attacker@evil.example');
    // Several senders: the first one.
    expect(byId.get('5')!.from).toBe('a@x.vn');
    // An address Roundcube finds invalid comes as escaped text.
    expect(byId.get('6')!.from).toBe('Phòng Hành chính <hanhchinh>');
    // U+2028 (sent as \u2028) becomes a space; the bidi override U+202E and U+202C are dropped.
    expect(byId.get('7')!.subject).toBe('Dòng mới đảo ngược 📎 \\ "x"');
    // Empty subject: Roundcube's localised placeholder; a bad Date header does not matter.
    expect(byId.get('8')).toMatchObject({ subject: '(Không có chủ đề)', receivedAt: '2026-04-28T08:00:00.000Z' });
    expect(byId.get('10')!.from).toBe('vanthu@mic.gov.vn');
  });

  it('asks for the INTERNALDATE column, then puts back the user\'s folder, page and columns', async () => {
    const { fetch, calls } = roundcubeServer();
    const result = await scanRoundcubeMailbox({ baseUrl: BASE, fetch, token: 'tok123' });
    expect(result).toMatchObject({ complete: true, skipped: 0, pages: 3 });
    const ps = calls.map((c) => params(c.url));
    expect(ps[0]).toEqual({ _task: 'mail', _action: 'list', _remote: '1' });
    expect(ps.slice(1, 4)).toEqual([1, 2, 3].map((n) => ({
      _task: 'mail', _action: 'list', _remote: '1', _mbox: 'INBOX', _page: String(n), _cols: READER_COLS,
    })));
    // The probe said: INBOX, page 1, the default columns.
    expect(ps[4]).toEqual({ _task: 'mail', _action: 'list', _remote: '1', _mbox: 'INBOX', _page: '1', _cols: USER_COLS });
    expect(calls).toHaveLength(5);
    for (const c of calls) {
      expect(c.init?.method).toBe('GET');
      expect(c.init?.credentials).toBe('include');
      expect(c.init?.headers?.['X-Roundcube-Request']).toBe('tok123');
      // Never a setting that Roundcube saves in the user's preferences behind their back.
      expect(c.url).not.toMatch(/_sort=|_threads=|_layout=/);
    }
  });

  it('sends no token header when it has none (GET list passes the CSRF check without one)', async () => {
    const { fetch, calls } = roundcubeServer();
    await readRoundcubeMailbox({ baseUrl: BASE, fetch });
    expect(calls.every((c) => c.init?.headers?.['X-Roundcube-Request'] === undefined)).toBe(true);
  });

  it('with preserveSession: false, makes no probe and no restore request', async () => {
    const { fetch, calls } = roundcubeServer();
    const items = await readRoundcubeMailbox({ baseUrl: BASE, fetch, preserveSession: false });
    expect(items).toHaveLength(11);
    expect(calls.map((c) => params(c.url)._page)).toEqual(['1', '2', '3']);
  });

  it('restores a user who was on page 2 of another folder with their own columns', async () => {
    const probe = JSON.parse(fixture('roundcube/list-probe.json'));
    probe.env.mailbox = 'Sent';
    probe.env.current_page = 2;
    // The user's own column choice as set_message_coltypes reports it.
    probe.exec = probe.exec.replace(
      'this.set_message_coltypes(["threads","subject","status","fromto","date","size","flag","attachment"]',
      'this.set_message_coltypes(["threads","subject","fromto","date","flag"]',
    );
    const { fetch, calls } = roundcubeServer((p) => (p._mbox === undefined ? json(JSON.stringify(probe)) : p._mbox === 'Sent' ? json('{"action":"list","exec":""}') : undefined));
    await readRoundcubeMailbox({ baseUrl: BASE, fetch });
    const ps = calls.map((c) => params(c.url));
    expect(ps[1]._cols).toBe('threads,subject,fromto,date,flag,internaldate,from');
    expect(ps.at(-1)).toMatchObject({ _mbox: 'Sent', _page: '2', _cols: 'threads,subject,fromto,date,flag' });
  });

  it('does not touch the columns when the user already shows internaldate and from', async () => {
    const probe = JSON.parse(fixture('roundcube/list-page1.json'));
    const { fetch, calls } = roundcubeServer((p) => (p._mbox === undefined ? json(JSON.stringify(probe)) : undefined));
    await readRoundcubeMailbox({ baseUrl: BASE, fetch });
    expect(calls.every((c) => params(c.url)._cols === undefined)).toBe(true);
    // Last page read was 3, the user was on 1: page restored, columns left alone.
    expect(params(calls.at(-1)!.url)).toMatchObject({ _mbox: 'INBOX', _page: '1' });
  });

  it('a folder the user left open that no longer exists does not stop the read', async () => {
    const { fetch, calls } = roundcubeServer((p) => (p._mbox === undefined ? json(fixture('roundcube/list-no-such-mailbox.json')) : undefined));
    expect(await readRoundcubeMailbox({ baseUrl: BASE, fetch })).toHaveLength(11);
    // Nothing to go back to: Roundcube's defaults.
    expect(params(calls.at(-1)!.url)).toMatchObject({ _mbox: 'INBOX', _page: '1', _cols: USER_COLS });
  });

  it('a probe that finds no session stops at once', async () => {
    const { fetch, calls } = roundcubeServer((p) => (p._mbox === undefined ? json(fixture('roundcube/session-expired.json')) : undefined));
    await expect(readRoundcubeMailbox({ baseUrl: BASE, fetch })).rejects.toMatchObject({ kind: 'auth' });
    expect(calls).toHaveLength(1);
  });

  it('still restores the session when a page fails, and reports the failure', async () => {
    const { fetch, calls } = roundcubeServer((p) => (p._page === '2' && p._cols ? html('<h1>502 Bad Gateway</h1>', 502) : undefined));
    await expect(readRoundcubeMailbox({ baseUrl: BASE, fetch })).rejects.toMatchObject({ kind: 'server', status: 502 });
    expect(params(calls.at(-1)!.url)).toMatchObject({ _page: '1', _cols: USER_COLS });
  });

  it('ignores a failing restore request: the items are what matters', async () => {
    const { fetch } = roundcubeServer((p) => (p._cols === USER_COLS ? html('boom', 500) : undefined));
    expect(await readRoundcubeMailbox({ baseUrl: BASE, fetch })).toHaveLength(11);
  });

  it('reads a single page with `page`, and says the list is incomplete', async () => {
    const { fetch, calls } = roundcubeServer();
    const r = await scanRoundcubeMailbox({ baseUrl: BASE, fetch, page: 2, preserveSession: false });
    expect(r.items.map((i) => i.id)).toEqual(['7', '6', '5', '4']);
    expect(r.complete).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('stops at maxPages, reading the first and last page to find the newest end (newest first)', async () => {
    const { fetch, calls } = roundcubeServer();
    const r = await scanRoundcubeMailbox({ baseUrl: BASE, fetch, maxPages: 2, preserveSession: false });
    expect(calls.map((c) => params(c.url)._page)).toEqual(['1', '3']);
    expect(r.complete).toBe(false);
    expect(r.items.map((i) => i.id)).toEqual(['11', '10', '9', '8', '3', '2', '1']);
  });

  it('reads from the last page backwards when the user sorts oldest first', async () => {
    // The captures relabelled as a 5-page mailbox sorted ascending: page 1 holds the oldest rows.
    const pages: Record<string, string> = { 1: 'list-page3.json', 3: 'list-page2.json', 4: 'list-page2.json', 5: 'list-page1.json' };
    const { fetch, calls } = roundcubeServer((p) => {
      if (!p._page) return undefined;
      const body = JSON.parse(fixture(`roundcube/${pages[p._page] ?? 'list-page9-empty.json'}`));
      body.env.pagecount = 5;
      return json(JSON.stringify(body));
    });
    const r = await scanRoundcubeMailbox({ baseUrl: BASE, fetch, maxPages: 3, preserveSession: false });
    expect(calls.map((c) => params(c.url)._page)).toEqual(['1', '5', '4']);
    expect(r.items.map((i) => i.id)).toContain('11');
    expect(r.complete).toBe(false);
  });

  it('maxPages: 1 reads page 1 only', async () => {
    const { fetch, calls } = roundcubeServer();
    const r = await scanRoundcubeMailbox({ baseUrl: BASE, fetch, maxPages: 1, preserveSession: false });
    expect(calls).toHaveLength(1);
    expect(r.items).toHaveLength(4);
  });

  it('encodes a Vietnamese folder name in modified UTF-7, as Roundcube names IMAP folders', async () => {
    expect(encodeImapUtf7('Lưu trữ')).toBe('L&AbA-u tr&Hu8-');
    // Checked against Dovecot: `doveadm mailbox mutf7 "Văn thư/Đến & Đi"`.
    expect(encodeImapUtf7('Văn thư/Đến & Đi')).toBe('V&AQM-n th&AbA-/&ARAevw-n &- &ARA-i');
    expect(encodeImapUtf7('INBOX')).toBe('INBOX');
    const { fetch, calls } = roundcubeServer((p) => (p._mbox ? json(fixture('roundcube/list-page9-empty.json')) : undefined));
    await readRoundcubeMailbox({ baseUrl: BASE, fetch, mbox: 'Lưu trữ', preserveSession: false });
    expect(calls[0].url).toContain('_mbox=L%26AbA-u%20tr%26Hu8-');
  });

  it('threads mode: child rows (depth 1) are items too', () => {
    const page = parseRoundcubeList({ status: 200, body: fixture('roundcube/list-threads.json') });
    expect(page.items.map((i) => i.id)).toEqual(['2', '11', '10', '9', '8']);
    expect(page.messageCount).toBe(10);
  });

  it('devel_mode (pretty-printed JSON over many lines) parses the same', () => {
    const page = parseRoundcubeList({ status: 200, body: fixture('roundcube/list-devel-pretty.json') });
    expect(page.items).toHaveLength(11);
    expect(page.items.filter((i) => i.answered).map((i) => i.id)).toEqual(['5', '1']);
    expect(page.skipped).toBe(0);
  });

  it('an empty page is no error', () => {
    expect(parseRoundcubeList({ status: 200, body: fixture('roundcube/list-page9-empty.json') }).items).toEqual([]);
  });

  it('roundcubeBase keeps sub-paths and index.php, drops query and fragment', () => {
    expect(roundcubeBase('https://h/rc')).toBe('https://h/rc/');
    expect(roundcubeBase('https://h/rc/?_task=mail&_mbox=INBOX#x')).toBe('https://h/rc/');
    expect(roundcubeBase('https://h/index.php')).toBe('https://h/index.php');
  });
});

describe('Roundcube errors (captured answers)', () => {
  const kindOf = async (reply: Reply) => {
    const { fetch } = fakeFetch(() => reply);
    try {
      await readRoundcubeMailbox({ baseUrl: BASE, fetch });
    } catch (e) {
      expect(e).toBeInstanceOf(ReaderError);
      return e as ReaderError;
    }
    throw new Error('expected a ReaderError');
  };

  it('no session cookie: session_error -> auth, in Vietnamese first', async () => {
    const e = await kindOf(json(fixture('roundcube/session-none.json')));
    expect(e.kind).toBe('auth');
    expect(e.source).toBe('roundcube');
    expect(e.message_vi).toMatch(/đăng nhập/);
    expect(e.message_en).toMatch(/log in/i);
    expect(e.message.indexOf(e.message_vi)).toBe(0);
  });

  it('expired session -> auth', async () => {
    expect((await kindOf(json(fixture('roundcube/session-expired.json')))).kind).toBe('auth');
  });

  it('the login page (HTML) -> auth', async () => {
    expect((await kindOf(html(fixture('roundcube/login-page.html')))).kind).toBe('auth');
  });

  it('{"action":"login"} -> auth', async () => {
    expect((await kindOf(json('{"action":"login","exec":""}'))).kind).toBe('auth');
  });

  it('403 "Invalid Request" (stale request token) -> auth', async () => {
    const e = await kindOf({ status: 403, body: fixture('roundcube/post-without-token.txt'), headers: { 'content-type': 'text/html' } });
    expect(e).toMatchObject({ kind: 'auth', status: 403 });
  });

  it('IMAP error for a folder that does not exist -> not-found, with the server\'s words', async () => {
    const e = await kindOf(json(fixture('roundcube/list-no-such-mailbox.json')));
    expect(e.kind).toBe('not-found');
    expect(e.detail).toMatch(/mUTF-7/);
  });

  it('IMAP permission error -> forbidden; other IMAP errors -> server', () => {
    const body = (msg: string) => JSON.stringify({ action: 'list', env: { mailbox: 'INBOX' }, exec: `this.display_message(${JSON.stringify(msg)},"error",0);\n` });
    expect(() => parseRoundcubeList({ status: 200, body: body('Lỗi máy chủ: SELECT: Permission denied') })).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => parseRoundcubeList({ status: 200, body: body('Lỗi máy chủ: Connection dropped by IMAP server.') })).toThrow(expect.objectContaining({ kind: 'server' }));
  });

  it('429 with Retry-After -> throttled with retryAfterMs', async () => {
    const e = await kindOf({ status: 429, body: '', headers: { 'retry-after': '120' } });
    expect(e).toMatchObject({ kind: 'throttled', retryAfterMs: 120_000 });
    expect(e.message_vi).toMatch(/120 giây/);
  });

  it('a proxy\'s HTML error page with 200 -> malformed; not JSON -> malformed', async () => {
    expect((await kindOf(html('<html><body>Cổng bảo mật</body></html>'))).kind).toBe('malformed');
    expect((await kindOf(json('this.add_message_row(1,{},{})'))).kind).toBe('malformed');
  });

  it('fetch throwing (offline, TLS) -> network; an abort stays an AbortError', async () => {
    const offline = async () => { throw new TypeError('Failed to fetch'); };
    await expect(readRoundcubeMailbox({ baseUrl: BASE, fetch: offline })).rejects.toMatchObject({ kind: 'network' });
    const ctrl = new AbortController();
    ctrl.abort();
    const honoursSignal = async (_u: string, i?: { signal?: AbortSignal }) => {
      i?.signal?.throwIfAborted();
      return new Response('{}');
    };
    await expect(readRoundcubeMailbox({ baseUrl: BASE, fetch: honoursSignal, signal: ctrl.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('hostile and broken list answers', () => {
  /** The page-1 capture with its exec rewritten by `edit`. */
  const page1With = (edit: (exec: string) => string) => {
    const body = JSON.parse(fixture('roundcube/list-page1.json'));
    body.exec = edit(body.exec);
    return JSON.stringify(body);
  };

  it('a row whose JSON is broken is skipped, the others survive', () => {
    const body = page1With((exec) => exec.replace('{"subject":"Thông báo nội bộ"', '{"subject":"Thông báo "nội bộ"'));
    const page = parseRoundcubeList({ status: 200, body });
    expect(page.items.map((i) => i.id)).toEqual(['11', '9', '8']);
    expect(page.skipped).toBe(1);
  });

  it('an unterminated row at the end, an unbalanced bracket, garbage between rows: skipped, no crash', () => {
    const body = page1With((exec) => exec
      .replace('this.add_message_row(9,{', 'this.add_message_row(9,{{')
      .replace('this.set_quota(', 'window.setTimeout(function(){ rcmail.redirect("x") }, 0);\nthis.set_quota(')
      + 'this.add_message_row(99,{"subject":"cut off');
    const page = parseRoundcubeList({ status: 200, body });
    expect(page.items.map((i) => i.id)).toEqual(['11', '10', '8']);
    expect(page.skipped).toBe(2);
  });

  it('rows without a usable date, uid or shape are skipped', () => {
    const row = (args: string) => `this.add_message_row(${args},false);\n`;
    const exec = [
      row('21,{"subject":"no internaldate","from":"x"},{"answered":1}'),
      row('22,{"subject":"bad date","internaldate":"31-Feb-2026 10:00:00 +0700"},{}'),
      row('{"uid":1},{"subject":"uid object","internaldate":"24-Apr-2026 03:00:00 +0000"},{}'),
      row('24,["not","an","object"],{}'),
      row('25,{"subject":"ok","internaldate":" 7-Nov-2026 09:00:00 +0700"},{"__proto__":{"answered":1}}'),
    ].join('');
    const page = parseRoundcubeList({ status: 200, body: JSON.stringify({ action: 'list', env: {}, exec }) });
    expect(page.items).toEqual([{ id: '25', from: '', subject: 'ok', receivedAt: '2026-11-07T02:00:00.000Z', answered: false }]);
    expect(page.skipped).toBe(4);
  });

  it('\\u escapes, escaped quotes, </script> and an escaped "\\nthis." inside a string', () => {
    const exec = 'this.add_message_row(31,{"subject":"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\"q\\" \\\\nthis.add_message_row(666,{},{},false);\\ud83d\\udcce \\ud800","from":"<span class=\\"adr\\"><span title=\\"a&amp;b@x.vn\\" class=\\"rcmContactAddress\\">A</span></span>","internaldate":"24-Apr-2026 03:00:00 +0000"},{"answered":1,"seen":1},false);\n';
    const page = parseRoundcubeList({ status: 200, body: JSON.stringify({ action: 'list', exec }) });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: '31', from: 'a&b@x.vn', answered: true,
      subject: '<script>alert(1)</script> "q" \\nthis.add_message_row(666,{},{},false);📎 \ufffd',
    });
  });

  it('does not take instructions from JSON keys or prototype tricks', () => {
    const exec = 'this.add_message_row(41,{"subject":"s","internaldate":"24-Apr-2026 03:00:00 +0000","constructor":{"prototype":{"answered":1}}},{"answered":"yes"},false);\n';
    const page = parseRoundcubeList({ status: 200, body: JSON.stringify({ action: 'list', exec }) });
    expect(page.items[0].answered).toBe(false);
    expect(({} as Record<string, unknown>).answered).toBeUndefined();
  });

  it('a very deep or very long exec does not blow the stack or hang', () => {
    const deep = 'this.add_message_row(1,' + '['.repeat(10_000) + ']'.repeat(10_000) + ',{},false);\n';
    const many = Array.from({ length: 5000 }, (_, k) =>
      `this.add_message_row(${k + 1},{"subject":"m${k}","internaldate":"24-Apr-2026 03:00:00 +0000"},{"answered":${k % 2}},false);\n`).join('');
    const t0 = Date.now();
    const page = parseRoundcubeList({ status: 200, body: JSON.stringify({ action: 'list', exec: deep + many }) });
    expect(page.skipped).toBe(1);
    expect(page.items).toHaveLength(5000);
    expect(page.items.filter((i) => i.answered)).toHaveLength(2500);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('parseExecCalls reads arguments of every JSON type and reports broken calls', () => {
    const { calls, broken } = parseExecCalls('this.a(1,-2.5e3,"x",true,false,null,[1,{"b":[2]}]);\nthis.b();\nthis.c(1 2);\nthis.parent.d("p");\n');
    expect(calls).toEqual([
      { method: 'a', args: [1, -2500, 'x', true, false, null, [1, { b: [2] }]] },
      { method: 'b', args: [] },
      { method: 'parent.d', args: ['p'] },
    ]);
    expect(broken).toEqual([expect.objectContaining({ method: 'c' })]);
  });
});

describe('helpers', () => {
  it('fromOfAddressHtml handles every shape address_string() produces', () => {
    expect(fromOfAddressHtml('<span class="adr"><span title="a@b.vn" class="rcmContactAddress">Tên</span></span>')).toBe('a@b.vn');
    expect(fromOfAddressHtml('<span class="adr"><a href="mailto:c@d.vn" class="rcmContactAddress" title="c@d.vn">C</a></span>')).toBe('c@d.vn');
    expect(fromOfAddressHtml('<span class="adr">Tên &lt;x&gt;</span>')).toBe('Tên <x>');
    expect(fromOfAddressHtml('&nbsp;')).toBe('');
  });

  it('parseImapDate follows RFC 3501 date-time, rejects impossible dates', () => {
    expect(new Date(parseImapDate('24-Apr-2026 10:00:00 +0700')!).toISOString()).toBe('2026-04-24T03:00:00.000Z');
    expect(new Date(parseImapDate(' 1-Jan-2027 00:30:00 -0130')!).toISOString()).toBe('2027-01-01T02:00:00.000Z');
    expect(parseImapDate('29-Feb-2026 10:00:00 +0000')).toBeNull();
    expect(parseImapDate('2026-04-24 10:00')).toBeNull();
    expect(parseImapDate('24-Foo-2026 10:00:00 +0000')).toBeNull();
  });

  it('extractRoundcubeToken finds the token in the captured mail page', () => {
    const page = fixture('roundcube/mail-page.html');
    const token = extractRoundcubeToken(page);
    expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(extractRoundcubeToken(page.replace(/"request_token":"[^"]*",?/, ''))).toBe(token);
    expect(extractRoundcubeToken('<input name="_user">')).toBeUndefined();
  });

  it('fetchRoundcubeToken: the token when logged in, auth error on the login page', async () => {
    const page = fixture('roundcube/mail-page.html');
    const ok = fakeFetch(() => html(page));
    expect(await fetchRoundcubeToken({ baseUrl: 'https://h/rc', fetch: ok.fetch })).toBe(extractRoundcubeToken(page));
    expect(ok.calls[0].url).toBe('https://h/rc/?_task=mail');
    const login = fakeFetch(() => html(fixture('roundcube/login-page.html')));
    await expect(fetchRoundcubeToken({ baseUrl: 'https://h/rc', fetch: login.fetch })).rejects.toMatchObject({ kind: 'auth' });
  });
});
