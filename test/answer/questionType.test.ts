import { describe, expect, it } from 'vitest';
import { questionType, sentenceFitsType } from '../../src/answer/questionType.js';

describe('questionType', () => {
  it('reads the kind of fact from the question words', () => {
    expect(questionType('How many drones were used?')).toBe('number');
    expect(questionType('What percentage of voters agreed?')).toBe('number');
    expect(questionType('When does the treaty expire?')).toBe('date');
    expect(questionType('In what year was it built?')).toBe('date');
    expect(questionType('Who leads NATO?')).toBe('person');
    expect(questionType('Where are the talks held?')).toBe('place');
    expect(questionType('Why did prices rise?')).toBe('other');
  });
});

describe('sentenceFitsType', () => {
  const none = new Set<string>();
  it('finds quantities, dates and new names', () => {
    expect(sentenceFitsType('number', 'It launched 71 missiles.', none)).toBe(true);
    expect(sentenceFitsType('number', 'It launched missiles.', none)).toBe(false);
    expect(sentenceFitsType('date', 'The treaty expires on Thursday.', none)).toBe(true);
    expect(sentenceFitsType('date', 'It was built in 1889.', none)).toBe(true);
    expect(
      sentenceFitsType('place', 'Talks are held in Abu Dhabi.', new Set(['talks', 'held'])),
    ).toBe(true);
  });

  it('does not count names the question already contains', () => {
    expect(sentenceFitsType('person', 'The talks involved NATO.', new Set(['nato']))).toBe(false);
  });
});
