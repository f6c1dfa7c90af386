/**
 * Builds the labelled evaluation corpus (issue #2 item 8): test/corpus/cases/*.eml plus
 * test/corpus/cases/labels.json [{file, policy, expect: [rule ids]}]. Deterministic: the same
 * script always writes the same bytes, so precision/recall are reproducible.
 * Every rule has positives and hard negatives; classified-content gets the most, because it
 * is the rule that must neither miss a stamp nor cry wolf at "mật khẩu".
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { makeDocx, makeEml, makeEncryptedOoxml, makeOdt, makePdf, makePptx, makeXlsx, makeZip, makeZipBomb } from '../fixtures/builders';

type Att = { name: string; type: string; content: Uint8Array | string };
interface Case {
  slug: string;
  policy?: string;
  expect: string[];
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  text?: string;
  html?: string;
  attachments?: Att[];
}

const OUT = resolve(import.meta.dirname, 'cases');
const MiB = 1024 * 1024;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const ODT = 'application/vnd.oasis.opendocument.text';

const AGENCY_FROM = 'Nguyễn Văn An - Văn phòng Bộ <nvan@mic.gov.vn>';
const CANTHO_FROM = 'Nguyễn Văn Minh - Sở Nội vụ <nvminh@cantho.gov.vn>';
const PROSE = 'Kính gửi các đơn vị,\nVăn phòng đề nghị các đơn vị báo cáo kết quả thực hiện nhiệm vụ quý I trước ngày 15/4/2026.\nTrân trọng.';

const docx = (name: string, spec: Parameters<typeof makeDocx>[0]): Att => ({ name, type: DOCX, content: makeDocx(spec) });
const filler = (bytes: number) => new Uint8Array(bytes);
const video = (name: string, mib: number): Att => ({ name, type: 'video/mp4', content: filler(Math.round(mib * MiB)) });

const cases: Case[] = [
  // ---------------------------------------------------------------- classified-content: positives
  { slug: 'cls-subject-tuyet-mat', expect: ['classified-content'], subject: 'TUYỆT MẬT: Kế hoạch diễn tập phòng thủ', text: PROSE },
  { slug: 'cls-subject-toi-mat', expect: ['classified-content'], subject: 'Tối mật - Báo cáo tình hình an ninh', text: PROSE },
  { slug: 'cls-subject-bracket-mat', expect: ['classified-content'], subject: '[MẬT] Danh sách cán bộ quy hoạch', text: PROSE },
  { slug: 'cls-subject-mat-hoa-toc', expect: ['classified-content'], subject: 'MẬT - HỎA TỐC: Phương án nhân sự', text: PROSE },
  { slug: 'cls-body-stamp-line', expect: ['classified-content'], subject: 'Báo cáo', text: 'MẬT\n\nKính gửi Giám đốc Sở,\nBáo cáo kết quả xác minh.' },
  { slug: 'cls-body-do-mat', expect: ['classified-content'], subject: 'Công văn', text: 'Độ khẩn: Hỏa tốc\nĐộ mật: Tối mật\nKính gửi: Các đơn vị' },
  { slug: 'cls-body-bi-mat-nha-nuoc', expect: ['classified-content'], subject: 'Tài liệu họp', text: 'Tài liệu kèm theo thuộc danh mục bí mật nhà nước, đề nghị quản lý chặt chẽ.' },
  { slug: 'cls-body-bi-mat-nha-nuoc-upper', expect: ['classified-content'], subject: 'Tài liệu', text: 'TÀI LIỆU CHỨA BÍ MẬT NHÀ NƯỚC\nKhông sao chụp.' },
  { slug: 'cls-body-tai-lieu-mat', expect: ['classified-content'], subject: 'Gửi anh', text: 'Em gửi anh tài liệu mật về phương án nhân sự để anh cho ý kiến.' },
  { slug: 'cls-body-van-ban-mat', expect: ['classified-content'], subject: 'Chuyển tiếp', text: 'Chuyển tiếp văn bản mật số 12 của Bộ Công an.' },
  { slug: 'cls-body-ho-so-mat', expect: ['classified-content'], subject: 'Hồ sơ', text: 'Gửi kèm hồ sơ mật của đối tượng xác minh.' },
  { slug: 'cls-html-bold', expect: ['classified-content'], subject: 'Kế hoạch', html: '<p style="color:red;text-align:right"><b>TUYỆT MẬT</b></p><p>Kế hoạch bảo vệ mục tiêu.</p>' },
  { slug: 'cls-html-entities', expect: ['classified-content'], subject: 'Kế hoạch', html: '<div>T&#7888;I M&#7852;T</div><div>N&#7897;i dung</div>' },
  { slug: 'cls-spaced-subject', expect: ['classified-content'], subject: 'T U Y Ệ T  M Ậ T - kế hoạch', text: PROSE },
  { slug: 'cls-spaced-body', expect: ['classified-content'], subject: 'Báo cáo', text: 'M Ậ T\nBáo cáo tình hình biên giới.' },
  { slug: 'cls-nfd', expect: ['classified-content'], subject: 'TUYỆT MẬT kế hoạch'.normalize('NFD'), text: PROSE },
  { slug: 'cls-unaccented', expect: ['classified-content'], subject: 'TUYET MAT - phuong an bao ve', text: 'Gui anh phuong an.' },
  { slug: 'cls-attachment-name', expect: ['classified-content'], subject: 'Gửi file', text: PROSE, attachments: [docx('TUYET MAT - ke hoach.docx', { body: ['Kế hoạch'] })] },
  { slug: 'cls-attachment-name-vi', expect: ['classified-content'], subject: 'Gửi file', text: PROSE, attachments: [docx('Tối mật - báo cáo.docx', { body: ['Báo cáo'] })] },
  { slug: 'cls-docx-body', expect: ['classified-content'], subject: 'Dự thảo', text: PROSE, attachments: [docx('du-thao.docx', { body: ['TUYỆT MẬT', 'PHƯƠNG ÁN BẢO VỆ', 'Nội dung phương án'] })] },
  { slug: 'cls-docx-header', expect: ['classified-content'], subject: 'Báo cáo', text: PROSE, attachments: [docx('bao-cao.docx', { header: ['MẬT'], body: ['BÁO CÁO', 'Tình hình an ninh trật tự quý I'] })] },
  { slug: 'cls-docx-footer', expect: ['classified-content'], subject: 'Báo cáo', text: PROSE, attachments: [docx('bao-cao-2.docx', { body: ['BÁO CÁO'], footer: ['Tài liệu TỐI MẬT - không sao chụp'] })] },
  { slug: 'cls-xlsx-cell', expect: ['classified-content'], subject: 'Danh sách', text: PROSE, attachments: [{ name: 'ds.xlsx', type: XLSX, content: makeXlsx({ sheets: [{ name: 'DS', rows: [['STT', 'Họ tên', 'Độ mật'], ['1', 'Nguyễn Văn A', 'Tuyệt mật']] }] }) }] },
  { slug: 'cls-pptx', expect: ['classified-content'], subject: 'Slide', text: PROSE, attachments: [{ name: 'trinh-bay.pptx', type: PPTX, content: makePptx({ slides: [['TỐI MẬT', 'Phương án tác chiến']] }) }] },
  { slug: 'cls-odt-header', expect: ['classified-content'], subject: 'Văn bản', text: PROSE, attachments: [{ name: 'vb.odt', type: ODT, content: makeOdt({ header: ['MẬT'], body: ['Văn bản chỉ đạo'] }) }] },
  { slug: 'cls-pdf', expect: ['classified-content'], subject: 'Công văn', text: PROSE, attachments: [{ name: 'cv.pdf', type: 'application/pdf', content: makePdf({ lines: ['TUYỆT MẬT', 'CÔNG VĂN', 'Về việc bảo vệ mục tiêu'] }) }] },
  {
    slug: 'cls-nested-eml',
    expect: ['classified-content'],
    subject: 'Fwd: thư cũ',
    text: 'Chuyển tiếp thư bên dưới.',
    attachments: [{ name: 'thu-cu.eml', type: 'message/rfc822', content: makeEml({ from: 'a@mic.gov.vn', to: 'b@mic.gov.vn', subject: 'TỐI MẬT: phương án', text: 'Nội dung' }) }],
  },
  {
    slug: 'cls-nested-eml-docx-header',
    expect: ['classified-content'],
    subject: 'Fwd: Fwd: tài liệu',
    text: 'Chuyển tiếp.',
    attachments: [
      {
        name: 'ngoai.eml',
        type: 'message/rfc822',
        content: makeEml({
          from: 'a@mic.gov.vn',
          to: 'b@mic.gov.vn',
          subject: 'Fwd',
          text: 'Xem thư kèm',
          attachments: [{ name: 'trong.eml', type: 'message/rfc822', content: makeEml({ from: 'c@mic.gov.vn', to: 'a@mic.gov.vn', subject: 'Báo cáo', text: 'Gửi báo cáo', attachments: [{ name: 'bc.docx', type: DOCX, content: makeDocx({ header: ['MẬT'], body: ['Báo cáo'] }) }] }) }],
        }),
      },
    ],
  },
  { slug: 'cls-zip-docx', expect: ['classified-content'], subject: 'Hồ sơ nén', text: PROSE, attachments: [{ name: 'ho-so.zip', type: 'application/zip', content: makeZip({ 'ho-so/qd.docx': makeDocx({ header: ['TUYỆT MẬT'], body: ['Quyết định'] }) }) }] },
  { slug: 'cls-tcvn3-body', expect: ['classified-content', 'legacy-encoding'], subject: 'Kế hoạch', text: 'TUYÖT MËT\nKÕ ho¹ch c«ng t¸c cña Së trong n¨m 2026 vÒ viÖc triÓn khai hÖ thèng' },
  { slug: 'cls-vni-body', expect: ['classified-content', 'legacy-encoding'], subject: 'Kế hoạch', text: 'TUYEÄT MAÄT\nKeá hoaïch coâng taùc cuûa Sôû trong naêm 2026 veà vieäc trieån khai heä thoáng' },
  { slug: 'cls-custom-phrase', policy: 'custom-markings', expect: ['classified-content'], subject: 'Phương án (LƯU HÀNH NỘI BỘ)', text: PROSE },
  { slug: 'cls-custom-regex', policy: 'custom-markings', expect: ['classified-content'], subject: 'Hồ sơ', text: 'Mã hồ sơ: HS-MAT-0042, đề nghị xử lý.' },

  // ---------------------------------------------------------------- classified-content: hard negatives
  { slug: 'neg-mat-khau', expect: [], subject: 'Đổi mật khẩu hộp thư', text: 'Đề nghị các đồng chí đổi mật khẩu trước ngày 15.' },
  { slug: 'neg-mat-khau-upper', expect: [], subject: 'HƯỚNG DẪN ĐỔI MẬT KHẨU', text: PROSE },
  { slug: 'neg-mat-khau-sentence', expect: [], subject: 'Nhắc nhở', text: 'Mật khẩu phải có ít nhất 8 ký tự gồm chữ hoa, chữ thường, số và ký tự đặc biệt.' },
  { slug: 'neg-mat-do', expect: [], subject: 'Số liệu dân số', text: 'Mật độ dân số toàn tỉnh đạt 274 người/km2.' },
  { slug: 'neg-bao-mat-thong-tin', expect: [], subject: 'Tập huấn bảo mật thông tin', text: 'Hội nghị tập huấn bảo mật thông tin năm 2026.' },
  { slug: 'neg-bao-mat-upper', expect: [], subject: 'HƯỚNG DẪN BẢO MẬT THÔNG TIN', text: PROSE },
  { slug: 'neg-than-mat', expect: [], subject: 'Gặp mặt', text: 'Buổi gặp mặt cán bộ hưu trí diễn ra thân mật, ấm cúng.' },
  { slug: 'neg-mat-thiet', expect: [], subject: 'Phối hợp', text: 'Hai đơn vị phối hợp mật thiết trong công tác chuyển đổi số.' },
  { slug: 'neg-mat-ong', expect: [], subject: 'Hội chợ', text: 'Gian hàng mật ong rừng U Minh được nhiều người quan tâm.' },
  { slug: 'neg-mat-ma', expect: [], subject: 'Mật mã dân sự', text: 'Ban Cơ yếu hướng dẫn kinh doanh sản phẩm mật mã dân sự.' },
  { slug: 'neg-tai-lieu-mat-ma', expect: [], subject: 'Tài liệu', text: 'Gửi anh tài liệu mật mã học cơ bản cho lớp tập huấn.' },
  { slug: 'neg-tui-mat', expect: [], subject: 'Báo cáo y tế', text: 'Bệnh viện thực hiện 120 ca phẫu thuật cắt túi mật nội soi.' },
  { slug: 'neg-mat-mat', expect: [], subject: 'Sự cố', text: 'Mất điện toàn khu vực; mặt bằng thi công đã bàn giao; mắt xích quan trọng.' },
  { slug: 'neg-mat-ngot', expect: [], subject: 'Tuyên truyền', text: 'Cảnh giác với lời mật ngọt của các đối tượng lừa đảo qua mạng.' },
  { slug: 'neg-giu-bi-mat-mat-khau', expect: [], subject: 'An toàn', text: 'Cán bộ phải giữ bí mật mật khẩu hộp thư của mình.' },
  { slug: 'neg-english', expect: [], subject: 'Format', text: 'Please use the PDF format; the automatic MATLAB export is attached.' },
  { slug: 'neg-html-mat-khau', expect: [], subject: 'Thông báo', html: '<p><b>Mật khẩu</b> mới sẽ được gửi qua tin nhắn.</p><p>Bảo mật thông tin cá nhân.</p>' },
  { slug: 'neg-docx-password-policy', expect: [], subject: 'Quy chế', text: PROSE, attachments: [docx('quy-che.docx', { header: ['QUY CHẾ BẢO MẬT'], body: ['Quy định về mật khẩu', 'Mật khẩu phải đổi 3 tháng một lần'] })] },
  { slug: 'neg-xlsx-mat-do', expect: [], subject: 'Số liệu', text: PROSE, attachments: [{ name: 'so-lieu.xlsx', type: XLSX, content: makeXlsx({ sheets: [{ name: 'Mật độ', rows: [['Huyện', 'Mật độ'], ['Mộ Đức', '450']] }] }) }] },
  { slug: 'neg-pdf-bao-mat', expect: [], subject: 'Hướng dẫn', text: PROSE, attachments: [{ name: 'hd.pdf', type: 'application/pdf', content: makePdf({ lines: ['HƯỚNG DẪN BẢO MẬT', 'Đổi mật khẩu định kỳ'] }) }] },
  { slug: 'neg-nested-eml-mat-khau', expect: [], subject: 'Fwd: mật khẩu', text: 'Chuyển tiếp.', attachments: [{ name: 'mk.eml', type: 'message/rfc822', content: makeEml({ from: 'a@mic.gov.vn', to: 'b@mic.gov.vn', subject: 'Cấp lại mật khẩu', text: 'Mật khẩu tạm thời đã được cấp lại.' }) }] },
  { slug: 'neg-attachment-name-bao-mat', expect: [], subject: 'Quy chế', text: PROSE, attachments: [docx('quy-che-bao-mat-thong-tin.docx', { body: ['Quy chế'] })] },
  { slug: 'neg-regulation-prose', expect: [], subject: 'Trích quy chế', text: 'Cán bộ có trách nhiệm bảo mật tài khoản, thường xuyên thay đổi mật khẩu và không tiết lộ mật khẩu cho người khác.' },

  // ---------------------------------------------------------------- classified-content: held-out set
  // Written after the matcher was finished and not used to tune it: a check that the grammar
  // generalises beyond the phrasings above.
  { slug: 'cls2-tai-lieu-mat-upper', expect: ['classified-content'], subject: 'Chuyển tài liệu', text: 'Kính gửi anh, đây là Tài liệu MẬT, đề nghị không chuyển tiếp.' },
  { slug: 'cls2-bao-cao-mat', expect: ['classified-content'], subject: 'V/v gửi báo cáo mật tình hình biên giới', text: PROSE },
  { slug: 'cls2-cong-van-mat', expect: ['classified-content'], subject: 'Công văn', text: 'Gửi đồng chí công văn mật số 45/CV-BCA để nghiên cứu.' },
  { slug: 'cls2-thong-tin-toi-mat', expect: ['classified-content'], subject: 'Lưu ý', text: 'Đây là thông tin tối mật, không được tiết lộ ra ngoài.' },
  { slug: 'cls2-xlsx-header-mat', expect: ['classified-content'], subject: 'Bảng', text: PROSE, attachments: [{ name: 'bang.xlsx', type: XLSX, content: makeXlsx({ sheets: [{ name: 'Sheet1', rows: [['MẬT'], ['STT', 'Nội dung'], ['1', 'Phương án']] }] }) }] },
  { slug: 'cls2-pdf-do-mat', expect: ['classified-content'], subject: 'Tờ trình', text: PROSE, attachments: [{ name: 'to-trinh.pdf', type: 'application/pdf', content: makePdf({ lines: ['Số: 12/TTr-CA', 'Độ mật: Tuyệt mật', 'TỜ TRÌNH'] }) }] },
  { slug: 'cls2-lowercase-tuyet-mat', expect: ['classified-content'], subject: 'tuyệt mật - phương án di dời', text: PROSE },
  { slug: 'cls2-unaccented-ho-so', expect: ['classified-content'], subject: 'Gửi file', text: PROSE, attachments: [docx('HO SO MAT - doi tuong.docx', { body: ['Hồ sơ'] })] },
  { slug: 'cls2-parenthesised', expect: ['classified-content'], subject: 'Báo cáo nhanh (Mật)', text: PROSE },
  { slug: 'cls2-danh-muc-bmnn', expect: ['classified-content'], subject: 'Danh mục', text: 'Danh mục bí mật nhà nước độ Tối mật của ngành.' },
  { slug: 'neg2-wifi', expect: [], subject: 'Wi-Fi', text: 'Mật khẩu Wi-Fi phòng họp tầng 3 là Hop@2026.' },
  { slug: 'neg2-bao-mat-danh-sach', expect: [], subject: 'Danh sách', text: 'Đề nghị các đơn vị bảo mật danh sách học viên.' },
  { slug: 'neg2-giao-luu', expect: [], subject: 'Giao lưu', text: 'Chương trình giao lưu thân mật giữa hai đoàn đại biểu.' },
  { slug: 'neg2-mat-tham', expect: [], subject: 'Lịch sử', text: 'Triển lãm tư liệu về lực lượng mật thám thời Pháp thuộc.' },
  { slug: 'neg2-mat-do-xay-dung', expect: [], subject: 'Quy hoạch', text: 'MẬT ĐỘ XÂY DỰNG TỐI ĐA 60%, tầng cao tối đa 9 tầng.' },
  { slug: 'neg2-bi-mat-doi-tu', expect: [], subject: 'Pháp luật', text: 'Quy định về bảo vệ bí mật đời tư, bí mật cá nhân trên không gian mạng.' },
  { slug: 'neg2-bi-mat-kinh-doanh', expect: [], subject: 'Sở hữu trí tuệ', text: 'Hội thảo về bảo hộ bí mật kinh doanh của doanh nghiệp.' },
  { slug: 'neg2-mat-mia', expect: [], subject: 'Nông sản', text: 'Sản lượng đường và mật mía của tỉnh tăng 5%.' },
  { slug: 'neg2-mat-thiet-nhan-dan', expect: [], subject: 'Học tập', text: 'Giữ mối quan hệ mật thiết với nhân dân là nguyên tắc hàng đầu.' },
  { slug: 'neg2-ngan-mat', expect: [], subject: 'Ngân hàng', text: 'Khách hàng tuyệt đối không cung cấp mã OTP, mật khẩu cho người lạ.' },

  // ---------------------------------------------------------------- attachment-too-large
  { slug: 'size-quangngai-26', policy: 'quangngai', from: 'Lê Văn Cường - Sở TT&TT <lvcuong@quangngai.gov.vn>', to: 'syt@quangngai.gov.vn', expect: ['attachment-too-large'], subject: 'Video hội nghị', text: PROSE, attachments: [video('hoi-nghi.mp4', 26)] },
  { slug: 'size-mic-3x7', policy: 'mic', expect: ['attachment-too-large'], subject: 'Tư liệu', text: PROSE, attachments: [video('a.mp4', 7), video('b.mp4', 7), video('c.mp4', 7)] },
  { slug: 'size-tphcm-31', policy: 'tphcm-stnmt', from: 'Phòng Văn phòng <vp.stnmt@tphcm.gov.vn>', to: 'stnmt@tphcm.gov.vn', expect: ['attachment-too-large'], subject: 'Video', text: PROSE, attachments: [video('v.mp4', 31)] },
  { slug: 'size-quangngai-24', policy: 'quangngai', from: 'Lê Văn Cường - Sở TT&TT <lvcuong@quangngai.gov.vn>', to: 'syt@quangngai.gov.vn', expect: [], subject: 'Video', text: PROSE, attachments: [video('v.mp4', 24)] },
  { slug: 'size-binhphuoc-no-limit', policy: 'binhphuoc', from: 'Nguyễn Văn Bình <nguyenvanbinh.stnmt@binhphuoc.gov.vn>', to: 'sotttt@binhphuoc.gov.vn', expect: [], subject: 'Video', text: PROSE, attachments: [video('v.mp4', 28)] },
  { slug: 'size-baseline-small', expect: [], subject: 'Ảnh', text: PROSE, attachments: [video('clip.mp4', 2)] },

  // ---------------------------------------------------------------- personal-sender
  { slug: 'ps-gmail-to-agency', from: 'Trần Thị Bình <tranthibinh@gmail.com>', to: 'vanthu@mic.gov.vn', expect: ['personal-sender'], subject: 'Gửi báo cáo', text: PROSE },
  { slug: 'ps-yahoo-cc-agency', policy: 'quangngai', from: 'ntb@yahoo.com.vn', to: 'ban@gmail.com', cc: 'syt@quangngai.gov.vn', expect: ['personal-sender'], subject: 'Báo cáo', text: PROSE },
  { slug: 'ps-hotmail-cantho', policy: 'cantho', from: 'nvminh@hotmail.com', to: 'sonv@cantho.gov.vn', expect: ['personal-sender'], subject: 'Báo cáo', text: PROSE },
  { slug: 'ps-gmail-official-doc', from: 'an@gmail.com', to: 'doitac@congty.vn', expect: ['personal-sender'], subject: 'Công văn', text: 'Số: 125/CV-STTTT\nV/v phối hợp triển khai\nKính gửi Quý công ty.' },
  { slug: 'ps-outlook-tphcm', policy: 'tphcm-stnmt', from: 'x@outlook.com', to: 'stnmt@tphcm.gov.vn', expect: ['personal-sender'], subject: 'Hồ sơ', text: PROSE },
  { slug: 'ps-neg-gmail-private', from: 'an.nguyen@gmail.com', to: 'ban.cu@gmail.com', expect: [], subject: 'Hẹn cà phê', text: 'Chiều nay rảnh không?' },
  { slug: 'ps-neg-gmail-shop', from: 'an.nguyen@gmail.com', to: 'cskh@shop.vn', expect: [], subject: 'Hỏi đơn hàng', text: 'Đơn hàng của tôi đến đâu rồi?' },
  { slug: 'ps-neg-agency', expect: [], subject: 'Báo cáo', text: PROSE },

  // ---------------------------------------------------------------- public-recipient (cantho / tphcm)
  { slug: 'pr-cantho-gmail', policy: 'cantho', from: CANTHO_FROM, to: 'dan@gmail.com', expect: ['public-recipient'], subject: 'Trả lời kiến nghị', text: PROSE },
  { slug: 'pr-cantho-yahoo-cc', policy: 'cantho', from: CANTHO_FROM, to: 'sonv@cantho.gov.vn', cc: 'x@yahoo.com', expect: ['public-recipient'], subject: 'Báo cáo', text: PROSE },
  { slug: 'pr-tphcm-hotmail', policy: 'tphcm-stnmt', from: 'Phòng Văn phòng <vp.stnmt@tphcm.gov.vn>', to: 'b@hotmail.com', expect: ['public-recipient'], subject: 'Hồ sơ', text: PROSE },
  { slug: 'pr-neg-cantho-agency', policy: 'cantho', from: CANTHO_FROM, to: 'sonv@cantho.gov.vn', expect: [], subject: 'Báo cáo', text: PROSE },
  { slug: 'pr-neg-mic-off', policy: 'mic', to: 'dan@gmail.com', expect: [], subject: 'Trả lời', text: PROSE },
  { slug: 'pr-neg-cantho-company', policy: 'cantho', from: CANTHO_FROM, to: 'info@vnpt.vn', expect: [], subject: 'Hợp đồng', text: PROSE },

  // ---------------------------------------------------------------- legacy-encoding
  { slug: 'enc-tcvn3-body', expect: ['legacy-encoding'], subject: 'Thông báo', text: 'KÝnh göi c¸c phßng chuyªn m«n,\nSë Th«ng tin vµ TruyÒn th«ng th«ng b¸o lÞch tËp huÊn sö dông hÖ thèng.' },
  { slug: 'enc-vni-body', expect: ['legacy-encoding'], subject: 'Thông báo', text: 'Kính göûi caùc phoøng chuyeân moân,\nSôû Thoâng tin vaø Truyeàn thoâng thoâng baùo lòch taäp huaán söû duïng heä thoáng.' },
  { slug: 'enc-tcvn3-subject', expect: ['legacy-encoding'], subject: 'B¸o c¸o kÕt qu¶ c«ng t¸c th¸ng 10 cña Së', text: PROSE },
  { slug: 'enc-tcvn3-html', expect: ['legacy-encoding'], subject: 'Thông báo', html: '<p>Céng hoµ x· héi chñ nghÜa ViÖt Nam</p><p>§éc lËp - Tù do - H¹nh phóc</p>' },
  { slug: 'enc-neg-french', expect: [], subject: 'Invitation', text: 'Veuillez trouver ci-joint le rapport. Cordialement, Hélène — été à Genève, où l’on a reçu ça.' },
  { slug: 'enc-neg-german', expect: [], subject: 'Bericht', text: 'Sehr geehrte Damen und Herren, anbei der Bericht über die Prüfung. Grüße aus München.' },
  { slug: 'enc-neg-symbols', expect: [], subject: 'Thời tiết', text: 'Nhiệt độ 30°C ± 2°, độ ẩm 80%. © 2026 Sở TT&TT. Giá: 1.500.000 ₫ · “trích dẫn”.' },

  // ---------------------------------------------------------------- official-from-personal (binhphuoc / mic)
  { slug: 'ofp-binhphuoc-personal', policy: 'binhphuoc', from: 'Nguyễn Văn Bình <nguyenvanbinh.stnmt@binhphuoc.gov.vn>', to: 'sotttt@binhphuoc.gov.vn', expect: ['official-from-personal'], subject: 'Quyết định', text: 'Số: 125/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH' },
  { slug: 'ofp-mic-personal-attachment', policy: 'mic', expect: ['official-from-personal'], subject: 'Thông tư', text: PROSE, attachments: [docx('tt.docx', { body: ['Số: 45/2026/TT-BTTTT', 'THÔNG TƯ', 'KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG'] })] },
  { slug: 'ofp-mic-gmail', policy: 'mic', from: 'dvbe@gmail.com', to: 'vanthu@mic.gov.vn', expect: ['official-from-personal', 'personal-sender'], subject: 'Công văn', text: 'TL. BỘ TRƯỞNG\nCHÁNH VĂN PHÒNG' },
  { slug: 'ofp-neg-unit-binhphuoc', policy: 'binhphuoc', from: 'Sở TT&TT <sotttt@binhphuoc.gov.vn>', to: 'ubnd@binhphuoc.gov.vn', expect: [], subject: 'Quyết định', text: 'Số: 125/QĐ-UBND\nTM. ỦY BAN NHÂN DÂN' },
  { slug: 'ofp-neg-ordinary', policy: 'mic', expect: [], subject: 'Số liệu', text: 'Gửi anh số liệu tháng 10, anh xem giúp em.' },
  { slug: 'ofp-neg-lowercase', policy: 'mic', expect: [], subject: 'Góp ý', text: 'Xem tm. kèm theo, kt. lại số liệu giúp em nhé.' },

  // ---------------------------------------------------------------- sender-display-name (cantho)
  { slug: 'sdn-no-name', policy: 'cantho', from: 'nvminh@cantho.gov.vn', to: 'sonv@cantho.gov.vn', expect: ['sender-display-name'], subject: 'Báo cáo', text: PROSE },
  { slug: 'sdn-local-part', policy: 'cantho', from: 'nvminh <nvminh@cantho.gov.vn>', to: 'sonv@cantho.gov.vn', expect: ['sender-display-name'], subject: 'Báo cáo', text: PROSE },
  { slug: 'sdn-name-only', policy: 'cantho', from: 'Nguyễn Văn Minh <nvminh@cantho.gov.vn>', to: 'sonv@cantho.gov.vn', expect: ['sender-display-name'], subject: 'Báo cáo', text: PROSE },
  { slug: 'sdn-neg-full', policy: 'cantho', from: CANTHO_FROM, to: 'sonv@cantho.gov.vn', expect: [], subject: 'Báo cáo', text: PROSE },
  { slug: 'sdn-neg-parens', policy: 'cantho', from: 'Trần Thị Lan (UBND quận Ninh Kiều) <ttlan@cantho.gov.vn>', to: 'sonv@cantho.gov.vn', expect: [], subject: 'Báo cáo', text: PROSE },
  { slug: 'sdn-neg-unit', policy: 'cantho', from: 'Văn phòng <vanphong.sokhdt@cantho.gov.vn>', to: 'sonv@cantho.gov.vn', expect: [], subject: 'Báo cáo', text: PROSE },

  // ---------------------------------------------------------------- attachment-unreadable
  { slug: 'unr-encrypted-docx', expect: ['attachment-unreadable'], subject: 'Bảng lương', text: PROSE, attachments: [{ name: 'luong.docx', type: DOCX, content: makeEncryptedOoxml() }] },
  { slug: 'unr-corrupt-docx', expect: ['attachment-unreadable'], subject: 'Văn bản', text: PROSE, attachments: [{ name: 'hong.docx', type: DOCX, content: new TextEncoder().encode('PK\u0003\u0004 this is not really a zip') }] },
  { slug: 'unr-rar', expect: ['attachment-unreadable'], subject: 'Hồ sơ', text: PROSE, attachments: [{ name: 'ho-so.rar', type: 'application/vnd.rar', content: new Uint8Array([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00, 1, 2, 3, 4]) }] },
  { slug: 'unr-bomb', expect: ['attachment-unreadable'], subject: 'Nén', text: PROSE, attachments: [{ name: 'bomb.zip', type: 'application/zip', content: makeZipBomb() }] },
  { slug: 'unr-neg-image', expect: [], subject: 'Ảnh', text: PROSE, attachments: [{ name: 'anh.png', type: 'image/png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) }] },
  { slug: 'unr-neg-docx', expect: [], subject: 'Báo cáo', text: PROSE, attachments: [docx('bc.docx', { body: ['Báo cáo quý I'] })] },
  { slug: 'unr-neg-txt', expect: [], subject: 'Ghi chú', text: PROSE, attachments: [{ name: 'ghi-chu.txt', type: 'text/plain', content: 'Ghi chú cuộc họp' }] },
];

/** Admin policies referred to by name in the cases. */
export const POLICIES: Record<string, unknown> = {
  'custom-markings': { extends: 'mic', customMarkings: ['lưu hành nội bộ', '/HS-MAT-\\d{4}/'] },
};

export interface Label {
  file: string;
  policy: string;
  expect: string[];
}

/** A labelled case with the exact bytes written to its .eml file (so the eval need not read it back). */
export interface BuiltCase extends Label {
  eml: Uint8Array;
}

export function buildCorpus(): BuiltCase[] {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const labels: Label[] = [];
  const built: BuiltCase[] = [];
  cases.forEach((c, i) => {
    const file = `${String(i + 1).padStart(3, '0')}-${c.slug}.eml`;
    const eml = makeEml({
      from: c.from ?? AGENCY_FROM,
      to: c.to ?? 'vanthu@mic.gov.vn',
      ...(c.cc ? { cc: c.cc } : {}),
      subject: c.subject ?? '',
      ...(c.text !== undefined ? { text: c.text } : {}),
      ...(c.html !== undefined ? { html: c.html } : {}),
      ...(c.attachments ? { attachments: c.attachments } : {}),
    });
    // UTF-8, as writeFileSync(file, string) would write it.
    const bytes = new TextEncoder().encode(eml);
    writeFileSync(resolve(OUT, file), bytes);
    const label: Label = { file, policy: c.policy ?? 'vn-baseline', expect: [...c.expect].sort() };
    labels.push(label);
    built.push({ ...label, eml: bytes });
  });
  writeFileSync(resolve(OUT, 'labels.json'), JSON.stringify(labels, null, 1));
  writeFileSync(resolve(OUT, 'policies.json'), JSON.stringify(POLICIES, null, 1));
  return built;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const labels = buildCorpus();
  console.log(`Đã tạo ${labels.length} thư mẫu tại ${OUT} / wrote ${labels.length} cases to ${OUT}`);
}
