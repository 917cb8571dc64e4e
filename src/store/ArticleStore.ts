import type { FindArticleOptions, FindArticleResult } from '../answer/findArticle.js';
import type { RelatedArticle } from '../answer/relatedArticles.js';
import type { SummaryLength } from '../answer/summarizeArticle.js';
import type { Summary } from '../answer/types.js';
import type { Viewer } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';

/**
 * Everything a command does with the articles besides answering a question (that is `Ask`):
 * naming one, listing them, summarising one and finding its relatives. The folder mode keeps
 * every article in memory ({@link memoryArticleStore}); the database mode reads only what a
 * request needs (`databaseArticleStore`), so a process's memory does not grow with the
 * archive. Both give the same results, and each call is scoped to the collections the
 * viewer reads.
 */
export interface ArticleStore {
  /** How many articles the viewer reads. */
  count(viewer: Viewer): Promise<number>;
  /** The article a reader named: its id, its headline or (with `allowPartial`) words of it. */
  find(reference: string, viewer: Viewer, options?: FindOptions): Promise<FindArticleResult>;
  /** The article with this short key (see discord/articleKey), for buttons and long ids. */
  byKey(key: string, viewer: Viewer): Promise<Article | undefined>;
  /** Articles whose headline matches what is being typed, best first; newest first if nothing is. */
  suggest(typed: string, viewer: Viewer, limit: number, ownOf?: string): Promise<Article[]>;
  /** One page of the articles, newest first, kept to the days asked for (as a person types them). */
  page(viewer: Viewer, dates: DatesTyped, offset: number, limit: number): Promise<ArticlePage>;
  /** An extractive summary of one article, its sentences weighed by the whole archive. */
  summarize(article: Article, length: SummaryLength): Promise<Summary>;
  /** The articles most like one, among those the viewer reads. */
  related(article: Article, viewer: Viewer): Promise<RelatedArticle[]>;
}

/** How {@link ArticleStore.find} looks. */
export interface FindOptions extends FindArticleOptions {
  /** Only this server's own articles, not the shared ones it also reads (`/remove`). */
  ownOf?: string;
}

/** Days as a person typed them: "2005-03-01", "March 2005"; either may be missing. */
export interface DatesTyped {
  from?: string | null;
  to?: string | null;
}

/** A page of the article list, or why the dates asked for cannot be used. */
export type ArticlePage =
  | {
      ok: true;
      /** This page's articles, newest first. */
      articles: Article[];
      /** How many articles the whole list holds. */
      total: number;
      /** "in Mar 2005", when a range was given. */
      scope?: string;
    }
  | { ok: false; message: string };
