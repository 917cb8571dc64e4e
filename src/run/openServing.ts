import type { Logger } from 'pino';
import { LiveIndex } from '../cache/LiveIndex.js';
import type { Config } from '../config.js';
import { describeLoadFailure } from '../describeLoadFailure.js';
import { folderServing, type Serving } from './Serving.js';

/** How long to wait before trying a database that is away again: at first, and at most. */
const RETRY_MS = { first: 1000, most: 30_000 };

/**
 * What this process answers from: with DATABASE_URL the database, else the articles folder's
 * index, reused from the cache when the articles have not changed, and following the folder.
 * A database that is away (down, restarting) is tried again with a growing pause until it
 * answers; `onWaiting` hears why, once. A wrong setting ends the start at once.
 */
export async function openServing(
  config: Config,
  logger: Logger,
  onWaiting: (problem: string) => void = () => {},
): Promise<{ ok: true; serving: Serving } | { ok: false; problem: string }> {
  if (config.database) {
    const { openDatabaseServing } = await import('./openDatabaseServing.js');
    let pause = RETRY_MS.first;
    for (let attempt = 0; ; attempt++) {
      const opened = await openDatabaseServing(config, config.database, logger);
      if (opened.ok) return opened;
      if (!opened.away) return { ok: false, problem: `newsdesk can't start: ${opened.problem}` };
      if (attempt === 0) onWaiting(`${opened.problem} Trying again until it answers.`);
      else logger.debug({ problem: opened.problem, attempt }, 'database still away');
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, RETRY_MS.most);
    }
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
    return { ok: true, serving: folderServing(live, config.seedsDir, source, config.dataDir) };
  } catch (error) {
    return { ok: false, problem: describeLoadFailure(config.seedsDir, error) };
  }
}
