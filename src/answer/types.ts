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
  /** The article's publication day (ISO date), when it has a valid one. */
  date?: string;
  source?: string;
  /**
   * For a model-written answer: the sentence of this paragraph that best supports the claim
   * citing it, with its offsets in the article text.
   */
  support?: { text: string; start: number; end: number };
}

/** One quoted sentence of an answer or summary and the citation it comes from. */
export interface QuotedSentence {
  text: string;
  /** Offsets of the sentence in its article's text. */
  start: number;
  end: number;
  /** The `number` of the citation this sentence comes from (the first, when it cites several). */
  citation: number;
  /** Every citation a model-written sentence carries, in the order it gives them. */
  citations?: number[];
  /** Part of a long sentence was left out before or after `text` (shown as "…"). */
  cutBefore?: boolean;
  cutAfter?: boolean;
  /** Ranges of `text` that probably hold the fact asked for (shown in bold where possible). */
  keyPhrases?: { start: number; end: number }[];
}

/** Why a question got no answer. */
export type NoAnswerReason =
  | 'empty-question'
  | 'no-match'
  | 'weak-match'
  | 'none-in-range'
  /** The language model read the passages and found no answer in them. */
  | 'declined';

/** Who wrote an answer: quoted from the articles, or by a language model from them. */
export type Composer = 'extractive' | 'llm';

/**
 * Why a model-written answer was wanted but the quoted one was given: the model took too long,
 * failed, was rate-limited, wrote nothing the passages support, was paused after repeated
 * failures, a limit or the daily token budget was reached, or it declined while the quoted
 * answer was sure.
 */
export type FallbackReason =
  | 'timeout'
  | 'error'
  | 'rate-limited'
  | 'ungrounded'
  | 'circuit-open'
  | 'budget'
  | 'declined';

/** The time words of a question, as the answer applied them. */
export interface AnswerScope {
  /** How the scope reads to a person: "latest", "in Mar 2005", "since 1 Jan 2005". */
  label: string;
  /** Newer articles were preferred. */
  recent: boolean;
  /** First and last publication day searched (ISO dates), when the question named a range. */
  from?: string;
  to?: string;
}

/** What an answer's confidence is estimated from; each is measured while choosing the answer. */
export interface ConfidenceSignals {
  /** Share (0–1) of the question's weight that the answer's paragraph covers. */
  coverage: number;
  /** The chosen sentence's score. */
  sentenceScore: number;
  /** How far the chosen sentence leads the best sentence of any other paragraph. */
  margin: number;
  /**
   * 1 when the sentence holds the kind of fact asked for (a number for "how many", …) and, for
   * "how many", names what is counted (see `namesCountedThing`).
   */
  typeFit: number;
  /** 1 when the question asks for a kind of fact at all (a number, a date, a name…). */
  typed: number;
  /** 1 when the sentence comes from the paragraph search ranked first. */
  topPassage: number;
  /** Share (0–1) of the question's named subjects that the answer's article names. */
  subjects: number;
  /**
   * Share (0–1) of the question's other words (what it asks about the subjects) found in the
   * answer sentence or a neighbour: a sentence that only names the subject says nothing of it.
   */
  relation: number;
  /** The chosen sentence's share of the candidates by the scorer (see `topShare`). */
  share: number;
  /** How much of what the question asks the sentence holds, word for word or in meaning. */
  soft: number;
}

/** How sure an answer is, in words a reader can act on. */
export type ConfidenceLevel = 'high' | 'medium' | 'low';

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
  /** Estimated chance (0–1) that the answer holds what was asked, calibrated on SQuAD. */
  confidence: number;
  /** {@link Answer.confidence} in three steps; a low answer is worded as unsure. */
  confidenceLevel: ConfidenceLevel;
  /** How many articles the question was searched in (those in its date range, if it named one). */
  articlesSearched: number;
  /** The question's time words, when it had any and the articles are dated. */
  scope?: AnswerScope;
  /** What {@link Answer.confidence} was estimated from (for calibration and debugging). */
  signals?: ConfidenceSignals;
  /** Who wrote the answer; quoted (`extractive`) when not set. */
  composer?: Composer;
  /** Set when a model answer was wanted but the quoted one is given instead. */
  fallbackReason?: FallbackReason;
  /** A short line for the reader about how the answer was made ("The model was unavailable…"). */
  note?: string;
  /** The model that wrote the answer, and the tokens it took, when one did. */
  model?: string;
  usage?: { promptTokens: number; completionTokens: number };
  /** The version of the instructions the model was given (see `src/model/prompt.ts`). */
  promptVersion?: string;
  /**
   * In a conversation, the question as it was understood, with what carried over from the
   * questions before, when that differs from `question` as typed.
   */
  standaloneQuestion?: string;
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
  /** The article's publication day (ISO date), when it has a valid one. */
  date?: string;
  url?: string;
}
