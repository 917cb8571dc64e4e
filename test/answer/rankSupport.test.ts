import { describe, expect, it } from 'vitest';
import { rankSupport } from '../../src/answer/rankSupport.js';

describe('rankSupport', () => {
  const candidates = [
    { hit: 'one strong sentence', score: 1.0 },
    { hit: 'two good sentences', score: 0.9 },
    { hit: 'two good sentences', score: 0.8 },
    { hit: 'one strong sentence', score: 0.1 },
    { hit: 'one weak sentence', score: 0.5 },
  ];

  it('ranks a passage with two good sentences above one with a single better one', () => {
    expect(rankSupport(candidates, 0.6)).toEqual([
      'two good sentences',
      'one strong sentence',
      'one weak sentence',
    ]);
  });

  it('ranks by the best sentence alone when the second counts nothing, ties in given order', () => {
    expect(rankSupport(candidates, 0)).toEqual([
      'one strong sentence',
      'two good sentences',
      'one weak sentence',
    ]);
    const tied = [
      { hit: 'a', score: 0.5 },
      { hit: 'b', score: 0.5 },
    ];
    expect(rankSupport(tied, 0.6)).toEqual(['a', 'b']);
  });

  it('counts only the two best sentences of a passage', () => {
    const many = [
      { hit: 'two', score: 0.6 },
      { hit: 'three', score: 0.6 },
      { hit: 'two', score: 0.5 },
      { hit: 'three', score: 0.5 },
      { hit: 'three', score: 0.5 },
    ];
    expect(rankSupport(many, 0.6)).toEqual(['two', 'three']);
  });
});
