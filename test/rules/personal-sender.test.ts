import { expect } from 'vitest';
import { ruleTester } from './tester';

ruleTester('personal-sender', {
  valid: [
    { name: 'agency sender', draft: { from: 'nvan@mic.gov.vn', to: ['vanthu@mic.gov.vn'] } },
    { name: 'Gmail to Gmail, private', draft: { from: 'an.nguyen@gmail.com', to: ['ban.cu@gmail.com'], subject: 'Hẹn cà phê', body: 'Chiều nay rảnh không?' } },
    { name: 'Gmail to a company, private', draft: { from: 'an.nguyen@gmail.com', to: ['cskh@shop.vn'], subject: 'Hỏi đơn hàng' } },
    { name: 'agency sender to Gmail (another rule)', draft: { from: 'nvan@cantho.gov.vn', to: ['dan@gmail.com'] }, policy: 'cantho' },
    { name: 'no from address', draft: { from: { address: '' }, to: ['vanthu@mic.gov.vn'] } },
  ],
  invalid: [
    { name: 'Gmail to an agency address', draft: { from: 'an.nguyen@gmail.com', to: ['vanthu@mic.gov.vn'] }, where: ['from', 'to'], check: (f) => expect(f.message).toContain('an.nguyen@gmail.com') },
    { name: 'Yahoo to an agency address in cc', draft: { from: 'ntb@yahoo.com.vn', to: ['x@gmail.com'], cc: ['syt@quangngai.gov.vn'] }, policy: 'quangngai', where: ['cc'] },
    { name: 'Hotmail under cantho', draft: { from: 'nvminh@hotmail.com', to: ['sonv@cantho.gov.vn'] }, policy: 'cantho', check: (f) => expect(f.citations[0]).toBe('Điều 10 khoản 4, Quy chế kèm QĐ 33/2015/QĐ-UBND (Cần Thơ)') },
    { name: 'Gmail sending an official document to outsiders', draft: { from: 'an@gmail.com', to: ['doitac@congty.vn'], body: 'Số: 125/QĐ-UBND\nQUYẾT ĐỊNH\nTM. ỦY BAN NHÂN DÂN' }, where: ['body'] },
    { name: 'uppercase provider domain', draft: { from: 'An@GMAIL.COM', to: ['vanthu@mic.gov.vn'] }, policy: 'mic' },
    { name: 'Outlook.com under tphcm-stnmt', draft: { from: 'x@outlook.com', to: ['stnmt@tphcm.gov.vn'] }, policy: 'tphcm-stnmt', check: (f) => expect(f.citations).toHaveLength(2) },
  ],
});
