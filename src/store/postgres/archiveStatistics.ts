import type pg from 'pg';
import type { Article } from '../../corpus/types.js';
import type { FieldCounts, PassageFieldCounts } from '../../search/passageFieldCounts.js';

/**
 * A change to the archive's ranking statistics (term_stats and archive_stats), summed over the
 * articles an import adds, replaces or removes, and written in the same transaction.
 */
export interface StatisticsChange {
  /** Per term, the change in the passages holding it in each field. */
  terms: Map<string, FieldCounts>;
  articles: number;
  undated: number;
  passages: number;
  /** The change in the summed field lengths. */
  lengths: FieldCounts;
}

/** Adds (`sign` 1) or takes away (-1) one article's share of the statistics. */
export function addArticle(
  change: StatisticsChange,
  article: Article,
  passages: readonly PassageFieldCounts[],
  sign: 1 | -1,
): void {
  change.articles += sign;
  if (!article.published) change.undated += sign;
  change.passages += sign * passages.length;
  for (const { lengths, terms } of passages) {
    for (let field = 0; field < 3; field++)
      change.lengths[field] = (change.lengths[field] as number) + sign * (lengths[field] as number);
    for (const [term, counts] of terms) addTerm(change, term, counts, sign);
  }
}

function addTerm(change: StatisticsChange, term: string, counts: FieldCounts, sign: number): void {
  let total = change.terms.get(term);
  if (!total) {
    total = [0, 0, 0];
    change.terms.set(term, total);
  }
  for (let field = 0; field < 3; field++)
    if ((counts[field] as number) > 0) total[field] = (total[field] as number) + sign;
}

/**
 * The share of the statistics that the stored articles `ids` hold, taken away: what replacing
 * or removing them changes before anything is added.
 */
export async function withoutStored(
  client: pg.PoolClient,
  ids: readonly string[],
): Promise<StatisticsChange> {
  const change: StatisticsChange = {
    terms: new Map(),
    articles: 0,
    undated: 0,
    passages: 0,
    lengths: [0, 0, 0],
  };
  if (ids.length === 0) return change;
  // One after another: a client runs one query at a time.
  const terms = await client.query<{ term: string; title: number; heading: number; text: number }>(
    `SELECT u.lexeme AS term,
         count(*) FILTER (WHERE 'A' = ANY (u.weights))::int AS title,
         count(*) FILTER (WHERE 'B' = ANY (u.weights))::int AS heading,
         count(*) FILTER (WHERE 'D' = ANY (u.weights))::int AS text
       FROM passages p CROSS JOIN LATERAL unnest(p.terms) u
       WHERE p.article_id = ANY ($1::text[]) GROUP BY u.lexeme`,
    [ids],
  );
  const passages = await client.query<{
    passages: number;
    title: number;
    heading: number;
    text: number;
  }>(
    `SELECT count(*)::int AS passages, coalesce(sum(title_length), 0)::int AS title,
         coalesce(sum(heading_length), 0)::int AS heading, coalesce(sum(text_length), 0)::int AS text
       FROM passages WHERE article_id = ANY ($1::text[])`,
    [ids],
  );
  const articles = await client.query<{ articles: number; undated: number }>(
    `SELECT count(*)::int AS articles, count(*) FILTER (WHERE published_day IS NULL)::int AS undated
       FROM articles WHERE id = ANY ($1::text[])`,
    [ids],
  );
  for (const row of terms.rows) change.terms.set(row.term, [-row.title, -row.heading, -row.text]);
  const totals = passages.rows[0];
  if (totals) {
    change.passages = -totals.passages;
    change.lengths = [-totals.title, -totals.heading, -totals.text];
  }
  change.articles = -(articles.rows[0]?.articles ?? 0);
  change.undated = -(articles.rows[0]?.undated ?? 0);
  return change;
}

/** Writes a change to term_stats and archive_stats; terms no passage holds any more are dropped. */
export async function applyStatistics(
  client: pg.PoolClient,
  change: StatisticsChange,
): Promise<void> {
  const changed = [...change.terms].filter(([, counts]) => counts.some((count) => count !== 0));
  changed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (changed.length > 0) {
    const terms = changed.map(([term]) => term);
    await client.query(
      `INSERT INTO term_stats AS s (term, title_passages, heading_passages, text_passages)
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[])
       ON CONFLICT (term) DO UPDATE SET
         title_passages = s.title_passages + excluded.title_passages,
         heading_passages = s.heading_passages + excluded.heading_passages,
         text_passages = s.text_passages + excluded.text_passages`,
      [terms, ...[0, 1, 2].map((field) => changed.map(([, counts]) => counts[field]))],
    );
    await client.query(
      `DELETE FROM term_stats WHERE term = ANY ($1::text[])
         AND title_passages <= 0 AND heading_passages <= 0 AND text_passages <= 0`,
      [terms],
    );
    await client.query(
      'INSERT INTO term_dictionary SELECT unnest($1::text[]) ON CONFLICT DO NOTHING',
      [changed.filter(([, counts]) => counts.some((count) => count > 0)).map(([term]) => term)],
    );
  }
  await client.query(
    `UPDATE archive_stats SET articles = articles + $1, undated_articles = undated_articles + $2,
       passages = passages + $3, title_length = title_length + $4,
       heading_length = heading_length + $5, text_length = text_length + $6`,
    [change.articles, change.undated, change.passages, ...change.lengths],
  );
}

/**
 * A passage's terms as a tsvector literal: one position per occurrence, weighted A in the
 * headline, B in the heading and D (unmarked) in the paragraph, so each field's count can be
 * read back. PostgreSQL keeps at most 256 positions of a lexeme; counts are cut below that,
 * where BM25 has long saturated.
 */
export function termVector(terms: ReadonlyMap<string, FieldCounts>): string {
  const parts: string[] = [];
  for (const [term, counts] of terms) {
    const positions: string[] = [];
    let position = 0;
    counts.forEach((count, field) => {
      const mark = field === 0 ? 'A' : field === 1 ? 'B' : '';
      for (let i = 0; i < count && position < MAX_POSITIONS; i++)
        positions.push(`${++position}${mark}`);
    });
    parts.push(`${quoteLexeme(term)}:${positions.join(',')}`);
  }
  return parts.join(' ');
}

const MAX_POSITIONS = 255;

/**
 * A term as a quoted lexeme of a tsvector or tsquery literal, so PostgreSQL takes it verbatim
 * (no parsing, no normalising): quotes doubled, backslashes escaped.
 */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
