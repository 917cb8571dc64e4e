import type pg from 'pg';
import type { Briefing } from '../../delivery/composeBriefing.js';
import type { Arrivals, NewsSource } from '../../delivery/NewsSource.js';
import type { ArticleStore } from '../ArticleStore.js';
import { articlesById, partOf, termsOf } from './archivePart.js';
import { ARTICLE_COLUMNS, type ArticleRow, articleFromRow } from './articleRows.js';
import { readArchiveStats } from './readArchiveStats.js';
import { READABLE, readableFilter } from './readableFilter.js';

/**
 * The articles of a window a briefing reads at most, newest first: a day's news, with room.
 * Its ten stories come from the newest, so a day beyond this loses only old copies.
 */
const BRIEFING_ARTICLES = 2000;

/**
 * The database mode's {@link NewsSource}. New articles are those whose arrival number (set
 * when an article is first stored, see migration 009) is past the mark: one indexed query a
 * look, whatever the archive's size. Each look, post and briefing reads only its own
 * articles, weighed by the archive's statistics, so scores and summaries are the folder
 * mode's.
 */
export function databaseNews(pool: pg.Pool, articles: ArticleStore): NewsSource {
  return {
    article: async (id) => (await articlesById(pool, [id]))[0],

    arrivals: async (mark, { limit, weigh = [] }): Promise<Arrivals> => {
      if (typeof mark !== 'number') {
        const { rows } = await pool.query<{ mark: string | null }>(
          'SELECT max(arrival) AS mark FROM articles',
        );
        return { mark: Number(rows[0]?.mark ?? 0), count: 0, articles: [] };
      }
      const { rows } = await pool.query<ArticleRow & { arrival: string }>(
        `SELECT ${ARTICLE_COLUMNS}, arrival FROM articles WHERE arrival > $1
         ORDER BY arrival LIMIT $2`,
        [mark, limit + 1],
      );
      if (rows.length > limit) {
        const { rows: all } = await pool.query<{ count: number; mark: string }>(
          'SELECT count(*)::int AS count, max(arrival) AS mark FROM articles WHERE arrival > $1',
          [mark],
        );
        return { mark: Number(all[0]?.mark ?? mark), count: all[0]?.count ?? 0, articles: [] };
      }
      const last = rows.at(-1);
      if (!last) return { mark, count: 0, articles: [] };
      const arrived = rows.map(articleFromRow);
      const text = [...weigh, ...arrived.map((a) => `${a.title}\n${a.text}`)].join('\n');
      const stats = await readArchiveStats(pool, termsOf(text));
      return {
        mark: Number(last.arrival),
        count: arrived.length,
        articles: arrived,
        // partOf orders what it is given by id; the arrivals keep their order.
        index: partOf(stats, [...arrived]),
      };
    },

    summarize: (article) => articles.summarize(article, 'short'),

    briefing: async (options): Promise<Briefing> => {
      // Loaded when a briefing is due: the time-zone library is no cost to a process's start.
      const { briefingWindow, composeBriefing } = await import('../../delivery/composeBriefing.js');
      const { from, at } = briefingWindow(options);
      const { rows } = await pool.query<ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles
         WHERE ${READABLE} AND published > $4 AND published <= $5
         ORDER BY published DESC LIMIT $6`,
        [
          ...readableFilter(options.viewer).params,
          from.toJSDate(),
          at.toJSDate(),
          BRIEFING_ARTICLES,
        ],
      );
      const inWindow = rows.map(articleFromRow);
      const stats = await readArchiveStats(
        pool,
        termsOf(inWindow.map((a) => `${a.title}\n${a.text}`).join('\n')),
      );
      return composeBriefing(partOf(stats, inWindow), options);
    },
  };
}
