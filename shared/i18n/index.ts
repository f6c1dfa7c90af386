/**
 * User-facing text, Vietnamese first (TCVN 6909:2001 Unicode, NFC) and English second.
 * Messages take {named} parameters. Kept in one table so hosts (extension, add-in, CLI)
 * show the same words for the same finding.
 */
import type { Locale } from '../types';

type Entry = { vi: string; en: string };

export const MESSAGES = {
  // ---- compose rules ---------------------------------------------------------------------
  'classified-content': {
    vi: 'Thư có dấu hiệu chứa nội dung mật ({marks}). Không được gửi văn bản, tài liệu mật qua hệ thống thư điện tử.',
    en: 'This message appears to contain classified content ({marks}). Classified documents must not be sent by e-mail.',
  },
  'attachment-too-large': {
    vi: 'Tổng dung lượng tệp đính kèm là {total}, vượt giới hạn {limit} MB cho mỗi thư. Hãy giảm dung lượng hoặc chia thành nhiều thư.',
    en: 'Attachments total {total}, over the limit of {limit} MB per message. Make them smaller or split them across messages.',
  },
  'personal-sender': {
    vi: 'Thư công việc đang được gửi từ hộp thư cá nhân công cộng ({from}). Hãy dùng hộp thư công vụ của cơ quan.',
    en: 'Work mail is being sent from a public personal mailbox ({from}). Use your official agency mailbox.',
  },
  'public-recipient': {
    vi: 'Thư công vụ gửi tới hộp thư của nhà cung cấp công cộng ({recipients}). Hạn chế gửi nội dung công việc tới hộp thư cá nhân công cộng.',
    en: 'Official mail is addressed to public-provider mailboxes ({recipients}). Avoid sending work content to personal public mailboxes.',
  },
  'legacy-encoding': {
    vi: 'Văn bản đang dùng bảng mã cũ {encoding} thay vì Unicode TCVN 6909:2001, người nhận sẽ thấy chữ lỗi. Bấm “Chuyển sang Unicode” để sửa.',
    en: 'The text uses the legacy {encoding} encoding instead of Unicode (TCVN 6909:2001); recipients will see garbled text. Use “Convert to Unicode” to fix it.',
  },
  'official-from-personal': {
    vi: 'Thư có dạng văn bản chính thức nhân danh cơ quan ({signs}) nhưng được gửi từ hộp thư cá nhân ({from}). Văn bản chính thức phải gửi từ hộp thư của cơ quan, đơn vị, hoặc khi được lãnh đạo cho phép.',
    en: 'This looks like an official document issued in the agency’s name ({signs}) but is sent from a personal mailbox ({from}). Official documents go from the agency’s mailbox, or with leadership approval.',
  },
  'sender-display-name': {
    vi: 'Tên hiển thị của người gửi phải có đầy đủ họ tên và tên cơ quan (hiện tại: “{name}”). Ví dụ: “Nguyễn Văn Minh - Sở Nội vụ”.',
    en: 'The sender’s display name must show the full name and the agency (now: “{name}”). Example: “Nguyễn Văn Minh - Sở Nội vụ”.',
  },
  'attachment-unreadable': {
    vi: 'Không kiểm tra được nội dung tệp đính kèm: {items}. Hãy tự kiểm tra các tệp này không chứa nội dung mật trước khi gửi.',
    en: 'Could not inspect attachments: {items}. Check by hand that they hold no classified content before sending.',
  },
  'check-failed': {
    vi: 'Không kiểm tra được thư do lỗi ({detail}). Thư chưa được kiểm tra theo quy chế.',
    en: 'The message could not be checked because of an error ({detail}). It has not been checked against the rules.',
  },

  // ---- reasons for attachment-unreadable ------------------------------------------------
  'reason.encrypted': { vi: 'có mật khẩu/mã hóa', en: 'password-protected or encrypted' },
  'reason.corrupt': { vi: 'tệp hỏng', en: 'corrupt file' },
  'reason.unsupported': { vi: 'định dạng không hỗ trợ', en: 'unsupported format' },
  'reason.too-large': { vi: 'quá lớn để kiểm tra', en: 'too large to inspect' },
  'reason.timeout': { vi: 'kiểm tra quá thời gian', en: 'inspection timed out' },
  'reason.no-content': { vi: 'không đọc được nội dung', en: 'content not available' },

  // ---- severities ------------------------------------------------------------------------
  'severity.block': { vi: 'Chặn', en: 'Blocked' },
  'severity.warn': { vi: 'Cảnh báo', en: 'Warning' },
  'severity.info': { vi: 'Lưu ý', en: 'Note' },

  // ---- rule titles (lists, options page, CLI) --------------------------------------------
  'title.classified-content': { vi: 'Nội dung mật', en: 'Classified content' },
  'title.attachment-too-large': { vi: 'Tệp đính kèm quá dung lượng', en: 'Attachments too large' },
  'title.personal-sender': { vi: 'Gửi từ hộp thư cá nhân công cộng', en: 'Sent from a public personal mailbox' },
  'title.public-recipient': { vi: 'Người nhận dùng hộp thư công cộng', en: 'Public-provider recipients' },
  'title.legacy-encoding': { vi: 'Bảng mã cũ (TCVN3/VNI)', en: 'Legacy encoding (TCVN3/VNI)' },
  'title.official-from-personal': { vi: 'Văn bản chính thức gửi từ hộp thư cá nhân', en: 'Official document from a personal mailbox' },
  'title.sender-display-name': { vi: 'Tên hiển thị người gửi', en: 'Sender display name' },
  'title.attachment-unreadable': { vi: 'Không kiểm tra được tệp đính kèm', en: 'Attachment could not be inspected' },
  'title.check-failed': { vi: 'Lỗi kiểm tra', en: 'Check failed' },
  'title.reply-overdue': { vi: 'Thư đơn vị quá hạn trả lời', en: 'Unit-mailbox mail overdue' },
  'title.check-reminder': { vi: 'Nhắc mở hộp thư đơn vị', en: 'Unit-mailbox check reminder' },
  'title.receipt-confirmation': { vi: 'Xác nhận đã nhận', en: 'Confirm receipt' },
  'title.classified-received': { vi: 'Nhận được thư có dấu hiệu mật', en: 'Classified mail received' },
  'title.unit-mailbox-retention': { vi: 'Lưu giữ thư hộp thư đơn vị', en: 'Unit-mailbox retention' },
  'title.no-service-signup': { vi: 'Dùng thư công vụ đăng ký dịch vụ ngoài', en: 'Official address on outside sign-ups' },
  'title.password-policy': { vi: 'Quy định mật khẩu', en: 'Password rules' },
} satisfies Record<string, Entry>;

export type MessageId = keyof typeof MESSAGES;

export function t(id: MessageId, params: Record<string, string | number> = {}, lang: Locale = 'vi'): string {
  const entry: Entry = MESSAGES[id];
  const template = lang === 'en' ? entry.en : entry.vi;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** "26,3 MB" in Vietnamese, "26.3 MB" in English (1 MB = 1,048,576 bytes, as file managers show). */
export function formatSize(bytes: number, lang: Locale = 'vi'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = Math.max(0, bytes);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = u === 0 ? String(Math.round(v)) : v.toFixed(v >= 100 ? 0 : 1);
  return (lang === 'vi' ? s.replace('.', ',') : s) + ' ' + units[u];
}
