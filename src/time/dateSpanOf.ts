import type { CalendarDay } from './calendarDay.js';
import type { PublishedDate } from './parsePublished.js';

/** The days the articles were published on, first and last. */
export interface DateSpan {
  first: CalendarDay;
  last: CalendarDay;
}

/** The first and last publication days of some articles; undefined when none is dated. */
export function dateSpanOf(
  articles: readonly { published?: PublishedDate }[],
): DateSpan | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const { published } of articles) {
    if (!published) continue;
    first = Math.min(first, published.day);
    last = Math.max(last, published.day);
  }
  return Number.isFinite(first) ? { first, last } : undefined;
}
