import { realpath } from 'node:fs/promises';
import type pg from 'pg';
import { SERVERS_FOLDER } from '../../corpus/collections.js';
import { loadArticle } from '../../corpus/loadCorpus.js';
import type { Article } from '../../corpus/types.js';
import type { ArchiveWriter, WriteOutcome } from '../ArchiveWriter.js';
import { isArchiveUnavailable } from '../archiveUnavailable.js';
import { databaseFeeds } from './databaseFeeds.js';
import { importArticles, removeArticles } from './importArticles.js';
import { migrate } from './migrate.js';
import { describeDatabaseError, openDatabase } from './openDatabase.js';

/**
 * The {@link ArchiveWriter} of DATABASE_URL for the articles folder `seedsDir`: files are
 * imported as `cli import` imports them (the same ids, hashes and statistics). Opening brings
 * the schema up to date.
 */
export async function openDatabaseWriter(
  database: { url: string; poolSize: number },
  seedsDir: string,
  maxFileBytes: number,
): Promise<{ ok: true; writer: ArchiveWriter } | { ok: false; problem: string }> {
  const opened = await openDatabase({ url: database.url, poolSize: database.poolSize });
  if (!opened.ok) return opened;
  const { pool } = opened;
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    return { ok: false, problem: describeDatabaseError(error, database.url) };
  }
  return { ok: true, writer: databaseWriter(pool, database.url, seedsDir, maxFileBytes) };
}

/**
 * The {@link ArchiveWriter} over an open pool, which closing it ends. `url` is only named in
 * problems, never with its password.
 */
export function databaseWriter(
  pool: pg.Pool,
  url: string,
  seedsDir: string,
  maxFileBytes: number,
): ArchiveWriter {
  const attempt = async (work: (pool: pg.Pool) => Promise<void>): Promise<WriteOutcome> => {
    try {
      await work(pool);
      return { ok: true };
    } catch (error) {
      return {
        ok: false,
        problem: describeDatabaseError(error, url),
        away: isArchiveUnavailable(error),
      };
    }
  };
  return {
    sync: (relativePaths) =>
      attempt(async () => {
        const { folder, articles: present } = await loadFiles(
          seedsDir,
          relativePaths,
          maxFileBytes,
        );
        if (present.length > 0) await importArticles(pool, present, { folder });
        // Of the files that are not articles any more, those this folder's import stored.
        const { rows } = await pool.query<{ id: string }>(
          'SELECT id FROM articles WHERE folder = $1 AND path = ANY ($2::text[]) AND NOT (id = ANY ($3::text[]))',
          [folder, relativePaths, present.map((a) => a.id)],
        );
        await removeArticles(
          pool,
          rows.map((row) => row.id),
        );
      }),
    removeServer: (guildId) =>
      attempt(async () => {
        const { rows } = await pool.query<{ id: string }>(
          'SELECT id FROM articles WHERE starts_with(id, $1)',
          [`${SERVERS_FOLDER}/${guildId}/`],
        );
        await removeArticles(
          pool,
          rows.map((row) => row.id),
        );
      }),
    remove: (articleIds) =>
      attempt(async () => {
        await removeArticles(pool, articleIds);
      }),
    feeds: databaseFeeds(pool, url),
    close: () => pool.end(),
  };
}

/** The articles of these files of the folder, read as the folder mode reads them; the others are left out. */
async function loadFiles(
  seedsDir: string,
  relativePaths: readonly string[],
  maxFileBytes: number,
): Promise<{ folder: string; articles: Article[] }> {
  // Resolved now: the folder may first exist once something was written to it.
  const folder = await realpath(seedsDir);
  const articles: Article[] = [];
  for (const relative of relativePaths) {
    const loaded = await loadArticle(folder, relative, { maxFileBytes });
    if (loaded.ok) articles.push(loaded.article);
  }
  return { folder, articles };
}
