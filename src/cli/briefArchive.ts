import type { Writable } from 'node:stream';
import type { BriefingOptions } from '../delivery/composeBriefing.js';
import { databaseArticleStore } from '../store/postgres/databaseArticleStore.js';
import { databaseNews } from '../store/postgres/databaseNews.js';
import { migrate } from '../store/postgres/migrate.js';
import { describeDatabaseError, openDatabase } from '../store/postgres/openDatabase.js';

/**
 * `cli briefing` with DATABASE_URL: the briefing the deliverer would post, from the database's
 * articles whatever the folder holds. Exit 1 with one line on stderr when the database cannot
 * be used; the password never appears.
 */
export async function briefArchive(
  options: BriefingOptions,
  database: { url: string; poolSize: number },
  io: { stdout: Writable; stderr: Writable },
): Promise<number> {
  const opened = await openDatabase({ url: database.url, poolSize: database.poolSize });
  if (!opened.ok) {
    io.stderr.write(`${opened.problem}\n`);
    return 1;
  }
  const { pool } = opened;
  try {
    await migrate(pool);
    const briefing = await databaseNews(pool, databaseArticleStore(pool)).briefing(options);
    io.stdout.write(`${JSON.stringify(briefing)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`${describeDatabaseError(error, database.url)}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}
