import type { Article } from '../corpus/types.js';
import type { DateRange } from '../time/readDatePhrase.js';
import { inRange } from '../time/readTimeScope.js';

/**
 * The articles newest first, as a news reader expects: dated ones by publication time, then
 * undated ones in folder order. With a date range, only articles published in it (an undated
 * article is in no range).
 */
export function listArticles(articles: readonly Article[], range?: DateRange): Article[] {
  const bounded = range && (range.from !== undefined || range.to !== undefined);
  const kept = bounded
    ? articles.filter((a) => a.published !== undefined && inRange(a.published.day, range))
    : [...articles];
  return kept.sort((a, b) => {
    if (a.published && b.published) return b.published.time - a.published.time;
    if (a.published) return -1;
    if (b.published) return 1;
    return 0;
  });
}
