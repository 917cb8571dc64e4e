import type { Article } from '../corpus/types.js';
import { dateSpanOf } from '../time/dateSpanOf.js';
import { readDateRange } from '../time/readDateRange.js';
import { describeRange } from '../time/readTimeScope.js';
import { listArticles } from './listArticles.js';

/** The articles a list or digest shows, or why the dates asked for cannot be used. */
export type ArticleSelection =
  | { ok: true; articles: Article[] /** "in Mar 2005", when a range was given. */; scope?: string }
  | { ok: false; message: string };

/** Why articles cannot be picked by date when none has one. */
export const NO_DATES_MESSAGE =
  "None of the articles has a publication date, so I can't pick them by date.";

/**
 * The articles for `/articles` and the `/summary` digest: newest first, and with `from`/`to`
 * (as a person types them: "2005-03-01", "March 2005") only those published in that range.
 */
export function selectArticles(
  articles: readonly Article[],
  from?: string | null,
  to?: string | null,
): ArticleSelection {
  if (!from?.trim() && !to?.trim()) return { ok: true, articles: listArticles(articles) };
  const span = dateSpanOf(articles);
  if (!span) {
    return { ok: false, message: NO_DATES_MESSAGE };
  }
  const read = readDateRange(from ?? undefined, to ?? undefined, span.last);
  if (!read.ok) return read;
  return {
    ok: true,
    articles: listArticles(articles, read.range),
    scope: describeRange(read.range),
  };
}
