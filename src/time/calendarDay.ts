/**
 * Calendar days as whole numbers (days since 1 January 1970), so ranges, ordering and
 * arithmetic on publication dates need no time zone: a day is the date as written.
 */
export type CalendarDay = number;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MS_PER_DAY = 86_400_000;

/** The day for a year, month (1–12) and day of month, or undefined when no such date exists. */
export function calendarDay(year: number, month: number, day: number): CalendarDay | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return;
  if (day > daysInMonth(year, month)) return;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** Year, month (1–12) and day of month of a calendar day. */
export function dayParts(day: CalendarDay): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** How a day is shown to a reader: "12 Feb 2005". */
export function formatDay(day: CalendarDay): string {
  const parts = dayParts(day);
  return `${parts.day} ${MONTHS[parts.month - 1]} ${parts.year}`;
}

/** The ISO form of a day, "2005-02-12", for machine-readable output. */
export function isoDay(day: CalendarDay): string {
  const { year, month, day: date } = dayParts(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** Number of days in a month of a year (1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The Monday of the week a day falls in (weeks run Monday to Sunday, as in ISO 8601). */
export function startOfWeek(day: CalendarDay): CalendarDay {
  // 1 January 1970 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
  const weekday = (((day + 3) % 7) + 7) % 7;
  return day - weekday;
}

/** "2005-02-12" shown to a reader as "12 Feb 2005"; anything else is returned as it is. */
export function formatIsoDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const day = m && calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
  return day === null || day === undefined ? iso : formatDay(day);
}
