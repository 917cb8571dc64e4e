import type pg from 'pg';
import { migrate } from './migrate.js';
import { describeDatabaseError, openDatabase } from './openDatabase.js';

/**
 * One piece of work on DATABASE_URL, for a command that runs once (`cli briefing`,
 * `cli deliveries`, `npm run report`): opens a pool, brings the schema up to date, runs `work`
 * and closes the pool. When the database cannot be used, one line for a person that never
 * holds the password.
 */
export async function withDatabase<T>(
  database: { url: string; poolSize: number },
  work: (pool: pg.Pool) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
  const opened = await openDatabase({ url: database.url, poolSize: database.poolSize });
  if (!opened.ok) return opened;
  try {
    await migrate(opened.pool);
    return { ok: true, value: await work(opened.pool) };
  } catch (error) {
    return { ok: false, problem: describeDatabaseError(error, database.url) };
  } finally {
    await opened.pool.end();
  }
}
