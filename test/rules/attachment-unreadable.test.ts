import { expect } from 'vitest';
import { ruleTester } from './tester';

const unreadable = (name: string, reason: 'encrypted' | 'corrupt' | 'unsupported' | 'too-large' | 'timeout') => ({
  name,
  size: 1000,
  extraction: { parts: [], unreadable: [{ reason, where: `attachment:${name}` }] },
});

ruleTester('attachment-unreadable', {
  valid: [
    { name: 'readable attachment', draft: { attachments: [{ name: 'a.docx', size: 10, extraction: { parts: [{ where: 'attachment:a.docx', text: 'Báo cáo' }] } }] } },
    { name: 'no bytes, not inspected (host did not have them)', draft: { attachments: [{ name: 'a.pdf', size: 10 }] } },
    { name: 'image with nothing to inspect', draft: { attachments: [{ name: 'anh.jpg', size: 10, extraction: { parts: [] } }] } },
    { name: 'rule off by admin', draft: { attachments: [unreadable('x.docx', 'encrypted')] }, policy: { rules: { 'attachment-unreadable': { severity: 'off' } } } },
  ],
  invalid: [
    { name: 'encrypted docx', draft: { attachments: [unreadable('luong.docx', 'encrypted')] }, where: ['attachment:luong.docx'], check: (f) => { expect(f.message).toContain('luong.docx'); expect(f.message).toContain('mật khẩu'); expect(f.severity).toBe('warn'); } },
    { name: 'corrupt zip', draft: { attachments: [unreadable('hs.zip', 'corrupt')] } },
    { name: 'unsupported .rar', draft: { attachments: [unreadable('hs.rar', 'unsupported')] }, check: (f) => expect(f.messageEn).toContain('unsupported format') },
    { name: 'bomb over budget', draft: { attachments: [unreadable('bomb.zip', 'too-large')] } },
    { name: 'inner part of a nested mail', draft: { attachments: [{ name: 'fw.eml', size: 10, extraction: { parts: [], unreadable: [{ reason: 'encrypted', where: 'attachment:fw.eml > attachment:a.pdf' }] } }] }, where: ['attachment:fw.eml > attachment:a.pdf'] },
  ],
});
