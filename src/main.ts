import { LiveIndex } from './cache/LiveIndex.js';
import { loadConfig, secretsOf } from './config.js';
import { createLogger } from './createLogger.js';
import { describeLoadFailure } from './describeLoadFailure.js';
import { installProcessHandlers } from './installProcessHandlers.js';
import { isThisBuildStale } from './isBuildStale.js';

/**
 * `npm start`: reads the configuration and picks a way of running. With a Discord token the
 * bot (or, with SHARD_PROCESSES, the manager of its shard processes), without one the terminal
 * console over the articles folder, so a new user sees answers with nothing to set up. Either
 * way the index is reused from the cache when the articles have not changed, and follows the
 * folder live. Each way's wiring lives in `src/run/`.
 */
async function main(): Promise<number> {
  if (isThisBuildStale())
    process.stderr.write(
      'The code changed since it was last built; run npm run build to use the new version.\n',
    );
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(
      `newsdesk can't start, the configuration has problems:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  const { config } = loaded;
  const bot = Boolean(config.discordToken);
  const logger = createLogger(config.logLevel, { secrets: secretsOf(config) });
  if (bot) installProcessHandlers(logger);
  if (config.database && !bot) {
    const { runDatabaseTerminal } = await import('./run/runDatabaseTerminal.js');
    return runDatabaseTerminal(config, config.database, logger);
  }

  let live: LiveIndex;
  let source: 'cache' | 'built';
  try {
    ({ live, source } = await LiveIndex.open(config.seedsDir, {
      cacheDir: config.cacheDir,
      maxFileBytes: config.maxFileBytes,
      onWarning: (message) => logger.warn(message),
      onReload: (info) => logger.info(info, 'articles changed; index rebuilt'),
      onError: (error) =>
        logger.error({ err: error }, 'could not rebuild the index; keeping the previous one'),
    }));
  } catch (error) {
    process.stderr.write(`${describeLoadFailure(config.seedsDir, error)}\n`);
    return 1;
  }
  try {
    if (!bot) {
      const { runTerminal } = await import('./run/runTerminal.js');
      return await runTerminal(config, live, logger);
    }
    if ((config.shardProcesses ?? 1) > 1 && !config.managed) {
      const { runManager } = await import('./run/runManager.js');
      return await runManager(config, live, logger, source);
    }
    const { runBot } = await import('./run/runBot.js');
    return await runBot(config, live, logger, source);
  } finally {
    await live.close();
  }
}

process.exitCode = await main();
// A shard process talks to its ShardingManager over an IPC channel, which would keep it alive.
if (process.connected) process.disconnect();
