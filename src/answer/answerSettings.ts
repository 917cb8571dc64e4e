import type { Viewer } from '../corpus/collections.js';
import type { PassageSearchOptions } from '../search/PassageIndex.js';

/** Options for `answerQuestion`; the defaults were measured on the quality benchmark. */
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
  /**
   * How many of the best candidate sentences are compared with the question in meaning (by
   * word vectors); the rest are scored by the words they share with it.
   */
  softMatched?: number;
  /** How many passages the searched words may match in all, rarest words first. */
  maxPostings?: number;
  weights?: Partial<SentenceWeights>;
  /**
   * Words that also count for each of the question's terms (see
   * `PassageSearchOptions.related`): the passages a second search finds with them join the
   * first search's, after them. None by default: a quoted answer searches by the question's
   * own words, which ranks its best sentence better; a model reads more, so finding the story
   * at all matters more to it.
   */
  relatedWords?: PassageSearchOptions['related'];
  /**
   * Articles to prefer, such as those the question before in a conversation cited: their
   * passages' search scores are multiplied by `preferredBoost`.
   */
  preferArticles?: readonly string[];
  /** How much a preferred article's passages count over the rest. */
  preferredBoost?: number;
  /** Whose collections are searched (see corpus/collections); every article when not given. */
  viewer?: Viewer;
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
  /** The passage's place among the found ones: 1 for the best, 1/2 for the next, … */
  rank: number;
  /** The sentence holds a number, date or name of the kind asked for that the question lacks. */
  fact: number;
  /** How much of the question the sentence before covers: answers often follow their cue. */
  before: number;
  /** Share of the question's named subjects that the sentence's article names. */
  subjectStory: number;
  /** Share of the question's weight in the article's headline: the story is about it. */
  title: number;
  /** The sentence does not open with a quotation mark. */
  unquoted: number;
  /**
   * Share of the question's words other than its subjects that the sentence holds, or comes
   * close to in meaning by the word vectors ("posts" and "jobs"): readers rarely use the
   * article's own words.
   */
  soft: number;
}

export const DEFAULTS = {
  passagesRead: 25,
  maxCitations: 3,
  secondSentenceSupport: 0.6,
  minCoverage: 0.35,
  secondSentenceRatio: 0.7,
  maxAnswerChars: 450,
  maxSentenceChars: 280,
  maxPostings: 30_000,
  softMatched: 8,
  preferredBoost: 2,
  weights: {
    overlap: 2.909,
    bigrams: 2.289,
    pair: 2.831,
    passage: 2.416,
    typeFit: 2.195,
    fuzzyMatch: 0.5,
    localRarity: 0.8,
    recency: 8,
    article: 2.13,
    rank: 0.531,
    fact: 0.926,
    before: 0.52,
    subjectStory: 3.879,
    title: 1.009,
    unquoted: 1.224,
    soft: 3.557,
  } as SentenceWeights,
};
/** Every option with its default filled in. */
export type Settings = typeof DEFAULTS;

/** The options with their defaults, merged in this one place. */
export function resolveSettings(options: AnswerOptions): Settings {
  return { ...DEFAULTS, ...options, weights: { ...DEFAULTS.weights, ...options.weights } };
}
