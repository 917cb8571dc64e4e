import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Article } from '../../corpus/types.js';
import { analyzeText } from '../../search/analyzeText.js';

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
  if (options.prune) {
    const pruned = await pool.query(
      'DELETE FROM articles WHERE folder = $1 AND NOT (id = ANY($2::text[]))',
      [options.folder, articles.map((a) => a.id)],
    );
    report.pruned = pruned.rowCount ?? 0;
  }
  return report;
}

/** A fingerprint of everything answering reads of an article. */
export function contentHash(article: Article): string {
  return createHash('sha256')
    .update(JSON.stringify([article.title, article.metadata, article.text]))
    .digest('hex');
}

async function writeBatch(
  pool: pg.Pool,
  batch: { article: Article; hash: string }[],
  folder: string,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const { article, hash } of batch) {
      await client.query(
        `INSERT INTO articles (id, title, text, metadata, published, content_hash, folder, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (id) DO UPDATE SET title = $2, text = $3, metadata = $4, published = $5,
           content_hash = $6, folder = $7, updated_at = now()`,
        [
          article.id,
          article.title,
          article.text,
          article.metadata,
          article.published ? new Date(article.published.time) : null,
          hash,
          folder,
        ],
      );
      await client.query('DELETE FROM passages WHERE article_id = $1', [article.id]);
      const body = article.paragraphs.filter((p) => p.kind === 'body');
      if (body.length === 0) continue;
      // The terms the in-memory index gives the paragraph's text field.
      const terms = body.map((p) => analyzeText(p.text));
      await client.query(
        `INSERT INTO passages (article_id, number, heading, text, terms, term_count)
         SELECT $1, p.number, p.heading, p.text, array_to_tsvector(p.terms), p.term_count
         FROM jsonb_to_recordset($2::jsonb)
           AS p(number integer, heading text, text text, terms text[], term_count integer)`,
        [
          article.id,
          JSON.stringify(
            body.map((p, i) => ({
              number: p.number,
              heading: p.heading ?? null,
              text: p.text,
              terms: [...new Set(terms[i])],
              term_count: (terms[i] as string[]).length,
            })),
          ),
        ],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
