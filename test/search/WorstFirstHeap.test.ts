import { describe, expect, it } from 'vitest';
import { WorstFirstHeap } from '../../src/search/WorstFirstHeap.js';

describe('WorstFirstHeap', () => {
  it('keeps the best entries, best first, the earlier find winning a tie', () => {
    const scores = [5, 1, 9, 5, 7, 3, 9, 2, 8, 5];
    const heap = new WorstFirstHeap(4);
    scores.forEach((score, order) => {
      if (heap.admits(score, order)) heap.push({ id: order, score, order });
    });
    expect(heap.bestFirst().map((entry) => entry.id)).toEqual([2, 6, 8, 4]);
  });

  it('admits anything until full, then only what beats its worst', () => {
    const heap = new WorstFirstHeap(2);
    expect(heap.admits(1, 0)).toBe(true);
    heap.push({ id: 0, score: 1, order: 0 });
    heap.push({ id: 1, score: 4, order: 1 });
    expect(heap.admits(1, 2)).toBe(false);
    expect(heap.admits(2, 2)).toBe(true);
  });

  it('says when it is full and what its worst kept score is', () => {
    const heap = new WorstFirstHeap(2);
    expect(heap.isFull).toBe(false);
    expect(heap.worstScore).toBe(Number.NEGATIVE_INFINITY);
    heap.push({ id: 0, score: 3, order: 0 });
    heap.push({ id: 1, score: 5, order: 1 });
    expect(heap.isFull).toBe(true);
    expect(heap.worstScore).toBe(3);
    heap.push({ id: 2, score: 4, order: 2 });
    expect(heap.worstScore).toBe(4);
  });
});
