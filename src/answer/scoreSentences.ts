import type { Sentence } from '../corpus/types.js';
import type { PassageHit, PassageIndex } from '../search/PassageIndex.js';
import type { SentenceWeights, Settings } from './answerSettings.js';
import { sentenceFitsType } from './questionType.js';
import type { Query } from './readQuery.js';

/** A sentence of a found passage with its score for the question. */
export interface Candidate {
  hit: PassageHit;
  sentence: Sentence;
  score: number;
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

/** Scores every sentence of one found passage for the question. */
export function scoreSentences(
  query: Query,
  hit: PassageHit,
  termLists: readonly (readonly string[])[],
  bestScore: number,
  weights: SentenceWeights,
  weightOf: (term: string) => number,
  context: { freshness: number; support: number },
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
  const passageScore = hit.score / bestScore;
  return hit.passage.paragraph.sentences.map((sentence, i) => {
    const bigrams =
      query.bigrams.size === 0
        ? 0
        : sharedBigrams(termLists[i] ?? [], query.bigrams, query.termSet) / query.bigrams.size;
    const fit = sentenceFitsType(query.type, sentence.text, query.lowerWords) ? 1 : 0;
    const score =
      weights.overlap * share(worthOf(matched[i] ?? NO_TERMS)) +
      weights.bigrams * bigrams +
      weights.passage * passageScore +
      weights.typeFit * fit +
      weights.pair * Math.max(pairOverlap(i, i - 1), pairOverlap(i, i + 1)) +
      weights.recency * context.freshness +
      weights.article * context.support;
    return { hit, sentence, score };
  });
}

/** The best sentence, and the second best when it is nearly as good and the two stay short. */
export function chooseSentences(candidates: Candidate[], settings: Settings): Candidate[] {
  const [first, ...rest] = candidates;
  if (!first) return [];
  const second = rest.find((c) => c.sentence !== first.sentence);
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
