import type { PassageIndex } from './PassageIndex.js';
import type { WordVectors } from './wordVectors.js';

/** How many related words a term gets, and how much they count; see {@link relatedWords}. */
export interface RelatedWordsOptions {
  /** The closest words kept per term. */
  count?: number;
  /** Closeness (0–1, as {@link WordVectors.similarity}) a word needs to count. */
  minCloseness?: number;
  /** A related word counts this share of its closeness next to the term itself. */
  weight?: number;
}

/**
 * Measured with `npm run bench:quality` (context recall@8) on both parts of the news set:
 * five words at 0.8 of their closeness found the story of "How long should the Ebbers case go
 * on?" ("trial") and "which Argentine scored the try" ("Argentina"). Every setting tried
 * (counts 3, 4, 5 and 8; weights 0.3 to 1; floors 0.3 to 0.5) gained or held on both parts of
 * the news set and lost no question; this one gained most.
 */
export const DEFAULT_RELATED_WORDS: Required<RelatedWordsOptions> = {
  count: 5,
  minCloseness: 0.4,
  weight: 0.8,
};

/** Terms looked up at most, per index, before the oldest are forgotten. */
const MAX_CACHED_TERMS = 10_000;

/**
 * For each index term, the words closest to it in meaning that the articles use, as
 * `PassageSearchOptions.related` takes them: a question says "case" where the story says
 * "trial". Each term's neighbours take a scan of the word vectors (some milliseconds), so they
 * are remembered.
 */
export function relatedWords(
  index: PassageIndex,
  vectors: WordVectors,
  options: RelatedWordsOptions = {},
): (term: string) => readonly { term: string; weight: number }[] {
  const { count, minCloseness, weight } = { ...DEFAULT_RELATED_WORDS, ...options };
  const known = new Map<string, readonly { term: string; weight: number }[]>();
  return (term) => {
    let related = known.get(term);
    if (!related) {
      related = vectors
        .neighbours(term, count, (other) => index.postingCount(other) > 0)
        .filter((n) => n.closeness >= minCloseness)
        .map((n) => ({ term: n.term, weight: n.closeness * weight }));
      if (known.size >= MAX_CACHED_TERMS) known.delete(known.keys().next().value as string);
      known.set(term, related);
    }
    return related;
  };
}
