import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Article } from '../../corpus/types.js';
import { passageFieldCounts } from '../../search/passageFieldCounts.js';
import { addArticle, applyStatistics, termVector, withoutStored } from './archiveStatistics.js';
import { headlineInText } from './articleRows.js';

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
  options: { folder: string; prune?: boolean },
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
  for (let start = 0; start < changed.length; start += BATCH)
    await writeBatch(pool, changed.slice(start, start + BATCH), options.folder);
  if (options.prune) report.pruned = await prune(pool, options.folder, articles);
  return report;
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
): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    const change = await withoutStored(
      client,
      batch.map(({ article }) => article.id),
    );
    for (const { article, hash } of batch) {
      const passages = passageFieldCounts(article);
      addArticle(change, article, passages, 1);
      await client.query(
        `INSERT INTO articles (id, title, text, metadata, published, content_hash, folder, updated_at,
           path, headline_in_text, published_day)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET title = $2, text = $3, metadata = $4, published = $5,
           content_hash = $6, folder = $7, updated_at = now(), path = $8, headline_in_text = $9,
           published_day = $10`,
        [
          article.id,
          article.title,
          article.text,
          article.metadata,
          article.published ? new Date(article.published.time) : null,
          hash,
          folder,
          article.path,
          headlineInText(article),
          article.published?.day ?? null,
        ],
      );
      await client.query('DELETE FROM passages WHERE article_id = $1', [article.id]);
      if (passages.length === 0) continue;
      const body = new Map(article.paragraphs.map((p) => [p.number, p]));
      await client.query(
        `INSERT INTO passages (article_id, number, heading, text, terms, term_count,
           title_length, heading_length, text_length)
         SELECT $1, p.number, p.heading, p.text, p.terms::tsvector, p.term_count,
           p.title_length, p.heading_length, p.text_length
         FROM jsonb_to_recordset($2::jsonb) AS p(number integer, heading text, text text,
           terms text, term_count integer, title_length integer, heading_length integer,
           text_length integer)`,
        [
          article.id,
          JSON.stringify(
            passages.map(({ number, lengths, terms }) => {
              const paragraph = body.get(number);
              return {
                number,
                heading: paragraph?.heading ?? null,
                text: paragraph?.text ?? '',
                terms: termVector(terms),
                term_count: terms.size,
                title_length: lengths[0],
                heading_length: lengths[1],
                text_length: lengths[2],
              };
            }),
          ),
        ],
      );
    }
    await applyStatistics(client, change);
  });
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
