/**
 * What the core answers with: plain data, ready for any renderer (Discord embed, console text,
 * JSON). Renderers never look anything up; everything they show is here.
 */

/** A numbered reference to one paragraph of one article. */
export interface Citation {
  /** The `[n]` marker used in the answer text, from 1. */
  number: number;
  articleId: string;
  title: string;
  /** The paragraph number within the article (headline excluded, headings included). */
  passage: number;
  /** The cited paragraph, exactly as in the article. */
  quote: string;
  /** Search score of the paragraph; higher is a better match. */
  score: number;
  /** Offsets of the paragraph in the article text. */
  start: number;
  end: number;
  heading?: string;
  url?: string;
  published?: string;
  source?: string;
}

/** One quoted sentence of an answer or summary and the citation it comes from. */
export interface QuotedSentence {
  text: string;
  /** Offsets of the sentence in its article's text. */
  start: number;
  end: number;
  /** The `number` of the citation this sentence comes from. */
  citation: number;
  /** Part of a long sentence was left out before or after `text` (shown as "…"). */
  cutBefore?: boolean;
  cutAfter?: boolean;
  /** Ranges of `text` that probably hold the fact asked for (shown in bold where possible). */
  keyPhrases?: { start: number; end: number }[];
}

/** Why a question got no answer. */
export type NoAnswerReason = 'empty-question' | 'no-match' | 'weak-match';

/** The answer to one question. */
export interface Answer {
  question: string;
  found: boolean;
  reason?: NoAnswerReason;
  /** The best paragraph matches only part of the question: the text says the answer is unsure. */
  hedged?: boolean;
  /** The text shown to the reader: the quoted sentences with `[n]` markers, or why there is none. */
  text: string;
  sentences: QuotedSentence[];
  /** The cited paragraphs; when nothing was found, the closest ones. */
  citations: Citation[];
  /** Share (0–1) of the question's weight that the best paragraph covers. */
  coverage: number;
  articlesSearched: number;
}

/** An extractive summary of one article. */
export interface Summary {
  articleId: string;
  title: string;
  /** The chosen sentences, in article order, with `[n]` markers. */
  text: string;
  sentences: QuotedSentence[];
  citations: Citation[];
}

/** A one-line entry per article, for a summary of the whole collection. */
export interface DigestEntry {
  articleId: string;
  title: string;
  /** The article's opening sentence, the usual news lead. */
  lead: string;
  published?: string;
  url?: string;
}
