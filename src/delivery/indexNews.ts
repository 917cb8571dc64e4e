import { summarizeArticle } from '../answer/summarizeArticle.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import type { Arrivals, NewsSource } from './NewsSource.js';

/**
 * The folder mode's {@link NewsSource}: the live index, rebuilt when the folder changes. An
 * article is new when the index did not hold its id at the last look; an index that has not
 * been rebuilt since then holds nothing new, so most looks cost nothing.
 */
export function indexNews(current: () => PassageIndex): NewsSource {
  let lookedAt: PassageIndex | undefined;
  return {
    article: async (id) => current().corpus.articles.find((a) => a.id === id),

    arrivals: async (mark, { limit }): Promise<Arrivals> => {
      const index = current();
      const first = mark === null || typeof mark === 'number';
      if (!first && index === lookedAt) return { mark, count: 0, articles: [] };
      lookedAt = index;
      const ids = index.corpus.articles.map((a) => a.id);
      if (first) return { mark: ids, count: 0, articles: [] };
      const known = new Set(mark);
      const arrived = index.corpus.articles.filter((a) => !known.has(a.id));
      return arrived.length > limit
        ? { mark: ids, count: arrived.length, articles: [] }
        : { mark: ids, count: arrived.length, articles: arrived, index };
    },

    summarize: async (article) => summarizeArticle(current(), article, { length: 'short' }),

    // Loaded when a briefing is due: the time-zone library is no cost to the console's start.
    briefing: async (options) =>
      (await import('./composeBriefing.js')).composeBriefing(current(), options),
  };
}
