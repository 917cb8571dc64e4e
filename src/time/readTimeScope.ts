import { type CalendarDay, calendarDay, dayParts, formatDay, startOfWeek } from './calendarDay.js';
import type { DateSpan } from './dateSpanOf.js';
import { type DateRange, readDatePhrase } from './readDatePhrase.js';

/** What a question says about when: prefer the newest articles, keep to a range of days, or both. */
export interface TimeScope {
  /** The question asks for the latest news ("latest", "most recent", …). */
  recent: boolean;
  /** Only articles published in this range answer it. */
  range?: DateRange;
  /** How the scope reads to a person: "latest", "in Mar 2005", "since 1 Jan 2005". */
  label: string;
  /** The question with its time words taken out, for searching. */
  rest: string;
}

const RECENT = /\b(?:the\s+)?(?:latest|newest|most\s+recent(?:ly)?|recent(?:ly)?|lately)\b/gi;
const NUMBERS: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  few: 3,
  couple: 2,
};
const RELATIVE =
  /\b(today|yesterday|(?:this|last|past)\s+(?:week|month|year)|(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?:last|past)\s+(\d{1,3}|a\s+few|a\s+couple\s+of|[a-z]+)\s+(days?|weeks?|months?))\b/i;
const PREPOSITION = /\b(since|after|before|until|till|in|during|on|from|between)\s+/gi;

/**
 * Reads the time words of a question, resolved against the newest article's day rather than
 * the clock, so an archive answers "this week" about its own last week. An explicit date that
 * lies wholly outside the archive's span is taken as part of the question ("what happened in
 * 1990?"), not as a filter. Returns undefined when the question says nothing about time.
 */
export function readTimeScope(question: string, span: DateSpan): TimeScope | undefined {
  const anchor = span.last;
  let rest = question;
  let range: DateRange | undefined;
  let label = '';

  const relative = RELATIVE.exec(rest);
  if (relative) {
    const read = relativeRange(relative, anchor);
    if (read) {
      range = read.range;
      label = read.label;
      rest = cut(rest, relative.index, relative[0].length);
    }
  }
  if (!range) {
    for (const m of rest.matchAll(PREPOSITION)) {
      const word = (m[1] ?? '').toLowerCase();
      const after = m.index + m[0].length;
      const phrase = readDatePhrase(rest.slice(after), anchor);
      if (!phrase) continue;
      let end = after + phrase.length;
      let read: DateRange;
      if (word === 'from' || word === 'between') {
        const joint = /^\s+(?:to|and|until|till|-)\s+/i.exec(rest.slice(end));
        const second = joint && readDatePhrase(rest.slice(end + joint[0].length), anchor);
        if (!joint || !second) continue;
        end += joint[0].length + second.length;
        read = { from: phrase.from, to: second.to };
      } else if (word === 'since') read = { from: phrase.from };
      else if (word === 'after') read = { from: phrase.to + 1 };
      else if (word === 'before') read = { to: phrase.from - 1 };
      else if (word === 'until' || word === 'till') read = { to: phrase.to };
      else read = { from: phrase.from, to: phrase.to };
      if (phrase.absolute && !overlaps(read, span)) continue;
      range = read;
      label = describeRange(read);
      rest = cut(rest, m.index, end - m.index);
      break;
    }
  }

  const recent = RECENT.test(rest);
  RECENT.lastIndex = 0;
  if (recent) rest = rest.replace(RECENT, ' ');
  if (!range && !recent) return;
  rest = rest.replace(/\s+/g, ' ').trim();
  const scope: TimeScope = { recent, label: label || 'latest', rest };
  if (range) scope.range = range;
  return scope;
}

/** How a range of days reads to a person. */
export function describeRange(range: DateRange): string {
  const { from, to } = range;
  if (from !== undefined && to !== undefined) {
    if (from === to) return `on ${formatDay(from)}`;
    const a = dayParts(from);
    const b = dayParts(to);
    if (a.day === 1 && calendarDay(b.year, b.month, b.day + 1) === undefined) {
      if (a.year === b.year && a.month === b.month) return `in ${formatDay(from).slice(-8)}`;
      if (a.month === 1 && b.month === 12 && a.year === b.year) return `in ${a.year}`;
    }
    return `from ${formatDay(from)} to ${formatDay(to)}`;
  }
  if (from !== undefined) return `since ${formatDay(from)}`;
  if (to !== undefined) return `up to ${formatDay(to)}`;
  return 'at any time';
}

/** Whether a day lies in a range. */
export function inRange(day: CalendarDay, range: DateRange): boolean {
  return (
    (range.from === undefined || day >= range.from) && (range.to === undefined || day <= range.to)
  );
}

function overlaps(range: DateRange, span: DateSpan): boolean {
  return (range.from ?? -Infinity) <= span.last && (range.to ?? Infinity) >= span.first;
}

function relativeRange(
  m: RegExpExecArray,
  anchor: CalendarDay,
): { range: DateRange; label: string } | undefined {
  const phrase = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
  const { year, month } = dayParts(anchor);
  if (phrase === 'today') return { range: { from: anchor, to: anchor }, label: 'today' };
  if (phrase === 'yesterday')
    return { range: { from: anchor - 1, to: anchor - 1 }, label: 'yesterday' };
  const week = startOfWeek(anchor);
  const monthStart = calendarDay(year, month, 1) as CalendarDay;
  const lastMonthStart = calendarDay(
    month === 1 ? year - 1 : year,
    month === 1 ? 12 : month - 1,
    1,
  );
  const yearStart = calendarDay(year, 1, 1) as CalendarDay;
  const fixed: Record<string, DateRange> = {
    'this week': { from: week, to: anchor },
    'last week': { from: week - 7, to: week - 1 },
    'past week': { from: anchor - 6, to: anchor },
    'this month': { from: monthStart, to: anchor },
    'last month': { from: lastMonthStart as CalendarDay, to: monthStart - 1 },
    'past month': { from: anchor - 29, to: anchor },
    'this year': { from: yearStart, to: anchor },
    'last year': { from: calendarDay(year - 1, 1, 1) as CalendarDay, to: yearStart - 1 },
    'past year': { from: anchor - 364, to: anchor },
  };
  const known = fixed[phrase];
  if (known) return { range: known, label: phrase };
  const count = m[2] ? countOf(m[2]) : undefined;
  const unit = (m[3] ?? '').toLowerCase().replace(/s$/, '');
  if (!count || !unit) return;
  const days = count * (unit === 'day' ? 1 : unit === 'week' ? 7 : 30);
  return {
    range: { from: anchor - days + 1, to: anchor },
    label: `in the last ${count} ${unit}${count === 1 ? '' : 's'}`,
  };
}

function countOf(text: string): number | undefined {
  const word = text.toLowerCase().replace(/\s+/g, ' ').replace(/ of$/, '').replace(/^a /, '');
  const n = /^\d+$/.test(word) ? Number(word) : NUMBERS[word];
  return n && n > 0 && n <= 3650 ? n : undefined;
}

function cut(text: string, start: number, length: number): string {
  return `${text.slice(0, start)} ${text.slice(start + length)}`;
}
