// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true,"disableJavaScriptFileLoading":true,"disableCSSFileLoading":true}}
import { beforeEach, describe, expect, it } from 'vitest';
import { zimbraAdapter as zimbra } from '../../extension/adapters/zimbra';
import type { Draft } from '../../shared/types';
import { MOUSE_TYPES, key, loadFixture, recordEvents } from './helpers';

const CLASSIC_URL = 'https://mail.stttt.quangngai.gov.vn/';
const MODERN_URL = 'https://mail.sotttt.hanoi.gov.vn/modern/email/Inbox';

const byId = (id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el;
};
const frameDoc = () => (byId('ZmHtmlEditor1_body_ifr') as HTMLIFrameElement).contentDocument!;

describe('zimbra classic: compose', () => {
  beforeEach(async () => {
    await loadFixture('zimbra-classic-compose.html', { url: CLASSIC_URL });
  });

  it('detects the Ajax client and an open compose view', () => {
    expect(zimbra.id).toBe('zimbra');
    expect(zimbra.detect(document)).toBe(true);
    expect(zimbra.isComposeOpen(document)).toBe(true);
  });

  it('reads the draft exactly', () => {
    const draft = zimbra.readDraft(document);
    const expected: Draft = {
      from: { name: 'Nguyễn Văn An', address: 'nvan@stttt.quangngai.gov.vn' },
      to: [
        { name: 'Trần Thị Bình', address: 'ttbinh@ubnd.quangngai.gov.vn' },
        { address: 'vanthu@stttt.quangngai.gov.vn' },
      ],
      cc: [{ name: 'Lê Văn Cường', address: 'lvcuong@stttt.quangngai.gov.vn' }],
      bcc: [{ address: 'pham.dung.qn@gmail.com' }],
      subject: 'Báo cáo tình hình ứng dụng CNTT quý III năm 2024',
      bodyText:
        'Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi\n\n' +
        'Thực hiện Công văn số 1234/UBND-KGVX, Sở Thông tin và Truyền thông báo cáo tình hình ứng dụng ' +
        'công nghệ thông tin quý III năm 2024 (chi tiết tại tệp đính kèm).\n\n' +
        'Trân trọng./.\n--\nNguyễn Văn An\nPhòng Công nghệ thông tin',
      bodyHtml: frameDoc().body.innerHTML.trim(),
      attachments: [
        { name: 'Bao-cao-quy-III-2024.docx', size: 26931 }, // 26,3 KB × 1024
        { name: 'Phu-luc-so-lieu.xlsx', size: 1258291 }, // 1,2 MB × 1024²
      ],
    };
    expect(draft).toEqual(expected);
    expect(draft?.bodyHtml).toContain('<strong>(chi tiết tại tệp đính kèm)</strong>');
    expect(zimbra.readIssues?.(document)).toEqual([]);
  });

  it('ignores a hidden Bcc row, as ZmRecipients does', () => {
    (byId('zv__COMPOSE-1_bcc_row') as HTMLElement).style.display = 'none';
    expect(zimbra.readDraft(document)?.bcc).toEqual([]);
  });

  it('reads the plain-text editor when the textarea is shown', () => {
    const ta = byId('ZmHtmlEditor1_body') as HTMLTextAreaElement;
    ta.style.display = 'block';
    ta.removeAttribute('aria-hidden');
    ta.value = 'Kính gửi anh Bình,\r\nNội dung dạng văn bản thuần.';
    const draft = zimbra.readDraft(document)!;
    expect(draft.bodyText).toBe('Kính gửi anh Bình,\nNội dung dạng văn bản thuần.');
    expect(draft.bodyHtml).toBeUndefined();
  });

  it('refuses to read an editor iframe it cannot see rather than report an empty body', () => {
    const frame = byId('ZmHtmlEditor1_body_ifr');
    Object.defineProperty(frame, 'contentDocument', { value: null });
    expect(() => zimbra.readDraft(document)).toThrow(/không đọc được nội dung thư/);
  });

  it('falls back to the signed-in user when there is no identity row', () => {
    byId('zv__COMPOSE-1_identity_row').remove();
    expect(zimbra.readDraft(document)?.from).toEqual({ address: 'nvan@stttt.quangngai.gov.vn' });
  });

  it('recognises the Send button, its label cell and its icon', () => {
    expect(zimbra.isSendControl(byId('zb__COMPOSE-1__SEND'), document)).toBe(true);
    expect(zimbra.isSendControl(byId('zb__COMPOSE-1__SEND_title'), document)).toBe(true);
    expect(zimbra.isSendControl(byId('zb__COMPOSE-1__SEND_left_icon').firstElementChild, document)).toBe(true);
    expect(zimbra.isSendControl(byId('zb__COMPOSE-1__SEND_title').firstChild, document)).toBe(true); // text node
    expect(zimbra.isSendControl(byId('zb__COMPOSE-1__CANCEL_title'), document)).toBe(false);
    expect(zimbra.isSendControl(byId('zv__COMPOSE-1_subject_control'), document)).toBe(false);
    expect(zimbra.isSendControl(null, document)).toBe(false);
  });

  it('treats the label half of a "send later" split button as Send, not its arrow', () => {
    for (const el of [...document.querySelectorAll('[id^="zb__COMPOSE-1__SEND"]')]) {
      el.id = el.id.replace('zb__COMPOSE-1__SEND', 'zb__COMPOSE-1__SEND_MENU');
    }
    expect(zimbra.isSendControl(byId('zb__COMPOSE-1__SEND_MENU_title'), document)).toBe(true);
    expect(zimbra.isSendControl(byId('zb__COMPOSE-1__SEND_MENU_dropdown'), document)).toBe(false);
    expect(zimbra.health(document)).toEqual({ ok: true, missing: [] });
  });

  it('takes Ctrl+Enter (not Cmd+Enter) as the send shortcut, never while an IME composes', () => {
    // The guard listens in the documents keyDocuments() returns, so an event from the
    // editor iframe always comes from a document the adapter has seen (happy-dom has no
    // window.frameElement to find the parent otherwise).
    const [editorDoc] = zimbra.keyDocuments!(document);
    const body = editorDoc.body;
    expect(zimbra.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, body))).toBe(true);
    expect(zimbra.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, byId('zv__COMPOSE-1_subject_control')))).toBe(true);
    expect(zimbra.isSendShortcut(key({ key: 'Enter', ctrlKey: true, isComposing: true }, body))).toBe(false);
    expect(zimbra.isSendShortcut(key({ key: 'Process', ctrlKey: true, keyCode: 229 }, body))).toBe(false);
    expect(zimbra.isSendShortcut(key({ key: 'Enter', metaKey: true }, body))).toBe(false);
    expect(zimbra.isSendShortcut(key({ key: 'Enter' }, body))).toBe(false);
    expect(zimbra.isSendShortcut(key({ key: 'Enter', ctrlKey: true, shiftKey: true }, body))).toBe(false);
    expect(zimbra.isSendShortcut(key({ key: 's', altKey: true }, body))).toBe(false);
  });

  it('is healthy', () => {
    expect(zimbra.health(document)).toEqual({ ok: true, missing: [] });
  });

  it('triggers Send with mouseover, mousedown, mouseup on the label cell (DwtButton acts on mouseup)', () => {
    const title = byId('zb__COMPOSE-1__SEND_title');
    const button = byId('zb__COMPOSE-1__SEND');
    const onTitle = recordEvents(title, MOUSE_TYPES);
    const onButton = recordEvents(button, MOUSE_TYPES);
    const buttons: number[] = [];
    button.addEventListener('mouseup', (e) => buttons.push((e as MouseEvent).button));
    zimbra.triggerSend(document);
    expect(onTitle).toEqual(['mouseover', 'mousedown', 'mouseup']);
    expect(onButton).toEqual(['mouseover', 'mousedown', 'mouseup']); // bubbles to Dwt's handler
    expect(buttons).toEqual([0]);
    expect(zimbra.sendActivation).toBe('mouseup');
  });

  it('rewrites subject and body in place, keeping the markup', () => {
    const inputs: string[] = [];
    byId('zv__COMPOSE-1_subject_control').addEventListener('input', () => inputs.push('subject'));
    frameDoc().body.addEventListener('input', () => inputs.push('body'));
    zimbra.writeSubjectBody(document, 'Báo cáo quý III (đã chuyển mã)', (s) => s.replace(/quý III/g, 'QUÝ III'));
    expect((byId('zv__COMPOSE-1_subject_control') as HTMLInputElement).value).toBe('Báo cáo quý III (đã chuyển mã)');
    const draft = zimbra.readDraft(document)!;
    expect(draft.bodyText).toContain('công nghệ thông tin QUÝ III năm 2024');
    expect(draft.bodyHtml).toContain('<strong>(chi tiết tại tệp đính kèm)</strong>');
    expect(inputs).toEqual(['subject', 'body']);
  });

  it('offers the TinyMCE iframe for key listeners', () => {
    expect(zimbra.keyDocuments?.(document)).toEqual([frameDoc()]);
  });
});

describe('zimbra classic: no compose open', () => {
  beforeEach(async () => {
    await loadFixture('zimbra-classic-clean.html', { url: CLASSIC_URL });
  });

  it('detects Zimbra but no compose form (the closed compose view is hidden)', () => {
    expect(zimbra.detect(document)).toBe(true);
    expect(zimbra.isComposeOpen(document)).toBe(false);
    expect(zimbra.readDraft(document)).toBeNull();
    expect(zimbra.health(document)).toEqual({ ok: true, missing: [] });
  });

  it('does not treat Ctrl+Enter as Send and cannot trigger Send', () => {
    expect(zimbra.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, document.body))).toBe(false);
    expect(() => zimbra.triggerSend(document)).toThrow(/no open compose/);
  });
});

describe('zimbra classic: Send button replaced', () => {
  beforeEach(async () => {
    await loadFixture('zimbra-classic-send-moved.html', { url: CLASSIC_URL });
  });

  it('reports the missing selector ("protection inactive")', () => {
    expect(zimbra.isComposeOpen(document)).toBe(true);
    expect(zimbra.health(document)).toEqual({ ok: false, missing: ['classic.sendButton'] });
    expect(zimbra.isSendControl(byId('zb__COMPOSE-1__com_example_secure_send_title'), document)).toBe(false);
    expect(() => zimbra.triggerSend(document)).toThrow(/Send button not found/);
  });

  it('still reads the draft', () => {
    expect(zimbra.readDraft(document)?.subject).toBe('Báo cáo tình hình ứng dụng CNTT quý III năm 2024');
  });
});

describe('zimbra modern', () => {
  beforeEach(async () => {
    await loadFixture('zimbra-modern-compose.html', { url: MODERN_URL });
  });

  const sendButton = () => document.querySelector('.zimbra-client_gui-rich-text-area_components_toolbar_send')!;

  it('detects the Modern client and the composer', () => {
    expect(zimbra.detect(document)).toBe(true);
    expect(zimbra.isComposeOpen(document)).toBe(true);
  });

  it('reads the draft exactly; name-only tokens are reported, not guessed', () => {
    const rta = document.querySelector('rich-text-area')!;
    expect(zimbra.readDraft(document)).toEqual({
      from: { name: 'Nguyễn Văn An', address: 'nvan@sotttt.hanoi.gov.vn' },
      to: [
        { name: 'Trần Thị Bình', address: '' },
        { name: 'vanthu', address: '' },
      ],
      cc: [{ name: 'Lê Văn Cường', address: '' }],
      bcc: [{ address: 'pham.dung.hn@gmail.com' }],
      subject: 'Kế hoạch chuyển đổi số năm 2025 của Sở',
      bodyText:
        'Kính gửi: Ban Giám đốc Sở\n\n' +
        'Phòng Công nghệ thông tin gửi dự thảo kế hoạch chuyển đổi số năm 2025 để Ban Giám đốc cho ý kiến.\n\n' +
        'Trân trọng.',
      bodyHtml: rta.innerHTML.trim(),
      attachments: [
        { name: 'Du-thao-ke-hoach-CDS-2025.docx', size: 49664 }, // 48,5 KB
        { name: 'Du-toan-kinh-phi.xlsx', size: 2202010 }, // 2,1 MB
      ],
    } satisfies Draft);
    const issues = zimbra.readIssues?.(document) ?? [];
    expect(issues).toHaveLength(3);
    expect(issues[0]).toContain('Trần Thị Bình');
  });

  it('uses an address when the contact card shows one', () => {
    const token = document.querySelector('.zimbra-client_address-field_token')!;
    token.insertAdjacentHTML('beforeend', '<div class="zimbra-client_contact-hover-card_details"><a href="mailto:ttbinh@sotttt.hanoi.gov.vn">ttbinh@sotttt.hanoi.gov.vn</a></div>');
    expect(zimbra.readDraft(document)?.to[0]).toEqual({ name: 'Trần Thị Bình', address: 'ttbinh@sotttt.hanoi.gov.vn' });
  });

  it('recognises the Send button and its label span', () => {
    expect(zimbra.isSendControl(sendButton(), document)).toBe(true);
    expect(zimbra.isSendControl(sendButton().querySelector('span'), document)).toBe(true);
    expect(zimbra.isSendControl(document.querySelector('.zimbra-client_gui-rich-text-area_components_toolbar_delete'), document)).toBe(false);
    expect(zimbra.isSendControl(document.querySelector('rich-text-area'), document)).toBe(false);
  });

  it('takes Ctrl+Enter and Cmd+Enter, never while composing', () => {
    const rta = document.querySelector('rich-text-area')!;
    expect(zimbra.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, rta))).toBe(true);
    expect(zimbra.isSendShortcut(key({ key: 'Enter', metaKey: true }, rta))).toBe(true);
    expect(zimbra.isSendShortcut(key({ key: 'Enter', ctrlKey: true, isComposing: true }, rta))).toBe(false);
  });

  it('is healthy and triggers Send with a full click', () => {
    expect(zimbra.health(document)).toEqual({ ok: true, missing: [] });
    const seen = recordEvents(sendButton(), MOUSE_TYPES);
    zimbra.triggerSend(document);
    expect(seen).toEqual([...MOUSE_TYPES]);
  });

  it('rewrites subject and body', () => {
    zimbra.writeSubjectBody(document, 'Kế hoạch CĐS 2025', (s) => s.replace('Trân trọng.', 'Trân trọng cảm ơn.'));
    const draft = zimbra.readDraft(document)!;
    expect(draft.subject).toBe('Kế hoạch CĐS 2025');
    expect(draft.bodyText.endsWith('Trân trọng cảm ơn.')).toBe(true);
  });
});

describe('zimbra modern: clean page and replaced Send', () => {
  it('sees no composer on the Inbox', async () => {
    await loadFixture('zimbra-modern-clean.html', { url: MODERN_URL });
    expect(zimbra.detect(document)).toBe(true);
    expect(zimbra.isComposeOpen(document)).toBe(false);
    expect(zimbra.readDraft(document)).toBeNull();
  });

  it('reports the missing Send button', async () => {
    await loadFixture('zimbra-modern-send-moved.html', { url: MODERN_URL });
    expect(zimbra.isComposeOpen(document)).toBe(true);
    expect(zimbra.health(document)).toEqual({ ok: false, missing: ['modern.sendButton'] });
    expect(zimbra.isSendControl(document.querySelector('[aria-label="Gửi thư"]'), document)).toBe(false);
  });
});
