import { findArticle, rankByHeadline } from '../answer/findArticle.js';
import { listArticles } from '../answer/listArticles.js';
import { relatedArticles } from '../answer/relatedArticles.js';
import { selectArticles } from '../answer/selectArticles.js';
import { summarizeArticle } from '../answer/summarizeArticle.js';
import { articleKey } from '../corpus/articleKey.js';
import { collectionOf, type Viewer, visibleTo } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import type { ArticleStore } from './ArticleStore.js';

/**
 * The folder mode's {@link ArticleStore}: every article is in the index, held in memory.
 * `index` is a function so that a newer index (the folder changed) is used from the next call.
 */
export function memoryArticleStore(index: () => PassageIndex): ArticleStore {
  const visible = (viewer: Viewer, ownOf?: string): Article[] => {
    const canRead = visibleTo(viewer);
    return index().corpus.articles.filter(
      (article) =>
        canRead(article.id) && (ownOf === undefined || collectionOf(article.id) === ownOf),
    );
  };
  return {
    count: async (viewer) => visible(viewer).length,
    find: async (reference, viewer, options = {}) =>
      findArticle(visible(viewer, options.ownOf), reference, options),
    byKey: async (key, viewer) => visible(viewer).find((article) => articleKey(article.id) === key),
    suggest: async (typed, viewer, limit, ownOf) => {
      const articles = visible(viewer, ownOf);
      const query = typed.trim();
      const ranked = query ? rankByHeadline(articles, query).map((r) => r.article) : undefined;
      return (ranked ?? listArticles(articles)).slice(0, limit);
    },
    page: async (viewer, dates, offset, limit) => {
      const selected = selectArticles(visible(viewer), dates.from, dates.to);
      if (!selected.ok) return selected;
      return {
        ok: true,
        articles: selected.articles.slice(offset, offset + limit),
        total: selected.articles.length,
        ...(selected.scope ? { scope: selected.scope } : {}),
      };
    },
    summarize: async (article, length) => summarizeArticle(index(), article, { length }),
    related: async (article, viewer) => relatedArticles(index(), article, { viewer }),
  };
}
