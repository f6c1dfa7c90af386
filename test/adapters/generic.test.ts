// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true,"disableJavaScriptFileLoading":true,"disableCSSFileLoading":true}}
import { beforeEach, describe, expect, it } from 'vitest';
import { GENERIC_NOTICE, genericAdapter as generic } from '../../extension/adapters/generic';
import type { Draft } from '../../shared/types';
import { MOUSE_TYPES, key, loadFixture, recordEvents } from './helpers';

const URL = 'https://mail.quangngai.gov.vn/mail/compose';

const q = <E extends Element = HTMLElement>(sel: string) => {
  const el = document.querySelector<E>(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};
const SEND = 'button[value="send"]';

describe('generic: compose', () => {
  beforeEach(async () => {
    await loadFixture('generic-compose.html', { url: URL });
  });

  it('detects any page and finds the compose form', () => {
    expect(generic.id).toBe('generic');
    expect(generic.detect(document)).toBe(true);
    expect(generic.isComposeOpen(document)).toBe(true);
  });

  it('reads the draft exactly and always flags the read as low-confidence', () => {
    const expected: Draft = {
      from: { name: 'Nguyễn Văn An', address: 'nvan@sotttt.quangngai.gov.vn' },
      to: [
        { name: 'Trần Thị Bình', address: 'ttbinh@ubnd.quangngai.gov.vn' },
        { address: 'vanthu@sotttt.quangngai.gov.vn' },
      ],
      cc: [{ name: 'Lê Văn Cường', address: 'lvcuong@sotttt.quangngai.gov.vn' }],
      bcc: [{ address: 'pham.dung.qn@gmail.com' }],
      subject: 'Tờ trình phê duyệt dự án nâng cấp hạ tầng mạng năm 2025',
      bodyText:
        'Kính gửi: Lãnh đạo Sở\n' +
        'Phòng Công nghệ thông tin kính trình tờ trình phê duyệt dự án (kèm dự toán chi tiết).\n' +
        'Trân trọng./.',
      bodyHtml: q('#editor').innerHTML.trim(),
      attachments: [
        { name: 'To-trinh-du-an.pdf', size: 524288 }, // 512 KB
        { name: 'Du-toan-chi-tiet.xlsx', size: 3565158 }, // 3,4 MB
      ],
    };
    expect(generic.readDraft(document)).toEqual(expected);
    expect(generic.readIssues?.(document)).toEqual([GENERIC_NOTICE]);
  });

  it('takes files chosen in this tab from the file input, with their real sizes', () => {
    const input = q<HTMLInputElement>('#files');
    const file = new File([new Uint8Array(1500)], 'Phu-luc.docx');
    Object.defineProperty(input, 'files', { value: [file] });
    const names = generic.readDraft(document)!.attachments.map((a) => `${a.name}:${a.size}`);
    expect(names).toEqual(['Phu-luc.docx:1500', 'To-trinh-du-an.pdf:524288', 'Du-toan-chi-tiet.xlsx:3565158']);
  });

  it('recognises the Send button and its icon; not "Lưu nháp", not the search button', () => {
    expect(generic.isSendControl(q(SEND), document)).toBe(true);
    expect(generic.isSendControl(q(`${SEND} i`), document)).toBe(true);
    expect(generic.isSendControl(q('button[value="draft"]'), document)).toBe(false);
    expect(generic.isSendControl(q('form[role="search"] button'), document)).toBe(false);
  });

  it('takes Ctrl/Cmd+Enter inside the form only, never while an IME composes', () => {
    const editor = q('#editor');
    expect(generic.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, editor))).toBe(true);
    expect(generic.isSendShortcut(key({ key: 'Enter', metaKey: true }, q('#subject')))).toBe(true);
    expect(generic.isSendShortcut(key({ key: 'Enter', ctrlKey: true, isComposing: true }, editor))).toBe(false);
    expect(generic.isSendShortcut(key({ key: 'Process', ctrlKey: true, keyCode: 229 }, editor))).toBe(false);
    expect(generic.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, q('input[name="q"]')))).toBe(false);
  });

  it('is healthy and triggers Send with a full click on the submit button', () => {
    expect(generic.health(document)).toEqual({ ok: true, missing: [] });
    const seen = recordEvents(q(SEND), MOUSE_TYPES);
    generic.triggerSend(document);
    expect(seen).toEqual([...MOUSE_TYPES]);
  });

  it('rewrites subject and body', () => {
    generic.writeSubjectBody(document, 'Tờ trình (Unicode)', (s) => s.replace('Lãnh đạo Sở', 'LÃNH ĐẠO SỞ'));
    const d = generic.readDraft(document)!;
    expect(d.subject).toBe('Tờ trình (Unicode)');
    expect(d.bodyText.startsWith('Kính gửi: LÃNH ĐẠO SỞ')).toBe(true);
    expect(q<HTMLInputElement>('#subject').value).toBe('Tờ trình (Unicode)');
  });

  it('reads a textarea body (plain-text webmails)', () => {
    q('#editor').outerHTML = '<textarea id="body" name="body" rows="12">Kính gửi anh Bình,\r\nNội dung thuần.</textarea>';
    const d = generic.readDraft(document)!;
    expect(d.bodyText).toBe('Kính gửi anh Bình,\nNội dung thuần.');
    expect(d.bodyHtml).toBeUndefined();
  });

  it('reads an editor iframe (TinyMCE/CKEditor 4) and offers it for key listeners', async () => {
    q('#editor').outerHTML = '<iframe id="editor_ifr" title="Nội dung"></iframe>';
    const frame = q<HTMLIFrameElement>('#editor_ifr');
    for (let i = 0; i < 200 && !frame.contentDocument?.body; i++) await new Promise((r) => setTimeout(r, 5));
    const body = frame.contentDocument!.body;
    body.setAttribute('contenteditable', 'true');
    body.innerHTML = '<p>Nội dung trong khung soạn thảo</p>';
    expect(generic.readDraft(document)?.bodyText).toBe('Nội dung trong khung soạn thảo');
    expect(generic.keyDocuments?.(document)).toEqual([frame.contentDocument]);
    expect(generic.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, body))).toBe(true);
  });
});

describe('generic: no compose / Send renamed', () => {
  it('sees no compose form on the Inbox', async () => {
    await loadFixture('generic-clean.html', { url: 'https://mail.quangngai.gov.vn/mail/' });
    expect(generic.detect(document)).toBe(true);
    expect(generic.isComposeOpen(document)).toBe(false);
    expect(generic.readDraft(document)).toBeNull();
    expect(generic.readIssues?.(document)).toEqual([]);
    expect(generic.health(document)).toEqual({ ok: true, missing: [] });
    expect(generic.isSendControl(q('form[role="search"] button'), document)).toBe(false);
  });

  it('reports the missing Send control when the button is no longer labelled exactly "Gửi"', async () => {
    await loadFixture('generic-send-moved.html', { url: URL });
    expect(generic.isComposeOpen(document)).toBe(true);
    expect(generic.health(document)).toEqual({ ok: false, missing: ['generic.sendButton'] });
    expect(generic.isSendControl(q(SEND), document)).toBe(false);
    expect(generic.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, q('#editor')))).toBe(false);
    expect(() => generic.triggerSend(document)).toThrow(/Send button not found/);
    expect(generic.readDraft(document)?.subject).toBe('Tờ trình phê duyệt dự án nâng cấp hạ tầng mạng năm 2025');
  });
});
