/** A scored candidate sentence of some passage. */
export interface ScoredSentence<P> {
  hit: P;
  score: number;
}

/**
 * The passages of scored sentences ranked as supporting evidence for an answer: each by its
 * best sentence's score plus `second` times its second-best's. A paragraph whose evidence runs
 * over two sentences is likelier the one that holds the answer than one with a single matching
 * sentence. `candidates` come sorted best first; passages of equal support keep that order.
 */
export function rankSupport<P>(candidates: readonly ScoredSentence<P>[], second: number): P[] {
  const scores = new Map<P, { best: number; next?: number }>();
  for (const { hit, score } of candidates) {
    const seen = scores.get(hit);
    if (!seen) scores.set(hit, { best: score });
    else if (seen.next === undefined) seen.next = score;
  }
  return [...scores]
    .map(([hit, { best, next }]) => ({ hit, support: best + second * (next ?? 0) }))
    .sort((a, b) => b.support - a.support)
    .map(({ hit }) => hit);
}
