import type { MetaOnlyRule } from './types';

/**
 * Rules of the mailbox side (REQUIREMENTS.md §2) and the browser side (§3). Their checks run
 * in the hosts (unit-mailbox reader, sign-up forms, change-password forms); the meta lives
 * here so that policies, citations and severities are uniform with the compose rules.
 */
export const replyOverdue: MetaOnlyRule = {
  meta: {
    id: 'reply-overdue',
    defaultSeverity: 'warn',
    defaultAllowOverride: true,
    defaultRequireReason: false,
    citations: {
      'vn-baseline': ['{doc}'],
      quangngai: ['Đ10 k2'],
      binhphuoc: ['Đ8 k1'],
      cantho: ['Đ7 k1'],
      'tphcm-stnmt': ['Đ12 k4'],
      mic: ['Đ12 k4'],
    },
    message: 'title.reply-overdue',
    title: 'title.reply-overdue',
  },
};

export const checkReminder: MetaOnlyRule = {
  meta: {
    id: 'check-reminder',
    defaultSeverity: 'info',
    defaultAllowOverride: true,
    defaultRequireReason: false,
    citations: {
      'vn-baseline': ['{doc}'],
      quangngai: ['Đ10 k2'],
      binhphuoc: ['Đ8 k2', 'Đ8 k1'],
      cantho: ['Đ11 k2'],
      'tphcm-stnmt': ['Đ8 k2 đ.a'],
      mic: ['Đ12 k3 đ.a'],
    },
    message: 'title.check-reminder',
    title: 'title.check-reminder',
  },
};

export const receiptConfirmation: MetaOnlyRule = {
  meta: {
    id: 'receipt-confirmation',
    defaultSeverity: 'info',
    defaultAllowOverride: true,
    defaultRequireReason: false,
    citations: { cantho: ['Đ7 k1'], mic: ['Đ12 k3 đ.b'] },
    message: 'title.receipt-confirmation',
    title: 'title.receipt-confirmation',
  },
};

export const classifiedReceived: MetaOnlyRule = {
  meta: {
    id: 'classified-received',
    defaultSeverity: 'warn',
    defaultAllowOverride: true,
    defaultRequireReason: false,
    citations: { quangngai: ['Đ11 k4'], mic: ['Đ4 k1'] },
    message: 'title.classified-received',
    title: 'title.classified-received',
  },
};

export const unitMailboxRetention: MetaOnlyRule = {
  meta: {
    id: 'unit-mailbox-retention',
    defaultSeverity: 'warn',
    defaultAllowOverride: true,
    defaultRequireReason: false,
    citations: { quangngai: ['Đ10 k2'], cantho: ['Đ11 k3'], 'tphcm-stnmt': ['Đ12 k7'], mic: ['Đ12 k3'] },
    message: 'title.unit-mailbox-retention',
    title: 'title.unit-mailbox-retention',
  },
};

// no-service-signup and password-policy have their own modules (issue #7).
