import type { Sentence } from '../corpus/types.js';
import { processTerm, tokenize } from '../search/analyzeText.js';
import type { Passage, PassageHit, PassageIndex } from '../search/PassageIndex.js';
import { formatDay } from '../time/calendarDay.js';
import { answerLatest } from './answerLatest.js';
import { type ConfidenceSignals, estimateConfidence, levelOf } from './estimateConfidence.js';
import { focusSentence } from './focusSentence.js';
import { joinCited } from './joinCited.js';
import { makeCitation } from './makeCitation.js';
import { locateKeyPhrases, questionType, sentenceFitsType } from './questionType.js';
import { rankSupport } from './rankSupport.js';
import { asksForAnyNews, scopeQuestion } from './scopeQuestion.js';
import type { Answer, Citation, QuotedSentence } from './types.js';

/** Options for {@link answerQuestion}; the defaults were measured on the quality benchmark. */
export interface AnswerOptions {
  /** How many of the best passages are read for candidate sentences. */
  passagesRead?: number;
  /** How many passages are cited at most (answer sentences first, then the next best). */
  maxCitations?: number;
  /**
   * How much a passage's second-best sentence adds to its best when the further citations are
   * ranked: a paragraph whose evidence runs over two sentences is likelier the one that holds
   * the answer than one with a single matching sentence.
   */
  secondSentenceSupport?: number;
  /** Below this share of the question's weight matched, the answer is "not found". */
  minCoverage?: number;
  /** A second sentence is added when it scores at least this share of the best one. */
  secondSentenceRatio?: number;
  /** The answer text stays under this many characters when a second sentence is added. */
  maxAnswerChars?: number;
  /** A quoted sentence longer than this is narrowed to its most relevant clauses. */
  maxSentenceChars?: number;
  /** How many passages the searched words may match in all, rarest words first. */
  maxPostings?: number;
  weights?: Partial<SentenceWeights>;
}

/** How a candidate sentence's score is made up. */
export interface SentenceWeights {
  /** Share of the question's weight (rare words count more) found in the sentence. */
  overlap: number;
  /** Share of the question's adjacent word pairs found in the sentence, in order. */
  bigrams: number;
  /** The paragraph's search score relative to the best paragraph's. */
  passage: number;
  /** The sentence holds the kind of fact asked for (a number for "how many", …). */
  typeFit: number;
  /** Discount for a term matched only through a typo or prefix expansion, 0–1. */
  fuzzyMatch: number;
  /**
   * How much a word's weight depends on how few of the candidate paragraphs contain it (0–1):
   * a word every candidate shares cannot tell them apart, however rare it is in the corpus.
   */
  localRarity: number;
  /** The sentence together with the better of its neighbours covers the question. */
  pair: number;
  /**
   * For questions about the latest news only: how new the sentence's article is next to the
   * newest article found (1 for the newest, halving every month before it).
   */
  recency: number;
  /**
   * Share of the found passages' search score that comes from the sentence's own article: a
   * question is usually about one story, and the story most passages come from is likelier.
   */
  article: number;
}

const DEFAULTS = {
  passagesRead: 15,
  maxCitations: 3,
  secondSentenceSupport: 0.6,
  minCoverage: 0.35,
  secondSentenceRatio: 0.7,
  maxAnswerChars: 450,
  maxSentenceChars: 280,
  maxPostings: 30_000,
  weights: {
    overlap: 1,
    bigrams: 0.5,
    pair: 0.6,
    passage: 0.8,
    typeFit: 0.3,
    fuzzyMatch: 0.5,
    localRarity: 0.8,
    recency: 1,
    article: 0.3,
  } as SentenceWeights,
};
type Settings = typeof DEFAULTS;

/** How an answer of low confidence begins. */
const UNSURE_PREFIX = "I'm not sure, but the closest passage says: ";

/** Questions are cut to this length: longer text cannot be a question and would only cost time. */
const MAX_QUESTION_CHARS = 1000;
/** At most this many distinct words of a question are searched for. */
const MAX_QUERY_WORDS = 32;

interface Candidate {
  hit: PassageHit;
  sentence: Sentence;
  score: number;
}

/** The question as the scorer uses it. */
interface Query {
  words: string[];
  terms: string[];
  termSet: ReadonlySet<string>;
  bigrams: Set<string>;
  weight: number;
  type: ReturnType<typeof questionType>;
  lowerWords: Set<string>;
}

/**
 * Answers a question from the index with the best sentence or two of the best passages, each
 * cited to its article and paragraph. When the best passage covers too little of what the
 * question asks, the answer says so (`found: false`) and lists the closest passages instead of
 * quoting a sentence that only shares a word with the question.
 */
export function answerQuestion(
  index: PassageIndex,
  question: string,
  options: AnswerOptions = {},
): Answer {
  const settings: Settings = {
    ...DEFAULTS,
    ...options,
    weights: { ...DEFAULTS.weights, ...options.weights },
  };
  const scoped = scopeQuestion(index, question.slice(0, MAX_QUESTION_CHARS));
  const articlesSearched = scoped.articles.length;
  const base = {
    question,
    sentences: [],
    articlesSearched,
    confidence: 0,
    confidenceLevel: 'low' as const,
    ...(scoped.reported ? { scope: scoped.reported } : {}),
  };
  const span = index.dateSpan;
  if (span && scoped.reported && articlesSearched === 0) {
    return {
      ...base,
      found: false,
      reason: 'none-in-range',
      text: `None of the articles was published ${scoped.reported.label}. They run from ${formatDay(span.first)} to ${formatDay(span.last)}.`,
      citations: [],
      coverage: 0,
    };
  }

  const query = readQuery(index, scoped.text);
  if (scoped.scope && asksForAnyNews(query.terms)) {
    return answerLatest(question, scoped, settings.maxCitations);
  }
  if (query.words.length === 0) {
    return {
      ...base,
      found: false,
      reason: 'empty-question',
      text: 'Ask me a question about the articles, in a few words.',
      citations: [],
      coverage: 0,
    };
  }

  const hits = index.search(
    selectiveWords(index, query, settings.maxPostings).join(' '),
    settings.passagesRead,
    scoped.search,
  );
  const best = hits[0];
  if (!best) {
    return {
      ...base,
      found: false,
      reason: 'no-match',
      text: notFoundText(articlesSearched, undefined, scoped.reported?.label),
      citations: [],
      coverage: 0,
    };
  }

  const termLists = hits.map((hit) => index.termsOfSentences(hit.passage));
  const weightOf = termWeights(index, query, hits, termLists, settings.weights.localRarity);
  const freshness = scoped.scope?.recent ? freshnessAmong(hits) : () => 0;
  const support = articleSupport(hits);
  const candidates = hits.flatMap((hit, i) =>
    scoreSentences(query, hit, termLists[i] ?? [], best.score, settings.weights, weightOf, {
      freshness: freshness(hit),
      support: support(hit),
    }),
  );
  candidates.sort((a, b) => b.score - a.score);
  const chosen = chooseSentences(candidates, settings);
  const answerHit = chosen[0]?.hit ?? best;
  const coverage = coverageOf(index, query, answerHit);
  if (chosen.length === 0 || coverage < settings.minCoverage) {
    return {
      ...base,
      found: false,
      reason: 'weak-match',
      text: notFoundText(articlesSearched, best.passage, scoped.reported?.label),
      citations: hits.slice(0, settings.maxCitations).map((hit, i) => citeHit(hit, i + 1)),
      coverage,
    };
  }

  const citations: Citation[] = [];
  const citationFor = (hit: PassageHit): Citation => {
    const existing = citations.find(
      (c) => c.articleId === hit.passage.article.id && c.passage === hit.passage.paragraph.number,
    );
    if (existing) return existing;
    const citation = citeHit(hit, citations.length + 1);
    citations.push(citation);
    return citation;
  };
  const sentences: QuotedSentence[] = chosen.map(({ hit, sentence }) => {
    const focus = focusSentence(sentence.text, weightOf, settings.maxSentenceChars);
    const quoted: QuotedSentence = {
      text: sentence.text.slice(focus.start, focus.end),
      start: sentence.start + focus.start,
      end: sentence.start + focus.end,
      citation: citationFor(hit).number,
    };
    if (focus.cutBefore) quoted.cutBefore = true;
    if (focus.cutAfter) quoted.cutAfter = true;
    const keyPhrases = locateKeyPhrases(query.type, quoted.text, query.lowerWords);
    if (keyPhrases.length > 0) quoted.keyPhrases = keyPhrases;
    return quoted;
  });
  for (const hit of rankSupport(candidates, settings.secondSentenceSupport)) {
    if (citations.length >= settings.maxCitations) break;
    citationFor(hit);
  }

  const [top] = chosen as [Candidate];
  const rival = candidates.find((c) => c.hit !== top.hit);
  const signals: ConfidenceSignals = {
    coverage,
    sentenceScore: top.score,
    margin: top.score - (rival?.score ?? 0),
    typeFit: sentenceFitsType(query.type, top.sentence.text, query.lowerWords) ? 1 : 0,
    topPassage: top.hit === best ? 1 : 0,
  };
  const confidence = estimateConfidence(signals);
  const confidenceLevel = levelOf(confidence);
  const hedged = confidenceLevel === 'low';
  const text = hedged ? `${UNSURE_PREFIX}${joinCited(sentences)}` : joinCited(sentences);
  return {
    ...base,
    found: true,
    ...(hedged ? { hedged } : {}),
    text,
    sentences,
    citations,
    coverage,
    confidence,
    confidenceLevel,
    signals,
  };
}

function readQuery(index: PassageIndex, question: string): Query {
  const seen = new Set<string>();
  const words: string[] = [];
  const sequence: string[] = [];
  for (const word of tokenize(question.slice(0, MAX_QUESTION_CHARS))) {
    const term = processTerm(word);
    if (!term) continue;
    sequence.push(term);
    if (seen.has(term) || words.length === MAX_QUERY_WORDS) continue;
    seen.add(term);
    words.push(word);
  }
  const terms = [...seen];
  return {
    words,
    terms,
    termSet: seen,
    bigrams: bigramsOf(sequence),
    weight: terms.reduce((sum, term) => sum + index.idf(term), 0),
    type: questionType(question),
    lowerWords: new Set(tokenize(question).map((word) => word.toLowerCase())),
  };
}

/**
 * The weight of each word for telling candidate sentences apart: its rarity in the corpus
 * (idf), scaled down by `localRarity` as more of the candidate paragraphs contain it.
 * Words outside the question weigh nothing.
 */
function termWeights(
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

function scoreSentences(
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

/** Days after which a found article counts half as fresh as the newest one found. */
const FRESHNESS_HALF_LIFE_DAYS = 30;

/** How new each hit's article is next to the newest article among the hits (0–1; undated 0). */
function freshnessAmong(hits: readonly PassageHit[]): (hit: PassageHit) => number {
  const newest = Math.max(...hits.map((hit) => hit.passage.article.published?.day ?? -Infinity));
  return (hit) => {
    const day = hit.passage.article.published?.day;
    return day === undefined ? 0 : 0.5 ** ((newest - day) / FRESHNESS_HALF_LIFE_DAYS);
  };
}

/** Each hit's article's share of the hits' summed search score (0–1). */
function articleSupport(hits: readonly PassageHit[]): (hit: PassageHit) => number {
  const byArticle = new Map<unknown, number>();
  let total = 0;
  for (const hit of hits) {
    byArticle.set(hit.passage.article, (byArticle.get(hit.passage.article) ?? 0) + hit.score);
    total += hit.score;
  }
  return (hit) => (total > 0 ? (byArticle.get(hit.passage.article) ?? 0) / total : 0);
}

/** Share of the question's weight that a passage (or its headline) matched. */
function coverageOf(index: PassageIndex, query: Query, hit: PassageHit): number {
  const matched = new Set(hit.queryTerms);
  let sum = 0;
  for (const term of query.terms) {
    if (matched.has(term) || index.passageHasTerm(hit.passage, term)) sum += index.idf(term);
  }
  return Math.min(1, sum / query.weight);
}

/**
 * The question's words worth searching for: the rarest first, until the postings the search
 * visits for them add up to `maxPostings` (the two rarest always, and any word the articles lack,
 * for typo matching). A search's time grows with the postings it visits, so common words
 * would make it slow on a large archive while ranking little; they still count when sentences
 * are scored.
 */
function selectiveWords(index: PassageIndex, query: Query, maxPostings: number): string[] {
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

function chooseSentences(candidates: Candidate[], settings: Settings): Candidate[] {
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

function bigramsOf(terms: readonly string[]): Set<string> {
  const bigrams = new Set<string>();
  for (let i = 1; i < terms.length; i++) bigrams.add(`${terms[i - 1]} ${terms[i]}`);
  return bigrams;
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

function citeHit(hit: PassageHit, number: number): Citation {
  return makeCitation(hit.passage.article, hit.passage.paragraph, number, hit.score);
}

function notFoundText(articleCount: number, closest?: Passage, scope?: string): string {
  const articles = scope
    ? `the ${articleCount === 1 ? 'article' : `${articleCount} articles`} published ${scope}`
    : articleCount === 1
      ? 'the article I have'
      : `the ${articleCount} articles I have`;
  const base = `I couldn't find an answer to that in ${articles}.`;
  return closest ? `${base} The closest match is "${closest.article.title}".` : base;
}
