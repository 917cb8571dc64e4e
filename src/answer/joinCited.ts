import type { QuotedSentence } from './types.js';

/**
 * Joins quoted sentences into reading text, with "…" where part of a sentence was left out
 * and the `[n]` marker after each run of sentences from the same citation.
 */
export function joinCited(sentences: readonly QuotedSentence[]): string {
  return sentences
    .map((s, i) => (sameCitations(s, sentences[i + 1]) ? s.text : `${s.text} ${citationMarks(s)}`))
    .join(' ');
}

/** The `[n]` markers of a sentence: `[1]`, or `[1][3]` for a model's sentence citing two. */
export function citationMarks(sentence: QuotedSentence): string {
  return (sentence.citations ?? [sentence.citation]).map((n) => `[${n}]`).join('');
}

/** Whether the next sentence cites exactly what this one does, so one marker serves both. */
export function sameCitations(sentence: QuotedSentence, next: QuotedSentence | undefined): boolean {
  return next !== undefined && citationMarks(next) === citationMarks(sentence);
}
