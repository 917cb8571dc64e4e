import type pg from 'pg';
import { type AnswerOptions, preferring } from '../../answer/answerQuestion.js';
import { resolveSettings } from '../../answer/answerSettings.js';
import { findPassages, mayBeTypo, selectiveWords } from '../../answer/findPassages.js';
import { MAX_QUESTION_CHARS, readQuery } from '../../answer/readQuery.js';
import { asksForAnyNews, rangeKeepsUndated, scopeQuestion } from '../../answer/scopeQuestion.js';
import type { Article } from '../../corpus/types.js';
import { processTerm } from '../../search/analyzeText.js';
import { type ArchiveStats, PassageIndex } from '../../search/PassageIndex.js';
import type { DateRange } from '../../time/readDatePhrase.js';
import { articlesById, partOf, termsOf } from './archivePart.js';
import { ARTICLE_COLUMNS, type ArticleRow, articleFromRow } from './articleRows.js';
import { candidateIndex, readableCollections } from './candidateIndex.js';
import { readArchiveStats } from './readArchiveStats.js';
import { READABLE, type ReadableFilter, readableFilter } from './readableFilter.js';

/**
 * The part of the archive that answering one question reads, as an index that answers it as
 * an index of every article would: the articles of the passages the question finds, ranked
 * with the archive's statistics. Four round trips: the statistics of the question's words,
 * the packed postings of its rarest words, the names of the best passages, and their articles. `alsoArticles` are read whatever the question finds: those a conversation's
 * turns before cited, which reading a follow-up looks in.
 */
export async function questionIndex(
  pool: pg.Pool,
  question: string,
  options: AnswerOptions = {},
  alsoArticles: readonly string[] = [],
): Promise<PassageIndex> {
  const text = question.slice(0, MAX_QUESTION_CHARS);
  const [stats, readable] = await Promise.all([
    readArchiveStats(pool, termsOf(text), mayBeTypo),
    readableCollections(pool, options.viewer),
  ]);
  const whole = new PassageIndex(NO_ARTICLES, { archive: stats });
  const settings = resolveSettings(options);
  const scoped = scopeQuestion(whole, text);
  const range = scoped.scope?.range;
  const narrowed = readableFilter(options.viewer);
  const scopedStats: ArchiveStats =
    range || narrowed.some
      ? {
          ...stats,
          scopedArticleCount: await countScoped(pool, rangeKeepsUndated(whole), range, narrowed),
        }
      : stats;
  const query = readQuery(whole, scoped.text);
  if (query.words.length === 0) return partOf(scopedStats, await articlesById(pool, alsoArticles));
  if (scoped.scope && asksForAnyNews(query.terms)) {
    return partOf(
      scopedStats,
      await newestArticles(pool, range?.from, range?.to, settings.maxCitations, narrowed),
    );
  }
  const words = selectiveWords(whole, query, settings.maxPostings);
  const rare = words
    .map((word) => processTerm(word))
    .flatMap((term) =>
      term ? [term, ...(stats.typoMatches?.(term) ?? []).map((m) => m.term)] : [],
    )
    .filter((term) => whole.postingCount(term) > 0);
  const candidates = await candidateIndex(pool, [...new Set(rare)], stats, {
    query: { words },
    limit: settings.passagesRead,
    mayBeTypo,
    inScope: scoped.days.inScope,
    dayBoost: scoped.days.boost,
    readable,
    prefer: options.preferArticles
      ? { articles: options.preferArticles, factor: settings.preferredBoost }
      : undefined,
  });
  // The same search the answer makes, on the candidates: its hits are the archive's best.
  const search = scopeQuestion(candidates, text, options.viewer).search;
  const hits = findPassages(
    candidates,
    query,
    settings.passagesRead,
    settings.maxPostings,
    preferring(search, options.preferArticles, settings.preferredBoost),
  );
  const ids = new Set([...hits.map((hit) => hit.passage.article.id), ...alsoArticles]);
  return partOf(scopedStats, await articlesById(pool, [...ids]));
}

const NO_ARTICLES = { articles: [], skipped: [], warnings: [] };

/** How many articles a question's date range and its asker's collections cover. */
async function countScoped(
  pool: pg.Pool,
  keepUndated: boolean,
  range: DateRange | undefined,
  readable: ReadableFilter,
): Promise<number> {
  const { rows } = await pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM articles WHERE ${READABLE}
       AND ($4 OR CASE WHEN published_day IS NULL THEN $5
         ELSE ($6::int IS NULL OR published_day >= $6) AND ($7::int IS NULL OR published_day <= $7) END)`,
    [...readable.params, range === undefined, keepUndated, range?.from ?? null, range?.to ?? null],
  );
  return rows[0]?.count ?? 0;
}

/** The newest dated articles published between two days, of the collections the viewer reads. */
async function newestArticles(
  pool: pg.Pool,
  from: number | undefined,
  to: number | undefined,
  count: number,
  readable: ReadableFilter,
): Promise<Article[]> {
  const { rows } = await pool.query<ArticleRow>(
    `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE ${READABLE}
       AND published_day IS NOT NULL
       AND ($4::int IS NULL OR published_day >= $4) AND ($5::int IS NULL OR published_day <= $5)
     ORDER BY published DESC LIMIT $6`,
    [...readable.params, from ?? null, to ?? null, count],
  );
  return rows.map(articleFromRow);
}
