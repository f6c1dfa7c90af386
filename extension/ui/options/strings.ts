/**
 * Words of the options page (issue #6). Each entry is shown in the chosen language first and the
 * other one second, smaller; Vietnamese is the default (TCVN 6909:2001, NFC).
 */
import type { Bi } from '../strings';

export const O = {
  title: { vi: 'Cài đặt congvu-guard', en: 'congvu-guard settings' },
  inForce: { vi: 'Chính sách đang áp dụng', en: 'Policy in force' },
  from: {
    default: { vi: 'mặc định của tiện ích', en: 'the extension’s default' },
    local: { vi: 'bạn chọn', en: 'chosen by you' },
    managed: { vi: 'do cơ quan quản lý', en: 'set by your agency' },
    remote: { vi: 'tệp chính sách của cơ quan', en: 'your agency’s policy file' },
  },
  policyError: { vi: 'Chính sách của cơ quan có lỗi — vẫn áp dụng chính sách hợp lệ gần nhất', en: 'Your agency’s policy has an error — the last valid policy stays in force' },
  policyErrorHelp: { vi: 'Hãy báo quản trị hệ thống của cơ quan.', en: 'Tell your agency’s system administrator.' },
  locked: { vi: 'Do cơ quan quản lý', en: 'Set by your agency' },
  preset: { vi: 'Quy chế của cơ quan', en: 'Your agency’s regulation' },
  ownAddresses: { vi: 'Địa chỉ thư công vụ của bạn', en: 'Your official e-mail addresses' },
  ownAddressesHelp: {
    vi: 'Tên miền của các địa chỉ này được coi là của cơ quan. Không nhận địa chỉ Gmail, Yahoo… (thư công cộng).',
    en: 'The domains of these addresses count as your agency’s. Public providers (Gmail, Yahoo…) are not accepted.',
  },
  ownAddressesLocked: { vi: 'Cơ quan đã đặt danh sách tên miền; địa chỉ của bạn không thay đổi danh sách đó.', en: 'Your agency set the domain list; your addresses do not change it.' },
  unitMailboxes: { vi: 'Hộp thư đơn vị bạn quản lý', en: 'Unit mailboxes you manage' },
  unitMailboxesHelp: {
    vi: 'Tiện ích nhắc bạn thư chưa trả lời trong các hộp thư này (trả lời đúng hạn theo quy chế).',
    en: 'The extension reminds you of unanswered mail in these mailboxes (replies due under the rules).',
  },
  signupGuard: { vi: 'Cảnh báo khi dùng địa chỉ công vụ để đăng ký dịch vụ trên trang khác', en: 'Warn when the official address is used to sign up on other sites' },
  signupGuardHelp: {
    vi: 'Cần quyền đọc các trang bạn mở; tiện ích chỉ xem ô địa chỉ thư trong biểu mẫu đăng ký/đăng nhập, không gửi gì đi.',
    en: 'Needs access to the pages you open; the extension only looks at the e-mail field of sign-up/log-in forms and sends nothing.',
  },
  origins: { vi: 'Hộp thư khác', en: 'Other webmail addresses' },
  originsHelp: {
    vi: 'Thêm địa chỉ trang thư điện tử của cơ quan nếu không có sẵn (ví dụ https://thu.soyte.example.vn). Trình duyệt sẽ hỏi quyền truy cập.',
    en: 'Add your agency’s webmail address if it is not built in (e.g. https://thu.soyte.example.vn). The browser will ask for access.',
  },
  language: { vi: 'Ngôn ngữ', en: 'Language' },
  agencyPolicy: { vi: 'Cài đặt do cơ quan đặt', en: 'Settings made by your agency' },
  agencyPolicyNone: { vi: 'Cơ quan chưa đặt chính sách quản lý cho máy này.', en: 'Your agency has set no managed policy on this computer.' },
  audit: { vi: 'Nhật ký "Vẫn gửi"', en: '"Send anyway" log' },
  auditHelp: {
    vi: 'Mỗi lần bấm "Vẫn gửi" được ghi trên máy này: thời điểm, quy tắc, quy chế, lý do, tên miền người nhận — không lưu nội dung thư. Xuất CSV để làm báo cáo định kỳ.',
    en: 'Every "Send anyway" is recorded on this computer: time, rules, preset, reason, recipients’ domains — never the message. Export CSV for the periodic report.',
  },
  auditCount: { vi: 'Số lần ghi', en: 'Entries' },
  auditEmpty: { vi: 'Chưa có lần "Vẫn gửi" nào.', en: 'No "Send anyway" yet.' },
  auditExport: { vi: 'Xuất CSV', en: 'Export CSV' },
  auditClear: { vi: 'Xóa nhật ký', en: 'Clear the log' },
  auditClearConfirm: { vi: 'Xóa toàn bộ nhật ký "Vẫn gửi" trên máy này?', en: 'Delete the whole "Send anyway" log on this computer?' },
  auditClearLocked: { vi: 'Cơ quan không cho phép xóa nhật ký.', en: 'Your agency does not allow clearing the log.' },
  colTime: { vi: 'Thời điểm', en: 'Time' },
  colRules: { vi: 'Quy tắc', en: 'Rules' },
  colReason: { vi: 'Lý do', en: 'Reason' },
  colDomains: { vi: 'Tên miền người nhận', en: 'Recipient domains' },
  backup: { vi: 'Sao lưu cài đặt của bạn', en: 'Back up your settings' },
  backupHelp: { vi: 'Chỉ gồm các lựa chọn của bạn (không gồm chính sách của cơ quan và nhật ký).', en: 'Only your own choices (not your agency’s policy nor the log).' },
  exportJson: { vi: 'Xuất tệp JSON', en: 'Export JSON' },
  importJson: { vi: 'Nhập tệp JSON', en: 'Import JSON' },
  imported: { vi: 'Đã nhập cài đặt', en: 'Settings imported' },
  importFailed: { vi: 'Không nhập được tệp — chưa thay đổi gì', en: 'The file could not be imported — nothing was changed' },
  add: { vi: 'Thêm', en: 'Add' },
  remove: { vi: 'Bỏ', en: 'Remove' },
  saved: { vi: 'Đã lưu', en: 'Saved' },
  invalidAddress: { vi: 'Địa chỉ thư không hợp lệ', en: 'Invalid e-mail address' },
  publicAddress: { vi: 'Đây là địa chỉ thư công cộng, không phải địa chỉ công vụ', en: 'This is a public-provider address, not an official one' },
  invalidOrigin: { vi: 'Địa chỉ không hợp lệ', en: 'Invalid address' },
  permissionDenied: { vi: 'Chưa được cấp quyền', en: 'Permission not granted' },
  privacy: {
    vi: 'Mọi kiểm tra chạy trên máy này; tiện ích không gửi thư hay nhật ký đi đâu.',
    en: 'All checks run on this computer; the extension sends neither mail nor logs anywhere.',
  },
} satisfies Record<string, Bi | Record<string, Bi>>;
