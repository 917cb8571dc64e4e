import { describe, expect, it } from 'vitest';
import { WorstFirstHeap } from '../../src/search/WorstFirstHeap.js';

describe('WorstFirstHeap', () => {
  it('keeps the best entries, best first, the earlier find winning a tie', () => {
    const scores = [5, 1, 9, 5, 7, 3, 9, 2, 8, 5];
    const heap = new WorstFirstHeap(4);
    scores.forEach((score, order) => {
      heap.push(order, score, order);
    });
    expect(heap.bestFirst().map((entry) => entry.id)).toEqual([2, 6, 8, 4]);
  });

  it('keeps anything until full, then only what beats its worst', () => {
    const heap = new WorstFirstHeap(2);
    heap.push(0, 1, 0);
    heap.push(1, 4, 1);
    heap.push(2, 1, 2);
    expect(heap.bestFirst().map((entry) => entry.id)).toEqual([1, 0]);
    heap.push(3, 2, 3);
    expect(heap.bestFirst().map((entry) => entry.id)).toEqual([1, 3]);
  });

  it('keeps what a sort would keep, for many pushes with ties', () => {
    const scores = Array.from({ length: 500 }, (_, i) => (i * 7919) % 37);
    const heap = new WorstFirstHeap(25);
    scores.forEach((score, order) => {
      heap.push(order, score, order);
    });
    const sorted = scores
      .map((score, order) => ({ id: order, score, order }))
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, 25);
    expect(heap.bestFirst()).toEqual(sorted);
  });

  it('says when it is full and what its worst kept score is', () => {
    const heap = new WorstFirstHeap(2);
    expect(heap.isFull).toBe(false);
    expect(heap.worstScore).toBe(Number.NEGATIVE_INFINITY);
    heap.push(0, 3, 0);
    heap.push(1, 5, 1);
    expect(heap.isFull).toBe(true);
    expect(heap.worstScore).toBe(3);
    heap.push(2, 4, 2);
    expect(heap.worstScore).toBe(4);
  });
});
