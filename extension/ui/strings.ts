/**
 * The extension's own UI words (dialog frame, toasts, popup, options). Rule messages come from
 * shared/i18n; these are the host's. Vietnamese first (TCVN 6909:2001, NFC), English second:
 * every entry is shown as Vietnamese with the English in smaller text below or beside it.
 */
export interface Bi {
  vi: string;
  en: string;
}

export const S = {
  product: { vi: 'congvu-guard — Trợ lý thư công vụ', en: 'congvu-guard — official e-mail assistant' },
  dialogTitle: { vi: 'Thư chưa được gửi', en: 'The message was not sent' },
  dialogIntro: {
    vi: 'Thư này có điểm chưa phù hợp quy chế sử dụng thư điện tử công vụ:',
    en: 'This message does not comply with the official e-mail rules:',
  },
  checkingTitle: { vi: 'Đang kiểm tra thư…', en: 'Checking the message…' },
  checkingBody: {
    vi: 'Đang đọc nội dung tệp đính kèm. Thư sẽ được gửi ngay khi kiểm tra xong nếu không có vấn đề.',
    en: 'Reading the attachments. The message goes out as soon as the check finishes, if nothing is wrong.',
  },
  failureTitle: { vi: 'Không kiểm tra được thư', en: 'The message could not be checked' },
  failureBody: {
    vi: 'Theo chính sách của cơ quan, thư chưa kiểm tra được thì không gửi. Hãy thử gửi lại; nếu lỗi tiếp diễn, hãy báo quản trị hệ thống.',
    en: 'Your agency’s policy stops messages that could not be checked. Try sending again; if the error persists, tell your system administrator.',
  },
  failureReason: {
    unreadable: { vi: 'Không đọc được nội dung soạn thảo trên trang.', en: 'The compose form on this page could not be read.' },
    engine: { vi: 'Bộ kiểm tra gặp lỗi.', en: 'The checker failed.' },
    'no-policy': { vi: 'Chưa tải được chính sách kiểm tra.', en: 'The check policy could not be loaded.' },
    timeout: { vi: 'Kiểm tra quá thời gian cho phép.', en: 'The check took too long.' },
  },
  technicalDetail: { vi: 'Chi tiết kỹ thuật', en: 'Technical detail' },
  citation: { vi: 'Căn cứ', en: 'Reference' },
  evidence: { vi: 'Đoạn phát hiện', en: 'Found in' },
  back: { vi: 'Quay lại sửa', en: 'Back to editing' },
  sendAnyway: { vi: 'Vẫn gửi', en: 'Send anyway' },
  convert: { vi: 'Chuyển sang Unicode', en: 'Convert to Unicode' },
  reasonLabel: { vi: 'Lý do vẫn gửi (bắt buộc)', en: 'Reason for sending anyway (required)' },
  reasonHint: {
    vi: 'Lý do được lưu trong nhật ký trên máy này, không gửi đi đâu.',
    en: 'The reason is kept in a log on this computer only; it is not sent anywhere.',
  },
  noOverride: {
    vi: 'Chính sách không cho phép gửi thư này. Hãy sửa nội dung rồi gửi lại.',
    en: 'The policy does not allow this message to be sent. Edit it and send again.',
  },
  close: { vi: 'Đóng', en: 'Close' },
  readNotes: {
    vi: 'Tiện ích có thể chưa đọc đủ thư trên trang này, nên chỉ cảnh báo:',
    en: 'The extension may not have read the whole message on this page, so it only warns:',
  },
  where: {
    subject: { vi: 'Tiêu đề', en: 'Subject' },
    body: { vi: 'Nội dung', en: 'Body' },
    from: { vi: 'Người gửi', en: 'From' },
    to: { vi: 'Người nhận', en: 'To' },
    cc: { vi: 'Đồng gửi (Cc)', en: 'Cc' },
    bcc: { vi: 'Gửi ẩn (Bcc)', en: 'Bcc' },
    attachment: { vi: 'Tệp đính kèm', en: 'Attachment' },
  },
  toastCheckFailedSent: {
    vi: 'Không kiểm tra được thư — thư vẫn được gửi theo chính sách của cơ quan.',
    en: 'The message could not be checked — it was sent, as your agency’s policy allows.',
  },
  toastConverted: {
    vi: 'Đã chuyển tiêu đề và nội dung sang Unicode. Hãy xem lại rồi bấm Gửi.',
    en: 'Subject and body were converted to Unicode. Review them, then press Send.',
  },
  toastAttachment: { vi: 'Lưu ý về tệp vừa đính kèm', en: 'About the file you just attached' },
  toastInfo: { vi: 'Lưu ý', en: 'Note' },
  // popup / options
  statusActive: { vi: 'Đang bảo vệ', en: 'Protection active' },
  statusReady: { vi: 'Sẵn sàng bảo vệ', en: 'Ready to protect' },
  statusInactive: { vi: 'Bảo vệ chưa hoạt động', en: 'Protection inactive' },
  statusInactiveHelp: {
    vi: 'Trang thư điện tử đã thay đổi nên tiện ích không nhận ra nút Gửi hoặc ô soạn thảo. Thư gửi từ trang này chưa được kiểm tra. Hãy báo quản trị hệ thống.',
    en: 'The webmail page changed, so the extension cannot find the Send button or the compose fields. Mail sent from this page is not checked. Tell your system administrator.',
  },
  statusNone: { vi: 'Trang này không phải hộp thư được hỗ trợ', en: 'This page is not a supported webmail' },
  missingSelectors: { vi: 'Không tìm thấy', en: 'Not found' },
  activePreset: { vi: 'Quy chế áp dụng', en: 'Rules in force' },
  openOptions: { vi: 'Cài đặt', en: 'Settings' },
  optionsTitle: { vi: 'Cài đặt congvu-guard', en: 'congvu-guard settings' },
  presetLabel: { vi: 'Quy chế của cơ quan', en: 'Your agency’s regulation' },
  saved: { vi: 'Đã lưu', en: 'Saved' },
  managedNote: {
    vi: 'Quản trị viên có thể áp đặt chính sách; khi đó lựa chọn ở đây không có hiệu lực.',
    en: 'Your administrator can enforce a policy; the choice here then has no effect.',
  },
  originsTitle: { vi: 'Hộp thư khác', en: 'Other webmail addresses' },
  originsHelp: {
    vi: 'Thêm địa chỉ trang thư điện tử của cơ quan nếu không nằm trong danh sách có sẵn (ví dụ https://thu.soyte.example.vn). Trình duyệt sẽ hỏi quyền truy cập.',
    en: 'Add your agency’s webmail address if it is not built in (e.g. https://thu.soyte.example.vn). The browser will ask for access.',
  },
  add: { vi: 'Thêm', en: 'Add' },
  remove: { vi: 'Bỏ', en: 'Remove' },
  invalidOrigin: { vi: 'Địa chỉ không hợp lệ', en: 'Invalid address' },
  permissionDenied: { vi: 'Chưa được cấp quyền', en: 'Permission not granted' },
  privacy: {
    vi: 'Tiện ích kiểm tra thư ngay trên máy của bạn. Không có dữ liệu nào được gửi ra ngoài.',
    en: 'Checks run on your computer. No data is sent anywhere.',
  },
} as const;
