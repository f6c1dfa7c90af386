// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { gmailAdapter as gmail } from '../../extension/adapters/gmail';
import type { Draft } from '../../shared/types';
import { MOUSE_TYPES, key, loadFixture, recordEvents } from './helpers';

const URL = 'https://mail.google.com/mail/u/0/#inbox?compose=new';

const q = <E extends Element = HTMLElement>(sel: string, root: ParentNode = document) => {
  const el = root.querySelector<E>(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};
const SEND = '[role="dialog"] div.T-I.aoO[role="button"]';
const BODY = '[role="dialog"] [aria-label="Nội dung thư"]';

describe('gmail: compose', () => {
  beforeEach(async () => {
    await loadFixture('gmail-compose.html', { url: URL });
  });

  it('detects Gmail and the compose window', () => {
    expect(gmail.id).toBe('gmail');
    expect(gmail.detect(document)).toBe(true);
    expect(gmail.isComposeOpen(document)).toBe(true);
  });

  it('reads the draft exactly, with the personal account as From', () => {
    const expected: Draft = {
      from: { name: 'Nguyễn Văn An', address: 'nguyenvanan.qn@gmail.com' },
      to: [
        { name: 'Trần Thị Bình', address: 'ttbinh@ubnd.quangngai.gov.vn' },
        { address: 'vanthu@sotttt.quangngai.gov.vn' },
      ],
      cc: [{ name: 'Lê Văn Cường', address: 'lvcuong@sotttt.quangngai.gov.vn' }],
      bcc: [{ address: 'pham.dung.qn@gmail.com' }],
      subject: 'V/v cung cấp số liệu chuyển đổi số năm 2024',
      bodyText:
        'Kính gửi anh Cường,\n\n' +
        'Em gửi anh số liệu chuyển đổi số năm 2024 của Sở (bản chưa đóng dấu) để anh tổng hợp giúp em.\n\n' +
        'Em An',
      bodyHtml: q(BODY).innerHTML.trim(),
      attachments: [
        { name: 'So-lieu-CDS-2024.xlsx', size: 250880 }, // (245K)
        { name: 'Cong-van-1234-UBND.pdf', size: 1263616 }, // (1,234K): thousands separator
      ],
    };
    expect(gmail.readDraft(document)).toEqual(expected);
    expect(gmail.readIssues?.(document)).toEqual([]);
  });

  it('prefers the address chosen in the From selector', () => {
    q<HTMLInputElement>('[role="dialog"] input[name="from"]').value = 'an.nguyen@sotttt.quangngai.gov.vn';
    expect(gmail.readDraft(document)?.from).toEqual({ address: 'an.nguyen@sotttt.quangngai.gov.vn' });
    q<HTMLInputElement>('[role="dialog"] input[name="from"]').value = 'nguyenvanan.qn@gmail.com';
    expect(gmail.readDraft(document)?.from).toEqual({ name: 'Nguyễn Văn An', address: 'nguyenvanan.qn@gmail.com' });
  });

  it('reads the older recipient chips (.vR with span[email])', () => {
    const field = q('[role="dialog"] div[name="to"]');
    field.outerHTML =
      '<table><tr><td><div class="vR"><span class="vN" email="ttbinh@ubnd.quangngai.gov.vn" name="Trần Thị Bình"><div class="vT">Trần Thị Bình</div></span>' +
      '<input type="hidden" value="&quot;Trần Thị Bình&quot; <ttbinh@ubnd.quangngai.gov.vn>"></div>' +
      '<textarea name="to" class="vO">lvcuong@sotttt.quangngai.gov.vn, </textarea></td></tr></table>';
    expect(gmail.readDraft(document)?.to).toEqual([
      { name: 'Trần Thị Bình', address: 'ttbinh@ubnd.quangngai.gov.vn' },
      { address: 'lvcuong@sotttt.quangngai.gov.vn' },
    ]);
  });

  it('recognises Send (the button and its text), not "more send options"', () => {
    expect(gmail.isSendControl(q(SEND), document)).toBe(true);
    expect(gmail.isSendControl(q(SEND).firstChild, document)).toBe(true); // the "Gửi" text node
    expect(gmail.isSendControl(q('[aria-label="Tùy chọn gửi khác"]'), document)).toBe(false);
    expect(gmail.isSendControl(q('[aria-label="Tùy chọn gửi khác"] .G-asx'), document)).toBe(false);
    expect(gmail.isSendControl(q('[gh="cm"]'), document)).toBe(false);
    expect(gmail.isSendControl(q(BODY), document)).toBe(false);
  });

  it('takes Ctrl+Enter / Cmd+Enter inside the compose window, never while an IME composes', () => {
    const body = q(BODY);
    expect(gmail.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, body))).toBe(true);
    expect(gmail.isSendShortcut(key({ key: 'Enter', metaKey: true }, q('input[name="subjectbox"]')))).toBe(true);
    expect(gmail.isSendShortcut(key({ key: 'Enter', ctrlKey: true, isComposing: true }, body))).toBe(false);
    expect(gmail.isSendShortcut(key({ key: 'Process', ctrlKey: true, keyCode: 229 }, body))).toBe(false);
    expect(gmail.isSendShortcut(key({ key: 'Enter', ctrlKey: true, altKey: true }, body))).toBe(false);
    expect(gmail.isSendShortcut(key({ key: 'Enter', ctrlKey: true }, q('[role="main"]')))).toBe(false);
  });

  it('is healthy and triggers Send with mousedown, mouseup and click', () => {
    expect(gmail.health(document)).toEqual({ ok: true, missing: [] });
    const seen = recordEvents(q(SEND), MOUSE_TYPES);
    gmail.triggerSend(document);
    expect(seen).toEqual([...MOUSE_TYPES]);
  });

  it('rewrites subject and body', () => {
    gmail.writeSubjectBody(document, 'V/v số liệu CĐS 2024', (s) => s.replace('Em An', 'Nguyễn Văn An'));
    const d = gmail.readDraft(document)!;
    expect(d.subject).toBe('V/v số liệu CĐS 2024');
    expect(d.bodyText.endsWith('\nNguyễn Văn An')).toBe(true);
  });

  it('reads the compose window whose Send was pressed when two are open', () => {
    const first = q('.dw [role="dialog"]');
    const second = first.cloneNode(true) as HTMLElement;
    second.querySelector<HTMLInputElement>('input[name="subjectbox"]')!.setAttribute('value', 'Thư thứ hai');
    first.after(second);
    expect(gmail.isSendControl(q('div.T-I.aoO', second), document)).toBe(true);
    expect(gmail.readDraft(document)?.subject).toBe('Thư thứ hai');
    const seen = recordEvents(q('div.T-I.aoO', second), ['click']);
    gmail.triggerSend(document);
    expect(seen).toEqual(['click']);
  });
});

describe('gmail: no compose / Send moved', () => {
  it('sees no compose window on the Inbox', async () => {
    await loadFixture('gmail-clean.html', { url: 'https://mail.google.com/mail/u/0/#inbox' });
    expect(gmail.detect(document)).toBe(true);
    expect(gmail.isComposeOpen(document)).toBe(false);
    expect(gmail.readDraft(document)).toBeNull();
    expect(gmail.health(document)).toEqual({ ok: true, missing: [] });
  });

  it('reports the Send button missing after a redesign', async () => {
    await loadFixture('gmail-send-moved.html', { url: URL });
    expect(gmail.isComposeOpen(document)).toBe(true);
    expect(gmail.health(document)).toEqual({ ok: false, missing: ['gmail.sendButton'] });
    expect(gmail.isSendControl(q('button[aria-label="Gửi thư ngay"]'), document)).toBe(false);
    expect(() => gmail.triggerSend(document)).toThrow(/Send button not found/);
  });
});
