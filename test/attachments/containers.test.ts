import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeDocx, makeEml, makeXlsx, makeZip } from '../fixtures/builders.ts';
import { allText, DOCX_TYPE, extract, reasons, textOf, XLSX_TYPE } from './helpers.ts';

describe('zip archives', () => {
  it('extracts every entry recursively, where = outer > inner path', async () => {
    const zip = makeZip({
      'ho-so/qd.docx': makeDocx({ header: ['TUYỆT MẬT'], body: ['Quyết định'] }),
      'ho-so/ds.xlsx': makeXlsx({ sheets: [{ name: 'DS', rows: [['Tối mật']] }] }),
      'ghi-chu.txt': 'xin chào',
      'anh/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      'thu-muc/': '',
    });
    const ex = await extract('ho-so.zip', zip, 'application/zip');
    expect(ex.unreadable).toBeUndefined();
    const byWhere = (w: string) => ex.parts.filter((p) => p.where === w).map((p) => p.text.trim());
    expect(byWhere('attachment:ho-so.zip > attachment:ho-so/qd.docx')).toEqual(['TUYỆT MẬT', 'Quyết định']);
    expect(byWhere('attachment:ho-so.zip > attachment:ho-so/ds.xlsx')).toContain('Tối mật');
    expect(byWhere('attachment:ho-so.zip > attachment:ghi-chu.txt')).toEqual(['xin chào']);
    expect(ex.parts.some((p) => p.where.includes('logo.png'))).toBe(false);
  });

  it('zip in zip in zip', async () => {
    const inner = makeZip({ 'mat.txt': 'TỐI MẬT' });
    const ex = await extract('a.zip', makeZip({ 'b.zip': makeZip({ 'c.zip': inner }) }));
    expect(ex.parts).toEqual([{ where: 'attachment:a.zip > attachment:b.zip > attachment:c.zip > attachment:mat.txt', text: 'TỐI MẬT', section: 'body' }]);
  });

  it('an entry with the encryption bit is reported, the others are still read', async () => {
    const zip = makeZip({ 'mo.txt': 'công khai', 'khoa.docx': makeDocx({ body: ['MẬT'] }) }, { encrypted: ['khoa.docx'] });
    const ex = await extract('x.zip', zip);
    expect(allText(ex)).toBe('công khai');
    expect(ex.unreadable).toEqual([{ reason: 'encrypted', detail: expect.any(String), where: 'attachment:x.zip > attachment:khoa.docx' }]);
  });

  it.each([
    ['truncated (no central directory)', (z: Uint8Array) => z.subarray(0, z.length - 30)],
    ['garbage after the signature', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...strToU8('not really a zip at all, sorry')])],
    ['central directory points nowhere', (z: Uint8Array) => {
      const c = z.slice();
      const eocd = c.length - 22;
      new DataView(c.buffer).setUint32(eocd + 16, 0x7fffffff, true);
      return c;
    }],
  ])('corrupt zip: %s', async (_label, mangle) => {
    const ex = await extract('hong.zip', mangle(makeZip({ 'a.txt': 'MẬT'.repeat(50) })));
    expect(ex.parts).toEqual([]);
    expect(reasons(ex)).toEqual(['corrupt']);
  });

  it('damaged compressed data in one entry is corrupt for that entry only', async () => {
    const zip = makeZip({ 'a.txt': 'Nội dung tốt '.repeat(100), 'b.txt': 'Nội dung hỏng '.repeat(100) });
    // Flip bytes in the middle of b.txt's deflate stream.
    const bad = zip.slice();
    const at = bad.indexOf(0x50, 200); // somewhere inside the second entry region
    for (let i = at; i < at + 40 && i < bad.length - 100; i++) bad[i] ^= 0x5a;
    const ex = await extract('mix.zip', bad);
    expect(() => ex).not.toThrow();
    expect((ex.unreadable ?? []).every((u) => ['corrupt', 'too-large'].includes(u.reason))).toBe(true);
  });

  it('a damaged docx (zip fine, XML missing) yields what it can, never throws', async () => {
    const docx = makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document><w:body><w:p><w:r><w:t>MẬT</w:t></w:r></w:p><w:p><w:r><w:t>cụt' });
    const ex = await extract('cut.docx', docx, DOCX_TYPE);
    expect(textOf(ex, 'body')).toContain('MẬT');
  });

  it('.gz and .tar.gz are opened', async () => {
    const gz = gzipSync(strToU8('TỐI MẬT trong gzip'), { filename: 'ghi-chu.txt' });
    const ex = await extract('ghi-chu.txt.gz', gz);
    expect(ex.parts).toEqual([{ where: 'attachment:ghi-chu.txt.gz > attachment:ghi-chu.txt', text: 'TỐI MẬT trong gzip', section: 'body' }]);

    const tar = new Uint8Array(2048);
    const name = strToU8('thu-muc/mat.txt');
    const data = strToU8('TUYỆT MẬT trong tar');
    tar.set(name, 0);
    tar.set(strToU8(data.length.toString(8).padStart(11, '0')), 124);
    tar[156] = 0x30;
    tar.set(strToU8('ustar\u000000'), 257);
    tar.set(data, 512);
    const tex = await extract('goi.tgz', gzipSync(tar));
    expect(tex.parts[0]).toMatchObject({ where: 'attachment:goi.tgz > attachment:goi.tar > attachment:thu-muc/mat.txt', text: 'TUYỆT MẬT trong tar' });
  });
});

describe('attached messages (.eml)', () => {
  const docx = makeDocx({ header: ['MẬT'], body: ['Báo cáo tình hình'] });
  const inner = makeEml({
    from: 'Trần Thị B <c@mic.gov.vn>',
    to: 'a@mic.gov.vn',
    subject: 'Báo cáo tuần',
    html: '<p>Gửi <b>báo cáo</b></p>',
    attachments: [
      { name: 'bc.docx', type: DOCX_TYPE, content: docx },
      { name: 'ds.xlsx', type: XLSX_TYPE, content: makeXlsx({ sheets: [{ name: 'S', rows: [['Tối mật']] }] }) },
    ],
  });
  const outer = makeEml({
    from: 'Nguyễn Văn A <a@mic.gov.vn>',
    to: 'b@mic.gov.vn',
    subject: 'Fwd: Tài liệu',
    text: 'Xem thư kèm theo',
    attachments: [
      { name: 'trong.eml', type: 'message/rfc822', content: inner },
      { name: 'ho-so.zip', type: 'application/zip', content: makeZip({ 'qd.docx': makeDocx({ body: ['TỐI MẬT'] }) }) },
    ],
  });

  it('reads subject, addresses, body and attachments two levels deep', async () => {
    const ex = await extract('ngoai.eml', outer, 'message/rfc822');
    expect(ex.unreadable).toBeUndefined();
    const at = (where: string, section?: string) =>
      ex.parts
        .filter((p) => p.where === where && (!section || p.section === section))
        .map((p) => p.text.trim());
    expect(at('attachment:ngoai.eml', 'subject')).toEqual(['Fwd: Tài liệu']);
    expect(at('attachment:ngoai.eml', 'headers')[0]).toContain('Nguyễn Văn A <a@mic.gov.vn>');
    expect(at('attachment:ngoai.eml', 'body')).toEqual(['Xem thư kèm theo']);
    expect(at('attachment:ngoai.eml > attachment:trong.eml', 'subject')).toEqual(['Báo cáo tuần']);
    expect(at('attachment:ngoai.eml > attachment:trong.eml', 'body')).toEqual(['Gửi báo cáo']); // HTML-only body via htmlToText
    expect(at('attachment:ngoai.eml > attachment:trong.eml > attachment:bc.docx')).toEqual(['MẬT', 'Báo cáo tình hình']);
    expect(at('attachment:ngoai.eml > attachment:trong.eml > attachment:ds.xlsx', 'sheet')).toEqual(['Tối mật']);
    expect(at('attachment:ngoai.eml > attachment:ho-so.zip > attachment:qd.docx', 'body')).toEqual(['TỐI MẬT']);
  });

  it('an .eml inside a zip is read too', async () => {
    const ex = await extract('luu.zip', makeZip({ 'thu/cu.eml': inner }));
    expect(ex.parts.find((p) => p.section === 'subject')).toMatchObject({ where: 'attachment:luu.zip > attachment:thu/cu.eml', text: 'Báo cáo tuần' });
  });

  it('recognises a message without a name or type by its headers', async () => {
    const ex = await extract('noname', inner);
    expect(textOf(ex, 'subject')).toBe('Báo cáo tuần');
  });

  it('nesting beyond the depth limit is reported, not followed', async () => {
    let msg = makeEml({ from: 'a@b.vn', to: 'c@d.vn', subject: 'Sâu nhất MẬT', text: 'x' });
    for (let i = 0; i < 4; i++) msg = makeEml({ from: 'a@b.vn', to: 'c@d.vn', subject: `Tầng ${i}`, text: 'x', attachments: [{ name: `t${i}.eml`, type: 'message/rfc822', content: msg }] });
    const ex = await extract('sau.eml', msg);
    expect(allText(ex)).not.toContain('Sâu nhất');
    expect(ex.unreadable).toEqual([{ reason: 'too-large', detail: expect.stringContaining('nested more than 3'), where: expect.stringMatching(/^attachment:sau\.eml( > attachment:t\d\.eml){4}$/) }]);
  });
});

describe('damaged parts inside an Office file', () => {
  it('one unreadable part is reported; the other parts are still read', async () => {
    const { makeZip: mz } = await import('../fixtures/builders.ts');
    const docx = mz(
      {
        '[Content_Types].xml': '<Types/>',
        'word/header1.xml': '<w:hdr><w:p><w:r><w:t>MẬT</w:t></w:r></w:p></w:hdr>',
        'word/document.xml': '<w:document><w:body><w:p><w:r><w:t>thân</w:t></w:r></w:p></w:body></w:document>',
      },
      { encrypted: ['word/document.xml'] },
    );
    const ex = await extract('mot-phan.docx', docx);
    expect(textOf(ex, 'header')).toBe('MẬT\n');
    expect(ex.unreadable).toEqual([{ reason: 'encrypted', detail: expect.stringContaining('word/document.xml'), where: 'attachment:mot-phan.docx' }]);
  });
});
