// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { owaAdapter as owa } from '../../extension/adapters/owa';
import type { Draft } from '../../shared/types';
import { MOUSE_TYPES, key, loadFixture, recordEvents } from './helpers';

const M365_URL = 'https://outlook.office.com/mail/inbox/id/AAQkAGI2';
const ONPREM_URL = 'https://mail.sotnmt.quangtri.gov.vn/owa/#path=/mail';

const q = <E extends Element = HTMLElement>(sel: string) => {
  const el = document.querySelector<E>(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};
const SEND = '#splitButton-r3a__primaryActionButton';
const BODY = '[role="textbox"][aria-label^="Nội dung thư"]';

describe('owa (Microsoft 365): compose', () => {
  beforeEach(async () => {
    await loadFixture('owa-m365-compose.html', { url: M365_URL });
  });

  it('detects OWA and the open compose form', () => {
    expect(owa.id).toBe('owa');
    expect(owa.detect(document)).toBe(true);
    expect(owa.isComposeOpen(document)).toBe(true);
  });

  it('reads the draft exactly', () => {
    const expected: Draft = {
      from: { name: 'Nguyễn Văn An', address: 'nvan@sotttt.quangngai.gov.vn' },
      to: [
        { name: 'Trần Thị Bình', address: 'ttbinh@ubnd.quangngai.gov.vn' },
        { address: 'vanthu@sotttt.quangngai.gov.vn' },
      ],
      cc: [{ name: 'Lê Văn Cường', address: 'lvcuong@sotttt.quangngai.gov.vn' }],
      bcc: [{ address: 'pham.dung.qn@gmail.com' }],
      subject: 'Đề nghị phối hợp tổng kết công tác năm 2024',
      bodyText:
        'Kính gửi chị Bình,\n\n' +
        'Sở Thông tin và Truyền thông đề nghị Văn phòng phối hợp tổng hợp số liệu theo mẫu đính kèm, gửi trước ngày 15/12/2024.\n\n' +
        'Trân trọng,\nNguyễn Văn An',
      bodyHtml: q(BODY).innerHTML.trim(),
      attachments: [
        { name: 'Bao-cao-tong-ket-2024.pdf', size: 250880 }, // 245 KB
        { name: 'Danh-sach-can-bo.xlsx', size: 1572864 }, // 1,5 MB
      ],
    };
    expect(owa.readDraft(document)).toEqual(expected);
    expect(owa.readIssues?.(document)).toEqual([]);
  });

  it('takes the account from the header photo when the MeControl is not rendered', () => {
    q('#mectrl_main_body').remove();
    expect(owa.readDraft(document)?.from).toEqual({ address: 'nvan@sotttt.quangngai.gov.vn' });
  });

  it('recognises the Send button and its inner icon and label', () => {
    expect(owa.isSendControl(q(SEND), document)).toBe(true);
    expect(owa.isSendControl(q(`${SEND} svg`), document)).toBe(true);
    expect(owa.isSendControl(q(`${SEND} .fui-Button__icon`), document)).toBe(true);
    expect(owa.isSendControl(q('#splitButton-r3a__menuButton'), document)).toBe(false); // "more send options"
    expect(owa.isSendControl(q('[aria-label="Loại bỏ"]'), document)).toBe(false);
    expect(owa.isSendControl(q(BODY), document)).toBe(false);
  });

  it('takes Ctrl+Enter, Cmd+Enter and Alt+S in the form, never while an IME composes', () => {
    const body = q(BODY);
    expect(owa.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, body))).toBe(true);
    expect(owa.isSendShortcut(key({ key: 'Enter', metaKey: true }, body))).toBe(true);
    expect(owa.isSendShortcut(key({ key: 's', code: 'KeyS', altKey: true }, body))).toBe(true);
    expect(owa.isSendShortcut(key({ key: 'Enter', ctrlKey: true, isComposing: true }, body))).toBe(false);
    expect(owa.isSendShortcut(key({ key: 's', code: 'KeyS', altKey: true, isComposing: true }, body))).toBe(false);
    expect(owa.isSendShortcut(key({ key: 'Process', ctrlKey: true, keyCode: 229 }, body))).toBe(false);
    expect(owa.isSendShortcut(key({ key: 'Enter' }, body))).toBe(false);
    expect(owa.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, q('[data-app-section="MessageList"] [role="option"]')))).toBe(false);
  });

  it('does not take Ctrl+Enter when the Send tooltip names another shortcut', () => {
    q(SEND).setAttribute('title', 'Gửi (Alt+S)');
    expect(owa.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, q(BODY)))).toBe(false);
    expect(owa.isSendShortcut(key({ key: 's', code: 'KeyS', altKey: true }, q(BODY)))).toBe(true);
  });

  it('is healthy and triggers Send with a full click', () => {
    expect(owa.health(document)).toEqual({ ok: true, missing: [] });
    const seen = recordEvents(q(SEND), MOUSE_TYPES);
    owa.triggerSend(document);
    expect(seen).toEqual([...MOUSE_TYPES]);
  });

  it('rewrites subject and body in place', () => {
    const fired: string[] = [];
    q('[aria-label="Thêm chủ đề"]').addEventListener('input', () => fired.push('subject'));
    q(BODY).addEventListener('input', () => fired.push('body'));
    owa.writeSubjectBody(document, 'Đề nghị phối hợp (Unicode)', (s) => s.replace('mẫu đính kèm', 'MẪU ĐÍNH KÈM'));
    const d = owa.readDraft(document)!;
    expect(d.subject).toBe('Đề nghị phối hợp (Unicode)');
    expect(d.bodyHtml).toContain('<b>MẪU ĐÍNH KÈM</b>');
    expect(fired).toEqual(['subject', 'body']);
  });

  it('reads the form whose Send was pressed when two are open', () => {
    const region = q('[data-app-section="MailReadCompose"]');
    const second = region.cloneNode(true) as HTMLElement;
    second.querySelector<HTMLInputElement>('[aria-label="Thêm chủ đề"]')!.setAttribute('value', 'Thư thứ hai');
    second.querySelector('#splitButton-r3a__primaryActionButton')!.id = 'splitButton-r9z__primaryActionButton';
    region.after(second);
    expect(owa.isSendControl(second.querySelector('[aria-label="Gửi"]'), document)).toBe(true);
    expect(owa.readDraft(document)?.subject).toBe('Thư thứ hai');
    expect(owa.isSendControl(q(SEND), document)).toBe(true);
    expect(owa.readDraft(document)?.subject).toBe('Đề nghị phối hợp tổng kết công tác năm 2024');
  });
});

describe('owa (Microsoft 365): no compose / Send moved', () => {
  it('sees no compose form on the Inbox', async () => {
    await loadFixture('owa-m365-clean.html', { url: M365_URL });
    expect(owa.detect(document)).toBe(true);
    expect(owa.isComposeOpen(document)).toBe(false);
    expect(owa.readDraft(document)).toBeNull();
    expect(owa.health(document)).toEqual({ ok: true, missing: [] });
    expect(owa.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, document.body))).toBe(false);
  });

  it('reports the Send button missing when it collapsed into the overflow menu', async () => {
    await loadFixture('owa-m365-send-moved.html', { url: M365_URL });
    expect(owa.isComposeOpen(document)).toBe(true);
    expect(owa.health(document)).toEqual({ ok: false, missing: ['owa.sendButton'] });
    expect(owa.isSendControl(q('[aria-label="Tùy chọn khác"]'), document)).toBe(false);
    expect(() => owa.triggerSend(document)).toThrow(/Send button not found/);
    expect(owa.readDraft(document)?.to).toHaveLength(2);
  });
});

describe('owa (Exchange 2019 on-premises)', () => {
  beforeEach(async () => {
    await loadFixture('owa-onprem-compose.html', { url: ONPREM_URL });
  });

  it('detects /owa/ and reads the draft exactly, reporting a name-only persona', () => {
    expect(owa.detect(document)).toBe(true);
    expect(owa.isComposeOpen(document)).toBe(true);
    const body = q('[aria-label="Message body"][contenteditable="true"]');
    expect(owa.readDraft(document)).toEqual({
      from: { address: 'vanphong@sotnmt.quangtri.gov.vn' },
      to: [{ name: 'Le Thi Hoa', address: '' }, { address: 'vanthu@ubnd.quangtri.gov.vn' }],
      cc: [],
      bcc: [],
      subject: 'Kế hoạch quan trắc môi trường quý I/2025',
      bodyText:
        'Kính gửi Văn phòng UBND tỉnh,\n\nSở Tài nguyên và Môi trường gửi kế hoạch quan trắc môi trường quý I/2025.\n\nTrân trọng.',
      bodyHtml: body.innerHTML.trim(),
      attachments: [
        { name: 'Ke-hoach-quan-trac.docx', size: 33792 },
        { name: 'Ban-do-vi-tri.pdf', size: 2097152 },
      ],
    } satisfies Draft);
    expect(owa.readIssues?.(document)).toEqual(['Người nhận "Le Thi Hoa" chỉ hiện tên, không thấy địa chỉ e-mail.']);
  });

  it('uses the address when the persona carries one', () => {
    q('span._pe_d').setAttribute('title', 'Le Thi Hoa <lthoa@ubnd.quangtri.gov.vn>');
    expect(owa.readDraft(document)?.to[0]).toEqual({ name: 'Le Thi Hoa', address: 'lthoa@ubnd.quangtri.gov.vn' });
  });

  it('handles Send (button and label span), shortcut, health and trigger', () => {
    const send = q('button[aria-label="Send"]');
    expect(owa.isSendControl(send, document)).toBe(true);
    expect(owa.isSendControl(send.querySelector('.o365buttonLabel'), document)).toBe(true);
    expect(owa.isSendControl(q('button[aria-label="Discard"]'), document)).toBe(false);
    expect(owa.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, q('[aria-label="Message body"]')))).toBe(true);
    expect(owa.health(document)).toEqual({ ok: true, missing: [] });
    const seen = recordEvents(send, ['click']);
    owa.triggerSend(document);
    expect(seen).toEqual(['click']);
  });
});
