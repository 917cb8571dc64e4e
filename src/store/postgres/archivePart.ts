import type pg from 'pg';
import { compareIds } from '../../corpus/loadCorpus.js';
import type { Article } from '../../corpus/types.js';
import { processTerm, tokenize } from '../../search/analyzeText.js';
import { type ArchiveStats, PassageIndex } from '../../search/PassageIndex.js';
import { ARTICLE_COLUMNS, type ArticleRow, articleFromRow } from './articleRows.js';

/**
 * An index of some of the archive's articles that ranks, counts and weighs terms as an index
 * of every article would: the answering code runs on it unchanged.
 */
export function partOf(stats: ArchiveStats, articles: Article[]): PassageIndex {
  articles.sort((a, b) => compareIds(a.id, b.id));
  return new PassageIndex({ articles, skipped: [], warnings: [] }, { archive: stats });
}

/** The distinct index terms of some text. */
export function termsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) terms.add(term);
  }
  return [...terms];
}

/** The stored articles with these ids, rebuilt as the folder mode reads them; unknown ids are left out. */
export async function articlesById(pool: pg.Pool, ids: readonly string[]): Promise<Article[]> {
  if (ids.length === 0) return [];
  const { rows } = await pool.query<ArticleRow>({
    name: 'articles-by-id',
    text: `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ANY ($1::text[])`,
    values: [ids],
  });
  return rows.map(articleFromRow);
}
