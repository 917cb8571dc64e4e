import type { Viewer } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import type { ArticleStore, DatesTyped } from '../store/ArticleStore.js';

/** One page of a paged list of articles, and where it sits in the whole list. */
export interface ListPage {
  /** This page's articles, newest first. */
  articles: Article[];
  /** How many articles the whole list holds. */
  total: number;
  /** This page's number, 1 to `pageCount`. */
  page: number;
  pageCount: number;
  /** "in Mar 2005", when a range was given. */
  scope?: string;
}

/**
 * Reads page `page` of the articles, `size` per page, from the store: only that page's
 * articles, however many there are. A page past the end (the list shrank since its buttons
 * were drawn) is the last one.
 */
export async function readListPage(
  store: ArticleStore,
  viewer: Viewer,
  dates: DatesTyped,
  page: number,
  size: number,
): Promise<{ ok: true; list: ListPage } | { ok: false; message: string }> {
  const wanted = Math.max(1, Math.floor(Number.isFinite(page) ? page : 1));
  let read = await store.page(viewer, dates, (wanted - 1) * size, size);
  if (!read.ok) return read;
  const pageCount = Math.max(1, Math.ceil(read.total / size));
  const current = Math.min(wanted, pageCount);
  if (current !== wanted) {
    read = await store.page(viewer, dates, (current - 1) * size, size);
    if (!read.ok) return read;
  }
  return {
    ok: true,
    list: {
      articles: read.articles,
      total: read.total,
      page: current,
      pageCount,
      ...(read.scope ? { scope: read.scope } : {}),
    },
  };
}
