import type { Summary } from '../answer/types.js';
import type { Article } from '../corpus/types.js';
import { sourceOf } from './composeBriefing.js';
import type { PostContent } from './types.js';

/** Sentences in a post's summary: enough to tell what happened, short enough for a feed. */
const SUMMARY_SENTENCES = 2;

/**
 * What a post about one article says: its headline and link, its site, its date and a
 * two-sentence extractive summary, each sentence cited to its paragraph. Every word comes
 * from the article; nothing is written.
 */
export function composeArticlePost(
  article: Article,
  summary: Summary,
  extra: Pick<PostContent, 'kind' | 'topic' | 'more' | 'roleId'>,
): PostContent {
  const passageOf = new Map(summary.citations.map((c) => [c.number, c.passage]));
  return {
    ...extra,
    article: {
      id: article.id,
      title: article.title,
      ...(article.metadata.url ? { url: article.metadata.url } : {}),
      site: sourceOf(article),
      ...(article.published ? { published: new Date(article.published.time).toISOString() } : {}),
      summary: summary.sentences.slice(0, SUMMARY_SENTENCES).map((s) => ({
        text: s.text,
        passage: passageOf.get(s.citation) ?? 1,
      })),
    },
  };
}
