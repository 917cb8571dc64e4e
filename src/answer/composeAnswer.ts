import type { Passage, PassageHit } from '../search/PassageIndex.js';
import type { Settings } from './answerSettings.js';
import { focusSentence } from './focusSentence.js';
import { makeCitation } from './makeCitation.js';
import { locateKeyPhrases } from './questionType.js';
import { rankSupport } from './rankSupport.js';
import type { Query } from './readQuery.js';
import type { Candidate } from './scoreSentences.js';
import type { Citation, QuotedSentence } from './types.js';

/**
 * The fourth stage: the chosen sentences quoted (long ones narrowed to their relevant clauses,
 * key phrases marked) and numbered citations, the answer's paragraphs first, then the other
 * paragraphs that support it best, up to `maxCitations`.
 */
export function quoteAnswer(
  chosen: readonly Candidate[],
  candidates: readonly Candidate[],
  query: Query,
  weightOf: (term: string) => number,
  settings: Settings,
): { sentences: QuotedSentence[]; citations: Citation[] } {
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
  const sentences: QuotedSentence[] = chosen.map(({ hit, sentence }) => {
    const focus = focusSentence(sentence.text, weightOf, settings.maxSentenceChars);
    const quoted: QuotedSentence = {
      text: sentence.text.slice(focus.start, focus.end),
      start: sentence.start + focus.start,
      end: sentence.start + focus.end,
      citation: citationFor(hit).number,
    };
    if (focus.cutBefore) quoted.cutBefore = true;
    if (focus.cutAfter) quoted.cutAfter = true;
    const keyPhrases = locateKeyPhrases(query.type, quoted.text, query.lowerWords);
    if (keyPhrases.length > 0) quoted.keyPhrases = keyPhrases;
    return quoted;
  });
  for (const hit of rankSupport(candidates, settings.secondSentenceSupport)) {
    if (citations.length >= settings.maxCitations) break;
    citationFor(hit);
  }
  return { sentences, citations };
}

/** A found passage as a numbered citation. */
export function citeHit(hit: PassageHit, number: number): Citation {
  return makeCitation(hit.passage.article, hit.passage.paragraph, number, hit.score);
}

/** What a "not found" answer says: how many articles were searched, and the closest one. */
export function notFoundText(articleCount: number, closest?: Passage, scope?: string): string {
  const articles = scope
    ? `the ${articleCount === 1 ? 'article' : `${articleCount} articles`} published ${scope}`
    : articleCount === 1
      ? 'the article I have'
      : `the ${articleCount} articles I have`;
  const base = `I couldn't find an answer to that in ${articles}.`;
  return closest ? `${base} The closest match is "${closest.article.title}".` : base;
}
