/**
 * Vietnamese wall-clock time for display. Vietnam has no daylight saving: UTC+7 all year
 * (shared/calendar VN_OFFSET_MS), so no time-zone database is needed.
 */
import { VN_OFFSET_MS } from '../../shared/calendar/time';

export interface VnClock {
  year: string;
  month: string;
  day: string;
  hours: string;
  minutes: string;
  seconds: string;
}

/** The parts (zero-padded, year as is) of an instant `Date.parse` accepts, in UTC+7; null if it does not. */
export function vnClock(iso: string): VnClock | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const d = new Date(t + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    year: String(d.getUTCFullYear()),
    month: p(d.getUTCMonth() + 1),
    day: p(d.getUTCDate()),
    hours: p(d.getUTCHours()),
    minutes: p(d.getUTCMinutes()),
    seconds: p(d.getUTCSeconds()),
  };
}
