import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { makeDoc, makeDocx, makeEncryptedOoxml, makeOdt, makePdf, makePpt, makePptx, makeXls, makeXlsx, makeZip } from '../fixtures/builders.ts';
import { allText, att, DOCX_TYPE, extract, reasons, textOf, utf8 } from './helpers.ts';
import { extractAttachment } from '../../shared/attachments/index.ts';

describe('docx', () => {
  const docx = makeDocx({
    header: ['MẬT'],
    body: ['CÔNG VĂN', 'Về việc triển khai A & B <thử>', 'Nội dung chính'],
    footer: ['Trang 1'],
    footnotes: ['Chú thích cuối trang'],
    comments: ['Ý kiến góp ý'],
    title: 'Báo cáo quý I',
  });

  it('reads body paragraphs as lines, header first, with sections and locators', async () => {
    const ex = await extract('bao-cao.docx', docx, DOCX_TYPE);
    expect(ex.unreadable).toBeUndefined();
    expect(ex.parts[0]).toMatchObject({ where: 'attachment:bao-cao.docx', section: 'header', locator: 'word/header1.xml' });
    expect(ex.parts[0].text.trim()).toBe('MẬT');
    expect(textOf(ex, 'body').trim().split('\n')).toEqual(['CÔNG VĂN', 'Về việc triển khai A & B <thử>', 'Nội dung chính']);
    expect(textOf(ex, 'footer')).toContain('Trang 1');
    expect(textOf(ex, 'footnotes')).toContain('Chú thích cuối trang');
    expect(textOf(ex, 'comments')).toContain('Ý kiến góp ý');
    expect(textOf(ex, 'properties')).toBe('Báo cáo quý I');
    expect(ex.parts.every((p) => p.where === 'attachment:bao-cao.docx')).toBe(true);
  });

  it('is a real docx: mammoth reads the same body text', async () => {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
    const ours = textOf(await extract('a.docx', docx), 'body');
    const norm = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(norm(ours)).toEqual(norm(value));
  });

  it('finds a Word watermark (VML WordArt text lives in an attribute)', async () => {
    const ex = await extract('wm.docx', makeDocx({ body: ['Nội dung'], watermark: 'TUYỆT MẬT' }));
    expect(textOf(ex, 'header')).toContain('TUYỆT MẬT');
  });

  it('decodes XML entities and character references, keeps tabs and breaks, skips field codes and tab stops', async () => {
    const bodyXml =
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>A&amp;B &#7852;&#x1EAC; &quot;x&quot;</w:t></w:r>' +
      '<w:r><w:tab/><w:t>sau tab</w:t><w:br/><w:t>dòng mới</w:t></w:r>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      '<w:del w:id="1" w:author="A"><w:r><w:delText>đã xoá MẬT</w:delText></w:r></w:del></w:p>' +
      '<w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>hộp văn bản</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>hộp văn bản</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>';
    const ex = await extract('x.docx', makeDocx({ bodyXml, body: [] }));
    const body = textOf(ex, 'body');
    expect(body).toContain('A&B ẬẬ "x"\tsau tab\ndòng mới');
    expect(body).not.toContain('PAGE');
    expect(body).toContain('đã xoá MẬT'); // tracked deletions are still in the file sent
    expect(body.match(/hộp văn bản/g)).toHaveLength(1); // mc:Fallback duplicate skipped
  });

  it('detects a docx by its bytes even with a wrong name and type', async () => {
    const ex = await extract('scan.pdf', docx, 'application/pdf');
    expect(textOf(ex, 'header').trim()).toBe('MẬT');
  });
});

describe('xlsx', () => {
  const xlsx = makeXlsx({
    sheets: [
      { name: 'Danh sách', rows: [['STT', 'Họ tên', 'Độ mật'], ['1', 'Nguyễn Văn A', 'Tuyệt mật'], ['2', 'Trần Thị B', '001234567890']], header: 'MẬT', footer: 'Lưu hành nội bộ' },
      { name: 'Ẩn', rows: [['ghi chú']], hidden: true },
    ],
  });

  it('reads cells row by row (shared strings resolved), sheet names, header/footer', async () => {
    const ex = await extract('ds.xlsx', xlsx);
    expect(ex.unreadable).toBeUndefined();
    expect(textOf(ex, 'sheet-names')).toBe('Danh sách\nẨn (hidden)');
    const sheets = ex.parts.filter((p) => p.section === 'sheet');
    expect(sheets.map((p) => p.locator)).toEqual(['Danh sách', 'Ẩn']);
    expect(sheets[0].text.trim().split('\n')).toEqual(['STT\tHọ tên\tĐộ mật', '1\tNguyễn Văn A\tTuyệt mật', '2\tTrần Thị B\t001234567890']);
    expect(textOf(ex, 'header')).toBe('MẬT'); // &C&"Times New Roman,Bold"&14 codes stripped
    expect(textOf(ex, 'footer')).toContain('Lưu hành nội bộ');
  });

  it('reads inline strings and formula string results', async () => {
    const files = {
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      'xl/workbook.xml': '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Tối mật</t></is></c><c r="B1" t="str"><f>A1&amp;"!"</f><v>Tối mật!</v></c><c r="C1" t="b"><v>1</v></c><c r="D1"><v>42</v></c></row></sheetData></worksheet>',
    };
    const ex = await extract('f.xlsx', makeZip(files));
    expect(textOf(ex, 'sheet').trim()).toBe('Tối mật\tTối mật!\tTRUE\t42');
  });
});

describe('pptx', () => {
  it('reads slides in presentation order, and notes', async () => {
    const ex = await extract('tb.pptx', makePptx({ slides: [['TỐI MẬT', 'Phương án tác chiến'], ['Trang 2', 'a', 'b']], notes: [['Ghi chú người trình bày']] }));
    expect(ex.unreadable).toBeUndefined();
    const slides = ex.parts.filter((p) => p.section === 'slide');
    expect(slides.map((p) => p.text.trim())).toEqual(['TỐI MẬT\nPhương án tác chiến', 'Trang 2\na\nb']);
    expect(textOf(ex, 'notes')).toContain('Ghi chú người trình bày');
  });
});

describe('OpenDocument', () => {
  it('odt: header/footer from styles.xml, body from content.xml, title from meta.xml', async () => {
    const ex = await extract('vb.odt', makeOdt({ header: ['MẬT'], body: ['Văn bản chỉ đạo', 'Dòng  hai'], footer: ['Chân trang'], title: 'Tiêu đề' }));
    expect(ex.unreadable).toBeUndefined();
    expect(ex.parts[0]).toMatchObject({ section: 'header', text: 'MẬT\n' });
    expect(textOf(ex, 'body')).toBe('Văn bản chỉ đạo\nDòng  hai\n');
    expect(textOf(ex, 'footer')).toContain('Chân trang');
    expect(textOf(ex, 'properties')).toBe('Tiêu đề');
  });

  it('ods: sheet names and cells', async () => {
    const content =
      '<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>' +
      '<table:table table:name="Bảng lương"><table:table-row><table:table-cell><text:p>Họ tên</text:p></table:table-cell><table:table-cell><text:p>Mật</text:p></table:table-cell></table:table-row></table:table>' +
      '</office:spreadsheet></office:body></office:document-content>';
    const ex = await extract('l.ods', makeZip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'META-INF/manifest.xml': '<manifest/>', 'content.xml': content }, { stored: ['mimetype'] }));
    expect(textOf(ex, 'sheet-names')).toBe('Bảng lương');
    expect(textOf(ex, 'body')).toBe('Họ tên\nMật\n');
  });

  it('odp: slide text and notes from content.xml', async () => {
    const content =
      '<office:document-content xmlns:office="o" xmlns:draw="d" xmlns:text="x" xmlns:presentation="p"><office:body><office:presentation>' +
      '<draw:page draw:name="page1"><draw:frame><draw:text-box><text:p>TỐI MẬT</text:p><text:list><text:list-item><text:p>Ý một</text:p></text:list-item></text:list></draw:text-box></draw:frame>' +
      '<presentation:notes><draw:frame><draw:text-box><text:p>Ghi chú</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>' +
      '</office:presentation></office:body></office:document-content>';
    const ex = await extract('tb.odp', makeZip({ mimetype: 'application/vnd.oasis.opendocument.presentation', 'META-INF/manifest.xml': '<manifest/>', 'content.xml': content }, { stored: ['mimetype'] }));
    expect(textOf(ex, 'body')).toBe('TỐI MẬT\nÝ một\nGhi chú\n');
  });

  it('password-protected ODF (manifest encryption-data) is encrypted', async () => {
    const manifest = '<manifest:manifest xmlns:manifest="m"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry></manifest:manifest>';
    const ex = await extract('p.odt', makeZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'META-INF/manifest.xml': manifest, 'content.xml': 'binary' }, { stored: ['mimetype'] }));
    expect(reasons(ex)).toEqual(['encrypted']);
  });
});

describe('pdf', () => {
  it('reads the Unicode text layer, one part per page', async () => {
    const lines = ['TUYỆT MẬT', 'CÔNG VĂN', 'Về việc bảo vệ bí mật nhà nước'];
    const ex = await extract('cv.pdf', makePdf({ lines, title: 'Công văn 12' }), 'application/pdf');
    expect(ex.unreadable).toBeUndefined();
    expect(ex.parts[0]).toMatchObject({ where: 'attachment:cv.pdf', section: 'page', locator: 'page 1' });
    expect(ex.parts[0].text.split('\n').map((l) => l.trim())).toEqual(lines);
    expect(textOf(ex, 'properties')).toBe('Công văn 12');
  });

  it('multi-page', async () => {
    const lines = Array.from({ length: 45 }, (_, i) => `Dòng số ${i + 1} của văn bản`);
    const ex = await extract('dai.pdf', makePdf({ lines, linesPerPage: 20 }));
    expect(ex.parts.filter((p) => p.section === 'page').map((p) => p.locator)).toEqual(['page 1', 'page 2', 'page 3']);
    expect(allText(ex)).toContain('Dòng số 45 của văn bản');
  });

  it('encrypted PDF (needs a user password) is reported, not thrown', async () => {
    const ex = await extract('khoa.pdf', makePdf({ lines: ['MẬT'], encrypted: true }));
    expect(ex.parts).toEqual([]);
    expect(ex.unreadable).toEqual([{ reason: 'encrypted', detail: expect.any(String), where: 'attachment:khoa.pdf' }]);
  });

  it('a PDF without a text layer (scanned) is no-content; mostly-scanned ones name the pages', async () => {
    expect(reasons(await extract('scan.pdf', makePdf({ lines: [] })))).toEqual(['no-content']);
    const mostly = await extract('mix.pdf', makePdf({ lines: ['Trang có chữ'], blankPages: 2 }));
    expect(mostly.unreadable?.[0]).toMatchObject({ reason: 'no-content', detail: expect.stringContaining('2, 3') });
    // one blank page in a text PDF is not worth a warning
    const oneBlank = await extract('ok.pdf', makePdf({ lines: ['a', 'b', 'c'], linesPerPage: 1, blankPages: 1 }));
    expect(oneBlank.unreadable).toBeUndefined();
  });

  it('a damaged PDF is corrupt', async () => {
    const ex = await extract('hong.pdf', utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF garbage'));
    expect(reasons(ex)).toEqual(['corrupt']);
  });
});

describe('plain text and HTML', () => {
  it('UTF-8 with and without BOM, CRLF normalised', async () => {
    expect(allText(await extract('a.txt', 'Độ mật: MẬT\r\nDòng 2'))).toBe('Độ mật: MẬT\nDòng 2');
    expect(allText(await extract('a.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('MẬT')])))).toBe('MẬT');
  });

  it('UTF-16 LE/BE with BOM, and LE without BOM', async () => {
    const le = (s: string, bom: boolean) => {
      const b: number[] = bom ? [0xff, 0xfe] : [];
      for (const ch of s) {
        const c = ch.charCodeAt(0);
        b.push(c & 0xff, c >> 8);
      }
      return new Uint8Array(b);
    };
    const be = (s: string) => {
      const b = [0xfe, 0xff];
      for (const ch of s) b.push(ch.charCodeAt(0) >> 8, ch.charCodeAt(0) & 0xff);
      return new Uint8Array(b);
    };
    expect(allText(await extract('u.txt', le('TUYỆT MẬT', true)))).toBe('TUYỆT MẬT');
    expect(allText(await extract('u.csv', be('a,TỐI MẬT')))).toBe('a,TỐI MẬT');
    expect(allText(await extract('u.txt', le('Danh sach TUYET MAT nam 2026', false)))).toBe('Danh sach TUYET MAT nam 2026');
  });

  it('windows-1258 (combining tone marks) is decoded and composed to NFC', async () => {
    // "Tài liệu mật của Sở" in windows-1258: tones are separate bytes after the vowel.
    const cp1258 = new Uint8Array([0x54, 0x61, 0xcc, 0x69, 0x20, 0x6c, 0x69, 0xea, 0xf2, 0x75, 0x20, 0x6d, 0xe2, 0xf2, 0x74, 0x20, 0x63, 0x75, 0xd2, 0x61, 0x20, 0x53, 0xf5, 0xd2]);
    expect(allText(await extract('vb.txt', cp1258))).toBe('Tài liệu mật của Sở');
  });

  it('other 8-bit text stays in the windows-1252 view (how TCVN3/VNI text appears)', async () => {
    // TCVN3 "TUYỆT MẬT" is bytes that read "TUYÖT MËT" in windows-1252; the text module converts it.
    const tcvn3 = new Uint8Array([0x54, 0x55, 0x59, 0xd6, 0x54, 0x20, 0x4d, 0xcb, 0x54, 0x20, 0x6b, 0xd5, 0x20, 0x68, 0x6f, 0xb9, 0x63, 0x68, 0x20, 0x80]);
    expect(allText(await extract('cu.txt', tcvn3))).toBe('TUYÖT MËT kÕ ho¹ch €');
  });

  it('html / htm attachments go through htmlToText', async () => {
    const ex = await extract('trang.htm', '<html><head><title>x</title></head><body><p>ĐỘ&nbsp;<b>MẬT</b></p><p>a&amp;b</p></body></html>');
    expect(allText(ex)).toBe('ĐỘ MẬT\na&b');
  });

  it('HTML saved as .doc (web-system exports) is read as HTML', async () => {
    const ex = await extract('xuat.doc', '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><p class=MsoNormal>TỐI MẬT</p></body></html>');
    expect(allText(ex)).toBe('TỐI MẬT');
  });

  it('xml / svg: character data', async () => {
    expect(allText(await extract('d.xml', '<?xml version="1.0"?><doc><title>MẬT</title><p>a &amp; b</p></doc>'))).toContain('a & b');
    const svg = await extract('dau.svg', '<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="2">TUYỆT MẬT</text></svg>', 'image/svg+xml');
    expect(allText(svg).trim()).toBe('TUYỆT MẬT');
  });

  it('rtf: unicode escapes, code page bytes, header groups kept, tables skipped', async () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg1258\deff0{\fonttbl{\f0 Times New Roman;}}{\colortbl;\red0\green0\blue0;}{\*\generator Word;}{\header \pard M\u7852?T\par}\pard C\u244?ng v\u259?n s\'f4\'ec 5\par{\field{\*\fldinst PAGE}{\fldrslt 1}}\par}`;
    const text = allText(await extract('cv.rtf', rtf));
    expect(text).toContain('MẬT');
    expect(text).toContain('Công văn số 5');
    expect(text).not.toContain('Times New Roman');
    expect(text).not.toContain('PAGE');
  });
});

describe('legacy binary Office (OLE compound files)', () => {
  it('.doc: text from the piece table, header story first, 8-bit and UTF-16 pieces', async () => {
    const ex = await extract('cv.doc', makeDoc({ header: ['MẬT'], body: ['Công văn số 12/UBND', 'Nội dung'], ascii: 'CONG VAN' }), 'application/msword');
    expect(ex.unreadable).toBeUndefined();
    expect(ex.parts[0]).toMatchObject({ section: 'header', text: 'MẬT\n\n' });
    expect(textOf(ex, 'body')).toBe('CONG VAN\nCông văn số 12/UBND\nNội dung\n');
  });

  it('.doc with Word field codes: code dropped, result kept', async () => {
    const ex = await extract('f.doc', makeDoc({ body: ['Trang \u0013 PAGE \u00145\u0015 trên 9'] }));
    expect(textOf(ex, 'body')).toBe('Trang 5 trên 9\n');
  });

  it('.xls: shared strings (across CONTINUE), sheet names, page header', async () => {
    const ex = await extract('bl.xls', makeXls({ sheets: [{ name: 'Bảng lương', strings: ['Họ tên', 'Độ mật', 'Tuyệt mật quốc gia'], header: 'MẬT', footer: 'Nội bộ' }] }));
    expect(ex.unreadable).toBeUndefined();
    expect(textOf(ex, 'header')).toBe('MẬT');
    expect(textOf(ex, 'sheet-names')).toBe('Bảng lương');
    expect(textOf(ex, 'sheet')).toBe('Họ tên\nĐộ mật\nTuyệt mật quốc gia');
    expect(textOf(ex, 'footer')).toBe('Nội bộ');
  });

  it('.ppt: TextCharsAtom and TextBytesAtom', async () => {
    const ex = await extract('tb.ppt', makePpt({ slides: [['TỐI MẬT', 'Plain ASCII line']] }));
    expect(textOf(ex, 'slide')).toBe('TỐI MẬT\nPlain ASCII line');
  });

  it.each([
    ['password-protected .docx (EncryptionInfo + EncryptedPackage)', 'luong.docx', makeEncryptedOoxml()],
    ['password-protected .xlsx has the same container', 'luong.xlsx', makeEncryptedOoxml()],
    ['encrypted .doc (FIB fEncrypted)', 'k.doc', makeDoc({ body: ['x'], encrypted: true })],
    ['encrypted .xls (FILEPASS)', 'k.xls', makeXls({ sheets: [{ name: 'S', strings: ['x'] }], encrypted: true })],
    ['encrypted .ppt (EncryptedSummary)', 'k.ppt', makePpt({ slides: [['x']], encrypted: true })],
  ])('%s -> encrypted', async (_label, name, bytes) => {
    const ex = await extract(name, bytes);
    expect(ex.parts).toEqual([]);
    expect(ex.unreadable).toEqual([{ reason: 'encrypted', detail: expect.any(String), where: `attachment:${name}` }]);
  });

  it('a damaged compound file is corrupt, an unknown one unsupported', async () => {
    const cfb = makeDoc({ body: ['x'] });
    expect(reasons(await extract('cut.doc', cfb.subarray(0, 700)))).toEqual(['corrupt']);
    const { makeCfb } = await import('../fixtures/builders.ts');
    expect(reasons(await extract('x.pub', makeCfb({ Contents: new Uint8Array(100) })))).toEqual(['unsupported']);
  });
});

describe('nothing to read vs cannot read', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const mp4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32, 0, 0, 0, 0]);
  it.each([
    ['anh.png', png, undefined],
    ['anh.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['video.mp4', mp4, 'video/mp4'],
    ['ghi-am.mp3', new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, 0, 0]), 'audio/mpeg'],
    ['unknown-image', new Uint8Array([1, 2, 3, 0, 5]), 'image/x-whatever'],
    ['rong.txt', new Uint8Array(0), 'text/plain'],
  ])('%s: empty parts, not unreadable', async (name, bytes, type) => {
    const ex = await extract(name, bytes, type);
    expect(ex).toEqual({ parts: [] });
  });

  it.each([
    ['nen.rar', new Uint8Array([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00, 9, 9]), /RAR/],
    ['nen.7z', new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 1, 2]), /7-Zip/],
    ['chay.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]), /\.exe/],
  ])('%s: unsupported', async (name, bytes, detail) => {
    const ex = await extract(name, bytes);
    expect(ex.unreadable).toEqual([{ reason: 'unsupported', detail: expect.stringMatching(detail), where: `attachment:${name}` }]);
  });

  it('an attachment without bytes says so', async () => {
    const ex = await extractAttachment({ name: 'x.docx', size: 1000 });
    expect(ex.unreadable).toEqual([{ reason: 'no-content', detail: expect.any(String), where: 'attachment:x.docx' }]);
  });

  it('uses the MIME type when name and bytes say nothing', async () => {
    const ex = await extractAttachment(att('noname', '<p>MẬT</p>', 'text/html'));
    expect(allText(ex)).toBe('MẬT');
  });
});
