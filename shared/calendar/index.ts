/**
 * Vietnamese working time: public holidays (solar and lunar), working days, reply
 * deadlines, mailbox check times and the overdue list. Pure TypeScript, computed in
 * Asia/Ho_Chi_Minh (UTC+7) whatever the machine's time zone. See README.md here for the
 * rules and their legal sources.
 */

export type { CalendarError, CalendarPolicy, DayInput } from './working.ts';
export { isWorkingDay, holidaysOf, dueAt, workingDaysBetween, checkTimesOn, nextCheckTimes, isCalendarError } from './working.ts';
export type { Holiday, HolidayKind } from './holidays.ts';
export { overdue } from './overdue.ts';
export type { OverdueItem, OverdueEntry, OverdueOptions, OverdueStatus } from './overdue.ts';
export { formatIsoVn, parseIsoInstant, parseInstant } from './time.ts';
export { runDueCommand } from './due-command.ts';
export type { DueCommandArgs } from './due-command.ts';
export { solarToLunar, lunarToJdn, type LunarDate } from './lunar.ts';
export { formatLate } from './late.ts';
