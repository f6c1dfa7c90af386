/**
 * Zimbra reader against response fixtures MODELLED ON the real Zimbra APIs (there is no Zimbra
 * server in the test setup): the REST servlet's fmt=json item list, the JSON SOAP SearchResponse
 * and SOAP faults, written after zm-mailbox's XmlFormatter/JsonFormatter, ToXML and the SOAP
 * docs (see test/fixtures/mailbox/README.md). Check against a live Zimbra before trusting
 * anything these fixtures do not show.
 */
import { describe, expect, it } from 'vitest';
import { ReaderError, readZimbraMailbox, scanZimbraMailbox, zimbraMessageToItem } from '../../shared/mailbox/readers/index.ts';
import { fakeFetch, fixture, html, json, params } from './helpers.ts';

const BASE = 'https://mail.quangngai.gov.vn';

describe('Zimbra REST (GET /home/~/inbox?fmt=json)', () => {
  it('maps id, r (replied) flag, d (received, ms), su, the From address (e t:"f")', async () => {
    const { fetch, calls } = fakeFetch(() => json(fixture('zimbra/rest-inbox.json')));
    const r = await scanZimbraMailbox({ baseUrl: BASE, fetch });
    expect(r.items).toEqual([
      { id: '1042', from: 'nvan@cantho.gov.vn', subject: 'Đề nghị phối hợp tổ chức hội nghị', receivedAt: '2026-04-28T03:00:00.000Z', answered: false },
      { id: '1039', from: 'vanthu@quangngai.gov.vn', subject: 'V/v báo cáo tình hình tháng 4/2026', receivedAt: '2026-04-20T02:15:00.000Z', answered: true },
      // Forwarded (w) is not replied; HTML in the subject stays text.
      { id: '1037', from: 'phongkhcn@binhphuoc.gov.vn', subject: "<b>Kế hoạch</b> </script><script>alert(1)</script> & 'x'", receivedAt: '2026-04-19T09:00:00.000Z', answered: false },
    ]);
    expect(r).toMatchObject({ complete: true, pages: 1, skipped: 0 });
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/home/~/inbox');
    expect(params(calls[0].url)).toEqual({ fmt: 'json', types: 'message', query: 'is:anywhere', offset: '0', limit: '100' });
    expect(calls[0].init).toMatchObject({ method: 'GET', credentials: 'include' });
  });

  it('pages with offset/limit until a short page, up to `limit`', async () => {
    const all = JSON.parse(fixture('zimbra/rest-inbox.json')).m as unknown[];
    const { fetch, calls } = fakeFetch((url) => {
      const p = params(url);
      const slice = all.slice(Number(p.offset), Number(p.offset) + Number(p.limit));
      return json(slice.length ? JSON.stringify({ m: slice }) : '{}');
    });
    const r = await scanZimbraMailbox({ baseUrl: BASE, fetch, pageSize: 2 });
    expect(r.items.map((i) => i.id)).toEqual(['1042', '1039', '1037']);
    expect(calls.map((c) => params(c.url).offset)).toEqual(['0', '2']);
    expect(r.complete).toBe(true);

    const capped = fakeFetch((url) => json(JSON.stringify({ m: all.slice(Number(params(url).offset), Number(params(url).offset) + 2) })));
    const r2 = await scanZimbraMailbox({ baseUrl: BASE, fetch: capped.fetch, pageSize: 2, limit: 2 });
    expect(r2).toMatchObject({ complete: false, pages: 1 });
    expect(r2.items).toHaveLength(2);
  });

  it('an empty folder answers {} (or nothing at all)', async () => {
    expect(await readZimbraMailbox({ baseUrl: BASE, fetch: fakeFetch(() => json('{}')).fetch })).toEqual([]);
    expect(await readZimbraMailbox({ baseUrl: BASE, fetch: fakeFetch(() => json('')).fetch })).toEqual([]);
  });

  it('a shared unit mailbox and a subfolder go in the path', async () => {
    const { fetch, calls } = fakeFetch(() => json('{}'));
    await readZimbraMailbox({ baseUrl: BASE + '/', fetch, account: 'vanthu@quangngai.gov.vn', folder: 'Văn thư/Đến' });
    expect(new URL(calls[0].url).pathname).toBe('/home/vanthu%40quangngai.gov.vn/V%C4%83n%20th%C6%B0/%C4%90%E1%BA%BFn');
  });

  it('errors: 401 page -> auth, login page -> auth, 403 -> forbidden, 404 -> not-found, 503 + Retry-After -> throttled', async () => {
    const kind = async (reply: Parameters<typeof fakeFetch>[0]) =>
      readZimbraMailbox({ baseUrl: BASE, fetch: fakeFetch(reply).fetch }).then(() => 'ok', (e: ReaderError) => `${e.kind}`);
    expect(await kind(() => html(fixture('zimbra/rest-401.html'), 401))).toBe('auth');
    expect(await kind(() => html(fixture('zimbra/login-page.html')))).toBe('auth');
    expect(await kind(() => html('<html>forbidden</html>', 403))).toBe('forbidden');
    expect(await kind(() => html('<html>no such folder</html>', 404))).toBe('not-found');
    expect(await kind(() => ({ status: 503, body: '', headers: { 'retry-after': '10' } }))).toBe('throttled');
    expect(await kind(() => json('[1,2]'))).toBe('malformed');
    expect(await kind(() => json('{"m":'))).toBe('malformed');
  });
});

describe('Zimbra SOAP (SearchRequest, JSON)', () => {
  it('posts a SearchRequest with the CSRF token, pages on `more`', async () => {
    const { fetch, calls } = fakeFetch((_u, _i, n) => json(fixture(n === 1 ? 'zimbra/soap-search-page1.json' : 'zimbra/soap-search-page2.json')));
    const r = await scanZimbraMailbox({ baseUrl: BASE, fetch, transport: 'soap', csrfToken: '0_abc123', pageSize: 2 });
    expect(r.items.map((i) => [i.id, i.answered])).toEqual([['1042', false], ['1041', true], ['1039', true]]);
    // The message without `d` cannot be placed in time: skipped, counted.
    expect(r).toMatchObject({ complete: true, skipped: 1, pages: 2 });
    expect(calls[0].url).toBe(`${BASE}/service/soap/SearchRequest`);
    expect(calls[0].init?.method).toBe('POST');
    expect(calls[0].init?.headers?.['X-Zimbra-Csrf-Token']).toBe('0_abc123');
    const body = JSON.parse(calls[0].init!.body!);
    expect(body.Header.context).toEqual({ _jsns: 'urn:zimbra', csrfToken: '0_abc123' });
    expect(body.Body.SearchRequest).toEqual({ _jsns: 'urn:zimbraMail', types: 'message', query: 'in:"inbox"', sortBy: 'dateDesc', offset: 0, limit: 2 });
    expect(JSON.parse(calls[1].init!.body!).Body.SearchRequest.offset).toBe(2);
  });

  it('targets a shared account through the SOAP context', async () => {
    const { fetch, calls } = fakeFetch(() => json(fixture('zimbra/soap-search-page2.json')));
    await readZimbraMailbox({ baseUrl: BASE, fetch, transport: 'soap', account: 'vanthu@quangngai.gov.vn', folder: 'Văn thư "cũ"' });
    const body = JSON.parse(calls[0].init!.body!);
    expect(body.Header.context.account).toEqual({ by: 'name', _content: 'vanthu@quangngai.gov.vn' });
    expect(body.Body.SearchRequest.query).toBe('in:"Văn thư \\"cũ\\""');
  });

  it('SOAP faults map by Zimbra error code', async () => {
    const run = (file: string) => readZimbraMailbox({ baseUrl: BASE, transport: 'soap', fetch: fakeFetch(() => json(fixture(file), 500)).fetch });
    await expect(run('zimbra/soap-fault-auth-required.json')).rejects.toMatchObject({ kind: 'auth', status: 500, detail: expect.stringContaining('service.AUTH_REQUIRED') });
    await expect(run('zimbra/soap-fault-perm-denied.json')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(run('zimbra/soap-fault-no-such-folder.json')).rejects.toMatchObject({ kind: 'not-found' });
    const noResponse = fakeFetch(() => json('{"Body":{}}'));
    await expect(readZimbraMailbox({ baseUrl: BASE, transport: 'soap', fetch: noResponse.fetch })).rejects.toMatchObject({ kind: 'malformed' });
  });
});

describe('zimbraMessageToItem, hostile input', () => {
  it('skips what cannot be an item, accepts string dates and seconds', () => {
    expect(zimbraMessageToItem(null)).toBeNull();
    expect(zimbraMessageToItem({ id: { $ne: 1 }, d: 1 })).toBeNull();
    expect(zimbraMessageToItem({ id: '1', d: 'yesterday' })).toBeNull();
    expect(zimbraMessageToItem({ id: '1', d: 1e20 })).toBeNull();
    expect(zimbraMessageToItem({ id: '7', d: '1777345200000', f: 'r', su: 'a\u0000b\u202ec', e: [{ t: 't', a: 'to@x' }, { t: 'f', p: 'Chỉ có tên' }] }))
      .toEqual({ id: '7', from: 'Chỉ có tên', subject: 'a bc', receivedAt: '2026-04-28T03:00:00.000Z', answered: true });
    expect(zimbraMessageToItem({ id: 8, d: 1777345200 })?.receivedAt).toBe('2026-04-28T03:00:00.000Z');
  });

  it('one bad message among good ones is skipped, not fatal', async () => {
    const body = JSON.stringify({ m: [{ id: '1', d: 1777345200000, f: 'u' }, { id: '2' }, 'garbage', { id: '3', d: 1777345200000, f: 'r' }] });
    const r = await scanZimbraMailbox({ baseUrl: BASE, fetch: fakeFetch(() => json(body)).fetch });
    expect(r.items.map((i) => i.id)).toEqual(['1', '3']);
    expect(r.skipped).toBe(2);
  });
});
