import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/engine';
import { resolvePolicy } from '../../shared/policy';
import { SESSION_KEYS } from '../../outlook-addin/common/constants';
import { SMART_ALERT_LIMIT } from '../../outlook-addin/common/alert-text';
import { AGENCY, MB, UNIT, adminPolicy, harness, presetPolicy } from './helpers';
import { makeDocx } from './docx';
import { toBase64 } from './office-mock';
import { makeDoc, makeZip } from '../fixtures/builders';

const clean = {
  subject: 'Báo cáo tình hình tuần 12',
  bodyHtml: '<p>Kính gửi Văn phòng,</p><p>Sở Y tế gửi báo cáo tuần.</p><p>Trân trọng.</p>',
  from: AGENCY,
  to: [UNIT],
};

describe('OnMessageSend (Smart Alerts)', () => {
  it('allows a clean message', async () => {
    const h = harness({ item: clean }, presetPolicy('quangngai'));
    const r = await h.send();
    expect(r.options).toEqual({ allowEvent: true });
    expect(r.outcome).toMatchObject({ kind: 'allow', reason: 'clean' });
  });

  it('blocks a "TUYỆT MẬT" subject and cites the regulation', async () => {
    const item = { ...clean, subject: 'TUYỆT MẬT - Phương án bảo vệ' };
    const h = harness({ item }, presetPolicy('quangngai'));
    const r = await h.send();
    const expected = evaluate({ ...item, from: { address: AGENCY.emailAddress }, to: [{ address: UNIT.emailAddress }], cc: [], bcc: [], bodyText: '', attachments: [] }, resolvePolicy('quangngai')).find(
      (f) => f.rule === 'classified-content',
    )!;
    expect(expected.citations.length).toBeGreaterThan(0);
    expect(r.options?.allowEvent).toBe(false);
    expect(r.options?.sendModeOverride).toBeUndefined(); // no "Send Anyway" for classified content
    const plain = String(r.options?.errorMessage);
    const md = String(r.options?.errorMessageMarkdown);
    expect(plain).toContain(expected.message);
    expect(plain).toContain(expected.citations[0]);
    expect(md).toContain('**');
    expect(md).toContain(expected.citations[0].replace(/([\\`*_[\]])/g, '\\$1'));
    expect(plain.length).toBeLessThanOrEqual(SMART_ALERT_LIMIT);
    expect(md.length).toBeLessThanOrEqual(SMART_ALERT_LIMIT);
    // "Take action" opens the task pane with the details.
    expect(r.options?.commandId).toBe('cgComposeOpenPane');
    expect(String(r.options?.cancelLabel).length).toBeLessThanOrEqual(20);
  });

  it('offers PromptUser for 26 MB of attachments under quangngai (limit 25 MB)', async () => {
    const item = {
      ...clean,
      attachments: [
        { id: 'a1', name: 'ho-so-1.zip', size: 13 * MB },
        { id: 'a2', name: 'ho-so-2.zip', size: 13 * MB },
      ],
    };
    const h = harness({ item }, presetPolicy('quangngai'));
    const r = await h.send();
    expect(r.options?.allowEvent).toBe(false);
    expect(r.options?.sendModeOverride).toBe('promptUser');
    expect(String(r.options?.errorMessage)).toMatch(/Điều 6 khoản 4/);
    // 13 MB is over the inspection limit (5 MB): judged by name and size, no content reads.
    expect(h.calls).not.toContain('getAttachmentContentAsync');
  });

  it('warns (PromptUser) when a cantho user sends from Gmail', async () => {
    const item = { ...clean, from: { displayName: 'Nguyễn Văn Minh', emailAddress: 'nvminh.cantho@gmail.com' }, to: [{ emailAddress: 'sonv@cantho.gov.vn' }] };
    const h = harness({ item }, presetPolicy('cantho'));
    const r = await h.send();
    expect(r.options?.allowEvent).toBe(false);
    expect(r.options?.sendModeOverride).toBe('promptUser');
    // personal-sender wants a reason: the dialog says where to record it
    expect(r.outcome).toMatchObject({ kind: 'alert', alert: 'reason' });
    expect(String(r.options?.errorMessage)).toMatch(/ghi lý do/);
    if (r.outcome?.kind === 'alert') expect(r.outcome.findings.map((f) => f.rule)).toContain('personal-sender');
    expect(String(r.options?.errorMessage)).toMatch(/Cần Thơ/);
  });

  it('answers in English when Outlook runs in English', async () => {
    const item = { ...clean, subject: 'TUYỆT MẬT' };
    const h = harness({ item, displayLanguage: 'en-US' }, presetPolicy('quangngai'));
    const r = await h.send();
    expect(String(r.options?.errorMessage)).toMatch(/^This message was not sent/);
    expect(r.options?.cancelLabel).toBe('See details');
  });

  describe('getAttachmentsAsync failing follows onError', () => {
    it('onError "allow" lets the message go', async () => {
      const h = harness({ item: clean, fail: ['getAttachmentsAsync'] }, adminPolicy({ extends: 'quangngai', onError: 'allow' }));
      const r = await h.send();
      expect(r.options).toEqual({ allowEvent: true });
      expect(r.outcome).toMatchObject({ kind: 'allow', reason: 'error-allow' });
    });
    it('onError "block" holds it with an explanation', async () => {
      const h = harness({ item: clean, fail: ['getAttachmentsAsync'] }, adminPolicy({ extends: 'quangngai', onError: 'block' }));
      const r = await h.send();
      expect(r.options?.allowEvent).toBe(false);
      expect(String(r.options?.errorMessage)).toMatch(/Không kiểm tra được thư này/);
      expect(String(r.options?.errorMessage)).toMatch(/getAttachmentsAsync/);
      expect(r.options?.sendModeOverride).toBeUndefined();
    });
  });

  describe('time budget', () => {
    it('completes by the watchdog when Outlook never answers (onError block)', async () => {
      const h = harness({ item: clean, hang: ['body.getAsync'] }, adminPolicy({ extends: 'quangngai', onError: 'block' }), { totalMs: 300 });
      const r = await h.send();
      expect(r.ms).toBeGreaterThanOrEqual(290);
      expect(r.ms).toBeLessThan(1500);
      expect(r.options?.allowEvent).toBe(false);
      expect(String(r.options?.errorMessage)).toMatch(/quá thời gian/);
    });

    it('with the default budget a hung handler still completes in under 5 s', async () => {
      const h = harness({ item: clean, hang: ['getAttachmentsAsync'] }, adminPolicy({ extends: 'quangngai', onError: 'allow' }));
      const r = await h.send();
      expect(r.ms).toBeLessThan(5000);
      expect(r.options).toEqual({ allowEvent: true });
      // completed() exactly once, even though the hung call could still answer later.
      await new Promise((res) => setTimeout(res, 50));
    }, 10_000);

    it('judges without the content of an attachment that is too slow to read', async () => {
      const docx = makeDocx(['Kế hoạch công tác']);
      const item = { ...clean, attachments: [{ id: 'd1', name: 'ke-hoach.docx', size: docx.length, base64: toBase64(docx) }] };
      const h = harness({ item, delays: { getAttachmentContentAsync: 2000 } }, presetPolicy('quangngai'), { totalMs: 1500, contentMs: 200, extractMs: 800 });
      const r = await h.send();
      expect(r.ms).toBeLessThan(1500);
      expect(r.outcome?.kind).toBeDefined();
      // The timeout is reported to the engine as "unreadable", not treated as a crash.
      expect(r.outcome?.kind === 'allow' ? r.outcome.reason : 'alert').not.toBe('error-allow');
    });
  });

  it('reads the content of a small .docx and blocks on a "MẬT" mark inside it', async () => {
    const docx = makeDocx(['TUYỆT MẬT', 'PHƯƠNG ÁN BẢO VỆ', 'Nội dung phương án']);
    const item = { ...clean, attachments: [{ id: 'd1', name: 'bao-cao.docx', size: docx.length, base64: toBase64(docx) }] };
    const h = harness({ item }, presetPolicy('quangngai'));
    const r = await h.send();
    expect(h.calls).toContain('getAttachmentContentAsync');
    expect(r.options?.allowEvent).toBe(false);
    if (r.outcome?.kind === 'alert') expect(r.outcome.findings.map((f) => f.rule)).toContain('classified-content');
  });

  it('before Mailbox 1.14 (no PromptUser) a second Send of the same message confirms a warning', async () => {
    const item = { ...clean, from: { emailAddress: 'nvminh@gmail.com' }, to: [{ emailAddress: 'sonv@cantho.gov.vn' }] };
    const h = harness({ item, mailboxVersion: '1.12' }, presetPolicy('cantho'));
    const first = await h.send();
    expect(first.options?.allowEvent).toBe(false);
    expect(first.options?.sendModeOverride).toBeUndefined();
    expect(first.options?.errorMessageMarkdown).toBeUndefined(); // Markdown needs 1.15
    expect(String(first.options?.errorMessage)).toMatch(/Gửi lần nữa/);
    const second = await h.send();
    expect(second.options).toEqual({ allowEvent: true });
  });

  it('a reason recorded in the task pane lets a "requireReason" warning through without a dialog', async () => {
    const policy = adminPolicy({ extends: 'cantho', rules: { 'personal-sender': { severity: 'warn', allowOverride: true, requireReason: true } } });
    const item = { ...clean, from: { emailAddress: 'nvminh@gmail.com' }, to: [{ emailAddress: 'sonv@cantho.gov.vn' }] };
    const h = harness({ item }, policy);
    const first = await h.send();
    expect(first.outcome).toMatchObject({ kind: 'alert', alert: 'reason' });
    expect(first.options?.sendModeOverride).toBe('promptUser');
    h.sessionData.set(SESSION_KEYS.overrides, JSON.stringify({ 'personal-sender': { reason: 'Hộp thư công vụ đang bảo trì', at: 'x' } }));
    const second = await h.send();
    expect(second.options).toEqual({ allowEvent: true });
  });

  describe('attachments the extractor classifies by content (as in the extension)', () => {
    const cases: [string, Uint8Array][] = [
      ['ho-so.zip', makeZip({ 'phuong-an.txt': 'TUYỆT MẬT\nPhương án bảo vệ' })],
      ['phuong-an.doc', makeDoc({ body: ['TUYỆT MẬT', 'Phương án bảo vệ'] })],
    ];
    for (const [name, bytes] of cases) {
      it(`reads a small ${name.slice(name.lastIndexOf('.'))} and blocks on "TUYỆT MẬT" inside it`, async () => {
        const item = { ...clean, attachments: [{ id: 'a1', name, size: bytes.length, base64: toBase64(bytes) }] };
        const h = harness({ item }, presetPolicy('quangngai'));
        const r = await h.send();
        expect(h.calls).toContain('getAttachmentContentAsync');
        expect(r.outcome).toMatchObject({ kind: 'alert', alert: 'block' });
        if (r.outcome?.kind === 'alert') expect(r.outcome.findings.map((f) => f.rule)).toContain('classified-content');
      });
    }

    it('reports a PDF as unsupported without downloading it (pdf.js is not in the add-in bundles)', async () => {
      const item = { ...clean, attachments: [{ id: 'p1', name: 'bao-cao.pdf', size: 300 * 1024, base64: toBase64(new TextEncoder().encode('%PDF-1.4')) }] };
      const h = harness({ item }, presetPolicy('quangngai'));
      const r = await h.send();
      expect(h.calls).not.toContain('getAttachmentContentAsync');
      expect(r.outcome?.kind).toBe('alert');
      const f = r.outcome?.kind === 'alert' ? r.outcome.findings.find((x) => x.rule === 'attachment-unreadable') : undefined;
      expect(f?.message).toContain('bao-cao.pdf (định dạng không hỗ trợ)');
      expect(f?.evidence[0].excerpt).toBe(
        'bao-cao.pdf: định dạng không hỗ trợ (PDF reader not available in this host (PDF text extraction is not available in the Outlook add-in))',
      );
    });

    it('does not download pictures', async () => {
      const item = { ...clean, attachments: [{ id: 'i1', name: 'anh.JPG', size: 200 * 1024, base64: toBase64(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) }] };
      const h = harness({ item }, presetPolicy('quangngai'));
      const r = await h.send();
      expect(h.calls).not.toContain('getAttachmentContentAsync');
      expect(r.outcome).toMatchObject({ kind: 'allow', reason: 'clean' });
    });
  });

  it('keeps the dialog text within 500 characters however many findings there are', async () => {
    const item = {
      subject: 'TUYỆT MẬT - TỐI MẬT - Kế hoạch ' + 'rất dài '.repeat(40),
      bodyHtml: '<p>' + 'Nội dung bí mật nhà nước. '.repeat(50) + '</p>',
      from: { displayName: 'a', emailAddress: 'someone@yahoo.com' },
      to: [{ emailAddress: 'x@gmail.com' }, { emailAddress: 'y@hotmail.com' }],
      attachments: [{ id: 'z', name: 'TOI MAT.zip', size: 40 * MB }],
    };
    const h = harness({ item }, presetPolicy('mic'));
    const r = await h.send();
    expect(r.options?.allowEvent).toBe(false);
    expect(String(r.options?.errorMessage).length).toBeLessThanOrEqual(500);
    expect(String(r.options?.errorMessageMarkdown).length).toBeLessThanOrEqual(500);
  });

  it('allows when there is no item (nothing to check)', async () => {
    const h = harness({ item: null }, presetPolicy('quangngai'));
    const r = await h.send();
    expect(r.options).toEqual({ allowEvent: true });
  });
});

describe('change events', () => {
  it('OnMessageRecipientsChanged shows an info bar for a public-provider recipient and removes it when fixed', async () => {
    const item = { ...clean, from: { emailAddress: 'sonv@cantho.gov.vn' }, to: [{ emailAddress: 'ai.do@gmail.com' }] };
    const h = harness({ item }, presetPolicy('cantho'));
    await h.fire('onMessageRecipientsChangedHandler', 'olkRecipientsChanged');
    const bar = h.notifications.get('cg-public-recipient');
    expect(bar).toBeDefined();
    expect(bar!.message.length).toBeLessThanOrEqual(150);
    expect(bar!.type).toBe('informationalMessage');
    expect(bar!.icon).toBe('Icon.16');

    // The user replaces the Gmail recipient with an agency one.
    (h.Office.context.mailbox.item as { to: { getAsync: unknown } }).to = {
      getAsync: (cb: (r: unknown) => void) => setTimeout(() => cb({ status: 'succeeded', value: [{ emailAddress: 'vanphong.sokhdt@cantho.gov.vn' }] })),
    };
    await h.fire('onMessageRecipientsChangedHandler', 'olkRecipientsChanged');
    expect(h.notifications.has('cg-public-recipient')).toBe(false);
  });

  it('OnMessageAttachmentsChanged flags an oversized attachment at once', async () => {
    const item = { ...clean, attachments: [{ id: 'big', name: 'video.mp4', size: 30 * MB }] };
    const h = harness({ item }, presetPolicy('quangngai'));
    await h.fire('onMessageAttachmentsChangedHandler', 'olkAttachmentsChanged');
    expect([...h.notifications.keys()]).toContain('cg-attachment-too-large');
  });

  it('OnMessageAttachmentsChanged pre-extracts text so OnMessageSend does not read the file again', async () => {
    const docx = makeDocx(['TUYỆT MẬT', 'Phương án']);
    const item = { ...clean, attachments: [{ id: 'd1', name: 'pa.docx', size: docx.length, base64: toBase64(docx) }] };
    const h = harness({ item }, presetPolicy('quangngai'));
    await h.fire('onMessageAttachmentsChangedHandler', 'olkAttachmentsChanged');
    expect(h.sessionData.has(SESSION_KEYS.attachmentPrefix + 'd1')).toBe(true);
    expect(h.notifications.get('cg-classified-content')?.type).toBe('errorMessage');
    const reads = h.calls.filter((c) => c === 'getAttachmentContentAsync').length;
    const r = await h.send();
    expect(h.calls.filter((c) => c === 'getAttachmentContentAsync').length).toBe(reads);
    expect(r.options?.allowEvent).toBe(false);
  });

  it('OnMessageAttachmentsChanged lists the attachments and reads their cache once', async () => {
    const docx = makeDocx(['Kế hoạch']);
    const item = { ...clean, attachments: [{ id: 'd1', name: 'kh.docx', size: docx.length, base64: toBase64(docx) }] };
    const h = harness({ item }, presetPolicy('quangngai'));
    await h.fire('onMessageAttachmentsChangedHandler', 'olkAttachmentsChanged');
    expect(h.calls.filter((c) => c === 'getAttachmentsAsync').length).toBe(1);
    // policy + the attachment's cache entry + the info-bar keys: no second look at the attachment.
    expect(h.calls.filter((c) => c === 'sessionData.getAsync').length).toBe(3);
    expect(h.sessionData.has(SESSION_KEYS.attachmentPrefix + 'd1')).toBe(true);
  });

  it('OnNewMessageCompose caches the policy in sessionData for the send check', async () => {
    let loads = 0;
    const h = harness({ item: clean }, () => {
      loads++;
      return Promise.resolve(presetPolicy('mic'));
    });
    await h.fire('onNewMessageComposeHandler', 'olkNewMessageCompose');
    expect(JSON.parse(h.sessionData.get(SESSION_KEYS.policy)!)).toMatchObject({ source: { preset: 'mic' } });
    await h.send();
    expect(loads).toBe(1);
  });

  it('OnMessageFromChanged completes even when sessionData is unavailable', async () => {
    const h = harness({ item: clean, fail: ['sessionData.getAsync', 'sessionData.setAsync'] }, presetPolicy('quangngai'));
    const c = await h.fire('onMessageFromChangedHandler', 'olkFromChanged');
    expect(c.options).toBeUndefined();
  });
});
