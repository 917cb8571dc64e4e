import { joinCited } from './joinCited.js';
import { makeCitation } from './makeCitation.js';
import type { ScopedQuestion } from './scopeQuestion.js';
import type { Answer, Citation, QuotedSentence } from './types.js';

/**
 * Answers a question that is only about time ("what's the latest?", "what happened this
 * week?") with the leads of the newest articles in its range: in news writing the first
 * sentence carries the main fact.
 */
export function answerLatest(question: string, scoped: ScopedQuestion, count: number): Answer {
  const newest = scoped.articles
    .filter((article) => article.published)
    .sort((a, b) => (b.published?.time ?? 0) - (a.published?.time ?? 0))
    .slice(0, count);
  const citations: Citation[] = [];
  const sentences: QuotedSentence[] = [];
  for (const article of newest) {
    const paragraph = article.paragraphs.find((p) => p.kind === 'body' && p.sentences.length > 0);
    const lead = paragraph?.sentences[0];
    if (!paragraph || !lead) continue;
    const citation = makeCitation(article, paragraph, citations.length + 1, 0);
    citations.push(citation);
    sentences.push({
      text: lead.text,
      start: lead.start,
      end: lead.end,
      citation: citation.number,
    });
  }
  return {
    question,
    found: sentences.length > 0,
    ...(sentences.length > 0 ? {} : { reason: 'none-in-range' as const }),
    text:
      sentences.length > 0
        ? joinCited(sentences)
        : `None of the dated articles was published ${scoped.reported?.label ?? 'then'}.`,
    sentences,
    citations,
    coverage: sentences.length > 0 ? 1 : 0,
    confidence: sentences.length > 0 ? 1 : 0,
    confidenceLevel: sentences.length > 0 ? 'high' : 'low',
    articlesSearched: scoped.articleCount,
    ...(scoped.reported ? { scope: scoped.reported } : {}),
  };
}
