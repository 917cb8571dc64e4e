import type { Answer, Citation, Summary } from '../answer/types.js';
import { collectionOf } from '../corpus/collections.js';
import type { Article, ArticleMetadata } from '../corpus/types.js';
import { isoDay } from '../time/calendarDay.js';

/**
 * The JSON CLI's output objects. Tooling outside the project reads these: fields may be added,
 * never renamed or removed. The contract fields come first so the output reads in that order.
 */

/** `ask`: `{question, found, answer, citations}` plus extras. */
export interface AnswerJson {
  id?: unknown;
  question: string;
  found: boolean;
  answer: string;
  citations: CitationJson[];
  reason?: string;
  hedged?: boolean;
  coverage: number;
  /** Estimated chance (0–1) that the answer holds what was asked. */
  confidence: number;
  /** `high`, `medium` or `low`; a low answer's text says it is unsure. */
  confidenceLevel: string;
  /** The question's time words as applied: `{label, recent, from?, to?}`. */
  scope?: { label: string; recent: boolean; from?: string; to?: string };
  sentences: {
    text: string;
    start: number;
    end: number;
    citation: number;
    /** Every citation of a model-written sentence. */
    citations?: number[];
  }[];
  articlesSearched: number;
  /** `llm` when a language model wrote the answer from the passages, else `extractive`. */
  composer: 'llm' | 'extractive';
  /** Why the quoted answer was given when a model answer was wanted. */
  fallbackReason?: string;
  /** A line for the reader on how the answer was made. */
  note?: string;
  /** The model that answered, and its token counts. */
  model?: string;
  usage?: { promptTokens: number; completionTokens: number };
  /** The version of the model's instructions, when a model was asked. */
  promptVersion?: string;
  /** In a conversation, the question as understood, when it differs from the one typed. */
  standaloneQuestion?: string;
}

/** A citation: `{articleId, title, passage, quote, score}` plus extras. */
export interface CitationJson {
  articleId: string;
  title: string;
  passage: number;
  quote: string;
  score: number;
  number: number;
  start: number;
  end: number;
  heading?: string;
  url?: string;
  published?: string;
  date?: string;
  source?: string;
  /** Whose collection the article is in: `"shared"`, or the id of the server that added it. */
  scope: string;
  /** The sentence of the paragraph that best supports a model-written claim. */
  support?: { text: string; start: number; end: number };
}

/** Renders an answer; `id` is echoed first when the question came with one (`--jsonl`). */
export function renderAnswerJson(answer: Answer, id?: unknown): AnswerJson {
  const json: AnswerJson = {
    ...(id === undefined ? {} : { id }),
    question: answer.question,
    found: answer.found,
    answer: answer.text,
    citations: answer.citations.map(renderCitationJson),
    coverage: Math.round(answer.coverage * 1000) / 1000,
    confidence: answer.confidence,
    confidenceLevel: answer.confidenceLevel,
    sentences: answer.sentences.map(({ text, start, end, citation, citations }) => ({
      text,
      start,
      end,
      citation,
      ...(citations ? { citations } : {}),
    })),
    articlesSearched: answer.articlesSearched,
    composer: answer.composer ?? 'extractive',
  };
  if (answer.reason) json.reason = answer.reason;
  if (answer.hedged) json.hedged = true;
  if (answer.scope) json.scope = answer.scope;
  if (answer.fallbackReason) json.fallbackReason = answer.fallbackReason;
  if (answer.note) json.note = answer.note;
  if (answer.model) json.model = answer.model;
  if (answer.usage) json.usage = answer.usage;
  if (answer.promptVersion) json.promptVersion = answer.promptVersion;
  if (answer.standaloneQuestion) json.standaloneQuestion = answer.standaloneQuestion;
  return json;
}

/** `summary`: `{articleId, title, summary, citations}` plus extras. */
export function renderSummaryJson(summary: Summary) {
  return {
    articleId: summary.articleId,
    title: summary.title,
    summary: summary.text,
    citations: summary.citations.map(renderCitationJson),
    sentences: summary.sentences.map(({ text, start, end, citation }) => ({
      text,
      start,
      end,
      citation,
    })),
  };
}

/** `source`: `{articleId, title, text, metadata}` plus extras. */
export function renderSourceJson(article: Article) {
  return {
    articleId: article.id,
    title: article.title,
    text: article.text,
    metadata: article.metadata as ArticleMetadata,
    ...datePart(article),
    path: article.path,
    paragraphs: article.paragraphs.map(({ number, kind, start, end }) => ({
      number,
      kind,
      start,
      end,
    })),
  };
}

/** `articles`: one `{articleId, title, metadata}` per article plus extras. */
export function renderArticleJson(article: Article) {
  return {
    articleId: article.id,
    title: article.title,
    metadata: article.metadata as ArticleMetadata,
    ...datePart(article),
    path: article.path,
  };
}

/** `date`: the publication day as an ISO date, when the article has a valid one. */
function datePart(article: Article): { date?: string } {
  return article.published ? { date: isoDay(article.published.day) } : {};
}

function renderCitationJson(citation: Citation): CitationJson {
  const { number, articleId, title, passage, quote, score, start, end, ...optional } = citation;
  return {
    articleId,
    title,
    passage,
    quote,
    score,
    number,
    start,
    end,
    ...optional,
    scope: collectionOf(articleId) ?? 'shared',
  };
}
