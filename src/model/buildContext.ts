import type { Evidence } from '../answer/answerQuestion.js';
import type { Answer } from '../answer/types.js';
import type { Article, Paragraph } from '../corpus/types.js';
import { formatIsoDay, isoDay } from '../time/calendarDay.js';
import { PROMPT, passageHeading, userMessage } from './prompt.js';

/** One numbered passage as the model reads it: a run of neighbouring paragraphs of one article. */
export interface ContextPassage {
  /** `[n]` in the prompt, from 1. */
  number: number;
  article: Article;
  /** The paragraphs sent, in article order, each whole or narrowed to some of its sentences. */
  paragraphs: { paragraph: Paragraph; text: string }[];
  /** The passage as it appears in the prompt, heading included. */
  text: string;
}

/** What the model is sent, and what its reply is checked against. */
export interface ModelContext {
  passages: ContextPassage[];
  messages: { role: 'system' | 'user'; content: string }[];
  /** The prompt's size estimated as its characters / 4, the rule of thumb for English text. */
  promptTokens: number;
  /** How many articles the passages come from. */
  articles: number;
}

/** How the context is chosen; see {@link DEFAULT_CONTEXT}. */
export interface ContextOptions {
  /** How many numbered passages at most (LLM_PASSAGES). */
  passages?: number;
  /** The whole prompt stays under this many tokens (characters / 4). */
  promptTokens?: number;
  /** How many paragraphs a passage is widened by on each side, at most. */
  widen?: number;
  /** A paragraph longer than this is narrowed to the sentences around its best one. */
  maxParagraphChars?: number;
}

/**
 * The defaults, measured with `npm run bench:quality` on the news set's development part:
 * eight passages widened by a paragraph on each side hold the gold answer far more often than
 * the eight best paragraphs alone, in about 2,000 tokens.
 */
export const DEFAULT_CONTEXT: Required<ContextOptions> = {
  passages: 8,
  promptTokens: 3000,
  widen: 1,
  maxParagraphChars: 1500,
};

/** Characters per token, for English prose: the estimate the budget is kept in. */
const CHARS_PER_TOKEN = 4;

/**
 * Chooses what the model reads, for recall rather than for the single best sentence: the
 * model reads, so what matters is whether the fact is anywhere in what it gets.
 * - The quoted answer's paragraphs first, then the paragraphs of the best-scored sentences,
 *   then the rest of the search's hits.
 * - A paragraph found again in a copy of its story is sent once.
 * - Neighbouring paragraphs of one article join into one passage, and each passage is widened
 *   by the paragraphs around it while the budget allows, so it reads whole: answers often sit
 *   in the paragraph after the one that names the subject.
 */
export function buildContext(
  question: string,
  evidence: Evidence,
  quoted: Answer,
  options: ContextOptions = {},
): ModelContext {
  const settings = { ...DEFAULT_CONTEXT, ...options };
  const budget =
    settings.promptTokens * CHARS_PER_TOKEN -
    PROMPT.system.length -
    userMessage([], question).length;
  const bestSentence = bestSentenceOf(evidence);
  const runs: Run[] = [];
  const seenTexts = new Set<string>();
  let used = 0;

  for (const { article, paragraph } of rankedParagraphs(evidence, quoted)) {
    if (seenTexts.has(paragraph.text)) continue;
    const at = runs.find((r) => r.article === article && touches(r, paragraph.number));
    const cost = paragraphText(paragraph, bestSentence, settings).length + 1;
    if (at) {
      if (paragraph.number >= at.from && paragraph.number <= at.to) continue;
      if (used + cost > budget) continue;
      at.from = Math.min(at.from, paragraph.number);
      at.to = Math.max(at.to, paragraph.number);
    } else {
      if (runs.length >= settings.passages) continue;
      const heading = HEADING_ALLOWANCE + article.title.length;
      if (used + cost + heading > budget) continue;
      runs.push({ article, from: paragraph.number, to: paragraph.number });
      used += heading;
    }
    used += cost;
    seenTexts.add(paragraph.text);
  }

  // Widen each run in rank order, the paragraph after first, a step at a time, so every
  // passage gains before any gains twice.
  for (let step = 0; step < settings.widen; step++) {
    for (const run of runs) {
      for (const number of [run.to + 1, run.from - 1]) {
        const paragraph = bodyParagraph(run.article, number);
        if (!paragraph || seenTexts.has(paragraph.text)) continue;
        const cost = paragraphText(paragraph, bestSentence, settings).length + 1;
        if (used + cost > budget) continue;
        run.from = Math.min(run.from, number);
        run.to = Math.max(run.to, number);
        used += cost;
        seenTexts.add(paragraph.text);
      }
    }
  }

  const passages = mergeTouching(runs).map((run, i) =>
    toPassage(run, i + 1, bestSentence, settings),
  );
  const messages = [
    { role: 'system' as const, content: PROMPT.system },
    {
      role: 'user' as const,
      content: userMessage(
        passages.map((p) => p.text),
        question,
      ),
    },
  ];
  const chars = messages.reduce((sum, m) => sum + m.content.length, 0);
  return {
    passages,
    messages,
    promptTokens: Math.ceil(chars / CHARS_PER_TOKEN),
    articles: new Set(runs.map((r) => r.article)).size,
  };
}

/** A passage while it is chosen: paragraphs `from`…`to` of one article. */
interface Run {
  article: Article;
  from: number;
  to: number;
}

/** Room for a passage's number, quotes, date and paragraph numbers around its headline. */
const HEADING_ALLOWANCE = 48;

/**
 * Runs of one article that met as they were widened, joined into one passage at the place of
 * the better: one story reads as one passage, not as pieces the model must put together.
 */
function mergeTouching(runs: readonly Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const into = merged.find(
      (m) => m.article === run.article && run.from <= m.to + 1 && run.to >= m.from - 1,
    );
    if (into) {
      into.from = Math.min(into.from, run.from);
      into.to = Math.max(into.to, run.to);
    } else merged.push({ ...run });
  }
  // A join may make a run reach another one that was kept apart so far.
  return merged.length < runs.length ? mergeTouching(merged) : merged;
}

function touches(run: Run, number: number): boolean {
  return number >= run.from - 1 && number <= run.to + 1;
}

/** The paragraphs to choose from, best first, each once. */
function* rankedParagraphs(
  evidence: Evidence,
  quoted: Answer,
): Generator<{ article: Article; paragraph: Paragraph }> {
  const byKey = new Map<string, { article: Article; paragraph: Paragraph }>();
  for (const hit of evidence.hits)
    byKey.set(`${hit.passage.article.id}#${hit.passage.paragraph.number}`, hit.passage);
  const given = new Set<string>();
  const keys = [
    ...(quoted.found ? quoted.citations.map((c) => `${c.articleId}#${c.passage}`) : []),
    ...evidence.candidates.map(
      (c) => `${c.hit.passage.article.id}#${c.hit.passage.paragraph.number}`,
    ),
    ...byKey.keys(),
  ];
  for (const key of keys) {
    const found = byKey.get(key);
    if (!found || given.has(key)) continue;
    given.add(key);
    yield found;
  }
}

/** For each paragraph, the sentence of it that scored best for the question. */
function bestSentenceOf(evidence: Evidence): Map<Paragraph, number> {
  const best = new Map<Paragraph, number>();
  for (const candidate of evidence.candidates) {
    const paragraph = candidate.hit.passage.paragraph;
    if (!best.has(paragraph)) best.set(paragraph, paragraph.sentences.indexOf(candidate.sentence));
  }
  return best;
}

function bodyParagraph(article: Article, number: number): Paragraph | undefined {
  const paragraph = article.paragraphs[number - 1];
  return paragraph && paragraph.number === number && paragraph.kind === 'body'
    ? paragraph
    : article.paragraphs.find((p) => p.number === number && p.kind === 'body');
}

/**
 * A paragraph as sent: whole, or, when longer than the limit, the sentences around its best
 * one (verbatim, so a quoted fact is found as the article writes it).
 */
function paragraphText(
  paragraph: Paragraph,
  bestSentence: Map<Paragraph, number>,
  settings: Required<ContextOptions>,
): string {
  if (paragraph.text.length <= settings.maxParagraphChars) return paragraph.text;
  const { sentences } = paragraph;
  const centre = Math.max(0, bestSentence.get(paragraph) ?? 0);
  let from = centre;
  let to = centre;
  let length = sentences[centre]?.text.length ?? 0;
  for (;;) {
    const next = sentences[to + 1];
    const previous = sentences[from - 1];
    if (next && length + next.text.length + 1 <= settings.maxParagraphChars) {
      to++;
      length += next.text.length + 1;
    } else if (previous && length + previous.text.length + 1 <= settings.maxParagraphChars) {
      from--;
      length += previous.text.length + 1;
    } else break;
  }
  if (length === 0) return paragraph.text.slice(0, settings.maxParagraphChars);
  return sentences
    .slice(from, to + 1)
    .map((s) => s.text)
    .join(' ');
}

function toPassage(
  run: Run,
  number: number,
  bestSentence: Map<Paragraph, number>,
  settings: Required<ContextOptions>,
): ContextPassage {
  const paragraphs: ContextPassage['paragraphs'] = [];
  for (let n = run.from; n <= run.to; n++) {
    const paragraph = bodyParagraph(run.article, n);
    if (paragraph)
      paragraphs.push({ paragraph, text: paragraphText(paragraph, bestSentence, settings) });
  }
  const day = run.article.published ? isoDay(run.article.published.day) : undefined;
  const where = run.from === run.to ? `paragraph ${run.from}` : `paragraphs ${run.from}-${run.to}`;
  const heading = passageHeading(
    number,
    run.article.title,
    day ? formatIsoDay(day) : undefined,
    where,
  );
  return {
    number,
    article: run.article,
    paragraphs,
    text: `${heading}\n${paragraphs.map((p) => p.text).join('\n')}`,
  };
}
