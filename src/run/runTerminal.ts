import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { runConsole } from '../console/runConsole.js';
import { OPERATOR } from '../corpus/collections.js';
import type { AddPageResult } from '../ingest/addPage.js';
import { createAsk } from './createAsk.js';
import { fetchSettings } from './followFeeds.js';
import type { Serving } from './Serving.js';

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
  const { ask, rewrite } = await createAsk(config.llm, serving, { logger });
  await runConsole({
    archive: serving.archive,
    ask,
    ...(rewrite ? { rewrite } : {}),
    input: process.stdin,
    output: process.stdout,
    prompt: Boolean(process.stdin.isTTY),
    addPage: async (url) => {
      // Loaded at the first /add: the console's start-up needs no HTML parser.
      const { addPage } = await import('../ingest/addPage.js');
      const added = await addPage(url, config.seedsDir, fetchSettings(config));
      return added.ok ? store(added, serving) : added;
    },
    onError: (error, errorId) => logger.error({ err: error, errorId }, 'console command failed'),
  });
  return 0;
}

/**
 * A page `/add` wrote into the folder, stored in the database too when there is one. One kept
 * for a database that is away counts as added: it is stored as soon as the database is back.
 */
async function store(
  added: AddPageResult & { ok: true },
  serving: Serving,
): Promise<AddPageResult> {
  if (!serving.writer) return added;
  const stored = await serving.writer.sync([added.path]);
  if (stored.ok || stored.later) return added;
  return {
    ok: false,
    reason: `it is in the articles folder but not in the database (${stored.problem.replace(/\.$/, '')}); cli import will load it`,
  };
}
