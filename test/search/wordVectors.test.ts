import { describe, expect, it } from 'vitest';
import { processTerm } from '../../src/search/analyzeText.js';
import { wordVectors } from '../../src/search/wordVectors.js';

const term = (word: string) => processTerm(word) as string;

describe('wordVectors', () => {
  const vectors = wordVectors();

  it('holds a vector for each of the most frequent words’ index terms', () => {
    expect(vectors.size).toBeGreaterThan(90_000);
    for (const word of ['jobs', 'chancellor', 'football', 'shares']) {
      expect(vectors.rowOf(term(word)), word).toBeGreaterThanOrEqual(0);
    }
  });

  it('finds words of like meaning close and unrelated words not', () => {
    expect(vectors.similarity(term('posts'), term('jobs'))).toBeGreaterThan(0);
    expect(vectors.similarity(term('profit'), term('earnings'))).toBeGreaterThan(0.3);
    expect(vectors.similarity(term('profit'), term('banana'))).toBe(0);
    expect(vectors.similarity(term('jobs'), term('jobs'))).toBeCloseTo(1, 1);
  });

  it('is symmetric, and 0 for a term it has no vector for', () => {
    const a = term('minister');
    const b = term('government');
    expect(vectors.similarity(a, b)).toBe(vectors.similarity(b, a));
    expect(vectors.similarity(a, 'qzxwvkj')).toBe(0);
    expect(vectors.rowOf('qzxwvkj')).toBe(-1);
  });

  it('lists the closest terms first, each above the floor, and only those accepted', () => {
    const near = vectors.neighbours(term('case'), 5);
    expect(near).toHaveLength(5);
    expect(near.map((n) => n.term)).toContain(term('trial'));
    expect(near.map((n) => n.term)).not.toContain(term('case'));
    for (let i = 1; i < near.length; i++)
      expect(near[i - 1]?.closeness).toBeGreaterThanOrEqual(near[i]?.closeness as number);
    for (const n of near) expect(n.closeness).toBe(vectors.similarity(term('case'), n.term));
    const withoutTrial = vectors.neighbours(term('case'), 5, (t) => t !== term('trial'));
    expect(withoutTrial.map((n) => n.term)).not.toContain(term('trial'));
    expect(withoutTrial).toHaveLength(5);
    expect(vectors.neighbours('qzxwvkj', 5)).toEqual([]);
  });
});
