import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emlToDraft, prepareDraft } from '../../shared/attachments/index.ts';
import { makeDocx, makeEml } from '../fixtures/builders.ts';
import { DOCX_TYPE, utf8 } from './helpers.ts';

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

describe('emlToDraft', () => {
  it('maps a well-formed message: names, encoded-word subject, cc/bcc, bodies, attachments', async () => {
    const eml = makeEml({
      from: 'Nguyễn Văn An - Sở TT&TT <nvan@mic.gov.vn>',
      to: ['Văn thư <vanthu@mic.gov.vn>', 'cntt@mic.gov.vn'],
      cc: 'Lãnh đạo <lanhdao@mic.gov.vn>',
      bcc: 'an@mic.gov.vn',
      subject: 'Về việc triển khai kế hoạch bảo vệ bí mật nhà nước năm 2026 (dài hơn 75 ký tự để phải gập dòng)',
      text: 'Kính gửi các đơn vị,\nĐề nghị thực hiện.',
      html: '<p>Kính gửi các đơn vị,</p><p>Đề nghị thực hiện.</p>',
      attachments: [{ name: 'Kế hoạch.docx', type: DOCX_TYPE, content: makeDocx({ header: ['MẬT'], body: ['Kế hoạch'] }) }],
    });
    expect(eml).toMatch(/^Subject: =\?UTF-8\?B\?/m); // RFC 2047 on the wire
    const { draft, warnings } = await emlToDraft(utf8(eml));
    expect(warnings).toEqual([]);
    expect(draft.from).toEqual({ name: 'Nguyễn Văn An - Sở TT&TT', address: 'nvan@mic.gov.vn' });
    expect(draft.to).toEqual([{ name: 'Văn thư', address: 'vanthu@mic.gov.vn' }, { address: 'cntt@mic.gov.vn' }]);
    expect(draft.cc).toEqual([{ name: 'Lãnh đạo', address: 'lanhdao@mic.gov.vn' }]);
    expect(draft.bcc).toEqual([{ address: 'an@mic.gov.vn' }]);
    expect(draft.subject).toBe('Về việc triển khai kế hoạch bảo vệ bí mật nhà nước năm 2026 (dài hơn 75 ký tự để phải gập dòng)');
    expect(draft.bodyText).toBe('Kính gửi các đơn vị,\nĐề nghị thực hiện.');
    expect(draft.bodyHtml).toContain('<p>Đề nghị thực hiện.</p>');
    expect(draft.attachments).toHaveLength(1);
    expect(draft.attachments[0]).toMatchObject({ name: 'Kế hoạch.docx', type: DOCX_TYPE });
    expect(draft.attachments[0].size).toBe(draft.attachments[0].bytes!.length);
    const prepared = await prepareDraft(draft);
    expect(prepared.attachments[0].extraction?.parts[0]).toMatchObject({ where: 'attachment:Kế hoạch.docx', section: 'header', text: 'MẬT\n' });
  });

  it('HTML-only message: bodyText comes from htmlToText', async () => {
    const { draft } = await emlToDraft(utf8(makeEml({ from: 'a@b.vn', to: 'c@d.vn', subject: 'x', html: '<div>ĐỘ&nbsp;<b>MẬT</b></div><div>dòng 2</div><style>p{}</style>' })));
    expect(draft.bodyText).toBe('ĐỘ MẬT\ndòng 2');
  });

  it('an attached message stays an attachment (its content is for prepareDraft)', async () => {
    const inner = makeEml({ from: 'x@y.vn', to: 'z@y.vn', subject: 'TỐI MẬT', text: 'nội dung' });
    const { draft } = await emlToDraft(utf8(makeEml({ from: 'a@b.vn', to: 'c@d.vn', subject: 'Fwd', text: 'xem', attachments: [{ name: 'cu.eml', type: 'message/rfc822', content: inner }] })));
    expect(draft.bodyText).toBe('xem');
    expect(draft.attachments.map((a) => [a.name, a.type])).toEqual([['cu.eml', 'message/rfc822']]);
    const p = await prepareDraft(draft);
    expect(p.attachments[0].extraction?.parts.find((x) => x.section === 'subject')?.text).toBe('TỐI MẬT');
  });

  it('missing headers: best-effort draft with warnings', async () => {
    const { draft, warnings } = await emlToDraft(utf8(crlf('X-Mailer: thủ công\n\nChỉ có thân thư.\n')));
    expect(draft).toMatchObject({ to: [], cc: [], bcc: [], subject: '', attachments: [] });
    expect(draft.from).toBeUndefined();
    expect(draft.bodyText).toContain('Chỉ có thân thư.');
    expect(warnings).toEqual(expect.arrayContaining(['no From header', 'no recipients (To/Cc/Bcc)', 'no Subject header']));
  });

  it('addresses that are not addresses are kept and warned about', async () => {
    const { draft, warnings } = await emlToDraft(utf8(crlf('From: a@b.vn\nTo: Phòng Tổ chức, vanthu@mic.gov.vn\nSubject: x\n\nthân\n')));
    expect(draft.to.map((a) => a.address)).toContain('vanthu@mic.gov.vn');
    expect(warnings.join('\n')).toMatch(/to: .*not in user@domain form/);
  });

  it('bad base64 in an attachment: decoded best-effort, warned', async () => {
    const eml = crlf(`From: a@b.vn
To: c@d.vn
Subject: =?UTF-8?B?VOG7kEkgTeG6rFQ=?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=UTF-8

Thân thư
--b1
Content-Type: application/octet-stream; name="hong.bin"
Content-Disposition: attachment; filename="hong.bin"
Content-Transfer-Encoding: base64

SGVsbG8g!!!! d29ybGQ=
@@@@ not base64 at all ####
--b1--
`);
    const { draft, warnings } = await emlToDraft(utf8(eml));
    expect(draft.subject).toBe('TỐI MẬT');
    expect(draft.bodyText.trim()).toBe('Thân thư');
    expect(draft.attachments.map((a) => a.name)).toEqual(['hong.bin']);
    expect(warnings.join('\n')).toMatch(/invalid base64/);
  });

  it('broken MIME boundaries: boundary never used / never closed', async () => {
    const never = crlf('From: a@b.vn\nTo: c@d.vn\nSubject: x\nContent-Type: multipart/mixed; boundary="khong-co"\n\n--sai-ranh-gioi\nContent-Type: text/plain\n\nNội dung MẬT\n');
    const r1 = await emlToDraft(utf8(never));
    expect(r1.warnings.join('\n')).toMatch(/boundary "khong-co" never occurs/);
    expect(typeof r1.draft.bodyText).toBe('string');

    const unclosed = crlf('From: a@b.vn\nTo: c@d.vn\nSubject: x\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nNội dung MẬT\n--b\nContent-Type: text/plain; name="a.txt"\nContent-Disposition: attachment; filename="a.txt"\n\ncụt giữa chừng');
    const r2 = await emlToDraft(utf8(unclosed));
    expect(r2.warnings.join('\n')).toMatch(/never closed/);
    expect(r2.draft.bodyText).toContain('Nội dung MẬT');

    const noBoundary = crlf('From: a@b.vn\nTo: c@d.vn\nSubject: x\nContent-Type: multipart/mixed\n\nthân thư\n');
    const r3 = await emlToDraft(utf8(noBoundary));
    expect(r3.warnings.join('\n')).toMatch(/without a boundary/);
  });

  it('a large message (closing boundary past the first 8 MiB) gets no false warning', async () => {
    const big = new Uint8Array(7 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    const eml = makeEml({ from: 'a@b.vn', to: 'c@d.vn', subject: 'Tệp lớn', text: 'x', attachments: [{ name: 'lon.bin', type: 'application/octet-stream', content: big }] });
    const { draft, warnings } = await emlToDraft(utf8(eml));
    expect(warnings).toEqual([]);
    expect(draft.attachments[0].size).toBe(big.length);
  });

  it('a file that is not a message at all', async () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array([0, 1, 2, 0xff, 0xfe, 0x80]), utf8('%PDF-1.4 binary'), utf8('\r\n\r\n\r\n')]) {
      const r = await emlToDraft(bytes);
      expect(r.draft).toMatchObject({ to: [], cc: [], bcc: [], attachments: [] });
      expect(r.warnings.length).toBeGreaterThan(0);
    }
  });

  it('never throws (property: random header/body soup)', async () => {
    const line = fc.constantFrom(
      'From: a@b.vn', 'To: =?UTF-8?B?!!?= <x>', 'Subject: =?UTF-8?Q?M=E1=BA=ACT?=', 'Content-Type: multipart/mixed; boundary="b"',
      'Content-Type: message/rfc822', 'Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: quoted-printable', '--b', '--b--',
      '', 'SGVsbG8=', '=E1=BA', 'Nội dung', ' folded', 'Content-Disposition: attachment; filename*=UTF-8\'\'%E1%BA', '<p>x</p>',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 40 }), async (lines) => {
        const r = await emlToDraft(utf8(lines.join('\r\n')));
        expect(Array.isArray(r.draft.attachments)).toBe(true);
        expect(Array.isArray(r.warnings)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
