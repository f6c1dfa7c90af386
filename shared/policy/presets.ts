import type { PolicyInput } from './schema';
import type { PresetId } from './sources';

/**
 * The embedded presets. Every number is from REQUIREMENTS.md and the regulation it cites;
 * which rules are on per preset follows from the rules' own citation tables
 * (shared/rules/*.ts `meta.citations`): "where a regulation is silent, the preset leaves the
 * rule off".
 */

/** Public / consumer mail providers (Cần Thơ Đ10 k4 names Gmail, Yahoo mail, Hotmail). */
export const PUBLIC_PROVIDER_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.com.vn',
  'ymail.com',
  'rocketmail.com',
  'hotmail.com',
  'hotmail.com.vn',
  'outlook.com',
  'outlook.com.vn',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'zoho.com',
  'gmx.com',
  'gmx.net',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'qq.com',
  '163.com',
  '126.com',
  // Vietnamese ISP mailboxes for the public (VNPT, FPT, Viettel).
  '*.vnn.vn',
  'vnn.vn',
  'fpt.vn',
  'viettel.vn',
];

/** Labour hours used by all five regulations' agencies unless an admin says otherwise. */
export const DEFAULT_WORKING_HOURS: [string, string][] = [
  ['07:30', '11:30'],
  ['13:00', '17:00'],
];

/** Fully specified base every preset starts from. */
export const BASE: Required<Omit<PolicyInput, '$schema' | 'name' | 'extends' | 'rules'>> & { rules: NonNullable<PolicyInput['rules']> } = {
  agencyDomains: ['*.gov.vn'],
  unitMailboxes: { directory: [], patterns: [] },
  publicDomains: PUBLIC_PROVIDER_DOMAINS,
  attachmentLimitMB: null,
  rules: {},
  // Bộ TT&TT Đ12 k4 is the only regulation that puts a number on "reply promptly"
  // (02 working days); the others say "kịp thời" and get the same figure.
  replyDeadlineWorkingDays: 2,
  checkTimes: [],
  calendar: { workingHours: DEFAULT_WORKING_HOURS, extraDaysOff: [], makeUpWorkdays: [] },
  // Fail open but loudly: a broken check must never trap a civil servant's mail, and the
  // host always tells the user that the check did not run. Admins may choose 'block'.
  onError: 'allow',
  customMarkings: [],
  signupAllowList: [],
  // No composition or rotation numbers unless the preset's regulation gives them.
  password: { minLength: null, requireClasses: false, rotationDays: null, unitRotationDays: null },
};

export const PRESETS: Record<PresetId, PolicyInput> = {
  // Chỉ thị 34/2008/CT-TTg plus the strictest common threshold: 20 MB (Bộ TT&TT Đ8 k3 đ.b)
  // and check times at the start of the morning, end of morning and end of afternoon.
  'vn-baseline': {
    name: 'Mặc định toàn quốc (Chỉ thị 34/2008/CT-TTg)',
    agencyDomains: ['*.gov.vn'],
    attachmentLimitMB: 20,
    checkTimes: ['07:30', '11:00', '16:30'],
  },
  quangngai: {
    name: 'Tỉnh Quảng Ngãi (QĐ 51/2015/QĐ-UBND)',
    agencyDomains: ['quangngai.gov.vn', '*.gov.vn'],
    // Đ4: agency mailboxes are "tencoquan@" (no hyphen); "x-y@" is either a sub-unit or a
    // person, so only the directory can tell those apart.
    unitMailboxes: { directory: ['ubnd@quangngai.gov.vn'], patterns: ['^[a-z0-9]+@quangngai\\.gov\\.vn$'] },
    attachmentLimitMB: 25, // Đ6 k4
    // Đ10 k2 only says "kịp thời": remind at the start and end of each half-day.
    checkTimes: ['07:30', '11:00', '13:30', '16:30'],
  },
  binhphuoc: {
    name: 'Tỉnh Bình Phước (QĐ 48/2009/QĐ-UBND)',
    agencyDomains: ['binhphuoc.gov.vn', '*.gov.vn'],
    // §4: unit mailboxes are "<abbr>@" with no dot; personal ones "<hovaten>.<unit>@".
    unitMailboxes: { directory: [], patterns: ['^[a-z0-9]+@binhphuoc\\.gov\\.vn$'] },
    attachmentLimitMB: null, // the regulation sets no limit
    checkTimes: ['07:00', '09:00', '11:00', '13:30', '15:00', '16:30'], // Đ8 k2
  },
  cantho: {
    name: 'TP Cần Thơ (QĐ 33/2015/QĐ-UBND)',
    agencyDomains: ['cantho.gov.vn', '*.gov.vn'],
    // §4: sub-units are "<unit>.<agency>@" (e.g. vanphong.sokhdt@); top-level "<abbr>@" looks
    // like a personal "nvminh@", so those come from the directory.
    unitMailboxes: { directory: [], patterns: ['^[a-z0-9]+\\.[a-z0-9]+@cantho\\.gov\\.vn$'] },
    attachmentLimitMB: null,
    // Đ11 k2 says "thường xuyên": start and end of each half-day.
    checkTimes: ['07:30', '11:00', '13:30', '16:30'],
    // Đ10 k3: ≥ 8 characters with upper, lower, special and digit; personal mailboxes change it
    // at least every 03 months. Đ11 k4: unit ("hộp thư chung") mailboxes every 02 months.
    password: { minLength: 8, requireClasses: true, rotationDays: 90, unitRotationDays: 60 },
  },
  'tphcm-stnmt': {
    name: 'Sở TN&MT TP.HCM (Quy chế 2018)',
    agencyDomains: ['tphcm.gov.vn', '*.gov.vn'],
    attachmentLimitMB: 30, // Đ4 k2
    // Đ8 k2 đ.a: four times a day — start/end of morning, start/end of afternoon.
    checkTimes: ['07:30', '11:00', '13:00', '16:30'],
    // Đ8 k3 đ.a: ≥ 8 characters, upper, lower, digit, special; đ.b: change at first login and
    // every 3 months (Đ11 k6 and Đ12 k5 apply it to personal and unit mailboxes alike).
    password: { minLength: 8, requireClasses: true, rotationDays: 90, unitRotationDays: 90 },
  },
  mic: {
    name: 'Bộ Thông tin và Truyền thông (QĐ 652/QĐ-BTTTT)',
    agencyDomains: ['mic.gov.vn', '*.gov.vn'],
    attachmentLimitMB: 20, // Đ8 k3 đ.b
    replyDeadlineWorkingDays: 2, // Đ12 k4
    // Đ12 k3 đ.a: at least 3 times a working day — start of morning, end of morning, end of afternoon.
    checkTimes: ['07:30', '11:00', '16:30'],
  },
};
