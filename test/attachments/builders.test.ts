import { describe, expect, it } from 'vitest';
import { crc32, encodeWords, makeDocx, makeEml, makeOdt, makePdf, makePptx, makeXlsx, makeZip, makeZipBomb } from '../fixtures/builders.ts';
import { readZipDirectory } from '../../shared/attachments/zip.ts';

describe('test-data builders', () => {
  it('are deterministic (the corpus relies on byte-identical output)', () => {
    const eml = () => makeEml({ from: 'Nguyễn Văn A <a@mic.gov.vn>', to: 'b@mic.gov.vn', subject: 'Tài liệu', text: 'x', attachments: [{ name: 'a.docx', type: 'application/octet-stream', content: makeDocx({ body: ['x'] }) }] });
    expect(eml()).toBe(eml());
    for (const build of [() => makeDocx({ body: ['a'], header: ['MẬT'] }), () => makeXlsx({ sheets: [{ name: 'S', rows: [['1']] }] }), () => makePptx({ slides: [['t']] }), () => makeOdt({ body: ['a'] }), () => makePdf({ lines: ['MẬT'] }), () => makeZipBomb()]) {
      expect(build()).toEqual(build());
    }
  });

  it('nested messages get distinct MIME boundaries', () => {
    const inner = makeEml({ from: 'a@b.vn', to: 'c@d.vn', subject: 'i', text: 'x', attachments: [{ name: 'a.txt', type: 'text/plain', content: 'a' }] });
    const outer = makeEml({ from: 'a@b.vn', to: 'c@d.vn', subject: 'o', text: 'x', attachments: [{ name: 'i.eml', type: 'message/rfc822', content: inner }] });
    const boundaries = [...outer.matchAll(/boundary="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(boundaries).size).toBe(boundaries.length);
  });

  it('RFC 2047 words stay within 75 characters and do not split characters', () => {
    const enc = encodeWords('Về việc triển khai kế hoạch bảo vệ bí mật nhà nước năm 2026 tại các cơ quan');
    for (const w of enc.split('\r\n ')) expect(w.length).toBeLessThanOrEqual(75);
    const decoded = enc
      .split('\r\n ')
      .map((w) => new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(w.slice(10, -2)), (c) => c.charCodeAt(0))))
      .join('');
    expect(decoded).toBe('Về việc triển khai kế hoạch bảo vệ bí mật nhà nước năm 2026 tại các cơ quan');
  });

  it('zips carry correct CRCs and sizes; ODF mimetype is first and stored', () => {
    const zip = readZipDirectory(makeOdt({ body: ['x'] }));
    expect(zip.entries[0]).toMatchObject({ name: 'mimetype', method: 0 });
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const z = readZipDirectory(makeZip({ 'a.txt': 'xin chào'.repeat(10) }));
    expect(z.entries[0]).toMatchObject({ name: 'a.txt', size: new TextEncoder().encode('xin chào'.repeat(10)).length });
  });
});
