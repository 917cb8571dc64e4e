import { type CalendarDay, calendarDay } from './calendarDay.js';

/** When an article was published, as its front matter says. */
export interface PublishedDate {
  /** The calendar day as written, in the author's own time zone. */
  day: CalendarDay;
  /** The instant in milliseconds since 1970 (UTC), for ordering articles of the same day. */
  time: number;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Reads a front matter `published` value: an ISO 8601 date (`2005-02-12`) or date-time
 * (`2005-02-12T09:30:00+01:00`). The day kept is the one written, not the UTC one, because a
 * reader expects the date the newsroom printed. A date-time without a zone is taken as UTC.
 * Anything else is not a date: undefined, and the caller warns.
 */
export function parsePublished(value: string): PublishedDate | undefined {
  const match = ISO.exec(value.trim());
  if (!match) return;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = match;
  const day = calendarDay(Number(y), Number(mo), Number(d));
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = Number(s);
  if (day === undefined || hours > 23 || minutes > 59 || seconds > 59) return;
  const offset = zoneOffsetMinutes(zone);
  if (offset === undefined) return;
  const time = day * 86_400_000 + ((hours * 60 + minutes - offset) * 60 + seconds) * 1000;
  return { day, time };
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  if (hours > 14 || minutes > 59) return;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
