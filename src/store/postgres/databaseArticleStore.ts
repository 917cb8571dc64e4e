import type pg from 'pg';
import type { FindArticleResult } from '../../answer/findArticle.js';
import { rankRelated, relatedQuery } from '../../answer/relatedArticles.js';
import { NO_DATES_MESSAGE } from '../../answer/selectArticles.js';
import { summarizeArticle } from '../../answer/summarizeArticle.js';
import { SERVERS_FOLDER, type Viewer } from '../../corpus/collections.js';
import type { Article } from '../../corpus/types.js';
import { analyzeText } from '../../search/analyzeText.js';
import { readDateRange } from '../../time/readDateRange.js';
import { describeRange } from '../../time/readTimeScope.js';
import type { ArticlePage, ArticleStore } from '../ArticleStore.js';
import { articlesById, partOf, termsOf } from './archivePart.js';
import { ARTICLE_COLUMNS, type ArticleRow, articleFromRow } from './articleRows.js';
import { candidateIndex, readableCollections } from './candidateIndex.js';
import { readArchiveStats } from './readArchiveStats.js';
import { READABLE, readableFilter } from './readableFilter.js';

/** Newest first, then undated articles in folder order, as listArticles sorts them. */
const NEWEST_FIRST = 'published DESC NULLS LAST, id COLLATE numeric_ids';

/** As relatedArticles' defaults: the passages its search reads for candidates. */
const RELATED_PASSAGES = 150;

/**
 * The database mode's {@link ArticleStore}: each call reads the rows it needs, so a process
 * holds no article it is not using, and every host sees an article as soon as it is stored.
 * Results equal {@link memoryArticleStore}'s over the same articles.
 */
export function databaseArticleStore(pool: pg.Pool): ArticleStore {
  const rows = async (sql: string, viewer: Viewer, params: unknown[] = []): Promise<Article[]> =>
    (await pool.query<ArticleRow>(sql, [...readableFilter(viewer).params, ...params])).rows.map(
      articleFromRow,
    );

  /** The readable articles whose headline or id matches the words typed, best first, as rankByHeadline. */
  const ranked = (typed: string, viewer: Viewer, limit: number, ownOf?: string) => {
    const terms = [...new Set(analyzeText(typed))];
    const lowered = typed.trim().toLowerCase();
    const bonus = terms.length + 1;
    return pool.query<ArticleRow & { score: number }>(
      `SELECT * FROM (
         SELECT ${ARTICLE_COLUMNS},
           cardinality(ARRAY(SELECT unnest(headline_terms) INTERSECT SELECT unnest($4::text[])))
           + CASE WHEN $5 <> '' AND strpos(lower(title), $5) > 0 THEN $6 ELSE 0 END
           + CASE WHEN $5 <> '' AND starts_with(lower(id), $5) THEN $6 ELSE 0 END AS score
         FROM articles
         WHERE ${READABLE} AND ($10::text IS NULL OR id LIKE $10)
           AND (headline_terms && $4::text[]
           OR ($5 <> '' AND (lower(title) LIKE $7 OR lower(id) LIKE $8)))
       ) matched WHERE score > 0
       ORDER BY score DESC, id COLLATE numeric_ids LIMIT $9`,
      [
        ...readableFilter(viewer).params,
        terms,
        lowered,
        bonus,
        `%${likeEscaped(lowered)}%`,
        `${likeEscaped(lowered)}%`,
        limit,
        ownPattern(ownOf),
      ],
    );
  };

  return {
    count: (viewer) => countReadable(pool, viewer),

    find: async (reference, viewer, options = {}): Promise<FindArticleResult> => {
      const { allowPartial = false, maxSuggestions = 5 } = options;
      const wanted = reference.trim().toLowerCase();
      if (wanted === '') return { found: false, reason: 'empty', suggestions: [] };
      const [exact] = await rows(
        `SELECT ${ARTICLE_COLUMNS} FROM articles
         WHERE ${READABLE} AND ($6::text IS NULL OR id LIKE $6)
           AND (id = $4 OR lower(id) = $5 OR lower(title) = $5)
         ORDER BY CASE WHEN id = $4 THEN 0 WHEN lower(id) = $5 THEN 1 ELSE 2 END,
           id COLLATE numeric_ids
         LIMIT 1`,
        viewer,
        [reference.trim(), wanted, ownPattern(options.ownOf)],
      );
      if (exact) return { found: true, article: exact };
      const best = (await ranked(wanted, viewer, Math.max(2, maxSuggestions), options.ownOf)).rows;
      const [first, second] = best;
      if (allowPartial && first && (!second || first.score > second.score))
        return { found: true, article: articleFromRow(first) };
      return {
        found: false,
        reason: first && second && first.score === second.score ? 'ambiguous' : 'unknown',
        suggestions: best.slice(0, maxSuggestions).map(articleFromRow),
      };
    },

    byKey: async (key, viewer) =>
      (
        await rows(
          `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE ${READABLE} AND key = $4
           ORDER BY id COLLATE numeric_ids LIMIT 1`,
          viewer,
          [key],
        )
      )[0],

    suggest: async (typed, viewer, limit, ownOf) =>
      typed.trim()
        ? (await ranked(typed, viewer, limit, ownOf)).rows.map(articleFromRow)
        : rows(
            `SELECT ${ARTICLE_COLUMNS} FROM articles
             WHERE ${READABLE} AND ($5::text IS NULL OR id LIKE $5)
             ORDER BY ${NEWEST_FIRST} LIMIT $4`,
            viewer,
            [limit, ownPattern(ownOf)],
          ),

    page: async (viewer, dates, offset, limit): Promise<ArticlePage> => {
      let range: { from?: number; to?: number } = {};
      let scope: string | undefined;
      if (dates.from?.trim() || dates.to?.trim()) {
        const { rows: last } = await pool.query<{ day: number | null }>(
          `SELECT max(published_day) AS day FROM articles WHERE ${READABLE}`,
          readableFilter(viewer).params,
        );
        const anchor = last[0]?.day;
        if (anchor === null || anchor === undefined) {
          return { ok: false, message: NO_DATES_MESSAGE };
        }
        const read = readDateRange(dates.from ?? undefined, dates.to ?? undefined, anchor);
        if (!read.ok) return read;
        range = read.range;
        scope = describeRange(read.range);
      }
      const bounded = range.from !== undefined || range.to !== undefined;
      const inRange = `($4 = false OR (published_day IS NOT NULL
        AND ($5::int IS NULL OR published_day >= $5) AND ($6::int IS NULL OR published_day <= $6)))`;
      const params = [bounded, range.from ?? null, range.to ?? null];
      const [articles, total] = await Promise.all([
        rows(
          `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE ${READABLE} AND ${inRange}
           ORDER BY ${NEWEST_FIRST} OFFSET $7 LIMIT $8`,
          viewer,
          [...params, offset, limit],
        ),
        // A range is counted on the day index; the whole list from the archive's totals.
        bounded
          ? pool
              .query<{ count: number }>(
                `SELECT count(*)::int AS count FROM articles WHERE ${READABLE} AND ${inRange}`,
                [...readableFilter(viewer).params, ...params],
              )
              .then((result) => result.rows[0]?.count ?? 0)
          : countReadable(pool, viewer),
      ]);
      return {
        ok: true,
        articles,
        total,
        ...(scope ? { scope } : {}),
      };
    },

    summarize: async (article, length) => {
      const stats = await readArchiveStats(pool, termsOf(`${article.title}\n${article.text}`));
      return summarizeArticle(partOf(stats, [article]), article, { length });
    },

    related: async (article, viewer) => {
      const own = await readArchiveStats(pool, termsOf(`${article.title}\n${article.text}`));
      const query = relatedQuery(partOf(own, [article]), article);
      if (query.length === 0) return [];
      const candidates = await candidateIndex(pool, query, own, {
        query: { terms: query },
        limit: RELATED_PASSAGES,
        readable: await readableCollections(pool, viewer),
        exclude: article.id,
      });
      const found = candidates.searchTerms(query, RELATED_PASSAGES, {
        filter: (passage) => passage.article.id !== article.id,
        readableBy: viewer,
      });
      const ids = [...new Set(found.map((hit) => hit.passage.article.id))];
      const byId = new Map((await articlesById(pool, ids)).map((a) => [a.id, a]));
      const kept = ids.flatMap((id) => byId.get(id) ?? []);
      const terms = termsOf([article, ...kept].map((a) => `${a.title}\n${a.text}`).join('\n'));
      const index = partOf(await readArchiveStats(pool, terms), [article, ...kept]);
      return rankRelated(index, article, kept);
    },
  };
}

/**
 * How many articles a viewer reads: the archive's total, kept with every write, less the other
 * servers' own articles, found by the id index. Counting every row took a large archive's
 * `/articles` a tenth of a second a page.
 */
async function countReadable(pool: pg.Pool, viewer: Viewer | undefined): Promise<number> {
  const { rows } = await pool.query<{ count: number }>(
    `SELECT (s.articles - CASE WHEN $1 THEN 0 ELSE (
       SELECT count(*) FROM articles
       WHERE lower(id) LIKE $2 AND id LIKE $2 AND NOT coalesce(id LIKE $3, false)
     ) END)::int AS count
     FROM archive_stats s`,
    readableFilter(viewer).params,
  );
  return rows[0]?.count ?? 0;
}

/** The LIKE pattern of one server's own articles (see corpus/collections); null for any. */
function ownPattern(guildId: string | undefined): string | null {
  return guildId === undefined ? null : `${SERVERS_FOLDER}/${likeEscaped(guildId)}/%`;
}

/** Text matched literally by LIKE: its wildcards and escape character escaped. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
