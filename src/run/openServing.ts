import type { Logger } from 'pino';
import { LiveIndex } from '../cache/LiveIndex.js';
import type { Config } from '../config.js';
import { describeLoadFailure } from '../describeLoadFailure.js';
import { folderServing, type Serving } from './Serving.js';

/**
 * What this process answers from: with DATABASE_URL the database, else the articles folder's
 * index, reused from the cache when the articles have not changed, and following the folder.
 */
export async function openServing(
  config: Config,
  logger: Logger,
): Promise<{ ok: true; serving: Serving } | { ok: false; problem: string }> {
  if (config.database) {
    const { openDatabaseServing } = await import('./openDatabaseServing.js');
    const opened = await openDatabaseServing(config, config.database, logger);
    return opened.ok ? opened : { ok: false, problem: `newsdesk can't start: ${opened.problem}` };
  }
  try {
    const { live, source } = await LiveIndex.open(config.seedsDir, {
      cacheDir: config.cacheDir,
      maxFileBytes: config.maxFileBytes,
      onWarning: (message) => logger.warn(message),
      onReload: (info) => logger.info(info, 'articles changed; index rebuilt'),
      onError: (error) =>
        logger.error({ err: error }, 'could not rebuild the index; keeping the previous one'),
    });
    return { ok: true, serving: folderServing(live, config.seedsDir, source) };
  } catch (error) {
    return { ok: false, problem: describeLoadFailure(config.seedsDir, error) };
  }
}
