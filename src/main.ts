import type { Client, ShardingManager } from 'discord.js';
import type { Logger } from 'pino';
import { LiveIndex } from './cache/LiveIndex.js';
import { type Config, loadConfig } from './config.js';
import { runConsole } from './console/runConsole.js';
import { createLogger } from './createLogger.js';
import { describeLoadFailure } from './describeLoadFailure.js';
import { describeLoginFailure } from './discord/describeLoginFailure.js';
import { runShardManager, shardsOfProcess, TOTAL_SHARDS_ARG } from './discord/runShardManager.js';
import { startBot } from './discord/startBot.js';
import { FeedbackStore } from './feedback/FeedbackStore.js';
import type { PageFetchSettings } from './ingest/addPage.js';
import type { FeedPoller } from './ingest/FeedPoller.js';
import type { FeedStore } from './ingest/FeedStore.js';
import { installProcessHandlers } from './installProcessHandlers.js';
import { isThisBuildStale } from './isBuildStale.js';
import { BotMetrics, type MetricsSnapshot } from './metrics/BotMetrics.js';
import { type MetricsServer, startMetricsServer } from './metrics/startMetricsServer.js';

/** How long a shutdown waits for answers under way before disconnecting anyway. */
const SHUTDOWN_GRACE_MS = 5000;

/**
 * `npm start`: with a Discord token the bot, without one the terminal console over the
 * articles folder, so a new user sees answers with nothing to set up. Either way the index is
 * reused from the cache when the articles have not changed, and follows the folder live.
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
  const logger = createLogger(config.logLevel, { secrets: [config.discordToken ?? ''] });
  if (bot) installProcessHandlers(logger);

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
    if (!bot) return await runTerminal(config, live, logger);
    if ((config.shardProcesses ?? 1) > 1 && !config.managed)
      return await runManager(config, live, logger, source);
    return await runBot(config, live, logger, source);
  } finally {
    await live.close();
  }
}

/** The terminal console, until /quit or the end of input. */
async function runTerminal(config: Config, live: LiveIndex, logger: Logger): Promise<number> {
  const { corpus } = live.current();
  for (const { path, reason } of corpus.skipped)
    process.stderr.write(`Skipped ${path}: ${reason}.\n`);
  for (const { path, message } of corpus.warnings)
    process.stderr.write(`Note on ${path}: ${message}.\n`);
  const count = corpus.articles.length;
  process.stdout.write(
    `newsdesk: ${count} article${count === 1 ? '' : 's'} loaded from ${config.seedsDir}. This is the terminal console; set DISCORD_TOKEN to connect to Discord.\nType a question, or /help for commands.\n\n`,
  );
  await runConsole({
    index: () => live.current(),
    input: process.stdin,
    output: process.stdout,
    prompt: Boolean(process.stdin.isTTY),
    addPage: async (url) => {
      // Loaded at the first /add: the console's start-up needs no HTML parser.
      const { addPage } = await import('./ingest/addPage.js');
      return addPage(url, config.seedsDir, fetchSettings(config));
    },
    onError: (error, errorId) => logger.error({ err: error, errorId }, 'console command failed'),
  });
  return 0;
}

/** The Discord bot, until SIGINT or SIGTERM. */
async function runBot(
  config: Config,
  live: LiveIndex,
  logger: Logger,
  source: 'cache' | 'built',
): Promise<number> {
  const index = live.current();
  const { managed } = config;
  // A shard process of a manager runs its share of the shards; the manager registers the
  // commands and polls the feeds.
  const shards = managed
    ? shardsOfProcess(
        managed.process,
        managed.processes,
        totalShardsFromArgs() ?? managed.processes,
      )
    : config.shards;
  for (const skipped of index.corpus.skipped) logger.warn(skipped, 'skipped a file');
  for (const warning of index.corpus.warnings) logger.warn(warning, 'read a file with a problem');
  logger.info(
    {
      articles: index.articleCount,
      passages: index.passages.length,
      dir: config.seedsDir,
      source,
      ...(managed ? { process: managed.process } : {}),
    },
    'articles indexed',
  );
  // Listen before logging in, so a signal during start-up still shuts down cleanly.
  const stopRequested = stopSignal();
  let bot: Awaited<ReturnType<typeof startBot>> | undefined;
  const metrics = new BotMetrics({
    index: () => indexSize(live),
    shards: () =>
      [...(bot?.client.ws.shards.values() ?? [])].map((shard) => ({
        id: shard.id,
        status: shard.status,
        pingMs: shard.ping,
      })),
  });
  const metricsServer = managed ? undefined : await serveMetrics(config, metrics, logger);
  const following = await followFeeds(config, logger, metrics, !managed);
  try {
    bot = await startBot({
      token: config.discordToken as string,
      ...(config.discordClientId ? { applicationId: config.discordClientId } : {}),
      ...(config.discordGuildId ? { guildId: config.discordGuildId } : {}),
      ...(config.discordApiUrl ? { apiUrl: config.discordApiUrl } : {}),
      shards,
      ...(managed ? { registerCommands: false } : {}),
      index: () => live.current(),
      logger,
      ...openFeedback(config, logger, managed ? `process-${managed.process}` : undefined),
      ...(following ? { ingest: following.ingest } : {}),
      // A shard process counts too: its manager adds its numbers to its own when scraped.
      ...(metricsServer || managed ? { metrics } : {}),
    });
  } catch (error) {
    await following?.poller.stop();
    await metricsServer?.close();
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
    following?.poller.stop(),
  ]);
  await metricsServer?.close();
  logger.info({ unfinished }, 'stopped');
  return 0;
}

/** Resolves at the first SIGINT or SIGTERM; listened to early, so one during start-up counts. */
function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** The index's size as the metrics show it. */
function indexSize(live: LiveIndex): { articles: number; passages: number } {
  const current = live.current();
  return { articles: current.articleCount, passages: current.passages.length };
}

/** A client with the hook its manager's scrapes read this process's metrics through. */
type ClientWithMetrics = Client & { newsdeskMetrics?: () => Promise<MetricsSnapshot> };

/** How long the manager waits for its shard processes' metrics. */
const GATHER_METRICS_MS = 2000;

/**
 * Lets the manager read this shard process's metrics: its broadcastEval runs in this process
 * with the client as its argument, so the client is where the hook must be.
 */
function exposeMetricsToManager(client: Client, metrics: BotMetrics): void {
  (client as ClientWithMetrics).newsdeskMetrics = () => metrics.snapshot();
}

/** Every shard process's metrics, or those that answered within a moment. */
async function gatherShardMetrics(
  manager: ShardingManager | undefined,
): Promise<MetricsSnapshot[]> {
  if (!manager) return [];
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<MetricsSnapshot[]>((resolve) => {
    timer = setTimeout(() => resolve([]), GATHER_METRICS_MS);
  });
  // What comes back has been through JSON between the processes: plain data, as aggregated.
  const gathered = manager
    .broadcastEval((client) => (client as ClientWithMetrics).newsdeskMetrics?.() ?? null)
    .then((all) => (all as unknown[]).filter(Array.isArray) as MetricsSnapshot[])
    .catch(() => [] as MetricsSnapshot[]);
  return Promise.race([gathered, late]).finally(() => clearTimeout(timer));
}

/** The total shard count a ShardingManager passed to this shard process, if any. */
function totalShardsFromArgs(): number | undefined {
  const at = process.argv.indexOf(TOTAL_SHARDS_ARG);
  const total = at === -1 ? Number.NaN : Number(process.argv[at + 1]);
  return Number.isInteger(total) && total > 0 ? total : undefined;
}

/**
 * SHARD_PROCESSES: this process is the manager. The index it opened is saved in CACHE_DIR, so
 * every shard process starts warm from it; it registers the commands once, polls the feeds,
 * serves the health check, and on SIGTERM stops every shard process.
 */
async function runManager(
  config: Config,
  live: LiveIndex,
  logger: Logger,
  source: 'cache' | 'built',
): Promise<number> {
  const index = live.current();
  logger.info(
    { articles: index.articleCount, passages: index.passages.length, dir: config.seedsDir, source },
    'articles indexed',
  );
  const stopRequested = stopSignal();
  let running: Awaited<ReturnType<typeof runShardManager>> | undefined;
  const metrics = new BotMetrics({
    index: () => indexSize(live),
    others: () => gatherShardMetrics(running?.manager),
  });
  const metricsServer = await serveMetrics(config, metrics, logger);
  const following = await followFeeds(config, logger, metrics, true);
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
    await following?.poller.stop();
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
    (running as NonNullable<typeof running>).stop(SHUTDOWN_GRACE_MS + 2000),
    following?.poller.stop(),
  ]);
  await metricsServer?.close();
  logger.info({ killed }, 'stopped');
  return 0;
}

/**
 * `/metrics` and `/healthz` on METRICS_HOST:METRICS_PORT, when a port is set. A port that
 * cannot be used is logged and the bot runs without them: readers come before dashboards.
 */
async function serveMetrics(
  config: Config,
  metrics: BotMetrics,
  logger: Logger,
): Promise<MetricsServer | undefined> {
  if (config.metricsPort === undefined) return undefined;
  try {
    const server = await startMetricsServer(metrics, {
      port: config.metricsPort,
      host: config.metricsHost,
    });
    logger.info({ url: server.url }, 'metrics served at /metrics, health at /healthz');
    return server;
  } catch (error) {
    logger.error(
      { err: error, port: config.metricsPort },
      'cannot serve metrics on that port; running without them',
    );
    return undefined;
  }
}

/** How pages and feeds are fetched, from the config: the same for `/add`, the console and feeds. */
function fetchSettings(config: Config): PageFetchSettings {
  return {
    allowPrivate: config.allowPrivateUrls,
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.maxFileBytes,
  };
}

/**
 * The feed poller (started) and what `/add` and `/feeds` call, or nothing (with a warning)
 * when DATA_DIR cannot be used: the bot then answers without following feeds.
 */
async function followFeeds(
  config: Config,
  logger: Logger,
  metrics: BotMetrics,
  poll: boolean,
): Promise<
  { poller: FeedPoller; ingest: NonNullable<Parameters<typeof startBot>[0]['ingest']> } | undefined
> {
  // Loaded only by the bot: the console and the CLI's questions need no HTML or feed parser.
  const [{ addPage }, { FeedPoller }, { FeedStore }] = await Promise.all([
    import('./ingest/addPage.js'),
    import('./ingest/FeedPoller.js'),
    import('./ingest/FeedStore.js'),
  ]);
  let store: FeedStore;
  try {
    const opened = FeedStore.open(config.dataDir);
    if (opened.problem) logger.warn(opened.problem);
    store = opened.store;
  } catch (error) {
    logger.warn(
      { err: error, dir: config.dataDir },
      'cannot write to DATA_DIR; not following feeds',
    );
    return undefined;
  }
  const fetch = fetchSettings(config);
  const poller = new FeedPoller({
    feedsFile: config.feedsFile,
    seedsDir: config.seedsDir,
    store,
    fetch,
    pollIntervalMs: config.feedPollMs,
    hostPauseMs: config.feedHostPauseMs,
    onPoll: (_url, read) => metrics.recordFeedPoll(read),
    onItem: (line) => {
      metrics.recordFeedItem(line.status);
      if (line.status === 'added') logger.info(line, 'feed item added');
      else if (line.status === 'failed') logger.warn(line, 'feed item failed');
    },
    onProblem: (message) => logger.warn(message),
  });
  // Several hosts may run shards of one bot over the same folders: only the one that runs
  // shard 0 polls, so no feed is read twice.
  if (poll && (config.shards === 'auto' || config.shards.ids.includes(0))) poller.start();
  else logger.info('feeds are polled by the process that runs shard 0, not this one');
  return {
    poller,
    ingest: {
      addPage: async (url) => {
        const added = await addPage(url, config.seedsDir, fetch);
        logger.info(
          added.ok
            ? { url, articleId: added.articleId, status: added.status }
            : { url, reason: added.reason },
          'add page',
        );
        return added;
      },
      feeds: () => poller.status(),
      feedsFile: config.feedsFile,
    },
  };
}

/** The feedback store, or nothing (with a warning) when DATA_DIR cannot be used. */
function openFeedback(
  config: Config,
  logger: Logger,
  processName?: string,
): { feedback?: FeedbackStore } {
  // Processes that share DATA_DIR each keep a log of their own; the report reads them all.
  const name =
    processName ??
    (config.shards !== 'auto' && config.shards.ids.length < config.shards.count
      ? `shards-${config.shards.ids.join('-')}`
      : undefined);
  try {
    return {
      feedback: FeedbackStore.open(config.dataDir, {
        maxBytes: config.feedbackMaxBytes,
        ...(name ? { name } : {}),
      }),
    };
  } catch (error) {
    logger.warn(
      { err: error, dir: config.dataDir },
      'cannot write to DATA_DIR; answering without keeping feedback',
    );
    return {};
  }
}

process.exitCode = await main();
// A shard process talks to its ShardingManager over an IPC channel, which would keep it alive.
if (process.connected) process.disconnect();
