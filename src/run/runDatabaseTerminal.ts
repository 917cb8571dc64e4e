import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { OPERATOR } from '../corpus/collections.js';
import { archiveAsk } from '../store/postgres/archiveAsk.js';
import { databaseArchive } from '../store/postgres/databaseArchive.js';
import { databaseWriter } from '../store/postgres/databaseWriter.js';
import { migrate } from '../store/postgres/migrate.js';
import { describeDatabaseError, openDatabase } from '../store/postgres/openDatabase.js';
import { startConsole } from './startConsole.js';

/**
 * `npm start` without a Discord token, with DATABASE_URL: the terminal console answering from
 * the database, whatever the articles folder holds. Nothing is loaded at start, and an article
 * another process or host stores is answered from the next line on. `/add` writes the page
 * into the articles folder and the database.
 */
export async function runDatabaseTerminal(
  config: Config,
  database: NonNullable<Config['database']>,
  logger: Logger,
): Promise<number> {
  const opened = await openDatabase({
    url: database.url,
    poolSize: database.poolSize,
    onError: (problem) => logger.warn(problem),
  });
  if (!opened.ok) {
    process.stderr.write(`newsdesk can't start: ${opened.problem}\n`);
    return 1;
  }
  const { pool } = opened;
  try {
    await migrate(pool);
    const archive = databaseArchive(pool);
    const count = await archive.articles.count(OPERATOR);
    const where = new URL(database.url);
    process.stdout.write(
      `newsdesk: ${count} article${count === 1 ? '' : 's'} in the database at ${where.hostname}:${where.port || '5432'}. This is the terminal console; set DISCORD_TOKEN to connect to Discord.\nType a question, or /help for commands.\n\n`,
    );
    if (config.llm)
      logger.warn('LLM_* settings are not used with DATABASE_URL yet; answers are quoted');
    const writer = databaseWriter(pool, database.url, config.seedsDir, config.maxFileBytes);
    await startConsole(config, { archive, ask: archiveAsk(pool) }, logger, async (added) => {
      const stored = await writer.write([added.path]);
      return stored.ok
        ? added
        : {
            ok: false,
            reason: `it is in the articles folder but not in the database (${stored.problem.replace(/\.$/, '')}); cli import will load it`,
          };
    });
    return 0;
  } catch (error) {
    process.stderr.write(`${describeDatabaseError(error, database.url)}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}
