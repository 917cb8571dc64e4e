import type { QuotedSentence } from './types.js';

/**
 * Joins quoted sentences into reading text, with "…" where part of a sentence was left out
 * and the `[n]` marker after each run of sentences from the same citation.
 */
export function joinCited(sentences: readonly QuotedSentence[]): string {
  return sentences
    .map((s, i) =>
      sentences[i + 1]?.citation === s.citation ? s.text : `${s.text} [${s.citation}]`,
    )
    .join(' ');
}
