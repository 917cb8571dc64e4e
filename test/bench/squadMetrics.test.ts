import { describe, expect, it } from 'vitest';
import { containsAnswer, normalizeAnswer } from '../../bench/lib/squadMetrics.js';

describe('normalizeAnswer', () => {
  it('lower-cases and removes punctuation and articles, as the SQuAD script does', () => {
    expect(normalizeAnswer('The  Denver Broncos!')).toBe('denver broncos');
    expect(normalizeAnswer('an "A" grade')).toBe('grade');
  });
});

describe('containsAnswer', () => {
  it('finds any gold answer in the normalised text', () => {
    expect(
      containsAnswer('The Denver Broncos won Super Bowl 50.', ['Carolina', 'Denver Broncos']),
    ).toBe(true);
    expect(containsAnswer('a large, 18-karat gold-plated "50"', ['18'])).toBe(true);
    expect(containsAnswer('It happened in 1984.', ['1985', 'Carolina'])).toBe(false);
  });
});
