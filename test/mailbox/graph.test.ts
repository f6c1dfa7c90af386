/**
 * Microsoft Graph reader against response fixtures MODELLED ON the real Graph v1.0 API (message
 * resource with $select/$expand of singleValueExtendedProperties, @odata.nextLink paging, the
 * error resource), as documented on learn.microsoft.com; see test/fixtures/mailbox/README.md.
 * No Microsoft 365 tenant is involved.
 */
import { describe, expect, it } from 'vitest';
import { graphMessageToItem, readGraphMailbox, scanGraphMailbox } from '../../shared/mailbox/readers/index.ts';
import { fakeFetch, fixture, json } from './helpers.ts';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJub25jZSI6Ii4uLiJ9.e30.sig';

function graphServer() {
  return fakeFetch((url) => json(fixture(url.includes('%24skip=3') ? 'graph/inbox-page2.json' : 'graph/inbox-page1.json')));
}

describe('readGraphMailbox', () => {
  it('requests the inbox of the shared mailbox with PR_LAST_VERB_EXECUTED expanded', async () => {
    const { fetch, calls } = graphServer();
    await readGraphMailbox({ fetch, accessToken: TOKEN, mailbox: 'vanthu@mic.gov.vn', top: 3 });
    expect(calls[0].url).toBe(
      "https://graph.microsoft.com/v1.0/users/vanthu%40mic.gov.vn/mailFolders/inbox/messages" +
      "?$select=id,subject,from,receivedDateTime" +
      "&$expand=singleValueExtendedProperties($filter=id%20eq%20'Integer%200x1081')" +
      '&$orderby=receivedDateTime%20desc&$top=3',
    );
    const u = new URL(calls[0].url);
    expect(u.searchParams.get('$expand')).toBe("singleValueExtendedProperties($filter=id eq 'Integer 0x1081')");
    expect(calls[0].init?.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
    expect(calls[0].init?.credentials).toBe('omit');
  });

  it('/me when no mailbox is given', async () => {
    const { fetch, calls } = fakeFetch(() => json('{"value":[]}'));
    await readGraphMailbox({ fetch, accessToken: TOKEN });
    expect(calls[0].url).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/me\/mailFolders\/inbox\/messages\?/);
  });

  it('maps 102/103 to answered, 104 (forward) and no property to unanswered; follows @odata.nextLink', async () => {
    const { fetch, calls } = graphServer();
    const r = await scanGraphMailbox({ fetch, accessToken: TOKEN, mailbox: 'vanthu@mic.gov.vn', top: 3 });
    expect(calls).toHaveLength(2);
    expect(calls[1].url).toBe(JSON.parse(fixture('graph/inbox-page1.json'))['@odata.nextLink']);
    expect(r.items.map((i) => [i.subject, i.answered])).toEqual([
      ['Đề nghị phối hợp tổ chức hội nghị', false],
      ['Trả lời tất cả đã gửi', true],
      ['Chỉ chuyển tiếp, chưa trả lời', false],
      ['V/v báo cáo tình hình tháng 4/2026', true],
      ['<img src=x onerror=alert(1)> đảo dòng', false],
    ]);
    expect(r.items[0]).toMatchObject({ from: 'nvan@cantho.gov.vn', receivedAt: '2026-04-28T03:00:00.000Z' });
    // No address: the display name; no receivedDateTime: skipped.
    expect(r.items[4].from).toBe('Không có địa chỉ');
    expect(r).toMatchObject({ complete: true, skipped: 1, pages: 2 });
  });

  it('stops at maxPages and says the list is incomplete', async () => {
    const { fetch, calls } = graphServer();
    const r = await scanGraphMailbox({ fetch, accessToken: TOKEN, maxPages: 1 });
    expect(calls).toHaveLength(1);
    expect(r.complete).toBe(false);
  });

  it('never follows a nextLink to another host (the token would go with it)', async () => {
    const page = JSON.parse(fixture('graph/inbox-page1.json'));
    page['@odata.nextLink'] = 'https://graph.microsoft.com.evil.example/v1.0/me/messages?$skip=3';
    const { fetch, calls } = fakeFetch(() => json(JSON.stringify(page)));
    await expect(readGraphMailbox({ fetch, accessToken: TOKEN })).rejects.toMatchObject({ kind: 'malformed' });
    expect(calls).toHaveLength(1);
  });

  it('a national cloud endpoint is allowed when configured', async () => {
    const { fetch, calls } = fakeFetch(() => json('{"value":[],"@odata.nextLink":null}'));
    await readGraphMailbox({ fetch, accessToken: TOKEN, graphBaseUrl: 'https://graph.microsoft.us/' });
    expect(calls[0].url.startsWith('https://graph.microsoft.us/v1.0/me/')).toBe(true);
  });
});

describe('Graph errors', () => {
  const fail = (status: number, file: string, headers: Record<string, string> = {}) =>
    readGraphMailbox({ fetch: fakeFetch(() => json(fixture(file), status, headers)).fetch, accessToken: TOKEN, mailbox: 'vanthu@mic.gov.vn' });

  it('401 InvalidAuthenticationToken -> auth, telling the user to sign in again', async () => {
    await expect(fail(401, 'graph/error-401.json')).rejects.toMatchObject({
      kind: 'auth', status: 401, source: 'graph',
      message_vi: expect.stringMatching(/đăng nhập lại/), detail: expect.stringContaining('InvalidAuthenticationToken'),
    });
  });

  it('403 ErrorAccessDenied -> forbidden (no Mail.Read.Shared / no Full Access)', async () => {
    await expect(fail(403, 'graph/error-403.json')).rejects.toMatchObject({ kind: 'forbidden', detail: expect.stringContaining('ErrorAccessDenied') });
  });

  it('404 ErrorInvalidUser -> not-found', async () => {
    await expect(fail(404, 'graph/error-404.json')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('429 with Retry-After -> throttled with retryAfterMs, in seconds or as an HTTP date', async () => {
    await expect(fail(429, 'graph/error-429.json', { 'retry-after': '30' })).rejects.toMatchObject({ kind: 'throttled', retryAfterMs: 30_000 });
    const at = new Date(Date.now() + 60_000).toUTCString();
    const e = await fail(429, 'graph/error-429.json', { 'retry-after': at }).catch((x) => x);
    expect(e.kind).toBe('throttled');
    expect(e.retryAfterMs).toBeGreaterThan(50_000);
    expect(e.retryAfterMs).toBeLessThanOrEqual(60_000);
    await expect(fail(503, 'graph/error-429.json', { 'retry-after': '5' })).rejects.toMatchObject({ kind: 'throttled', retryAfterMs: 5000 });
    await expect(fail(503, 'graph/error-429.json')).rejects.toMatchObject({ kind: 'server' });
  });

  it('no token -> auth without a request; garbage -> malformed; network failure -> network', async () => {
    const { fetch, calls } = fakeFetch(() => json('{}'));
    await expect(readGraphMailbox({ fetch, accessToken: '' })).rejects.toMatchObject({ kind: 'auth' });
    expect(calls).toHaveLength(0);
    await expect(readGraphMailbox({ fetch: fakeFetch(() => json('{"value":{}}')).fetch, accessToken: TOKEN })).rejects.toMatchObject({ kind: 'malformed' });
    await expect(readGraphMailbox({ fetch: fakeFetch(() => json('<html>')).fetch, accessToken: TOKEN })).rejects.toMatchObject({ kind: 'malformed' });
    await expect(readGraphMailbox({ fetch: async () => { throw new TypeError('NetworkError'); }, accessToken: TOKEN })).rejects.toMatchObject({ kind: 'network' });
  });
});

describe('graphMessageToItem, hostile input', () => {
  it('ignores other extended properties, odd values and junk', () => {
    const base = { id: 'A', receivedDateTime: '2026-04-28T10:00:00+07:00' };
    expect(graphMessageToItem({ ...base, singleValueExtendedProperties: [{ id: 'Integer 0x1080', value: '102' }] })?.answered).toBe(false);
    expect(graphMessageToItem({ ...base, singleValueExtendedProperties: [{ id: 'integer 0x1081', value: '102' }] })?.answered).toBe(true);
    expect(graphMessageToItem({ ...base, singleValueExtendedProperties: [{ id: 'Integer 0x1081', value: '102abc' }] })?.answered).toBe(false);
    expect(graphMessageToItem({ ...base, singleValueExtendedProperties: 'nope' })?.answered).toBe(false);
    expect(graphMessageToItem(base)?.receivedAt).toBe('2026-04-28T03:00:00.000Z');
    expect(graphMessageToItem({ ...base, receivedDateTime: '28/04/2026' })).toBeNull();
    expect(graphMessageToItem({ id: 42, receivedDateTime: base.receivedDateTime })).toBeNull();
    expect(graphMessageToItem([base])).toBeNull();
  });
});
