import { describe, expect, it } from 'vitest';
import { analyzeText, processTerm, tokenize } from '../../src/search/analyzeText.js';

describe('tokenize', () => {
  it('keeps words, numbers, inner apostrophes and dots together', () => {
    expect(tokenize("Ukraine's U.S. talks: 71 missiles, $3.5m (-20°C)")).toEqual([
      "Ukraine's",
      'U.S',
      'talks',
      '71',
      'missiles',
      '3.5m',
      '20',
      'C',
    ]);
  });
});

describe('processTerm', () => {
  it('lower-cases, drops the possessive and stems', () => {
    expect(processTerm("Ukraine's")).toBe('ukrain');
    expect(processTerm('launched')).toBe(processTerm('launching'));
    expect(processTerm('Missiles')).toBe('missil');
  });

  it('drops stop words and question words', () => {
    for (const word of ['the', 'And', 'were', 'how', 'When', 'what', 'who'])
      expect(processTerm(word)).toBeNull();
  });

  it('keeps numbers as they are and drops over-long tokens', () => {
    expect(processTerm('2004')).toBe('2004');
    expect(processTerm('x'.repeat(41))).toBeNull();
  });
});

describe('analyzeText', () => {
  it('returns the index terms of a text in order', () => {
    expect(analyzeText('How many ballistic missiles were launched?')).toEqual([
      'ballist',
      'missil',
      'launch',
    ]);
  });
});
