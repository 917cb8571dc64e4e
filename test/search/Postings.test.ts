import { describe, expect, it } from 'vitest';
import { Postings } from '../../src/search/Postings.js';

/** Adds a passage given as term strings, numbering its terms first. */
function addTerms(postings: Postings, fieldRuns: string[][][]): void {
  postings.add(fieldRuns.map((runs) => runs.map((run) => run.map((t) => postings.intern(t)))));
}

describe('Postings', () => {
  it('lists each term’s passages per field, in passage order, with their counts', () => {
    const postings = new Postings(['title', 'text']);
    addTerms(postings, [[['ferri']], [['ferri', 'island'], ['ferri']]]);
    addTerms(postings, [[['coach']], [['island']]]);
    const arrays = postings.toArrays();
    expect(arrays.terms).toEqual(['ferri', 'island', 'coach']);
    const list = (term: string, field: number) => {
      const at = arrays.terms.indexOf(term) * 2 + field;
      const [start, end] = [arrays.offsets[at], arrays.offsets[at + 1]];
      return {
        passages: [...arrays.passages.subarray(start, end)],
        counts: [...arrays.counts.subarray(start, end)],
      };
    };
    expect(list('ferri', 0)).toEqual({ passages: [0], counts: [1] });
    expect(list('ferri', 1)).toEqual({ passages: [0], counts: [2] });
    expect(list('island', 0)).toEqual({ passages: [], counts: [] });
    expect(list('island', 1)).toEqual({ passages: [0, 1], counts: [1, 1] });
    expect(list('coach', 1)).toEqual({ passages: [], counts: [] });
  });

  it('measures fields as minisearch does: distinct tokens, an empty run counting as one', () => {
    const postings = new Postings(['title', 'text']);
    addTerms(postings, [[[]], [['ferri', 'ferri'], []]]);
    addTerms(postings, [[['coach']], [['island', 'pier']]]);
    const { fieldLengths, averageFieldLength, passageCount } = postings.toArrays();
    expect(passageCount).toBe(2);
    expect([...fieldLengths]).toEqual([1, 2, 1, 2]);
    expect(averageFieldLength).toEqual([1, 2]);
  });

  it('caps a count at 65,535 instead of letting it wrap', () => {
    const postings = new Postings(['text']);
    addTerms(postings, [[new Array(70_000).fill('spam')]]);
    expect(postings.toArrays().counts[0]).toBe(65_535);
  });
});
