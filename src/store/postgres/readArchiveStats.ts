import type pg from 'pg';
import { editDistance } from '../../search/editDistance.js';
import { type ArchiveStats, typoDistance } from '../../search/PassageIndex.js';
import type { FieldCounts } from '../../search/passageFieldCounts.js';
import { typoWeight } from '../../search/RankedSearch.js';

const NONE: FieldCounts = [0, 0, 0];

/** A row of term_stats. */
interface TermRow {
  term: string;
  title_passages: number;
  heading_passages: number;
  text_passages: number;
}

/**
 * The archive's totals and the rarity of some terms, in one round trip: what ranking a
 * question's candidates as the whole archive would rank them needs. A term not asked for
 * counts as in no passage. A term the archive lacks that `mayBeTypo` allows is matched to the
 * archive's terms within {@link typoDistance} edits, in a second round trip.
 */
export async function readArchiveStats(
  pool: pg.Pool,
  terms: readonly string[],
  mayBeTypo: (term: string) => boolean = () => false,
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
    terms: TermRow[];
  }>({
    name: 'archive-stats',
    text: `SELECT s.*,
       (SELECT min(published_day) FROM articles) AS first_day,
       (SELECT max(published_day) FROM articles) AS last_day,
       (SELECT coalesce(json_agg(t), '[]'::json) FROM term_stats t WHERE t.term = ANY ($1::text[]))
         AS terms
     FROM archive_stats s`,
    values: [terms],
  });
  const row = rows[0];
  if (!row) throw new Error('archive_stats has no row: the schema was not migrated');
  const passageCount = Number(row.passages);
  const counts = new Map<string, FieldCounts>();
  const count = (t: TermRow) =>
    counts.set(t.term, [t.title_passages, t.heading_passages, t.text_passages]);
  row.terms.forEach(count);
  const typos = await typoMatches(
    pool,
    terms.filter((term) => !counts.has(term) && typoDistance(term) > 0 && mayBeTypo(term)),
  );
  for (const matches of typos.values()) for (const match of matches) count(match.row);
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
    typoMatches: (term) => typos.get(term) ?? [],
  };
}

/** Whether the database can match typos (pg_trgm), learnt at the first attempt per pool. */
const trigrams = new WeakMap<pg.Pool, boolean>();

/**
 * The archive's terms within {@link typoDistance} edits of each term, with their weights:
 * trigram similarity finds the candidates, the edit distance decides. None where pg_trgm is
 * missing.
 */
async function typoMatches(
  pool: pg.Pool,
  terms: readonly string[],
): Promise<Map<string, { term: string; weight: number; row: TermRow }[]>> {
  const found = new Map<string, { term: string; weight: number; row: TermRow }[]>();
  if (terms.length === 0 || trigrams.get(pool) === false) return found;
  let rows: (TermRow & { typo: string })[];
  try {
    rows = (
      await pool.query<TermRow & { typo: string }>(
        `SELECT q.typo, t.* FROM unnest($1::text[]) AS q (typo)
           CROSS JOIN LATERAL (SELECT s.* FROM term_dictionary d JOIN term_stats s USING (term)
             WHERE d.term % q.typo) t`,
        [terms],
      )
    ).rows;
    trigrams.set(pool, true);
  } catch (error) {
    // 42883: no such operator, pg_trgm is not installed. Anything else is a real failure.
    if ((error as { code?: string }).code !== '42883') throw error;
    trigrams.set(pool, false);
    return found;
  }
  for (const row of rows) {
    const max = typoDistance(row.typo);
    const distance = editDistance(row.typo, row.term, max);
    if (distance === 0 || distance > max) continue;
    const list = found.get(row.typo) ?? [];
    list.push({ term: row.term, weight: typoWeight(row.term, distance), row });
    found.set(row.typo, list);
  }
  return found;
}
