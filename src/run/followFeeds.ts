import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { BotContext } from '../discord/commandTypes.js';
import type { PageFetchSettings } from '../ingest/addPage.js';
import type { FeedPoller } from '../ingest/FeedPoller.js';
import type { FeedStore } from '../ingest/FeedStore.js';
import type { BotMetrics } from '../metrics/BotMetrics.js';

/** How pages and feeds are fetched, from the config: the same for `/add`, the console and feeds. */
export function fetchSettings(config: Config): PageFetchSettings {
  return {
    allowPrivate: config.allowPrivateUrls,
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.maxFileBytes,
  };
}

/** The feed poller and what `/add` and `/feeds` call. */
export interface Following {
  poller: FeedPoller;
  ingest: NonNullable<BotContext['ingest']>;
}

/**
 * The feed poller (started when `poll`) and what `/add` and `/feeds` call, or nothing (with a
 * warning) when DATA_DIR cannot be used: the bot then answers without following feeds.
 */
export async function followFeeds(
  config: Config,
  logger: Logger,
  metrics: BotMetrics,
  poll: boolean,
): Promise<Following | undefined> {
  // Loaded only by the bot: the console and the CLI's questions need no HTML or feed parser.
  const [{ addToCollection }, { FeedPoller }, { FeedStore }] = await Promise.all([
    import('../ingest/addToCollection.js'),
    import('../ingest/FeedPoller.js'),
    import('../ingest/FeedStore.js'),
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
  if (config.feedPollMs < 60_000)
    logger.warn(
      { seconds: config.feedPollMs / 1000 },
      'FEED_POLL_MINUTES below 1 is for testing: feeds are read every few seconds',
    );
  const poller = new FeedPoller({
    feedsFile: config.feedsFile,
    seedsDir: config.seedsDir,
    store,
    fetch,
    pollIntervalMs: config.feedPollMs,
    // Feeds due are looked for every minute, or as often as they are polled when that is less.
    checkEveryMs: Math.min(60_000, config.feedPollMs),
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
      addScope: config.addScope,
      addPage: async (url, guildId) => {
        const added = await addToCollection(
          url,
          { seedsDir: config.seedsDir, addScope: config.addScope, fetch },
          guildId,
        );
        logger.info(
          added.ok
            ? { url, articleId: added.articleId, status: added.status, guildId }
            : { url, reason: added.reason, guildId },
          'add page',
        );
        return added;
      },
      removeArticle: async (article, guildId) => {
        const { removeFromCollection } = await import('../ingest/removeFromCollection.js');
        const removed = await removeFromCollection(article, guildId, config.seedsDir);
        // Removed on purpose: the feed it came from must not bring it back.
        if (removed.ok) store.markRemoved(article.id);
        logger.info({ articleId: article.id, guildId, ok: removed.ok }, 'remove article');
        return removed;
      },
      feeds: () => poller.status(),
      feedsFile: config.feedsFile,
    },
  };
}
