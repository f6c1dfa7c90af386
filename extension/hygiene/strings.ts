/** UI text of the hygiene hosts: Vietnamese first, English second (shown together). */
import type { PasswordCheckId, RotationStatus } from '../../shared/rules/password-policy';

export type Bi = { vi: string; en: string };

export const SIGNUP_WARNING: (address: string) => Bi = (address) => ({
  vi: `Không dùng hộp thư công vụ (${address}) để đăng ký dịch vụ trực tuyến trên Internet (mạng xã hội, website thương mại, diễn đàn công cộng).`,
  en: `Do not use the official mailbox (${address}) to sign up for online services (social networks, shops, public forums).`,
});

export const CHECK_LABELS: Record<PasswordCheckId, (min?: number) => Bi> = {
  length: (min) => ({ vi: `Ít nhất ${min ?? 8} ký tự`, en: `At least ${min ?? 8} characters` }),
  upper: () => ({ vi: 'Có chữ in hoa (A–Z)', en: 'An upper-case letter' }),
  lower: () => ({ vi: 'Có chữ thường (a–z)', en: 'A lower-case letter' }),
  digit: () => ({ vi: 'Có chữ số (0–9)', en: 'A digit' }),
  special: () => ({ vi: 'Có ký tự đặc biệt (!, @, #, %, &, …)', en: 'A special character (!, @, #, %, &, …)' }),
};

export const PASSWORD_WEAK: Bi = {
  vi: 'Mật khẩu mới chưa đạt quy định. Hãy đặt mật khẩu đáp ứng đủ các yêu cầu bên trên.',
  en: 'The new password does not meet the rules. Choose one that meets every item above.',
};
export const PASSWORD_ANYWAY: Bi = { vi: 'Vẫn đổi mật khẩu', en: 'Change anyway' };
export const PASSWORD_FIX: Bi = { vi: 'Quay lại sửa', en: 'Go back and fix' };
export const CHECKLIST_TITLE: Bi = { vi: 'Quy định mật khẩu', en: 'Password rules' };

export function rotationText(r: RotationStatus): Bi | null {
  const kind = r.mailbox === 'unit' ? { vi: 'hộp thư đơn vị', en: 'unit mailbox' } : { vi: 'hộp thư cá nhân', en: 'personal mailbox' };
  switch (r.state) {
    case 'first-login':
      return {
        vi: 'Chưa ghi nhận lần đổi mật khẩu nào trên máy này. Hộp thư mới phải đổi mật khẩu cấp lần đầu.',
        en: 'No password change recorded on this computer. A new mailbox must change its initial password.',
      };
    case 'soon':
      return {
        vi: `Sắp đến hạn đổi mật khẩu ${kind.vi} (${r.periodDays} ngày/lần): hạn ${r.dueDate}, còn ${r.daysLeft} ngày.`,
        en: `Password change for this ${kind.en} is due soon (every ${r.periodDays} days): ${r.dueDate}, ${r.daysLeft} days left.`,
      };
    case 'overdue':
      return {
        vi: `Đã quá hạn đổi mật khẩu ${kind.vi} (${r.periodDays} ngày/lần): hạn ${r.dueDate}.`,
        en: `Password change for this ${kind.en} is overdue (every ${r.periodDays} days): due ${r.dueDate}.`,
      };
    case 'ok':
      return r.lastChange
        ? { vi: `Lần đổi mật khẩu gần nhất: ${r.lastChange}${r.dueDate ? `; hạn đổi tiếp: ${r.dueDate}` : ''}.`, en: `Last password change: ${r.lastChange}${r.dueDate ? `; next due ${r.dueDate}` : ''}.` }
        : null;
    default:
      return null;
  }
}
