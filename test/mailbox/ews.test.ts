/**
 * EWS reader against FindItem response fixtures MODELLED ON real Exchange 2016/2019 answers
 * (EWS reference: FindItem operation, ExtendedProperty, ResponseCode, "Throttling in EWS"); see
 * test/fixtures/mailbox/README.md. No Exchange server is involved: `makeEwsRequest` is a fake
 * standing in for Office.context.mailbox.makeEwsRequestAsync.
 */
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  ReaderError, buildFindItemRequest, ewsItemToItem, parseFindItemResponse, readEwsMailbox, scanEwsMailbox,
} from '../../shared/mailbox/readers/index.ts';
import { fixture } from './helpers.ts';

function exchange(pages: string[]) {
  const requests: string[] = [];
  const makeEwsRequest = async (xml: string) => {
    requests.push(xml);
    return fixture(pages[Math.min(requests.length, pages.length) - 1]);
  };
  return { makeEwsRequest, requests };
}

describe('buildFindItemRequest', () => {
  it('is well-formed EWS: IdOnly + Subject, DateTimeReceived, From, ExtendedFieldURI 0x1081, paged, newest first', () => {
    const xml = buildFindItemRequest({ offset: 0, pageSize: 100 });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toContain('<t:RequestServerVersion Version="Exchange2013"/>');
    expect(xml).toContain('<m:FindItem Traversal="Shallow">');
    expect(xml).toContain('<t:ExtendedFieldURI PropertyTag="0x1081" PropertyType="Integer"/>');
    expect(xml).toContain('<m:IndexedPageItemView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning"/>');
    expect(xml).toContain('<t:FieldOrder Order="Descending"><t:FieldURI FieldURI="item:DateTimeReceived"/></t:FieldOrder>');
    expect(xml).toContain('<t:DistinguishedFolderId Id="inbox"></t:DistinguishedFolderId>');
    // Schema order of FindItem's children: ItemShape, paging, SortOrder, ParentFolderIds.
    const order = ['<m:ItemShape>', '<m:IndexedPageItemView', '<m:SortOrder>', '<m:ParentFolderIds>'].map((t) => xml.indexOf(t));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('names a shared mailbox, escaping it', () => {
    const xml = buildFindItemRequest({ offset: 200, pageSize: 50, mailbox: 'vanthu@mic.gov.vn' });
    expect(xml).toContain('<t:DistinguishedFolderId Id="inbox"><t:Mailbox><t:EmailAddress>vanthu@mic.gov.vn</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>');
    expect(xml).toContain('Offset="200"');
    const evil = buildFindItemRequest({ offset: 0, pageSize: 1, mailbox: 'a</t:EmailAddress><x>"&\'@b' });
    expect(XMLValidator.validate(evil)).toBe(true);
    expect(evil).toContain('a&lt;/t:EmailAddress&gt;&lt;x&gt;&quot;&amp;&apos;@b');
  });

  it('refuses a folder id or version that would inject XML', () => {
    expect(() => buildFindItemRequest({ offset: 0, pageSize: 1, folder: 'inbox"/><x' })).toThrow(TypeError);
    expect(() => buildFindItemRequest({ offset: 0, pageSize: 1, serverVersion: 'Exchange2013"' })).toThrow(TypeError);
  });
});

describe('readEwsMailbox', () => {
  it('reads both pages: 102/103 answered, 104 and none unanswered, meeting requests included', async () => {
    const { makeEwsRequest, requests } = exchange(['ews/finditem-page1.xml', 'ews/finditem-page2.xml']);
    const r = await scanEwsMailbox({ makeEwsRequest, mailbox: 'vanthu@mic.gov.vn', pageSize: 4 });
    expect(requests).toHaveLength(2);
    expect(requests[1]).toContain('Offset="4"');
    expect(r.items.map((i) => [i.subject, i.answered])).toEqual([
      ['Đề nghị phối hợp tổ chức hội nghị', false],
      ['Mời họp giao ban tuần', false],
      ['Trả lời tất cả đã gửi', true],
      ['Chỉ chuyển tiếp, chưa trả lời', false],
      ['V/v báo cáo tình hình tháng 4/2026', true],
      ['<img src=x onerror=alert(1)> </script> &amp; 📎 dòng', false],
    ]);
    expect(r.items[0]).toEqual({
      id: 'AAMkADk0N2M1MzQ5LTFhYjgtNDk4Ny1iZjU0LWY5ZTA1Yjk4NmU4MQBGAAAAAAC1F3Oc8nA7TJl2CGd2S9tTBwBfT1c6aA3YR6C0k1QZl6s5AAAAAAEMAABfT1c6aA3YR6C0k1QZl6s5AAAC7Lq7AAA=',
      from: 'nvan@cantho.gov.vn',
      subject: 'Đề nghị phối hợp tổ chức hội nghị',
      receivedAt: '2026-04-28T03:00:00.000Z',
      answered: false,
    });
    // RoutingType EX: the legacyExchangeDN is no address; show the name.
    expect(r.items[1].from).toBe('Chánh Văn phòng');
    // The item without DateTimeReceived is skipped and counted.
    expect(r).toMatchObject({ complete: true, skipped: 1, pages: 2 });
  });

  it('stops at maxPages', async () => {
    const { makeEwsRequest, requests } = exchange(['ews/finditem-page1.xml']);
    const r = await scanEwsMailbox({ makeEwsRequest, maxPages: 1 });
    expect(requests).toHaveLength(1);
    expect(r.complete).toBe(false);
  });

  it('maps EWS errors: ErrorAccessDenied, ErrorNonExistentMailbox, ErrorServerBusy (BackOffMilliseconds), schema fault', async () => {
    const read = (file: string) => readEwsMailbox({ makeEwsRequest: async () => fixture(file), mailbox: 'vanthu@mic.gov.vn' });
    await expect(read('ews/error-access-denied.xml')).rejects.toMatchObject({ kind: 'forbidden', source: 'ews', detail: expect.stringContaining('ErrorAccessDenied') });
    await expect(read('ews/error-nonexistent-mailbox.xml')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(read('ews/fault-server-busy.xml')).rejects.toMatchObject({ kind: 'throttled', retryAfterMs: 29750 });
    await expect(read('ews/fault-schema-validation.xml')).rejects.toMatchObject({ kind: 'server', detail: expect.stringContaining('ErrorSchemaValidation') });
  });

  it('a failing makeEwsRequestAsync becomes a network error; a ReaderError from the adapter passes through', async () => {
    await expect(readEwsMailbox({ makeEwsRequest: async () => { throw new Error('GenericResponseError: The request failed.'); } }))
      .rejects.toMatchObject({ kind: 'network', detail: expect.stringContaining('GenericResponseError') });
    const own = new ReaderError('auth', 'ews');
    await expect(readEwsMailbox({ makeEwsRequest: async () => { throw own; } })).rejects.toBe(own);
  });
});

describe('hostile EWS answers', () => {
  it('refuses a DOCTYPE (entity expansion) instead of expanding it', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>&lol2;</s:Body></s:Envelope>';
    expect(() => parseFindItemResponse(bomb)).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });

  it('not well-formed, empty, HTML, or the wrong document -> malformed', () => {
    for (const xml of ['', '<s:Envelope><s:Body>', '<html><body>Outlook Web App</body></html>', '<?xml version="1.0"?><a/>']) {
      expect(() => parseFindItemResponse(xml)).toThrow(expect.objectContaining({ kind: 'malformed' }));
    }
  });

  it('a broken item among good ones is skipped', () => {
    const xml = fixture('ews/finditem-page1.xml')
      .replace('<t:ItemId Id="AAMkADk0N2M1MzQ5LTFhYjgtNDk4Ny1iZjU0LWY5ZTA1Yjk4NmU4MQBGAAAAAAC1F3Oc8nA7TJl2CGd2S9tTBwBfT1c6aA3YR6C0k1QZl6s5AAAAAAEMAABfT1c6aA3YR6C0k1QZl6s5AAAC7Lq5AAA="', '<t:ItemId')
      .replace('<t:DateTimeReceived>2026-04-25T01:00:00Z</t:DateTimeReceived>', '<t:DateTimeReceived>hôm qua</t:DateTimeReceived>');
    const page = parseFindItemResponse(xml);
    expect(page.items.map((i) => i.subject)).toEqual(['Đề nghị phối hợp tổ chức hội nghị', 'Mời họp giao ban tuần']);
    expect(page.skipped).toBe(2);
    expect(page.more).toBe(true);
  });

  it('other namespace prefixes, numeric subjects and odd extended properties', () => {
    const xml = fixture('ews/finditem-page1.xml').replace(/<(\/?)t:/g, '<$1types:').replace(/xmlns:t=/g, 'xmlns:types=');
    expect(parseFindItemResponse(xml).items).toHaveLength(4);
    expect(ewsItemToItem({ ItemId: { '@_Id': 'X' }, Subject: '2026', DateTimeReceived: '2026-04-28T03:00:00Z', ExtendedProperty: [
      { ExtendedFieldURI: { '@_PropertyTag': '0x1080', '@_PropertyType': 'Integer' }, Value: '102' },
      { ExtendedFieldURI: { '@_PropertyTag': '0x1081', '@_PropertyType': 'Integer' }, Value: 'abc' },
    ] })).toEqual({ id: 'X', from: '', subject: '2026', receivedAt: '2026-04-28T03:00:00.000Z', answered: false });
  });
});
