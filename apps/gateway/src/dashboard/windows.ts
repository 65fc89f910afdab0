/** India Standard Time is UTC+05:30 all year (no daylight saving). */
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** The windows a home screen counts over: today (since midnight in India) and the last seven days. */
export function dashboardWindows(now: Date): { todayFrom: Date; weekFrom: Date } {
  const ist = now.getTime() + IST_OFFSET_MS;
  const todayFrom = new Date(ist - (ist % DAY_MS) - IST_OFFSET_MS);
  return { todayFrom, weekFrom: new Date(now.getTime() - 7 * DAY_MS) };
}
