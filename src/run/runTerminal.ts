import type { Logger } from 'pino';
import type { LiveIndex } from '../cache/LiveIndex.js';
import type { Config } from '../config.js';
import { runConsole } from '../console/runConsole.js';
import { createAsk } from './createAsk.js';
import { fetchSettings } from './followFeeds.js';

/** `npm start` without a Discord token: the terminal console, until /quit or the end of input. */
export async function runTerminal(
  config: Config,
  live: LiveIndex,
  logger: Logger,
): Promise<number> {
  const { corpus } = live.current();
  for (const { path, reason } of corpus.skipped)
    process.stderr.write(`Skipped ${path}: ${reason}.\n`);
  for (const { path, message } of corpus.warnings)
    process.stderr.write(`Note on ${path}: ${message}.\n`);
  const count = corpus.articles.length;
  process.stdout.write(
    `newsdesk: ${count} article${count === 1 ? '' : 's'} loaded from ${config.seedsDir}. This is the terminal console; set DISCORD_TOKEN to connect to Discord.\nType a question, or /help for commands.\n\n`,
  );
  const { ask, rewrite } = await createAsk(config.llm, () => live.current(), { logger });
  await runConsole({
    index: () => live.current(),
    ask,
    ...(rewrite ? { rewrite } : {}),
    input: process.stdin,
    output: process.stdout,
    prompt: Boolean(process.stdin.isTTY),
    addPage: async (url) => {
      // Loaded at the first /add: the console's start-up needs no HTML parser.
      const { addPage } = await import('../ingest/addPage.js');
      return addPage(url, config.seedsDir, fetchSettings(config));
    },
    onError: (error, errorId) => logger.error({ err: error, errorId }, 'console command failed'),
  });
  return 0;
}
