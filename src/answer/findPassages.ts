import { processTerm } from '../search/analyzeText.js';
import type { PassageHit, PassageIndex, PassageSearchOptions } from '../search/PassageIndex.js';
import { wordVectors } from '../search/wordVectors.js';
import type { Query } from './readQuery.js';

/**
 * The first stage of an answer: the best passages for the question, searched by its most
 * selective words (see {@link selectiveWords}). A word the articles lack is matched to theirs
 * as a typo only when it is no English word (it has no word vector): a word spelled right is
 * simply not in them, and matching it by its spelling finds other words ("missives" →
 * "missiles") while costing a search on a large archive more than the rest of its words.
 */
export function findPassages(
  index: PassageIndex,
  query: Query,
  limit: number,
  maxPostings: number,
  search: PassageSearchOptions,
): PassageHit[] {
  return index.search(selectiveWords(index, query, maxPostings).join(' '), limit, {
    ...search,
    mayBeTypo,
  });
}

/** Whether a term the articles lack may be a typo: it is no English word (it has no word vector). */
export function mayBeTypo(term: string): boolean {
  return wordVectors().rowOf(term) < 0;
}

/**
 * The question's words worth searching for: the rarest first, until the postings the search
 * visits for them add up to `maxPostings` (the two rarest always, and any word the articles lack,
 * for typo matching). A search's time grows with the postings it visits, so common words
 * would make it slow on a large archive while ranking little; they still count when sentences
 * are scored.
 */
export function selectiveWords(index: PassageIndex, query: Query, maxPostings: number): string[] {
  const counted = query.words
    .map((word) => ({ word, count: index.postingCount(processTerm(word) ?? '') }))
    .sort((a, b) => a.count - b.count);
  let postings = 0;
  return counted
    .filter(({ count }, i) => {
      postings += count;
      return i < 2 || count === 0 || postings <= maxPostings;
    })
    .map(({ word }) => word);
}

/** Share of the question's weight that a passage (or its headline) matched. */
export function coverageOf(index: PassageIndex, query: Query, hit: PassageHit): number {
  const matched = new Set(hit.queryTerms);
  let sum = 0;
  for (const term of query.terms) {
    if (matched.has(term) || index.passageHasTerm(hit.passage, term)) sum += index.idf(term);
  }
  return Math.min(1, sum / query.weight);
}
