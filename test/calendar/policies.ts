/** Calendar policies for the tests (structural CalendarPolicy, like the resolved presets). */
import type { CalendarPolicy } from '../../shared/calendar/index.ts';

export const DEFAULT_HOURS: [string, string][] = [
  ['07:30', '11:30'],
  ['13:00', '17:00'],
];

export interface PolicyOverrides {
  replyDeadlineWorkingDays?: number;
  checkTimes?: string[];
  calendar?: Partial<CalendarPolicy['calendar']>;
}

export function policy(overrides: PolicyOverrides = {}): CalendarPolicy {
  return {
    replyDeadlineWorkingDays: overrides.replyDeadlineWorkingDays ?? 2,
    checkTimes: overrides.checkTimes ?? [],
    calendar: {
      workingHours: overrides.calendar?.workingHours ?? DEFAULT_HOURS,
      extraDaysOff: overrides.calendar?.extraDaysOff ?? [],
      makeUpWorkdays: overrides.calendar?.makeUpWorkdays ?? [],
    },
  };
}

/** `mic` preset: reply within 02 working days (QĐ 652/QĐ-BTTTT Đ12 k4). */
export const mic = policy({ replyDeadlineWorkingDays: 2, checkTimes: ['07:30', '11:30', '16:30'] });

/** `binhphuoc` check times (QĐ 48/2009/QĐ-UBND Đ8 k2). */
export const binhphuoc = policy({ checkTimes: ['07:00', '09:00', '11:00', '13:30', '15:00', '16:30'] });

/**
 * The official 30/4–1/5 2025 schedule: Friday 2/5 off, worked on Saturday 26/4 instead
 * (a swap the Government decides yearly; admins enter it).
 */
export const mic2025Swap = policy({ calendar: { extraDaysOff: ['2025-05-02'], makeUpWorkdays: ['2025-04-26'] } });
