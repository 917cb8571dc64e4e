import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { watchFolder } from '../ingest/watchFolder.js';
import type { ArchiveWriter } from '../store/ArchiveWriter.js';
import { isArchiveUnavailable } from '../store/archiveUnavailable.js';
import { archiveAnswers } from '../store/postgres/archiveAsk.js';
import { databaseArchive } from '../store/postgres/databaseArchive.js';
import { databaseDeliveryRecords } from '../store/postgres/databaseDeliveryRecords.js';
import { type DatabaseFeedback, openDatabaseFeedback } from '../store/postgres/databaseFeedback.js';
import { databaseNews } from '../store/postgres/databaseNews.js';
import { databaseWriter } from '../store/postgres/databaseWriter.js';
import { migrate } from '../store/postgres/migrate.js';
import {
  describeDatabaseError,
  openDatabase,
  openReadPool,
} from '../store/postgres/openDatabase.js';
import { retryingWriter } from '../store/retryingWriter.js';
import type { Serving } from './Serving.js';

/** How often the archive's size is read for the metrics and /stats. */
const SIZE_REFRESH_MS = 30_000;

/**
 * The database mode (DATABASE_URL): opens the pool, brings the schema up to date, and serves
 * every request from the database, holding no article in memory. Ingestion writes the articles
 * folder, then the database. One line for a person when the database cannot be used.
 */
export async function openDatabaseServing(
  config: Config,
  database: NonNullable<Config['database']>,
  logger: Logger,
): Promise<{ ok: true; serving: Serving } | { ok: false; problem: string; away: boolean }> {
  const opened = await openDatabase({
    url: database.url,
    poolSize: database.poolSize,
    onError: (problem) => logger.warn(problem),
  });
  if (!opened.ok) return opened;
  const { pool } = opened;
  // Searches may go to a read replica; writes, jobs, locks and LISTEN stay on the primary.
  const replica = await openReadPool(database, pool, (problem) => logger.warn(problem));
  if (!replica.ok) {
    await pool.end();
    return replica;
  }
  const reads = replica.pool;
  let size = { articles: 0, passages: 0 };
  const readSize = async () => {
    try {
      const { rows } = await pool.query<{ articles: string; passages: string }>(
        'SELECT articles, passages FROM archive_stats',
      );
      const [row] = rows;
      if (row) size = { articles: Number(row.articles), passages: Number(row.passages) };
    } catch (error) {
      logger.warn(describeDatabaseError(error, database.url));
    }
  };
  let feedback: DatabaseFeedback;
  try {
    await migrate(pool);
    feedback = await openDatabaseFeedback(pool, (error) =>
      logger.warn(
        `${describeDatabaseError(error, database.url)} Feedback waits in memory until it is back.`,
      ),
    );
  } catch (error) {
    await pool.end();
    if (reads !== pool) await reads.end();
    return {
      ok: false,
      problem: describeDatabaseError(error, database.url),
      away: isArchiveUnavailable(error),
    };
  }
  await readSize();
  const timer = setInterval(readSize, SIZE_REFRESH_MS);
  timer.unref();
  // A write the database could not take (it was restarting) is kept and made when it is back.
  const writer = retryingWriter(
    databaseWriter(pool, database.url, config.seedsDir, config.maxFileBytes),
    {
      onKept: (problem) => logger.warn(`${problem} Changes are kept until it is back.`),
      onCaughtUp: (writes) => logger.info({ writes }, 'the database took the kept changes'),
    },
  );
  const watcher = followFolder(config.seedsDir, writer, logger);
  const where = new URL(database.url);
  return {
    ok: true,
    serving: {
      archive: databaseArchive(reads),
      // The deliverer reads the primary: what arrived a moment ago may not be on a replica yet.
      news: databaseNews(pool, databaseArchive(pool).articles),
      delivery: databaseDeliveryRecords(pool),
      ...archiveAnswers(reads),
      writer,
      feedback,
      size: () => size,
      where: `the database at ${where.hostname}:${where.port || '5432'}`,
      source: 'database',
      close: async () => {
        clearInterval(timer);
        await watcher?.close();
        await writer.stop();
        if (writer.waiting() > 0)
          logger.error(
            { changes: writer.waiting() },
            'the database never came back; run cli import to load the articles folder',
          );
        await feedback.close();
        if (feedback.waiting() > 0)
          logger.error(
            { records: feedback.waiting() },
            'the database never came back; this feedback could not be kept',
          );
        await pool.end();
        if (reads !== pool) await reads.end();
      },
    },
  };
}

/**
 * The articles folder, followed: a file added, changed or deleted there is stored in or taken
 * out of the database within a moment, for every process and host. Nothing when the folder
 * does not exist (it is only a source in this mode).
 */
function followFolder(dir: string, writer: ArchiveWriter, logger: Logger) {
  if (!existsSync(dir)) return undefined;
  return watchFolder(
    dir,
    async (paths) => {
      const outcome = await writer.sync(paths);
      if (outcome.ok)
        logger.info({ files: paths.length }, 'articles folder changed; database updated');
      else if (!outcome.later)
        logger.warn(
          { files: paths, problem: outcome.problem },
          'the articles folder changed but the database could not take it; cli import will load it',
        );
    },
    { onError: (error) => logger.warn({ err: error }, 'cannot follow the articles folder') },
  );
}
