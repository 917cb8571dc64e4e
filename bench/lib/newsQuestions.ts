import { cp, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type AnswerOptions, answerQuestion } from '../../src/answer/answerQuestion.js';
import { resolveSettings } from '../../src/answer/answerSettings.js';
import type { Answer } from '../../src/answer/types.js';
import type { Corpus } from '../../src/corpus/types.js';
import { renderAnswerJson } from '../../src/render/renderJson.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { PlainMiniSearchBaseline } from './baselines.js';
import { candidatesFor } from './candidatesFor.js';
import { containsAnswer } from './squadMetrics.js';

/** One question of the news set (bench/data/news-questions.jsonl; see its README). */
export interface NewsQuestion {
  id: string;
  question: string;
  /** The article the question is about, or, when unanswerable, the one it sounds as if it were. */
  articleId: string;
  /** Verbatim spans of the article that answer it; none when the articles cannot answer it. */
  answers: string[];
  answerable: boolean;
  /** It shares at most one content word with the sentence that holds its answer. */
  paraphrased: boolean;
  /** `heldout` questions are about articles that development never looks at. */
  part: 'dev' | 'heldout';
}

/** Reads the news question set, one JSON object per line. */
export async function readNewsQuestions(file: string): Promise<NewsQuestion[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as NewsQuestion);
}

/** The folder the news questions are asked of: the BBC articles and the seed, side by side. */
export async function writeNewsCorpus(bbcArticles: string, seeds: string, target: string) {
  await mkdir(target, { recursive: true });
  await cp(bbcArticles, target, { recursive: true });
  await cp(seeds, target, { recursive: true });
}

/** What one system did on one group of news questions. */
export interface NewsFigures {
  questions: number;
  answerable: number;
  /** Answerable questions whose answer's first 300 characters hold a gold answer. */
  answerAt1: number;
  /** Answerable questions with a gold answer in one of the first three cited paragraphs. */
  evidenceAt3: number;
  /** Answerable questions answered "not found". */
  refused: number;
  unanswerable: number;
  /** Unanswerable questions answered "not found" or with the hedged "I'm not sure, but…". */
  declined: number;
  /** Unanswerable questions answered with high confidence. */
  confidentlyWrong: number;
  /** Answers labelled high, and the share of them that held a gold answer. */
  high: number;
  highCorrect: number;
  /**
   * The ceiling of choosing a sentence (newsdesk only): shares of the answerable questions
   * whose candidate sentences, best first as scored, hold a gold answer in the first one, the
   * first three, the first eight or any of them.
   */
  answerRanked: { first: number; top3: number; top8: number; any: number };
}

type Outcome = {
  question: NewsQuestion;
  /** The answer's confidence signals, when it was found (newsdesk only). */
  signals?: Record<string, number>;
  correct: boolean;
  evidence: boolean;
  found: boolean;
  hedged: boolean;
  high: boolean;
  /**
   * Where the first candidate sentence holding a gold answer ranks (1 for the best), 0 when
   * none does (newsdesk only).
   */
  answerRank?: number;
};

/** Whether the answer's sentence ranked among the first `k` candidates. */
const rankedWithin =
  (k: number) =>
  ({ answerRank = 0 }: Outcome): boolean =>
    answerRank >= 1 && answerRank <= k;

/** Sums outcomes into figures (shares of the answerable or unanswerable questions). */
export function newsFigures(outcomes: readonly Outcome[]): NewsFigures {
  const answerable = outcomes.filter((o) => o.question.answerable);
  const unanswerable = outcomes.filter((o) => !o.question.answerable);
  const share = (part: readonly Outcome[], test: (o: Outcome) => boolean) =>
    part.length === 0 ? 0 : part.filter(test).length / part.length;
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    answerAt1: share(answerable, (o) => o.correct),
    evidenceAt3: share(answerable, (o) => o.evidence),
    refused: share(answerable, (o) => !o.found),
    unanswerable: unanswerable.length,
    declined: share(unanswerable, (o) => !o.found || o.hedged),
    confidentlyWrong: share(unanswerable, (o) => o.found && o.high),
    high: outcomes.filter((o) => o.high).length,
    highCorrect: share(
      outcomes.filter((o) => o.high),
      (o) => o.correct,
    ),
    answerRanked: {
      first: share(answerable, rankedWithin(1)),
      top3: share(answerable, rankedWithin(3)),
      top8: share(answerable, rankedWithin(8)),
      any: share(answerable, rankedWithin(Number.POSITIVE_INFINITY)),
    },
  };
}

/**
 * How newsdesk answers each news question, and where the sentence holding the answer ranked
 * among those it chose from.
 */
export function askNewsdesk(
  index: PassageIndex,
  questions: readonly NewsQuestion[],
  options: AnswerOptions = {},
): Outcome[] {
  const settings = resolveSettings({});
  return questions.map((question) => {
    const answer = answerQuestion(index, question.question, options);
    const candidates = candidatesFor(index, question.question, settings);
    const answerRank =
      1 + candidates.findIndex((c) => containsAnswer(c.sentence.text, question.answers));
    return {
      answerRank,
      ...judgeAnswer(question, answer),
      ...(answer.found && answer.signals ? { signals: { ...answer.signals } } : {}),
    };
  });
}

/**
 * How one answer to a news question is judged, whoever composed it: a gold answer in its first
 * 300 characters, or in one of its first three cited paragraphs (their first 1,000).
 */
export function judgeAnswer(question: NewsQuestion, answer: Answer): Outcome {
  const json = renderAnswerJson(answer, question.id);
  return {
    question,
    correct: containsAnswer(json.answer.slice(0, 300), question.answers),
    evidence: json.citations
      .slice(0, 3)
      .some((c) => containsAnswer(c.quote.slice(0, 1000), question.answers)),
    found: answer.found,
    hedged: answer.hedged === true,
    high: answer.found && answer.confidenceLevel === 'high',
  };
}

/** How plain minisearch answers them: it never declines unless nothing matches at all. */
export function askPlainMiniSearch(corpus: Corpus, questions: readonly NewsQuestion[]): Outcome[] {
  const baseline = new PlainMiniSearchBaseline(corpus);
  return questions.map((question) => {
    const { answer, passages } = baseline.ask(question.question);
    return {
      question,
      correct: containsAnswer(answer.slice(0, 300), question.answers),
      evidence: passages.some((p) => containsAnswer(p.text.slice(0, 1000), question.answers)),
      found: answer !== '',
      hedged: false,
      // It has no confidence; the benchmark prints none for it.
      high: false,
    };
  });
}

/** The groups the benchmark reports: each part, and each part's paraphrased questions. */
export function newsGroups(questions: readonly NewsQuestion[]) {
  const of = (part: NewsQuestion['part']) => questions.filter((q) => q.part === part);
  return [
    ['dev', of('dev')],
    ['dev, paraphrased', of('dev').filter((q) => q.paraphrased)],
    ['held out', of('heldout')],
    ['held out, paraphrased', of('heldout').filter((q) => q.paraphrased)],
  ] as const;
}

/** Where the news set is kept. */
export const NEWS_QUESTIONS_FILE = path.join('bench', 'data', 'news-questions.jsonl');
