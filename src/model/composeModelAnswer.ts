import { joinCited } from '../answer/joinCited.js';
import { makeCitation } from '../answer/makeCitation.js';
import type { Answer, Citation, ConfidenceLevel, QuotedSentence } from '../answer/types.js';
import type { Paragraph } from '../corpus/types.js';
import type { ContextPassage } from './buildContext.js';
import type { CheckedSentence } from './checkReply.js';

/**
 * A model's checked sentences as an {@link Answer} of the usual shape. Each `[n]` the model
 * gave names a passage of several paragraphs; the citation is the paragraph of it that shares
 * most words with the sentence, numbered in the order first cited, with `support`, the
 * sentence of that paragraph that does. Citations keep their meaning: `quote` is the whole
 * paragraph, `start`/`end` its offsets and `score` its search score (`scoreOf`; 0 for a
 * paragraph the model read only because it neighbours a found one).
 */
export function composeModelAnswer(
  quoted: Answer,
  checked: readonly CheckedSentence[],
  passages: readonly ContextPassage[],
  allPassed: boolean,
  scoreOf: (articleId: string, paragraph: number) => number = () => 0,
): Pick<Answer, 'text' | 'sentences' | 'citations' | 'confidenceLevel'> {
  const citations: Citation[] = [];
  const sentences: QuotedSentence[] = checked.map((sentence) => {
    const numbers = sentence.passages.map((n) => {
      const passage = passages[n - 1] as ContextPassage;
      const paragraph = closestParagraph(passage, sentence.text);
      let citation = citations.find(
        (c) => c.articleId === passage.article.id && c.passage === paragraph.number,
      );
      if (!citation) {
        citation = makeCitation(
          passage.article,
          paragraph,
          citations.length + 1,
          scoreOf(passage.article.id, paragraph.number),
        );
        const support = closestSentence(paragraph, sentence.text);
        if (support)
          citation.support = { text: support.text, start: support.start, end: support.end };
        citations.push(citation);
      }
      return citation;
    });
    const first = numbers[0] as Citation;
    const at = first.support ?? { start: first.start, end: first.end };
    return {
      text: sentence.text,
      start: at.start,
      end: at.end,
      citation: first.number,
      citations: [...new Set(numbers.map((c) => c.number))],
    };
  });
  return {
    text: joinCited(sentences),
    sentences,
    citations,
    confidenceLevel: levelFor(quoted, allPassed),
  };
}

/**
 * High only when every sentence passed the checks and the search was sure of its answer; a
 * model answer where the quoted one was unsure or not found reads as low.
 */
function levelFor(quoted: Answer, allPassed: boolean): ConfidenceLevel {
  if (allPassed && quoted.found && quoted.confidenceLevel === 'high') return 'high';
  return quoted.found && quoted.confidenceLevel !== 'low' ? 'medium' : 'low';
}

function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}

function shared(words: ReadonlySet<string>, text: string): number {
  let count = 0;
  for (const word of wordsOf(text)) if (words.has(word)) count++;
  return count;
}

function closestParagraph(passage: ContextPassage, sentence: string): Paragraph {
  const words = wordsOf(sentence);
  let best = passage.paragraphs[0]?.paragraph as Paragraph;
  let bestShared = -1;
  for (const { paragraph, text } of passage.paragraphs) {
    const count = shared(words, text);
    if (count > bestShared) {
      best = paragraph;
      bestShared = count;
    }
  }
  return best;
}

function closestSentence(paragraph: Paragraph, sentence: string) {
  const words = wordsOf(sentence);
  let best = paragraph.sentences[0];
  let bestShared = -1;
  for (const candidate of paragraph.sentences) {
    const count = shared(words, candidate.text);
    if (count > bestShared) {
      best = candidate;
      bestShared = count;
    }
  }
  return best;
}
