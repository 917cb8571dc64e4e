import { describe, expect, it } from 'vitest';
import {
  calendarDay,
  dayParts,
  formatDay,
  isoDay,
  startOfWeek,
} from '../../src/time/calendarDay.js';

describe('calendarDay', () => {
  it('numbers days from 1 January 1970', () => {
    expect(calendarDay(1970, 1, 1)).toBe(0);
    expect(calendarDay(1970, 1, 2)).toBe(1);
    expect(calendarDay(1969, 12, 31)).toBe(-1);
  });

  it('rejects dates that do not exist', () => {
    expect(calendarDay(2005, 2, 29)).toBeUndefined();
    expect(calendarDay(2005, 13, 1)).toBeUndefined();
    expect(calendarDay(2005, 4, 31)).toBeUndefined();
    expect(calendarDay(2004, 2, 29)).toBeDefined();
  });

  it('round-trips through its parts, its ISO form and its reader form', () => {
    const day = calendarDay(2005, 2, 12) as number;
    expect(dayParts(day)).toEqual({ year: 2005, month: 2, day: 12 });
    expect(isoDay(day)).toBe('2005-02-12');
    expect(formatDay(day)).toBe('12 Feb 2005');
  });

  it('starts weeks on Monday', () => {
    // 16 March 2005 was a Wednesday.
    expect(isoDay(startOfWeek(calendarDay(2005, 3, 16) as number))).toBe('2005-03-14');
    expect(isoDay(startOfWeek(calendarDay(2005, 3, 14) as number))).toBe('2005-03-14');
    expect(isoDay(startOfWeek(calendarDay(2005, 3, 20) as number))).toBe('2005-03-14');
  });
});
