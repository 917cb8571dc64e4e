import type { Sentence } from '../corpus/types.js';
import type { PassageHit, PassageIndex } from '../search/PassageIndex.js';
import type { SentenceWeights, Settings } from './answerSettings.js';
import { locateKeyPhrases, sentenceFitsType } from './questionType.js';
import type { Query } from './readQuery.js';

/** A sentence of a found passage with its score for the question. */
export interface Candidate {
  hit: PassageHit;
  sentence: Sentence;
  score: number;
  /** What the score is made of. */
  features: SentenceFeatures;
}

/**
 * The weight of each word for telling candidate sentences apart: its rarity in the corpus
 * (idf), scaled down by `localRarity` as more of the candidate paragraphs contain it.
 * Words outside the question weigh nothing.
 */
export function termWeights(
  index: PassageIndex,
  query: Query,
  hits: readonly PassageHit[],
  termLists: readonly (readonly (readonly string[])[])[],
  localRarity: number,
): (term: string) => number {
  const containing = new Map<string, number>();
  for (const term of query.terms) containing.set(term, 0);
  for (const hit of hits) for (const term of hit.terms) containing.set(term, 0);
  if (localRarity > 0) {
    for (const sentences of termLists) {
      const seen = new Set<string>();
      for (const terms of sentences)
        for (const term of terms) if (containing.has(term)) seen.add(term);
      for (const term of seen) containing.set(term, (containing.get(term) ?? 0) + 1);
    }
  }
  const weights = new Map<string, number>();
  for (const [term, count] of containing) {
    weights.set(term, index.idf(term) * (1 - localRarity * (count / hits.length)));
  }
  return (term) => weights.get(term) ?? 0;
}

const NO_TERMS: readonly string[] = [];

/**
 * What a candidate sentence's score is made of, each between 0 and 1, named and explained as
 * their weights in {@link SentenceWeights} are; the score is their weighted sum.
 */
export type SentenceFeatures = Omit<SentenceWeights, 'fuzzyMatch' | 'localRarity'>;

/** The names of {@link SentenceFeatures}, in a fixed order. */
export const FEATURE_NAMES = [
  'overlap',
  'bigrams',
  'passage',
  'typeFit',
  'pair',
  'recency',
  'article',
  'rank',
  'fact',
  'before',
  'subjectStory',
  'title',
  'unquoted',
  'soft',
] as const satisfies readonly (keyof SentenceFeatures)[];

/** What is known of a found passage's place among the others and of its story. */
export interface PassageContext {
  /** Position of the passage among the found ones, 0 for the best. */
  rank: number;
  /** See {@link SentenceWeights.recency}. */
  freshness: number;
  /** See {@link SentenceWeights.article}. */
  support: number;
  /** Share of the question's weight that the article's headline holds. */
  title: number;
  /** Share of the question's named subjects that the article names. */
  subjectStory: number;
  /** The question's named subjects, as index terms. */
  subjects: readonly string[];
  /** A sentence's soft overlap with the question, from its terms (see `softOverlapFor`). */
  softOverlap: (terms: readonly string[]) => number;
}

const OPENING_QUOTE = /^["“‘']/u;

/** Scores every sentence of one found passage for the question. */
export function scoreSentences(
  query: Query,
  hit: PassageHit,
  termLists: readonly (readonly string[])[],
  bestScore: number,
  weights: SentenceWeights,
  weightOf: (term: string) => number,
  context: PassageContext,
): Candidate[] {
  // What each term of this passage is worth towards the question: its weight when the question
  // has it, discounted when it was only reached through a typo, nothing otherwise.
  const worth = new Map<string, number>();
  let questionWeight = 0;
  for (const term of query.terms) {
    worth.set(term, weightOf(term));
    questionWeight += weightOf(term);
  }
  for (const term of hit.terms) {
    if (!worth.has(term)) worth.set(term, weights.fuzzyMatch * weightOf(term));
  }
  // Each sentence's matched terms, once each, in order: a handful, so pairs of sentences are
  // cheap. Arrays rather than sets, and sums rather than unions, keep the garbage per question
  // small; the sums run in the same order as over the sets they replace.
  const matched = termLists.map((terms) => {
    let found: string[] | undefined;
    for (const term of terms) {
      if (!worth.has(term)) continue;
      if (!found) found = [term];
      else if (!found.includes(term)) found.push(term);
    }
    return found ?? NO_TERMS;
  });
  const share = (sum: number): number =>
    questionWeight <= 0 ? 0 : Math.min(1, sum / questionWeight);
  const worthOf = (terms: readonly string[]): number => {
    let sum = 0;
    for (const term of terms) sum += worth.get(term) ?? 0;
    return sum;
  };
  const pairOverlap = (i: number, j: number): number => {
    const a = matched[i];
    const b = matched[j];
    if (!a || !b) return 0;
    let sum = worthOf(a);
    for (const term of b) if (!a.includes(term)) sum += worth.get(term) ?? 0;
    return share(sum);
  };
  const overlaps = matched.map((terms) => share(worthOf(terms)));
  const passage = hit.score / bestScore;
  return hit.passage.paragraph.sentences.map((sentence, i) => {
    const typeFit = sentenceFitsType(query.type, sentence.text, query.lowerWords);
    const features: SentenceFeatures = {
      overlap: overlaps[i] ?? 0,
      bigrams:
        query.bigrams.size === 0
          ? 0
          : sharedBigrams(termLists[i] ?? [], query.bigrams, query.termSet) / query.bigrams.size,
      passage,
      typeFit: typeFit ? 1 : 0,
      pair: Math.max(pairOverlap(i, i - 1), pairOverlap(i, i + 1)),
      recency: context.freshness,
      article: context.support,
      rank: 1 / (1 + context.rank),
      // A new fact of the kind asked for is one of the kind first.
      fact: typeFit && holdsNewFact(query, sentence.text) ? 1 : 0,
      before: overlaps[i - 1] ?? 0,
      subjectStory: context.subjectStory,
      title: context.title,
      unquoted: OPENING_QUOTE.test(sentence.text) ? 0 : 1,
      soft: context.softOverlap(termLists[i] ?? NO_TERMS),
    };
    return { hit, sentence, score: scoreOf(features, weights), features };
  });
}

/**
 * Whether a sentence holds a fact of the kind asked for that the question does not already
 * give: a number, date or name that is not one of the question's own words.
 */
function holdsNewFact(query: Query, sentence: string): boolean {
  if (query.type === 'other') return false;
  return locateKeyPhrases(query.type, sentence, query.lowerWords).some((range) =>
    sentence
      .slice(range.start, range.end)
      .split(/[\s,]+/u)
      .some((word) => word !== '' && !query.lowerWords.has(word.toLowerCase())),
  );
}

/** The best sentence, and the second best when it is nearly as good and the two stay short. */
export function chooseSentences(candidates: Candidate[], settings: Settings): Candidate[] {
  const [first, ...rest] = candidates;
  if (!first) return [];
  // The same sentence in a second copy of a story is no second sentence.
  const second = rest.find((c) => c.sentence.text !== first.sentence.text);
  if (
    second &&
    second.score >= first.score * settings.secondSentenceRatio &&
    first.sentence.text.length + second.sentence.text.length < settings.maxAnswerChars
  ) {
    return [first, second];
  }
  return [first];
}

/**
 * How many distinct word pairs of `bigrams` occur, adjacent and in order, in `terms`; a pair is
 * only looked up when both its words are question words, which most words of a sentence are not.
 */
function sharedBigrams(
  terms: readonly string[],
  bigrams: ReadonlySet<string>,
  questionTerms: ReadonlySet<string>,
): number {
  let found: Set<string> | undefined;
  for (let i = 1; i < terms.length; i++) {
    const first = terms[i - 1] as string;
    const second = terms[i] as string;
    if (!questionTerms.has(first) || !questionTerms.has(second)) continue;
    const pair = `${first} ${second}`;
    if (!bigrams.has(pair)) continue;
    found ??= new Set();
    found.add(pair);
  }
  return found?.size ?? 0;
}

/**
 * Share (0–1) of the weight of the question's terms outside `subjects` that a candidate's
 * sentence, or one next to it, contains: 1 when the question has no such terms.
 */
export function relationCoverage(
  index: PassageIndex,
  query: Query,
  candidate: Candidate,
  subjects: readonly string[],
): number {
  const asked = query.terms.filter((term) => !subjects.includes(term));
  if (asked.length === 0) return 1;
  const sentences = index.termsOfSentences(candidate.hit.passage);
  const at = candidate.hit.passage.paragraph.sentences.indexOf(candidate.sentence);
  const near = new Set([at - 1, at, at + 1].flatMap((i) => sentences[i] ?? []));
  let total = 0;
  let found = 0;
  for (const term of asked) {
    const weight = index.idf(term);
    total += weight;
    if (near.has(term)) found += weight;
  }
  return total > 0 ? found / total : 1;
}

/**
 * The best candidate's share of all candidates' weight when each weighs e^score, the form the
 * scorer's weights were fitted in: near 1 when one sentence stands out, small when many are
 * alike. Candidates come sorted best first.
 */
export function topShare(candidates: readonly Candidate[]): number {
  const best = candidates[0]?.score ?? 0;
  let sum = 0;
  for (const { score } of candidates) sum += Math.exp(score - best);
  return sum > 0 ? 1 / sum : 0;
}

/** The weighted sum of a sentence's features, written out: a loop over names costs more. */
export function scoreOf(f: SentenceFeatures, w: SentenceWeights): number {
  return (
    w.overlap * f.overlap +
    w.bigrams * f.bigrams +
    w.passage * f.passage +
    w.typeFit * f.typeFit +
    w.pair * f.pair +
    w.recency * f.recency +
    w.article * f.article +
    w.rank * f.rank +
    w.fact * f.fact +
    w.before * f.before +
    w.subjectStory * f.subjectStory +
    w.title * f.title +
    w.unquoted * f.unquoted +
    w.soft * f.soft
  );
}
