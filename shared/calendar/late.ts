/** "trễ 2 ngày 3 giờ" / "2 d 3 h late": wall-clock time past a deadline, for lists and cards. */
export function formatLate(ms: number): { vi: string; en: string } {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return { vi: `trễ ${d} ngày${h ? ` ${h} giờ` : ''}`, en: `${d} d${h ? ` ${h} h` : ''} late` };
  if (h > 0) return { vi: `trễ ${h} giờ${m ? ` ${m} phút` : ''}`, en: `${h} h${m ? ` ${m} min` : ''} late` };
  return { vi: `trễ ${m} phút`, en: `${m} min late` };
}
