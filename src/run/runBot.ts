import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { describeLoginFailure } from '../discord/describeLoginFailure.js';
import { shardsOfProcess, TOTAL_SHARDS_ARG } from '../discord/runShardManager.js';
import { startBot } from '../discord/startBot.js';
import { BotMetrics } from '../metrics/BotMetrics.js';
import { createAsk } from './createAsk.js';
import { startDelivery } from './deliverNews.js';
import { followFeeds } from './followFeeds.js';
import { openFeedback } from './openFeedback.js';
import { logArticles, type Serving } from './Serving.js';
import { serveMetrics } from './serveMetrics.js';
import { exposeMetricsToManager } from './shardMetrics.js';
import { SHUTDOWN_GRACE_MS, stopSignal } from './stopSignal.js';

/**
 * The Discord bot in this process, until SIGINT or SIGTERM: on its own, or as one shard
 * process of a manager (then the manager registers the commands, polls the feeds and serves
 * the metrics, and this process's numbers reach it when it is scraped).
 */
export async function runBot(config: Config, serving: Serving, logger: Logger): Promise<number> {
  const { managed } = config;
  const shards = managed
    ? shardsOfProcess(
        managed.process,
        managed.processes,
        totalShardsFromArgs() ?? managed.processes,
      )
    : config.shards;
  logArticles(serving, logger, managed ? { process: managed.process } : {});
  // Listen before logging in, so a signal during start-up still shuts down cleanly.
  const stopRequested = stopSignal();
  let bot: Awaited<ReturnType<typeof startBot>> | undefined;
  const metrics = new BotMetrics({
    index: serving.size,
    shards: () =>
      [...(bot?.client.ws.shards.values() ?? [])].map((shard) => ({
        id: shard.id,
        status: shard.status,
        pingMs: shard.ping,
      })),
  });
  const metricsServer = managed ? undefined : await serveMetrics(config, metrics, logger);
  const following = await followFeeds(
    config,
    logger,
    metrics,
    !managed,
    serving.delivery,
    serving.writer,
  );
  const delivering = await startDelivery(config, serving, logger, following);
  const asking = await createAsk(config.llm, serving, {
    logger,
    sharedDir: config.dataDir,
    onCall: (outcome, seconds, usage) => metrics.recordModelCall(outcome, seconds, usage),
  });
  const departures = await keepDepartedServers(config, logger, serving);
  try {
    bot = await startBot({
      departures: departures.record,
      token: config.discordToken as string,
      ...(config.discordClientId ? { applicationId: config.discordClientId } : {}),
      ...(config.discordGuildId ? { guildId: config.discordGuildId } : {}),
      ...(config.discordApiUrl ? { apiUrl: config.discordApiUrl } : {}),
      shards,
      ...(managed ? { registerCommands: false } : {}),
      archive: serving.archive,
      ask: asking.ask,
      ...(asking.rewrite ? { rewrite: asking.rewrite } : {}),
      ...(asking.model ? { model: asking.model } : {}),
      logger,
      ...(serving.feedback
        ? { feedback: serving.feedback }
        : openFeedback(config, logger, managed ? `process-${managed.process}` : undefined)),
      ...(following ? { ingest: following.ingest } : {}),
      // A shard process counts too: its manager adds its numbers to its own when scraped.
      ...(metricsServer || managed ? { metrics } : {}),
    });
  } catch (error) {
    await following?.stop();
    await delivering?.stop();
    await metricsServer?.close();
    departures.stop();
    logger.fatal({ err: error }, 'could not connect to Discord');
    process.stderr.write(`${describeLoginFailure(error)}\n`);
    return 1;
  }
  if (managed) exposeMetricsToManager(bot.client, metrics);
  metricsServer?.setReady(true);
  await stopRequested;
  metricsServer?.setReady(false);
  logger.info('shutting down: finishing the answers under way');
  const [{ unfinished }] = await Promise.all([
    bot.stop(SHUTDOWN_GRACE_MS),
    following?.stop(),
    delivering?.stop(),
  ]);
  departures.stop();
  await metricsServer?.close();
  logger.info({ unfinished }, 'stopped');
  return 0;
}

/** How often the servers the bot left are checked for a grace period that has run out. */
const DEPARTURE_SWEEP_MS = 6 * 60 * 60 * 1000;

/**
 * Servers the bot was removed from keep their own articles, follows, alerts and briefings for
 * SERVER_DATA_DAYS, then lose them: checked at start and every few hours, by every process alike (removing twice is
 * harmless).
 */
async function keepDepartedServers(
  config: Config,
  logger: Logger,
  { writer, delivery }: Pick<Serving, 'writer' | 'delivery'>,
) {
  const { ServerDepartures } = await import('../ingest/ServerDepartures.js');
  const record = new ServerDepartures(config.dataDir, config.seedsDir, {
    keepDays: config.serverDataDays,
  });
  const { subscriptions } = delivery;
  const sweep = () =>
    record
      .sweep()
      .then(async (removed) => {
        if (removed.length === 0) return;
        // Their follows, alerts and briefings go with them.
        const gone = new Set(removed);
        for (const s of await subscriptions.list())
          if (s.guildId && gone.has(s.guildId)) await subscriptions.remove(s.id);
        // With a database, its articles leave the archive too, for every host.
        for (const guildId of removed) {
          const outcome = await writer?.removeServer(guildId);
          if (outcome && !outcome.ok)
            logger.warn(
              { guildId, problem: outcome.problem },
              "could not remove a server's articles from the database",
            );
        }
        logger.info(
          { servers: removed },
          'removed the articles and subscriptions of servers the bot left',
        );
      })
      .catch((error) => logger.warn({ err: error }, 'could not check the servers the bot left'));
  await sweep();
  const timer = setInterval(sweep, DEPARTURE_SWEEP_MS);
  timer.unref();
  return { record, stop: () => clearInterval(timer) };
}

/** The total shard count a ShardingManager passed to this shard process, if any. */
function totalShardsFromArgs(): number | undefined {
  const at = process.argv.indexOf(TOTAL_SHARDS_ARG);
  const total = at === -1 ? Number.NaN : Number(process.argv[at + 1]);
  return Number.isInteger(total) && total > 0 ? total : undefined;
}
