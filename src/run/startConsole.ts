import type { Logger } from 'pino';
import type { Ask } from '../answer/Ask.js';
import type { Config } from '../config.js';
import { runConsole } from '../console/runConsole.js';
import type { Rewriter } from '../conversation/askFollowUp.js';
import type { AddPageResult } from '../ingest/addPage.js';
import type { Archive } from '../store/Archive.js';
import { fetchSettings } from './followFeeds.js';

/**
 * The terminal console over an archive, until /quit or the end of input: what the folder and
 * database modes share. `/add` writes the page into the articles folder, then `afterAdd` (the
 * database mode stores it there too).
 */
export async function startConsole(
  config: Config,
  serving: { archive: Archive; ask: Ask; rewrite?: Rewriter },
  logger: Logger,
  afterAdd?: (added: AddPageResult & { ok: true }) => Promise<AddPageResult>,
): Promise<void> {
  await runConsole({
    archive: serving.archive,
    ask: serving.ask,
    ...(serving.rewrite ? { rewrite: serving.rewrite } : {}),
    input: process.stdin,
    output: process.stdout,
    prompt: Boolean(process.stdin.isTTY),
    addPage: async (url) => {
      // Loaded at the first /add: the console's start-up needs no HTML parser.
      const { addPage } = await import('../ingest/addPage.js');
      const added = await addPage(url, config.seedsDir, fetchSettings(config));
      return added.ok && afterAdd ? afterAdd(added) : added;
    },
    onError: (error, errorId) => logger.error({ err: error, errorId }, 'console command failed'),
  });
}
