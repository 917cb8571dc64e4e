import { analyzeText } from '../search/analyzeText.js';

/** The part of a sentence worth quoting, by offsets into the sentence. */
export interface SentenceFocus {
  start: number;
  end: number;
  /** Text before `start` or after `end` was left out. */
  cutBefore: boolean;
  cutAfter: boolean;
}

/** Where a long sentence may be cut: after a comma, semicolon or colon, or around a dash. */
const CLAUSE_BREAK = /[,;:]\s+|\s+[—–]\s+|\s+-\s+/g;

/**
 * Narrows a long sentence to the run of clauses that best matches the question, so a reader
 * sees the relevant part first instead of 400 characters of preamble. Sentences up to
 * `maxChars` are returned whole. `weightOf` scores a term of the question (0 for other words).
 */
export function focusSentence(
  sentence: string,
  weightOf: (term: string) => number,
  maxChars: number,
): SentenceFocus {
  if (sentence.length <= maxChars)
    return { start: 0, end: sentence.length, cutBefore: false, cutAfter: false };

  const clauses: { start: number; end: number; weight: number }[] = [];
  let from = 0;
  for (const match of sentence.matchAll(CLAUSE_BREAK)) {
    const end = match.index;
    clauses.push({ start: from, end, weight: 0 });
    from = match.index + match[0].length;
  }
  clauses.push({ start: from, end: sentence.length, weight: 0 });
  for (const clause of clauses) {
    for (const term of new Set(analyzeText(sentence.slice(clause.start, clause.end))))
      clause.weight += weightOf(term);
  }

  let best = { first: 0, last: 0, weight: -1 };
  for (let first = 0; first < clauses.length; first++) {
    let weight = 0;
    for (let last = first; last < clauses.length; last++) {
      const span = (clauses[last]?.end ?? 0) - (clauses[first]?.start ?? 0);
      if (span > maxChars && last > first) break;
      weight += clauses[last]?.weight ?? 0;
      // Prefer the earlier window on ties: sentences state their subject first.
      if (weight > best.weight) best = { first, last, weight };
    }
  }
  // Fill the room left with the clauses around the best run: the fact asked for is usually
  // next to the words the question shares with the sentence, not among them.
  let { first, last } = best;
  const spanOf = (a: number, b: number) => (clauses[b]?.end ?? 0) - (clauses[a]?.start ?? 0);
  for (let grew = true; grew; ) {
    grew = false;
    if (last + 1 < clauses.length && spanOf(first, last + 1) <= maxChars) {
      last++;
      grew = true;
    }
    if (first > 0 && spanOf(first - 1, last) <= maxChars) {
      first--;
      grew = true;
    }
  }
  const start = clauses[first]?.start ?? 0;
  const end = clauses[last]?.end ?? sentence.length;
  return { start, end, cutBefore: start > 0, cutAfter: end < sentence.length };
}
