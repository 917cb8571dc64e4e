import { describe, expect, it } from 'vitest';
import { joinCited } from '../../src/answer/joinCited.js';

const sentence = (text: string, citation: number) => ({
  text,
  citation,
  start: 0,
  end: text.length,
});

describe('joinCited', () => {
  it('puts one marker after each run of sentences from the same citation', () => {
    expect(
      joinCited([sentence('A.', 1), sentence('B.', 1), sentence('C.', 2), sentence('D.', 1)]),
    ).toBe('A. B. [1] C. [2] D. [1]');
  });
});
