import type pg from 'pg';
import type { ArchiveStats } from '../../search/PassageIndex.js';
import type { FieldCounts } from '../../search/passageFieldCounts.js';

const NONE: FieldCounts = [0, 0, 0];

/**
 * The archive's totals and the rarity of some terms, in one round trip: what ranking a
 * question's candidates as the whole archive would rank them needs. A term not asked for
 * counts as in no passage.
 */
export async function readArchiveStats(
  pool: pg.Pool,
  terms: readonly string[],
): Promise<ArchiveStats> {
  const { rows } = await pool.query<{
    articles: string;
    undated_articles: string;
    passages: string;
    title_length: string;
    heading_length: string;
    text_length: string;
    first_day: number | null;
    last_day: number | null;
    terms: {
      term: string;
      title_passages: number;
      heading_passages: number;
      text_passages: number;
    }[];
  }>(
    `SELECT s.*,
       (SELECT min(published_day) FROM articles) AS first_day,
       (SELECT max(published_day) FROM articles) AS last_day,
       (SELECT coalesce(json_agg(t), '[]'::json) FROM term_stats t WHERE t.term = ANY ($1::text[]))
         AS terms
     FROM archive_stats s`,
    [terms],
  );
  const row = rows[0];
  if (!row) throw new Error('archive_stats has no row: the schema was not migrated');
  const passageCount = Number(row.passages);
  const counts = new Map<string, FieldCounts>(
    row.terms.map((t) => [t.term, [t.title_passages, t.heading_passages, t.text_passages]]),
  );
  const mean = (sum: string) => (passageCount > 0 ? Number(sum) / passageCount : 0);
  return {
    passageCount,
    articleCount: Number(row.articles),
    undatedCount: Number(row.undated_articles),
    averageFieldLength: [mean(row.title_length), mean(row.heading_length), mean(row.text_length)],
    dateSpan:
      row.first_day === null || row.last_day === null
        ? undefined
        : { first: row.first_day, last: row.last_day },
    passagesWith: (term, field) => (counts.get(term) ?? NONE)[field] as number,
  };
}
