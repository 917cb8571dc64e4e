import type { Sentence } from '../corpus/types';
import { analyzeText, processTerm, tokenize } from '../search/analyzeText';
import type { Passage, PassageHit, PassageIndex } from '../search/PassageIndex';
import { joinCited } from './joinCited';
import { makeCitation } from './makeCitation';
import { questionType, sentenceFitsType } from './questionType';
import type { Answer, Citation, QuotedSentence } from './types';

/** Options for {@link answerQuestion}; the defaults were measured on the quality benchmark. */
export interface AnswerOptions {
  /** How many of the best passages are read for candidate sentences. */
  passagesRead?: number;
  /** How many passages are cited at most (answer sentences first, then the next best). */
  maxCitations?: number;
  /** Below this share of the question's weight matched, the answer is "not found". */
  minCoverage?: number;
  /** A second sentence is added when it scores at least this share of the best one. */
  secondSentenceRatio?: number;
  /** The answer text stays under this many characters when a second sentence is added. */
  maxAnswerChars?: number;
  weights?: {
    /** Question words found in the sentence. */
    sentenceOverlap?: number;
    /** Question words found in the sentences beside it. */
    neighbourOverlap?: number;
    /** The paragraph's own search score, relative to the best. */
    passageScore?: number;
    /** The sentence holds the kind of fact asked for (a number for "how many", …). */
    typeFit?: number;
  };
}

const DEFAULTS = {
  passagesRead: 8,
  maxCitations: 3,
  minCoverage: 0.5,
  secondSentenceRatio: 0.85,
  maxAnswerChars: 450,
  weights: { sentenceOverlap: 1, neighbourOverlap: 0.25, passageScore: 0.4, typeFit: 0.2 },
};

/** Questions are cut to this length: longer text cannot be a question and would only cost time. */
const MAX_QUESTION_CHARS = 1000;
/** At most this many distinct words of a question are searched for. */
const MAX_QUERY_WORDS = 32;

interface Candidate {
  hit: PassageHit;
  sentence: Sentence;
  score: number;
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
  const settings = {
    ...DEFAULTS,
    ...options,
    weights: { ...DEFAULTS.weights, ...options.weights },
  };
  const articlesSearched = index.articleCount;
  const base = { question, sentences: [], articlesSearched };

  const words = queryWords(question);
  if (words.length === 0) {
    return {
      ...base,
      found: false,
      reason: 'empty-question',
      text: 'Ask me a question about the articles, in a few words.',
      citations: [],
      coverage: 0,
    };
  }
  const terms = [...new Set(words.map((word) => processTerm(word) as string))];
  const questionWeight = sum(terms.map((term) => index.idf(term)));

  const hits = index.search(words.join(' '), settings.passagesRead);
  const best = hits[0];
  const coverage = best
    ? Math.min(1, sum([...new Set(best.queryTerms)].map((t) => index.idf(t))) / questionWeight)
    : 0;
  if (!best || coverage < settings.minCoverage) {
    return {
      ...base,
      found: false,
      reason: best ? 'weak-match' : 'no-match',
      text: notFoundText(articlesSearched, best?.passage),
      citations: hits.slice(0, settings.maxCitations).map((hit, i) => citeHit(hit, i + 1)),
      coverage,
    };
  }

  const questionWords = new Set(tokenize(question).map((word) => word.toLowerCase()));
  const type = questionType(question);
  const candidates: Candidate[] = [];
  for (const hit of hits) {
    const matched = new Set(hit.terms);
    const overlap = (sentence: Sentence | undefined) =>
      sentence
        ? Math.min(
            1,
            sum(
              [...new Set(analyzeText(sentence.text))]
                .filter((t) => matched.has(t))
                .map((t) => index.idf(t)),
            ) / questionWeight,
          )
        : 0;
    const sentences = hit.passage.paragraph.sentences;
    sentences.forEach((sentence, i) => {
      const neighbours = Math.max(overlap(sentences[i - 1]), overlap(sentences[i + 1]));
      const fit = sentenceFitsType(type, sentence.text, questionWords) ? 1 : 0;
      const score =
        settings.weights.sentenceOverlap * overlap(sentence) +
        settings.weights.neighbourOverlap * neighbours +
        settings.weights.passageScore * (hit.score / best.score) +
        settings.weights.typeFit * fit;
      candidates.push({ hit, sentence, score });
    });
  }
  candidates.sort((a, b) => b.score - a.score);

  const chosen = chooseSentences(candidates, settings);
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
  const sentences: QuotedSentence[] = chosen.map(({ hit, sentence }) => ({
    text: sentence.text,
    start: sentence.start,
    end: sentence.end,
    citation: citationFor(hit).number,
  }));
  for (const hit of hits) {
    if (citations.length >= settings.maxCitations) break;
    citationFor(hit);
  }

  return {
    ...base,
    found: true,
    text: joinCited(sentences),
    sentences,
    citations,
    coverage,
  };
}

/** The question's searchable words: stop words dropped, duplicates and excess removed. */
function queryWords(question: string): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const word of tokenize(question.slice(0, MAX_QUESTION_CHARS))) {
    const term = processTerm(word);
    if (!term || seen.has(term)) continue;
    seen.add(term);
    words.push(word);
    if (words.length === MAX_QUERY_WORDS) break;
  }
  return words;
}

function chooseSentences(candidates: Candidate[], settings: typeof DEFAULTS): Candidate[] {
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

function citeHit(hit: PassageHit, number: number): Citation {
  return makeCitation(hit.passage.article, hit.passage.paragraph, number, hit.score);
}

function notFoundText(articleCount: number, closest: Passage | undefined): string {
  const articles =
    articleCount === 1 ? 'the article I have' : `the ${articleCount} articles I have`;
  const base = `I couldn't find an answer to that in ${articles}.`;
  return closest ? `${base} The closest match is "${closest.article.title}".` : base;
}

function sum(values: number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
