import type { CalendarDay } from './calendarDay.js';
import { type DateRange, readDatePhrase } from './readDatePhrase.js';

/** A date range typed by a person, read, or why it could not be. */
export type DateRangeResult = { ok: true; range: DateRange } | { ok: false; message: string };

/**
 * Reads the `from` and `to` a person gave (`2005-03-01`, `1 Mar 2005`, `March 2005`, `2005`):
 * `from` is the first day the phrase covers and `to` the last, so "from March to March" is all
 * of March. A month without a year is the latest one on or before `anchor`.
 */
export function readDateRange(
  from: string | undefined,
  to: string | undefined,
  anchor: CalendarDay,
): DateRangeResult {
  const range: DateRange = {};
  for (const [side, text] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const wanted = text?.trim();
    if (!wanted) continue;
    const phrase = readDatePhrase(wanted, anchor);
    if (!phrase || phrase.length !== wanted.replace(/\s+$/, '').length) {
      return {
        ok: false,
        message: `I can't read "${wanted.slice(0, 40)}" as a date. Try 2005-03-01, 1 Mar 2005 or March 2005.`,
      };
    }
    range[side] = side === 'from' ? phrase.from : phrase.to;
  }
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    return { ok: false, message: 'The start date is after the end date.' };
  }
  return { ok: true, range };
}
