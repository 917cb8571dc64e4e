import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { describeLoginFailure } from '../discord/describeLoginFailure.js';
import { runShardManager } from '../discord/runShardManager.js';
import { BotMetrics } from '../metrics/BotMetrics.js';
import { startDelivery } from './deliverNews.js';
import { followFeeds } from './followFeeds.js';
import { logArticles, type Serving } from './Serving.js';
import { serveMetrics } from './serveMetrics.js';
import { gatherShardMetrics } from './shardMetrics.js';
import { SHUTDOWN_GRACE_MS, stopSignal } from './stopSignal.js';

/**
 * SHARD_PROCESSES: this process is the manager. The index it opened is saved in CACHE_DIR, so
 * every shard process starts warm from it; it registers the commands once, polls the feeds,
 * serves the health check, and on SIGTERM stops every shard process.
 */
export async function runManager(
  config: Config,
  serving: Serving,
  logger: Logger,
): Promise<number> {
  logArticles(serving, logger);
  const stopRequested = stopSignal();
  let running: Awaited<ReturnType<typeof runShardManager>> | undefined;
  const metrics = new BotMetrics({
    index: serving.size,
    others: () => gatherShardMetrics(running?.manager),
  });
  const metricsServer = await serveMetrics(config, metrics, logger);
  const following = await followFeeds(
    config,
    logger,
    metrics,
    true,
    serving.delivery,
    serving.writer,
  );
  const delivering = await startDelivery(config, serving, logger, following);
  try {
    running = await runShardManager({
      file: process.argv[1] as string,
      execArgv: process.execArgv,
      token: config.discordToken as string,
      processes: config.shardProcesses as number,
      logger,
      ...(config.discordClientId ? { applicationId: config.discordClientId } : {}),
      ...(config.discordGuildId ? { guildId: config.discordGuildId } : {}),
      ...(config.discordApiUrl ? { apiUrl: config.discordApiUrl } : {}),
    });
  } catch (error) {
    await following?.stop();
    await delivering?.stop();
    await metricsServer?.close();
    logger.fatal({ err: error }, 'could not start the shard processes');
    process.stderr.write(`${describeLoginFailure(error)}\n`);
    return 1;
  }
  metricsServer?.setReady(true);
  await stopRequested;
  metricsServer?.setReady(false);
  logger.info('shutting down: stopping every shard process');
  const [{ killed }] = await Promise.all([
    running.stop(SHUTDOWN_GRACE_MS + 2000),
    following?.stop(),
    delivering?.stop(),
  ]);
  await metricsServer?.close();
  logger.info({ killed }, 'stopped');
  return 0;
}
