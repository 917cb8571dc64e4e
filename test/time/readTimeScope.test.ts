import { describe, expect, it } from 'vitest';
import { calendarDay, isoDay } from '../../src/time/calendarDay.js';
import { readTimeScope } from '../../src/time/readTimeScope.js';

// An archive whose newest article is from Wednesday 16 March 2005.
const span = {
  first: calendarDay(2004, 11, 1) as number,
  last: calendarDay(2005, 3, 16) as number,
};
const read = (question: string) => {
  const scope = readTimeScope(question, span);
  if (!scope) return undefined;
  const { range, ...rest } = scope;
  return {
    ...rest,
    from: range?.from === undefined ? undefined : isoDay(range.from),
    to: range?.to === undefined ? undefined : isoDay(range.to),
  };
};

describe('readTimeScope', () => {
  it('says nothing about a question without time words', () => {
    expect(read('How many drones were launched?')).toBeUndefined();
  });

  it('reads "latest" and its kin as a preference for new articles, and takes them out', () => {
    for (const q of [
      'What is the latest on the talks?',
      'the most recent news on the talks',
      'newest talks',
    ]) {
      const scope = read(q);
      expect(scope?.recent, q).toBe(true);
      expect(scope?.from).toBeUndefined();
      expect(scope?.rest).toMatch(/talks/);
      expect(scope?.rest).not.toMatch(/latest|recent|newest/i);
    }
  });

  it('resolves relative days against the newest article, not the clock', () => {
    expect(read('What happened yesterday?')).toMatchObject({
      from: '2005-03-15',
      to: '2005-03-15',
    });
    expect(read('news today')).toMatchObject({ from: '2005-03-16', to: '2005-03-16' });
    expect(read('What happened this week?')).toMatchObject({
      from: '2005-03-14',
      to: '2005-03-16',
    });
    expect(read('What happened last week?')).toMatchObject({
      from: '2005-03-07',
      to: '2005-03-13',
    });
    expect(read('last month')).toMatchObject({ from: '2005-02-01', to: '2005-02-28' });
    expect(read('this year')).toMatchObject({ from: '2005-01-01', to: '2005-03-16' });
    expect(read('in the last 3 days')).toMatchObject({ from: '2005-03-14', to: '2005-03-16' });
    expect(read('over the past two weeks')).toMatchObject({ from: '2005-03-03', to: '2005-03-16' });
  });

  it('reads named months and days, with or without the year', () => {
    expect(read('What happened in March 2005?')).toMatchObject({
      from: '2005-03-01',
      to: '2005-03-31',
      label: 'in Mar 2005',
      rest: 'What happened ?',
    });
    expect(read('Who resigned on 12 March 2005?')).toMatchObject({
      from: '2005-03-12',
      to: '2005-03-12',
    });
    expect(read('Who resigned on March 12, 2005?')).toMatchObject({ from: '2005-03-12' });
    expect(read('news on 2005-02-01')).toMatchObject({ from: '2005-02-01', to: '2005-02-01' });
    // A month later in the year than the newest article is last year's.
    expect(read('What happened in November?')).toMatchObject({
      from: '2004-11-01',
      to: '2004-11-30',
    });
    expect(read('since January')).toMatchObject({
      from: '2005-01-01',
      to: undefined,
      label: 'since 1 Jan 2005',
    });
  });

  it('reads open and closed ranges', () => {
    expect(read('strikes before 2005')).toMatchObject({ from: undefined, to: '2004-12-31' });
    expect(read('strikes after 1 March 2005')).toMatchObject({ from: '2005-03-02' });
    expect(read('strikes from 1 Feb 2005 to 10 Feb 2005')).toMatchObject({
      from: '2005-02-01',
      to: '2005-02-10',
      rest: 'strikes',
    });
    expect(read('strikes between January and February')).toMatchObject({
      from: '2005-01-01',
      to: '2005-02-28',
    });
  });

  it('leaves an explicit date outside the archive in the question', () => {
    expect(read('What happened in 1990?')).toBeUndefined();
    expect(read('What did the treaty of 1815 decide in 1815?')).toBeUndefined();
  });

  it('does not take a month-like word for a month', () => {
    expect(read('Who may decide the budget?')).toBeUndefined();
    expect(read('What did the march in Mayfair protest?')).toBeUndefined();
  });
});
