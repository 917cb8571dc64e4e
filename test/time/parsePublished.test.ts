import { describe, expect, it } from 'vitest';
import { isoDay } from '../../src/time/calendarDay.js';
import { parsePublished } from '../../src/time/parsePublished.js';

describe('parsePublished', () => {
  it('reads an ISO date as midnight UTC of that day', () => {
    const date = parsePublished('2005-02-12');
    expect(date && isoDay(date.day)).toBe('2005-02-12');
    expect(date?.time).toBe(Date.UTC(2005, 1, 12));
  });

  it('keeps the day as written in the author’s time zone, and orders by the instant', () => {
    const date = parsePublished('2005-03-15T23:30:00-05:00');
    expect(date && isoDay(date.day)).toBe('2005-03-15');
    expect(date?.time).toBe(Date.UTC(2005, 2, 16, 4, 30));
    expect(parsePublished('2005-03-15T23:30+0530')?.time).toBe(Date.UTC(2005, 2, 15, 18, 0));
  });

  it('takes a date-time without a zone as UTC, with or without seconds', () => {
    expect(parsePublished('2005-03-15T10:20')?.time).toBe(Date.UTC(2005, 2, 15, 10, 20));
    expect(parsePublished('2005-03-15 10:20:30Z')?.time).toBe(Date.UTC(2005, 2, 15, 10, 20, 30));
  });

  it('refuses anything that is not a real ISO date', () => {
    for (const bad of [
      '',
      'next Tuesday',
      '12 Feb 2005',
      '2005-02-30',
      '2005-13-01',
      '2005-02-12T25:00',
      '2005-02-12T10:00+15:00',
      '2005-02-12junk',
    ]) {
      expect(parsePublished(bad), bad).toBeUndefined();
    }
  });
});
