import type { Logger } from 'pino';
import type { LiveIndex } from '../cache/LiveIndex.js';
import type { Config } from '../config.js';
import { memoryArchive } from '../store/Archive.js';
import { createAsk } from './createAsk.js';
import { startConsole } from './startConsole.js';

/** `npm start` without a Discord token: the terminal console over the articles folder. */
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
  const asking = await createAsk(config.llm, () => live.current(), { logger });
  await startConsole(config, { archive: memoryArchive(() => live.current()), ...asking }, logger);
  return 0;
}
