import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { OPERATOR } from '../corpus/collections.js';
import { createAsk } from './createAsk.js';
import type { Serving } from './Serving.js';
import { startConsole } from './startConsole.js';

/**
 * `npm start` without a Discord token: the terminal console, until /quit or the end of input,
 * over the articles folder or, with DATABASE_URL, the database. `/add` writes the page into
 * the articles folder, and the database too when there is one.
 */
export async function runTerminal(
  config: Config,
  serving: Serving,
  logger: Logger,
): Promise<number> {
  const corpus = serving.live?.current().corpus;
  for (const { path, reason } of corpus?.skipped ?? [])
    process.stderr.write(`Skipped ${path}: ${reason}.\n`);
  for (const { path, message } of corpus?.warnings ?? [])
    process.stderr.write(`Note on ${path}: ${message}.\n`);
  const count = await serving.archive.articles.count(OPERATOR);
  const place = serving.live ? `loaded from ${serving.where}` : `in ${serving.where}`;
  process.stdout.write(
    `newsdesk: ${count} article${count === 1 ? '' : 's'} ${place}. This is the terminal console; set DISCORD_TOKEN to connect to Discord.\nType a question, or /help for commands.\n\n`,
  );
  const asking = await createAsk(config.llm, serving, { logger });
  const { writer } = serving;
  await startConsole(
    config,
    { archive: serving.archive, ...asking },
    logger,
    writer &&
      (async (added) => {
        const stored = await writer.write([added.path]);
        // Kept for a database that is away: it is stored as soon as the database is back.
        return stored.ok || stored.later
          ? added
          : {
              ok: false,
              reason: `it is in the articles folder but not in the database (${stored.problem.replace(/\.$/, '')}); cli import will load it`,
            };
      }),
  );
  return 0;
}
