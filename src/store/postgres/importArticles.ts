import { createHash } from 'node:crypto';
import type pg from 'pg';
import { articleKey } from '../../corpus/articleKey.js';
import { collectionOf } from '../../corpus/collections.js';
import type { Article } from '../../corpus/types.js';
import { type PassageFieldCounts, passageFieldCounts } from '../../search/passageFieldCounts.js';
import { addArticle, applyStatistics, termVector, withoutStored } from './archiveStatistics.js';
import { layoutOf } from './articleLayout.js';
import { headlineInText, headlineTerms } from './articleRows.js';
import {
  addPostings,
  collectionCodes,
  compactPostings,
  type Posting,
  removePostings,
  UNDATED,
} from './postingBlocks.js';

/** What one import did, as `cli import` prints it. */
export interface ImportReport {
  articles: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Articles of this folder that were gone from it, removed with `--prune`. */
  pruned: number;
}

/** Articles written per transaction: big enough to be quick, small enough to keep locks short. */
const BATCH = 200;

/**
 * Loads a folder's articles into PostgreSQL. An article is known by its id (its path in its
 * folder, as in folder mode), so importing again is safe: an unchanged one is skipped by its
 * content hash, a changed one is replaced with its passages, and the same path from another
 * host is the same article. With `prune`, this folder's articles that are gone are removed.
 */
export async function importArticles(
  pool: pg.Pool,
  articles: readonly Article[],
  options: {
    folder: string;
    prune?: boolean;
    /**
     * A load of a whole folder (`cli import`), which may take minutes: when it writes many
     * batches, it ends by merging every term's blocks and vacuuming. Without it, a running
     * process's writes merge the blocks of the terms they touch, and leave the rest alone.
     */
    bulkLoad?: boolean;
  },
): Promise<ImportReport> {
  const known = new Map(
    (
      await pool.query<{ id: string; content_hash: string }>(
        'SELECT id, content_hash FROM articles WHERE id = ANY($1::text[])',
        [articles.map((a) => a.id)],
      )
    ).rows.map((r) => [r.id, r.content_hash]),
  );
  const report: ImportReport = {
    articles: articles.length,
    added: 0,
    updated: 0,
    unchanged: 0,
    pruned: 0,
  };
  const changed: { article: Article; hash: string }[] = [];
  for (const article of articles) {
    const hash = contentHash(article);
    const before = known.get(article.id);
    if (before === hash) report.unchanged++;
    else {
      changed.push({ article, hash });
      if (before === undefined) report.added++;
      else report.updated++;
    }
  }
  const bulk = options.bulkLoad === true && changed.length > BATCH;
  for (let start = 0; start < changed.length; start += BATCH)
    await writeBatch(pool, changed.slice(start, start + BATCH), options.folder, !bulk);
  if (bulk) await afterBulkLoad(pool);
  if (options.prune) report.pruned = await prune(pool, options.folder, articles);
  return report;
}

/**
 * After many batches: each term's postings merged into few blocks, and the tables vacuumed and
 * measured, as autovacuum would some minutes later, so the first questions after a large import
 * read few blocks and the passages' key index alone.
 */
async function afterBulkLoad(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    await compactPostings(client, { minSmallBlocks: 2 });
  });
  // Only a speed-up: a role that does not own the tables may not vacuum them.
  await pool
    .query('VACUUM (ANALYZE) articles, passages, posting_blocks, term_stats')
    .catch(() => {});
}

/** A fingerprint of everything answering reads of an article. */
export function contentHash(article: Article): string {
  return createHash('sha256')
    .update(JSON.stringify([article.title, article.metadata, article.text]))
    .digest('hex');
}

/** Any fixed number: imports from every host take turns, so the statistics add up. */
const IMPORT_LOCK = 726_002;

async function writeBatch(
  pool: pg.Pool,
  batch: { article: Article; hash: string }[],
  folder: string,
  compact: boolean,
): Promise<void> {
  const articles: Record<string, unknown>[] = [];
  const passages: Record<string, unknown>[] = [];
  const added: { article: Article; counts: PassageFieldCounts[] }[] = [];
  for (const { article, hash } of batch) {
    const counts = passageFieldCounts(article);
    added.push({ article, counts });
    articles.push({
      id: article.id,
      title: article.title,
      text: article.text,
      metadata: article.metadata,
      published: article.published ? new Date(article.published.time).toISOString() : null,
      content_hash: hash,
      path: article.path,
      headline_in_text: headlineInText(article),
      published_day: article.published?.day ?? null,
      headline_terms: headlineTerms(article),
      key: articleKey(article.id),
      layout: layoutOf(article),
    });
    const body = new Map(article.paragraphs.map((p) => [p.number, p]));
    for (const { number, lengths, terms } of counts) {
      const paragraph = body.get(number);
      passages.push({
        article_id: article.id,
        number,
        heading: paragraph?.heading ?? null,
        text: paragraph?.text ?? '',
        terms: termVector(terms),
        term_count: terms.size,
        title_length: lengths[0],
        heading_length: lengths[1],
        text_length: lengths[2],
      });
    }
  }
  // A batch is a few statements whatever its size: one per article made a large import
  // spend its time in round trips, and a per-article DELETE on a table the planner had not yet
  // measured scanned it whole each time.
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    // Read under the lock: another host may have stored one of these since the hashes were read.
    const replaced = (
      await client.query<{ id: string }>('SELECT id FROM articles WHERE id = ANY ($1::text[])', [
        batch.map(({ article }) => article.id),
      ])
    ).rows.map((row) => row.id);
    const change = await withoutStored(client, replaced);
    for (const { article, counts } of added) addArticle(change, article, counts, 1);
    if (replaced.length > 0) {
      await removePostings(client, replaced);
      await client.query('DELETE FROM passages WHERE article_id = ANY ($1::text[])', [replaced]);
    }
    await client.query(
      `INSERT INTO articles (id, title, text, metadata, published, content_hash, folder, updated_at,
         path, headline_in_text, published_day, headline_terms, key, layout)
       SELECT a.id, a.title, a.text, a.metadata, a.published, a.content_hash, $2, now(), a.path,
         a.headline_in_text, a.published_day, a.headline_terms, a.key, a.layout
       FROM jsonb_to_recordset($1::jsonb) AS a(id text, title text, text text, metadata jsonb,
         published timestamptz, content_hash text, path text, headline_in_text boolean,
         published_day integer, headline_terms text[], key text, layout text)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, text = excluded.text,
         metadata = excluded.metadata, published = excluded.published,
         content_hash = excluded.content_hash, folder = excluded.folder, updated_at = now(),
         path = excluded.path, headline_in_text = excluded.headline_in_text,
         published_day = excluded.published_day, headline_terms = excluded.headline_terms,
         key = excluded.key, layout = excluded.layout`,
      [JSON.stringify(articles), folder],
    );
    if (passages.length > 0) {
      const { rows: keys } = await client.query<{
        article_id: string;
        number: number;
        key: number;
      }>(
        `INSERT INTO passages (article_id, number, heading, text, terms, term_count,
           title_length, heading_length, text_length)
         SELECT p.article_id, p.number, p.heading, p.text, p.terms::tsvector, p.term_count,
           p.title_length, p.heading_length, p.text_length
         FROM jsonb_to_recordset($1::jsonb) AS p(article_id text, number integer, heading text,
           text text, terms text, term_count integer, title_length integer,
           heading_length integer, text_length integer)
         RETURNING article_id, number, key`,
        [JSON.stringify(passages)],
      );
      const postings = await postingsOf(client, added, keys);
      await addPostings(client, postings);
      // Articles arriving a few at a time leave small blocks behind; a bulk load merges at its end.
      if (compact)
        await compactPostings(client, { terms: [...postings.keys()], minSmallBlocks: 16 });
    }
    await applyStatistics(client, change);
  });
}

/** The new passages' postings by term, once the database has given each passage its key. */
async function postingsOf(
  client: pg.PoolClient,
  added: readonly { article: Article; counts: readonly PassageFieldCounts[] }[],
  keys: readonly { article_id: string; number: number; key: number }[],
): Promise<Map<string, Posting[]>> {
  const keyOf = new Map(keys.map((row) => [`${row.number} ${row.article_id}`, row.key]));
  const owners = await collectionCodes(
    client,
    added.flatMap(({ article }) => collectionOf(article.id) ?? []),
  );
  const byTerm = new Map<string, Posting[]>();
  for (const { article, counts } of added) {
    const day = article.published?.day ?? UNDATED;
    const collection = collectionOf(article.id);
    const owner = collection === undefined ? 0 : (owners.get(collection) ?? 0);
    for (const { number, lengths, terms } of counts) {
      const key = keyOf.get(`${number} ${article.id}`);
      if (key === undefined) continue;
      for (const [term, termCounts] of terms) {
        const posting = { key, day, owner, lengths, counts: termCounts };
        const list = byTerm.get(term);
        if (list) list.push(posting);
        else byTerm.set(term, [posting]);
      }
    }
  }
  return byTerm;
}

/** Removes the articles of `folder` that are no longer in it; gives how many. */
async function prune(pool: pg.Pool, folder: string, present: readonly Article[]): Promise<number> {
  const gone = (
    await pool.query<{ id: string }>(
      'SELECT id FROM articles WHERE folder = $1 AND NOT (id = ANY ($2::text[]))',
      [folder, present.map((a) => a.id)],
    )
  ).rows.map((row) => row.id);
  return removeArticles(pool, gone);
}

/** Removes articles by id, with their share of the statistics; gives how many were stored. */
export async function removeArticles(pool: pg.Pool, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    const change = await withoutStored(client, ids);
    await removePostings(client, ids);
    const removed = await client.query('DELETE FROM articles WHERE id = ANY ($1::text[])', [ids]);
    await applyStatistics(client, change);
    return removed.rowCount ?? 0;
  });
}

/** Runs `work` in one transaction on one connection, rolled back if it throws. */
async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
