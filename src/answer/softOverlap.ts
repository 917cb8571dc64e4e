import type { WordVectors } from '../search/wordVectors.js';
import type { Query } from './readQuery.js';

/**
 * Soft overlap: the share of the weight of the question's terms, other than its subjects, that
 * a sentence holds or comes close to in meaning. Each term counts fully when the sentence has
 * it, and by its closest sentence term's similarity otherwise, so "how many posts" meets "200
 * jobs". 1 when the question has no such terms. The subjects are left out: a name has no
 * stand-in, and whether the story names it is weighed on its own.
 *
 * The same terms recur across the candidate sentences, so each term's closeness to the
 * question's terms is worked out once per question. Without vectors, only the question's own
 * terms count: a lower bound of the soft overlap, at no cost.
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
  const unrelated = new Float64Array(asked.length);
  // For each term met, its closeness to each asked term.
  const known = new Map<string, Float64Array>();
  const closenessOf = (term: string): Float64Array => {
    let row = known.get(term);
    if (row) return row;
    const at = asked.indexOf(term);
    if (at >= 0) {
      row = new Float64Array(asked.length);
      row[at] = 1;
      for (let k = 0; k < asked.length; k++) {
        if (k !== at) {
          row[k] = vectors.closenessOfRows(askedRows[at] as number, askedRows[k] as number);
        }
      }
    } else {
      const own = vectors.rowOf(term);
      if (own < 0) row = unrelated;
      else {
        row = new Float64Array(asked.length);
        for (let k = 0; k < asked.length; k++) {
          row[k] = vectors.closenessOfRows(own, askedRows[k] as number);
        }
      }
    }
    known.set(term, row);
    return row;
  };
  const best = new Float64Array(asked.length);
  return (terms) => {
    best.fill(0);
    for (const term of terms) {
      const row = closenessOf(term);
      if (row === unrelated) continue;
      for (let k = 0; k < best.length; k++) {
        if ((row[k] as number) > (best[k] as number)) best[k] = row[k] as number;
      }
    }
    let held = 0;
    for (let k = 0; k < best.length; k++) held += (weights[k] as number) * (best[k] as number);
    return held / total;
  };
}
