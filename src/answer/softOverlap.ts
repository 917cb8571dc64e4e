import type { WordVectors } from '../search/wordVectors.js';
import type { Query } from './readQuery.js';

/**
 * Soft overlap: the share of the weight of the question's terms, other than its subjects, that
 * a sentence holds or comes close to in meaning. Each term counts fully when the sentence has
 * it, and by its closest sentence term's similarity otherwise, so "how many posts" meets "200
 * jobs". 1 when the question has no such terms. The subjects are left out: a name has no
 * stand-in, and whether the story names it is weighed on its own.
 *
 * Only the asked terms a sentence lacks are compared, and nothing is kept between sentences:
 * answers compare a few sentences (see `softMatched`), and a cache per question cost more in
 * garbage than it saved. Without vectors, only the question's own terms count: a lower bound
 * of the soft overlap, at no cost.
 */
export function softOverlapFor(
  vectors: WordVectors | undefined,
  query: Query,
  subjects: readonly string[],
  weightOf: (term: string) => number,
): (terms: readonly string[]) => number {
  const asked = query.terms.filter((term) => !subjects.includes(term));
  const weights = asked.map(weightOf);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (asked.length === 0 || total <= 0) return () => 1;
  if (!vectors) {
    return (terms) => {
      let held = 0;
      for (let k = 0; k < asked.length; k++) {
        if (terms.includes(asked[k] as string)) held += weights[k] as number;
      }
      return held / total;
    };
  }
  const askedRows = asked.map((term) => vectors.rowOf(term));
  const holds = new Uint8Array(asked.length);
  const termRows: number[] = [];
  return (terms) => {
    let held = 0;
    holds.fill(0);
    let missing = asked.length;
    for (const term of terms) {
      const at = asked.indexOf(term);
      if (at >= 0 && !holds[at]) {
        holds[at] = 1;
        held += weights[at] as number;
        missing--;
      }
    }
    // An asked term the sentence holds needs no comparison at all.
    if (missing === 0) return held / total;
    termRows.length = 0;
    for (const term of terms) {
      const row = vectors.rowOf(term);
      if (row >= 0) termRows.push(row);
    }
    for (let k = 0; k < asked.length; k++) {
      const askedRow = askedRows[k] as number;
      if (holds[k] || askedRow < 0) continue;
      let best = 0;
      for (const row of termRows) {
        const value = vectors.closenessOfRows(row, askedRow);
        if (value > best) best = value;
      }
      held += (weights[k] as number) * best;
    }
    return held / total;
  };
}
