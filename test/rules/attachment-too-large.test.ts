import { expect } from 'vitest';
import { ruleTester } from './tester';

const MiB = 1024 * 1024;
const file = (name: string, mib: number) => ({ name, size: Math.round(mib * MiB) });

ruleTester('attachment-too-large', {
  valid: [
    { name: 'no attachments', draft: {} },
    { name: '19 MB under vn-baseline (20 MB)', draft: { attachments: [file('a.pdf', 19)] } },
    { name: 'exactly 25 MB under quangngai', draft: { attachments: [file('a.pdf', 25)] }, policy: 'quangngai' },
    { name: '29 MB in three files under tphcm-stnmt (30 MB)', draft: { attachments: [file('a.pdf', 10), file('b.pdf', 10), file('c.pdf', 9)] }, policy: 'tphcm-stnmt' },
    { name: 'Bình Phước sets no limit', draft: { attachments: [file('video.mp4', 90)] }, policy: 'binhphuoc' },
    { name: 'Cần Thơ sets no limit', draft: { attachments: [file('video.mp4', 90)] }, policy: 'cantho' },
    { name: 'admin raised the limit', draft: { attachments: [file('a.zip', 40)] }, policy: { extends: 'mic', attachmentLimitMB: 50 } },
    { name: 'admin turned the rule off', draft: { attachments: [file('a.zip', 40)] }, policy: { extends: 'mic', rules: { 'attachment-too-large': { severity: 'off' } } } },
  ],
  invalid: [
    {
      name: '26 MiB under quangngai (25 MB)',
      draft: { attachments: [file('ho-so.zip', 26)] },
      policy: 'quangngai',
      where: ['attachment:ho-so.zip'],
      check: (f) => {
        expect(f.severity).toBe('warn');
        expect(f.allowOverride).toBe(true);
        expect(f.requireReason).toBe(true);
        expect(f.message).toContain('25 MB');
        expect(f.message).toContain('26,0 MB');
        expect(f.citations).toEqual(['Điều 6 khoản 4, Quy chế kèm QĐ 51/2015/QĐ-UBND (Quảng Ngãi)']);
      },
    },
    { name: 'the total counts, not each file (3 × 8 MB > 20 MB under mic)', draft: { attachments: [file('a.pdf', 8), file('b.pdf', 8), file('c.pdf', 8)] }, policy: 'mic', where: ['attachment:a.pdf'] },
    { name: '31 MB under tphcm-stnmt', draft: { attachments: [file('a.pdf', 31)] }, policy: 'tphcm-stnmt', check: (f) => expect(f.citations[0]).toContain('Điều 4 khoản 2') },
    { name: '21 MB under vn-baseline', draft: { attachments: [file('a.pdf', 21)] } },
    { name: 'admin-set limit on a preset without one', draft: { attachments: [file('a.pdf', 11)] }, policy: { extends: 'cantho', attachmentLimitMB: 10 } },
    { name: 'admin made it blocking', draft: { attachments: [file('a.pdf', 21)] }, policy: { extends: 'mic', rules: { 'attachment-too-large': { severity: 'block', allowOverride: false } } }, check: (f) => expect(f.severity).toBe('block') },
  ],
});
