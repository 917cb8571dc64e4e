import type { Writable } from 'node:stream';
import type { BriefingOptions } from '../delivery/composeBriefing.js';
import { databaseArticleStore } from '../store/postgres/databaseArticleStore.js';
import { databaseNews } from '../store/postgres/databaseNews.js';
import { withDatabase } from '../store/postgres/withDatabase.js';

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
  const briefed = await withDatabase(database, (pool) =>
    databaseNews(pool, databaseArticleStore(pool)).briefing(options),
  );
  if (!briefed.ok) {
    io.stderr.write(`${briefed.problem}\n`);
    return 1;
  }
  io.stdout.write(`${JSON.stringify(briefed.value)}\n`);
  return 0;
}
