import type { PassageHit, PassageIndex, PassageSearchOptions } from '../search/PassageIndex.js';
import { wordVectors } from '../search/wordVectors.js';
import { formatDay } from '../time/calendarDay.js';
import { answerLatest } from './answerLatest.js';
import { type AnswerOptions, resolveSettings } from './answerSettings.js';
import { candidateSentences } from './candidateSentences.js';
import { citeHit, notFoundText, quoteAnswer } from './composeAnswer.js';
import { countedTerms, namesCountedThing } from './countedThing.js';
import { estimateConfidence, levelOf } from './estimateConfidence.js';
import { coverageOf, findPassages } from './findPassages.js';
import { joinCited } from './joinCited.js';
import { sentenceFitsType } from './questionType.js';
import { MAX_QUESTION_CHARS, readQuery } from './readQuery.js';
import { subjectShare } from './readSubjects.js';
import { asksForAnyNews, scopeQuestion } from './scopeQuestion.js';
import { type Candidate, chooseSentences, relationCoverage, topShare } from './scoreSentences.js';
import type { Answer, ConfidenceSignals } from './types.js';

export type { AnswerOptions, SentenceWeights } from './answerSettings.js';

/** How an answer of low confidence begins. */
const UNSURE_PREFIX = "I'm not sure, but the closest passage says: ";

/**
 * Answers a question from the index with the best sentence or two of the best passages, each
 * cited to its article and paragraph. When the best passage covers too little of what the
 * question asks, the answer says so (`found: false`) and lists the closest passages instead of
 * quoting a sentence that only shares a word with the question.
 *
 * The stages, in the order the data flows, each in a file of its own: read the question
 * (readQuery), find the passages (findPassages), choose the story (chooseStory), score the
 * sentences (scoreSentences), compose the answer (composeAnswer), estimate the confidence
 * (estimateConfidence).
 */
export function answerQuestion(
  index: PassageIndex,
  question: string,
  options: AnswerOptions = {},
): Answer {
  return answerWithEvidence(index, question, options).answer;
}

/** What an answer was chosen from: a second composer reads the same passages. */
export interface Evidence {
  /** The passages found, best first. */
  hits: readonly PassageHit[];
  /** Their sentences, scored for the question, best first. */
  candidates: readonly Candidate[];
}

const NO_EVIDENCE: Evidence = { hits: [], candidates: [] };

/** {@link answerQuestion}'s answer together with the passages and sentences it chose from. */
export function answerWithEvidence(
  index: PassageIndex,
  question: string,
  options: AnswerOptions = {},
): { answer: Answer; evidence: Evidence } {
  const settings = resolveSettings(options);
  const scoped = scopeQuestion(index, question.slice(0, MAX_QUESTION_CHARS), options.viewer);
  const articlesSearched = scoped.articleCount;
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
    const answer: Answer = {
      ...base,
      found: false,
      reason: 'none-in-range',
      text: `None of the articles was published ${scoped.reported.label}. They run from ${formatDay(span.first)} to ${formatDay(span.last)}.`,
      citations: [],
      coverage: 0,
    };
    return { answer, evidence: NO_EVIDENCE };
  }

  const query = readQuery(index, scoped.text);
  if (scoped.scope && asksForAnyNews(query.terms)) {
    return { answer: answerLatest(question, scoped, settings.maxCitations), evidence: NO_EVIDENCE };
  }
  if (query.words.length === 0) {
    const answer: Answer = {
      ...base,
      found: false,
      reason: 'empty-question',
      text: 'Ask me a question about the articles, in a few words.',
      citations: [],
      coverage: 0,
    };
    return { answer, evidence: NO_EVIDENCE };
  }

  const search = preferring(scoped.search, options.preferArticles, settings.preferredBoost);
  const hits = findPassages(index, query, settings.passagesRead, settings.maxPostings, search);
  // The related words' search adds to the plain one's passages rather than replacing them:
  // on the news set's development part, replacing lost four gold answers for one it found.
  if (options.relatedWords) {
    const seen = new Set(hits.map((h) => h.passage.id));
    const related = { ...search, related: options.relatedWords };
    for (const hit of findPassages(
      index,
      query,
      settings.passagesRead,
      settings.maxPostings,
      related,
    ))
      if (!seen.has(hit.passage.id)) hits.push(hit);
  }
  const best = hits[0];
  if (!best) {
    const answer: Answer = {
      ...base,
      found: false,
      reason: 'no-match',
      text: notFoundText(articlesSearched, undefined, scoped.reported?.label),
      citations: [],
      coverage: 0,
    };
    return { answer, evidence: NO_EVIDENCE };
  }

  const { candidates, weightOf, subjects } = candidateSentences(
    index,
    query,
    hits,
    settings,
    scoped.text,
    scoped.scope?.recent === true,
  );
  const chosen = chooseSentences(candidates, settings);
  const answerHit = chosen[0]?.hit ?? best;
  const coverage = coverageOf(index, query, answerHit);
  const evidence: Evidence = { hits, candidates };
  if (chosen.length === 0 || coverage < settings.minCoverage) {
    const answer: Answer = {
      ...base,
      found: false,
      reason: 'weak-match',
      text: notFoundText(articlesSearched, best.passage, scoped.reported?.label),
      citations: hits.slice(0, settings.maxCitations).map((hit, i) => citeHit(hit, i + 1)),
      coverage,
    };
    return { answer, evidence };
  }

  const { sentences, citations } = quoteAnswer(chosen, candidates, query, weightOf, settings);

  const [top] = chosen as [Candidate];
  const rival = candidates.find((c) => c.hit !== top.hit);
  const signals: ConfidenceSignals = {
    coverage,
    sentenceScore: top.score,
    margin: top.score - (rival?.score ?? 0),
    typeFit:
      sentenceFitsType(query.type, top.sentence.text, query.lowerWords) &&
      namesCountedThing(index, wordVectors(), countedTerms(scoped.text, subjects), top)
        ? 1
        : 0,
    typed: query.type === 'other' ? 0 : 1,
    topPassage: top.hit === best ? 1 : 0,
    subjects: subjectShare(index, subjects, top.hit.passage.article),
    relation: relationCoverage(index, query, top, subjects),
    share: topShare(candidates),
    soft: top.features.soft,
  };
  const confidence = estimateConfidence(signals);
  const confidenceLevel = levelOf(confidence, signals);
  const hedged = confidenceLevel === 'low';
  const text = hedged ? `${UNSURE_PREFIX}${joinCited(sentences)}` : joinCited(sentences);
  const answer: Answer = {
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
  return { answer, evidence };
}

/** The search options with the preferred articles' passages boosted. */
export function preferring(
  search: PassageSearchOptions,
  articleIds: readonly string[] | undefined,
  factor: number,
): PassageSearchOptions {
  if (!articleIds?.length || factor === 1) return search;
  const preferred = new Set(articleIds);
  const { boost } = search;
  return {
    ...search,
    boost: (passage) =>
      (boost ? boost(passage) : 1) * (preferred.has(passage.article.id) ? factor : 1),
  };
}
