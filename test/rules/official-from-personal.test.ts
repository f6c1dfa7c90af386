import { expect } from 'vitest';
import { ruleTester } from './tester';

const DECISION = 'Số: 125/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH';

ruleTester('official-from-personal', {
  valid: [
    { name: 'unit mailbox sends a decision (binhphuoc pattern)', draft: { from: 'sotttt@binhphuoc.gov.vn', body: DECISION }, policy: 'binhphuoc' },
    { name: 'unit mailbox from the directory (mic)', draft: { from: 'cntt@mic.gov.vn', body: DECISION }, policy: { extends: 'mic', unitMailboxes: { directory: ['cntt@mic.gov.vn'] } } },
    { name: 'personal mailbox, ordinary mail', draft: { from: 'nguyenvanbinh.stnmt@binhphuoc.gov.vn', body: 'Gửi anh số liệu tháng 10.' }, policy: 'binhphuoc' },
    { name: 'lower-case "tm." in prose is not a signature', draft: { from: 'dvbe@mic.gov.vn', body: 'Xem tm. kèm theo, kt. lại số liệu giúp em.' }, policy: 'mic' },
    { name: 'rule off in cantho', draft: { from: 'nvminh@cantho.gov.vn', body: DECISION }, policy: 'cantho' },
  ],
  invalid: [
    { name: 'personal agency mailbox sends a decision (binhphuoc)', draft: { from: 'nguyenvanbinh.stnmt@binhphuoc.gov.vn', body: DECISION }, policy: 'binhphuoc', where: ['from', 'body'], check: (f) => expect(f.citations).toEqual(['Điều 16 khoản 1, Quy chế kèm QĐ 48/2009/QĐ-UBND (Bình Phước)', 'Điều 17 khoản 2 điểm b, Quy chế kèm QĐ 48/2009/QĐ-UBND (Bình Phước)']) },
    { name: 'Gmail sends a signed document (mic)', draft: { from: 'dvbe@gmail.com', body: 'KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG' }, policy: 'mic' },
    { name: 'document number in an attachment', draft: { from: 'dvbe@mic.gov.vn', attachments: [{ name: 'cv.docx', size: 10, extraction: { parts: [{ where: 'attachment:cv.docx', text: 'Số: 45/2026/TT-BTTTT\nThông tư' }] } }] }, policy: 'mic', where: ['attachment:cv.docx'] },
    { name: 'TL. signature in the subject', draft: { from: 'dvbe@mic.gov.vn', subject: 'Công văn TL. BỘ TRƯỞNG gửi các đơn vị' }, policy: 'mic', where: ['subject'] },
  ],
});
