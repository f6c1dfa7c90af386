import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractAttachment, prepareDraft } from '../../shared/attachments/index.ts';
import type { Draft } from '../../shared/types.ts';
import { makeDocx, makeEml, makeOdt, makePdf, makePptx, makeXlsx, makeZip, makeZipBomb } from '../fixtures/builders.ts';
import { allText, att, extract, reasons } from './helpers.ts';

const MiB = 1024 * 1024;

describe('zip bombs and size limits', () => {
  it('42.zip-style nested bomb: rejected fast with too-large', async () => {
    const bomb = makeZipBomb();
    expect(bomb.length).toBeLessThan(64 * 1024);
    const t = performance.now();
    const ex = await extract('42.zip', bomb);
    expect(performance.now() - t).toBeLessThan(1500);
    expect(ex.parts).toEqual([]);
    expect(new Set(reasons(ex))).toEqual(new Set(['too-large']));
    expect(ex.unreadable!.length).toBeLessThanOrEqual(27); // counted, not listed one by one
  });

  it('flat bomb (256 × 4 MiB of zeros): rejected without inflating', async () => {
    const t = performance.now();
    const ex = await extract('flat.zip', makeZipBomb({ kind: 'flat' }));
    expect(performance.now() - t).toBeLessThan(500);
    expect(reasons(ex)).toEqual(['too-large']);
    expect(ex.unreadable![0].detail).toMatch(/256 items/);
  });

  it('lying header (declares 1 KiB, inflates to 64 MiB): stops at the declared size', async () => {
    const bomb = makeZipBomb({ kind: 'lying' });
    const t = performance.now();
    const ex = await extract('lying.zip', bomb);
    expect(performance.now() - t).toBeLessThan(500);
    expect(ex.unreadable).toEqual([{ reason: 'too-large', detail: expect.stringContaining('declared'), where: 'attachment:lying.zip > attachment:readme.txt' }]);
  });

  it('an entry declaring 1 GB is refused from the central directory alone', async () => {
    const zip = makeZip({ 'bang-luong.txt': 'nhỏ thôi', 'khac.txt': 'đọc được' }, { declaredSizes: { 'bang-luong.txt': 1024 * MiB } });
    const t = performance.now();
    const ex = await extract('big.zip', zip);
    expect(performance.now() - t).toBeLessThan(200);
    expect(allText(ex)).toBe('đọc được');
    expect(ex.unreadable).toEqual([{ reason: 'too-large', detail: expect.stringContaining('1024 MiB'), where: 'attachment:big.zip > attachment:bang-luong.txt' }]);
  });

  it('the inflate budget is shared: later entries past it are not inflated', async () => {
    const big = 'Văn bản dài '.repeat(200_000); // 3.2 MB of UTF-8 each
    const zip = makeZip({ '1.txt': big, '2.txt': big, '3.txt': big });
    const ex = await extract('nhieu.zip', zip, undefined, { maxInflatedBytes: 7 * MiB, maxTextChars: 64 * MiB });
    expect(ex.parts.map((p) => p.where)).toEqual(['attachment:nhieu.zip > attachment:1.txt', 'attachment:nhieu.zip > attachment:2.txt']);
    expect(reasons(ex)).toEqual(['too-large']);
  });

  it('too many entries', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${i}.txt`] = `tệp ${i}`;
    const ex = await extract('nhieu.zip', makeZip(files), undefined, { maxEntries: 10 });
    expect(ex.parts.length).toBeLessThanOrEqual(10);
    expect(ex.unreadable?.map((u) => u.detail).join(' ')).toMatch(/30 files|more than 10/);
  });

  it('text beyond the per-attachment limit is reported, what was kept is returned', async () => {
    const ex = await extract('dai.txt', 'MẬT '.repeat(10_000), undefined, { maxTextChars: 1000 });
    expect(allText(ex).length).toBeLessThanOrEqual(1000);
    expect(ex.unreadable).toEqual([{ reason: 'too-large', detail: expect.stringContaining('1000 characters'), where: 'attachment:dai.txt' }]);
    const docx = await extract('dai.docx', makeDocx({ body: Array.from({ length: 500 }, (_, i) => `Đoạn văn số ${i}`) }), undefined, { maxTextChars: 2000 });
    expect(docx.parts.reduce((s, p) => s + p.text.length, 0)).toBeLessThanOrEqual(2000);
    expect(reasons(docx)).toEqual(['too-large']);
  });

  it('time budget: timeout is reported, nothing thrown', async () => {
    const ex = await extract('a.docx', makeDocx({ body: ['x'] }), undefined, { timeMs: 0 });
    await new Promise((r) => setTimeout(r, 2));
    expect(reasons(ex)).toEqual(['timeout']);
  });
});

describe('hostile XML inside OOXML is read in linear time', () => {
  const docxWith = (documentXml: string) =>
    makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': documentXml });
  it.each([
    ['1 MiB of <', '<'.repeat(MiB)],
    ['unterminated attribute', `<w:p a="${'x'.repeat(MiB)}`],
    ['deep nesting', '<w:p>'.repeat(MiB / 5)],
    ['entity soup in text', `<w:p><w:r><w:t>${'&amp;&#x1EAD;&bogus;&#99999999999;'.repeat(MiB / 32)}</w:t></w:r></w:p>`],
    ['DOCTYPE with entities (no expansion)', `<!DOCTYPE x [<!ENTITY a "${'b'.repeat(1000)}">]><w:p><w:r><w:t>&a;&a;&a;</w:t></w:r></w:p>`],
    ['unclosed comment', `<w:p><w:r><w:t>trước</w:t></w:r></w:p><!--${'x'.repeat(MiB)}`],
  ])('%s', async (_label, xml) => {
    const bytes = docxWith(xml);
    const t = performance.now();
    const ex = await extract('x.docx', bytes);
    expect(performance.now() - t).toBeLessThan(1500);
    expect(Array.isArray(ex.parts)).toBe(true);
    expect(allText(ex)).not.toContain('bbbbbbbbbb'); // entities are never expanded from a DTD
  });
});

describe('prepareDraft', () => {
  const draft = (): Draft => ({
    to: [{ address: 'b@mic.gov.vn' }],
    cc: [],
    bcc: [],
    subject: 's',
    bodyText: 'b',
    attachments: [
      att('a.docx', makeDocx({ header: ['MẬT'], body: ['x'] })),
      { name: 'tren-may-chu.pdf', size: 12345, type: 'application/pdf' },
      att('b.txt', 'TỐI MẬT'),
      { ...att('c.txt', 'đã có'), extraction: { parts: [{ where: 'attachment:c.txt', text: 'giữ nguyên' }] } },
    ],
  });

  it('fills extraction where there are bytes, leaves the rest alone, does not mutate the input', async () => {
    const d = draft();
    const out = await prepareDraft(d);
    expect(out.attachments[0].extraction?.parts[0]).toMatchObject({ where: 'attachment:a.docx', section: 'header' });
    expect(out.attachments[1]).toEqual(d.attachments[1]);
    expect(out.attachments[1].extraction).toBeUndefined();
    expect(out.attachments[2].extraction?.parts[0].text).toBe('TỐI MẬT');
    expect(out.attachments[3].extraction?.parts[0].text).toBe('giữ nguyên');
    expect(d.attachments[0].extraction).toBeUndefined();
  });

  it('one budget for the whole draft: after it runs out, later attachments say why', async () => {
    const d = draft();
    const numbers = Array.from({ length: 700_000 }, (_, i) => i).join(',').slice(0, 4 * MiB);
    d.attachments.unshift(att('so-lieu.zip', makeZip({ 'a.csv': numbers })));
    const out = await prepareDraft(d, { maxInflatedBytes: 4 * MiB });
    expect(reasons(out.attachments[0].extraction!)).toEqual([]);
    expect(out.attachments[1].extraction?.unreadable?.[0]).toMatchObject({ reason: 'too-large', detail: expect.stringContaining('not inspected') });
    expect(out.attachments[3].extraction?.unreadable?.[0].reason).toBe('too-large');
  });
});

describe('never throws', () => {
  const samples: [string, Uint8Array][] = [
    ['a.docx', makeDocx({ header: ['MẬT'], body: ['Nội dung', 'dòng 2'], footer: ['f'] })],
    ['a.xlsx', makeXlsx({ sheets: [{ name: 'S', rows: [['a', '1']] }] })],
    ['a.pptx', makePptx({ slides: [['t', 'b']] })],
    ['a.odt', makeOdt({ body: ['x'], header: ['MẬT'] })],
    ['a.pdf', makePdf({ lines: ['MẬT', 'x'] })],
    ['a.eml', new TextEncoder().encode(makeEml({ from: 'a@b.vn', to: 'c@d.vn', subject: 'MẬT', text: 'x', attachments: [{ name: 'z.zip', type: 'application/zip', content: makeZip({ 'a.txt': 'x' }) }] }))],
    ['a.zip', makeZip({ 'a.txt': 'MẬT', 'b/c.docx': makeDocx({ body: ['x'] }) })],
  ];

  it('on mutated real files (byte flips, truncation)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...samples),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
        fc.option(fc.nat(), { nil: undefined }),
        async ([name, bytes], flips, cut) => {
          const b = bytes.slice(0, cut === undefined ? bytes.length : cut % (bytes.length + 1));
          for (const [pos, val] of flips) if (b.length) b[pos % b.length] = val;
          const ex = await extractAttachment({ name, size: b.length, bytes: b }, { timeMs: 2000 });
          expect(Array.isArray(ex.parts)).toBe(true);
          for (const u of ex.unreadable ?? []) expect(u.where.startsWith(`attachment:${name}`)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('on random bytes with any name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('x.docx', 'x.pdf', 'x.zip', 'x.eml', 'x.txt', 'x.doc', 'x.xls', 'x.rtf', 'x.html', 'x', 'x.gz'), async (bytes, name) => {
        const ex = await extractAttachment({ name, size: bytes.length, bytes });
        expect(Array.isArray(ex.parts)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on random bytes behind real magic numbers', async () => {
    const magics = [[0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0x25, 0x50, 0x44, 0x46, 0x2d], [0x1f, 0x8b, 8], [0x7b, 0x5c, 0x72, 0x74, 0x66]];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...magics), fc.uint8Array({ minLength: 0, maxLength: 2000 }), async (magic, rest) => {
        const bytes = new Uint8Array([...magic, ...rest]);
        const ex = await extractAttachment({ name: 'x.bin', size: bytes.length, bytes });
        expect(Array.isArray(ex.parts)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
