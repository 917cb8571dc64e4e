import type { Article } from '../corpus/types.js';
import { isoDay } from '../time/calendarDay.js';
import type { DigestEntry } from './types.js';

/** Longest lead shown in a digest line before it is cut with "…". */
const MAX_LEAD_CHARS = 200;

/**
 * One line per article for a summary of the whole collection: the headline and the opening
 * sentence, which in news writing is the lead that carries the main fact.
 */
export function digestArticles(articles: readonly Article[]): DigestEntry[] {
  return articles.map((article) => {
    const first = article.paragraphs.find((p) => p.sentences.length > 0)?.sentences[0]?.text ?? '';
    const entry: DigestEntry = {
      articleId: article.id,
      title: article.title,
      lead:
        first.length > MAX_LEAD_CHARS ? `${first.slice(0, MAX_LEAD_CHARS - 1).trimEnd()}…` : first,
    };
    if (article.metadata.published) entry.published = article.metadata.published;
    if (article.published) entry.date = isoDay(article.published.day);
    if (article.metadata.url) entry.url = article.metadata.url;
    return entry;
  });
}
