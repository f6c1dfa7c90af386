import { expect } from 'vitest';
import { ruleTester } from './tester';

const docx = (name: string, text: string, where = `attachment:${name}`) => ({
  name,
  size: 20_000,
  extraction: { parts: [{ where, text }] },
});

ruleTester('classified-content', {
  valid: [
    { name: 'plain work mail', draft: { subject: 'Lịch họp giao ban tuần 12', body: 'Kính gửi các phòng, lịch họp như sau.' } },
    { name: '"mật khẩu" (password)', draft: { subject: 'Đổi mật khẩu hộp thư', body: 'Vui lòng đổi mật khẩu trước ngày 15.' } },
    { name: 'uppercase "MẬT KHẨU"', draft: { subject: 'HƯỚNG DẪN ĐỔI MẬT KHẨU' } },
    { name: '"mật độ" (density)', draft: { body: 'Mật độ dân số của tỉnh tăng 2% so với năm trước.' } },
    { name: '"bảo mật thông tin"', draft: { subject: 'Tập huấn bảo mật thông tin', body: 'Hội nghị về bảo mật thông tin năm 2026.' } },
    { name: 'uppercase "BẢO MẬT THÔNG TIN"', draft: { subject: 'HƯỚNG DẪN BẢO MẬT THÔNG TIN' } },
    { name: '"thân mật"', draft: { body: 'Buổi gặp mặt diễn ra thân mật, cởi mở.' } },
    { name: '"mật thiết"', draft: { body: 'Hai đơn vị phối hợp mật thiết trong năm qua.' } },
    { name: '"mật ong"', draft: { body: 'Hội chợ nông sản có mật ong rừng U Minh.' } },
    { name: '"mật mã"', draft: { body: 'Ban Cơ yếu hướng dẫn sử dụng sản phẩm mật mã dân sự.' } },
    { name: '"mất" and "mặt" are other words', draft: { body: 'Mất điện toàn khu vực; mặt bằng thi công đã bàn giao.' } },
    { name: 'sentence-initial "Mật khẩu"', draft: { body: 'Mật khẩu phải có ít nhất 8 ký tự.' } },
    { name: 'English text with "format" and "MAT"', draft: { body: 'Please use the PDF format; MATLAB scripts attached.' } },
    { name: 'docx about password rules', draft: { attachments: [docx('huong-dan.docx', 'Quy định về mật khẩu và bảo mật thông tin')] } },
    { name: '"túi mật" (gall bladder) in a health report', draft: { body: 'Bệnh nhân phẫu thuật cắt túi mật nội soi.' } },
    { name: 'attachment name "bao-mat.docx"', draft: { attachments: [{ name: 'quy-che-bao-mat.docx', size: 100 }] } },
  ],
  invalid: [
    { name: 'TUYỆT MẬT in the subject', draft: { subject: 'TUYỆT MẬT: Kế hoạch diễn tập' }, where: ['subject'] },
    { name: 'TỐI MẬT in the subject', draft: { subject: 'Tối mật - Báo cáo tình hình' }, where: ['subject'] },
    { name: 'stamp MẬT alone on a line of the body', draft: { body: 'MẬT\n\nKính gửi Giám đốc Sở,\nBáo cáo kết quả.' }, where: ['body'] },
    { name: '"Độ mật: Mật" field', draft: { body: 'Độ khẩn: Hỏa tốc\nĐộ mật: Mật\nNội dung: …' }, where: ['body'] },
    { name: '"bí mật nhà nước"', draft: { body: 'Tài liệu này thuộc danh mục bí mật nhà nước độ Mật.' }, where: ['body'] },
    { name: '"tài liệu mật" in body', draft: { body: 'Gửi anh tài liệu mật về phương án nhân sự.' }, where: ['body'] },
    { name: 'spaced letters "T U Y Ệ T  M Ậ T"', draft: { subject: 'T U Y Ệ T  M Ậ T - kế hoạch' }, where: ['subject'] },
    { name: 'NFD-encoded "TUYỆT MẬT"', draft: { subject: 'TUYỆT MẬT kế hoạch'.normalize('NFD') }, where: ['subject'] },
    { name: 'unaccented "TUYET MAT"', draft: { subject: 'TUYET MAT - phuong an' }, where: ['subject'] },
    { name: 'marking in HTML body', draft: { html: '<p style="color:red"><b>TỐI MẬT</b></p><p>Nội dung kế hoạch</p>' }, where: ['body'] },
    { name: 'marking in an attachment name', draft: { attachments: [{ name: 'TOI MAT - phuong an.docx', size: 1000 }] }, where: ['attachment:TOI MAT - phuong an.docx'] },
    { name: 'docx header "MẬT"', draft: { attachments: [docx('bao-cao.docx', 'MẬT\nBÁO CÁO\nTình hình an ninh')] }, where: ['attachment:bao-cao.docx'] },
    { name: 'xlsx cell "Tuyệt mật"', draft: { attachments: [docx('ds.xlsx', 'Danh sách\tTuyệt mật\t2026')] }, where: ['attachment:ds.xlsx'] },
    { name: 'nested eml part', draft: { attachments: [docx('fw.eml', 'TUYỆT MẬT kế hoạch', 'attachment:fw.eml > attachment:kh.docx')] }, where: ['attachment:fw.eml > attachment:kh.docx'] },
    { name: 'custom marking from the policy', draft: { subject: 'Phương án A (LƯU HÀNH NỘI BỘ)' }, policy: { extends: 'mic', customMarkings: ['lưu hành nội bộ'] }, where: ['subject'] },
    { name: 'custom RE2 pattern', draft: { body: 'Mã hồ sơ: HS-MAT-0042' }, policy: { customMarkings: ['/HS-MAT-\\d{4}/'] }, where: ['body'] },
    {
      name: 'TCVN3-encoded body with a marking',
      // "TUYỆT MẬT. Kế hoạch công tác" typed with .VnTime fonts (TCVN3).
      draft: { body: 'TUYÖT MËT. KÕ ho¹ch c«ng t¸c cña Së trong n¨m 2026 vÒ viÖc triÓn khai' },
      where: ['body'],
    },
    {
      name: 'blocks and cites the active preset (mic)',
      draft: { subject: 'TUYỆT MẬT' },
      policy: 'mic',
      check: (f) => {
        expect(f.severity).toBe('block');
        expect(f.allowOverride).toBe(false);
        expect(f.citations[0]).toBe('Điều 4 khoản 1, Quy chế kèm QĐ 652/QĐ-BTTTT (Bộ TT&TT)');
      },
    },
  ],
});
