import { type CalendarDay, calendarDay, dayParts, daysInMonth } from './calendarDay.js';

/** Days from `from` to `to`, both included; an end left out is open. */
export interface DateRange {
  from?: CalendarDay;
  to?: CalendarDay;
}

/** A date phrase read at the start of some text: the days it covers and how long it was. */
export interface DatePhrase {
  from: CalendarDay;
  to: CalendarDay;
  /** Characters of the text the phrase took up. */
  length: number;
  /** The year was written out, so the phrase means the same whatever the newest article. */
  absolute: boolean;
}

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';
const MONTH_NAMES = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];

type Reader = (m: RegExpExecArray, anchor: CalendarDay) => [from?: CalendarDay, to?: CalendarDay];

/** The forms a date may take, most specific first; each regex is anchored at the start. */
const FORMS: { re: RegExp; absolute: boolean; read: Reader }[] = [
  {
    re: /^(\d{4})-(\d{2})-(\d{2})\b/,
    absolute: true,
    read: (m) => day(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  { re: /^(\d{4})-(\d{2})\b/, absolute: true, read: (m) => month(Number(m[1]), Number(m[2])) },
  {
    re: new RegExp(`^${ORDINAL}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'i'),
    absolute: true,
    read: (m) => day(Number(m[3]), monthNumber(m[2]), Number(m[1])),
  },
  {
    re: new RegExp(`^${MONTH}\\s+${ORDINAL},?\\s+${YEAR}\\b`, 'i'),
    absolute: true,
    read: (m) => day(Number(m[3]), monthNumber(m[1]), Number(m[2])),
  },
  {
    re: new RegExp(`^${MONTH},?\\s+${YEAR}\\b`, 'i'),
    absolute: true,
    read: (m) => month(Number(m[2]), monthNumber(m[1])),
  },
  {
    re: new RegExp(`^${ORDINAL}\\s+(?:of\\s+)?${MONTH}(?![a-z])`, 'i'),
    absolute: false,
    read: (m, anchor) => {
      const wanted = monthNumber(m[2]);
      return day(yearOfLatest(wanted, anchor), wanted, Number(m[1]));
    },
  },
  {
    re: new RegExp(`^${MONTH}\\s+${ORDINAL}(?![\\d:])\\b`, 'i'),
    absolute: false,
    read: (m, anchor) => {
      const wanted = monthNumber(m[1]);
      return day(yearOfLatest(wanted, anchor), wanted, Number(m[2]));
    },
  },
  {
    re: new RegExp(`^${MONTH}(?![a-z])`, 'i'),
    absolute: false,
    read: (m, anchor) => {
      const wanted = monthNumber(m[1]);
      return month(yearOfLatest(wanted, anchor), wanted);
    },
  },
  {
    re: new RegExp(`^${YEAR}\\b`),
    absolute: true,
    read: (m) => [calendarDay(Number(m[1]), 1, 1), calendarDay(Number(m[1]), 12, 31)],
  },
];

/**
 * Reads a date at the start of `text`: "2005-03-12", "12 March 2005", "March 12, 2005",
 * "March 2005", "March", "2005". A month or day without a year is the latest one on or before
 * `anchor` (the newest article's day), so "in March" means the March the archive last saw.
 */
export function readDatePhrase(text: string, anchor: CalendarDay): DatePhrase | undefined {
  for (const form of FORMS) {
    const m = form.re.exec(text);
    if (!m) continue;
    const [from, to] = form.read(m, anchor);
    if (from === undefined || to === undefined) return;
    return { from, to, length: m[0].length, absolute: form.absolute };
  }
  return;
}

function monthNumber(name: string | undefined): number {
  return MONTH_NAMES.indexOf((name ?? '').slice(0, 3).toLowerCase()) + 1;
}

function day(year: number, monthOfYear: number, date: number): [CalendarDay?, CalendarDay?] {
  const d = calendarDay(year, monthOfYear, date);
  return [d, d];
}

function month(year: number, monthOfYear: number): [CalendarDay?, CalendarDay?] {
  if (monthOfYear < 1 || monthOfYear > 12) return [];
  return [
    calendarDay(year, monthOfYear, 1),
    calendarDay(year, monthOfYear, daysInMonth(year, monthOfYear)),
  ];
}

function yearOfLatest(monthOfYear: number, anchor: CalendarDay): number {
  const parts = dayParts(anchor);
  return monthOfYear <= parts.month ? parts.year : parts.year - 1;
}
