import { describe, expect, it } from 'vitest';
import { rougeL, rougeN, rougeTokens } from '../../bench/lib/rouge.js';

describe('rougeTokens', () => {
  it('splits sentences glued without a space, as in the BBC references', () => {
    expect(rougeTokens('...that time.She said $11.1bn')).toEqual([
      'that',
      'time',
      'she',
      'said',
      '11',
      '1bn',
    ]);
  });
});

describe('rougeN', () => {
  // Worked by hand: unigrams the×2 cat sat on mat vs the cat sat on a mat → 5 shared of 6 and 6.
  it('counts clipped unigram overlap', () => {
    const score = rougeN('the cat sat on the mat', 'the cat sat on a mat', 1);
    expect(score.precision).toBeCloseTo(5 / 6, 10);
    expect(score.recall).toBeCloseTo(5 / 6, 10);
    expect(score.f1).toBeCloseTo(5 / 6, 10);
  });

  // Bigrams: the-cat cat-sat sat-on shared; on-the the-mat vs on-a a-mat not → 3 of 5 each.
  it('counts bigram overlap', () => {
    expect(rougeN('the cat sat on the mat', 'the cat sat on a mat', 2).f1).toBeCloseTo(0.6, 10);
  });

  it('weighs precision and recall by the two lengths', () => {
    const score = rougeN('police killed the gunman', 'the gunman was shot by police', 1);
    // shared: police, the, gunman → P 3/4, R 3/6, F1 = 2·0.75·0.5/1.25 = 0.6
    expect(score.precision).toBeCloseTo(0.75, 10);
    expect(score.recall).toBeCloseTo(0.5, 10);
    expect(score.f1).toBeCloseTo(0.6, 10);
  });

  it('scores zero for empty or disjoint text', () => {
    expect(rougeN('', 'a b', 1).f1).toBe(0);
    expect(rougeN('x y', 'a b', 2).f1).toBe(0);
  });
});

describe('rougeL', () => {
  it('uses the longest common subsequence', () => {
    // LCS of "the cat sat on the mat" / "the cat sat on a mat" is "the cat sat on mat" (5).
    expect(rougeL('the cat sat on the mat', 'the cat sat on a mat').f1).toBeCloseTo(5 / 6, 10);
    // "police killed the gunman" vs "police kill the gunman": LCS police the gunman = 3 → 3/4.
    expect(rougeL('police killed the gunman', 'police kill the gunman').f1).toBeCloseTo(0.75, 10);
  });

  it('is 1 for identical text and order-sensitive unlike ROUGE-1', () => {
    expect(rougeL('a b c d', 'a b c d').f1).toBe(1);
    expect(rougeL('d c b a', 'a b c d').f1).toBeCloseTo(0.25, 10);
    expect(rougeN('d c b a', 'a b c d', 1).f1).toBe(1);
  });
});
