import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { DeliveryRecords } from '../delivery/DeliveryRecords.js';
import type { BotContext } from '../discord/commandTypes.js';
import type { PageFetchSettings } from '../ingest/addPage.js';
import type { FeedPoller } from '../ingest/FeedPoller.js';
import type { FeedStore } from '../ingest/FeedStore.js';
import type { BotMetrics } from '../metrics/BotMetrics.js';
import type { ArchiveWriter } from '../store/ArchiveWriter.js';

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
  /** The feeds' memory: what each feed added, for the deliverer. */
  store: FeedStore;
  /** Whether this process polls the feeds (and so delivers). */
  polling: boolean;
  /**
   * Whether this process may poll the feeds: it polls (folder mode), or it takes the job
   * whenever no other process holds it (database mode).
   */
  mayPoll: boolean;
  /** Whether this process polls the feeds now, and so delivers. */
  polls(): boolean;
  /** Calls `listener` after each check of the feeds. */
  onChecked(listener: () => void): void;
  /** Stops polling, and with a database lets another host take the job. */
  stop(): Promise<void>;
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
  delivery: DeliveryRecords,
  writer?: ArchiveWriter,
): Promise<Following | undefined> {
  // Loaded only by the bot: the console and the CLI's questions need no HTML or feed parser.
  const [{ addToCollection }, { FeedPoller }, { FeedStore }] = await Promise.all([
    import('../ingest/addToCollection.js'),
    import('../ingest/FeedPoller.js'),
    import('../ingest/FeedStore.js'),
  ]);
  const { subscriptions } = delivery;
  const checked: (() => void)[] = [];
  // With a database, every host shares one memory of the feeds, and one of them polls. The
  // job is first taken after a round trip, so `poller` below exists by then. A shard process
  // of a manager never polls, so it must not take the job from the processes that can.
  const sharedFeeds = writer?.feeds;
  let sharedHolding = false;
  const shared = poll
    ? sharedFeeds?.follow((holding) => {
        sharedHolding = holding;
        logger.info(
          holding ? 'this process now polls the feeds' : 'another process polls the feeds',
        );
        if (holding) poller.start();
        else void poller.stop();
      })
    : undefined;
  let store: FeedStore;
  try {
    if (shared) store = shared.store;
    else {
      const opened = FeedStore.open(config.dataDir);
      if (opened.problem) logger.warn(opened.problem);
      store = opened.store;
    }
  } catch (error) {
    logger.warn(
      { err: error, dir: config.dataDir },
      'cannot write to DATA_DIR; not following feeds',
    );
    return undefined;
  }
  const fetch = fetchSettings(config);
  /** This check's writes to the database, still under way. */
  const writing: Promise<void>[] = [];
  // With a database, what reaches the folder is stored there too; when that fails the file
  // stays, and `cli import` loads it.
  const mirror = async (change: { sync?: string[]; remove?: string[] }) => {
    if (!writer) return;
    const outcome = change.remove
      ? await writer.remove(change.remove)
      : await writer.sync(change.sync ?? []);
    if (!outcome.ok && !outcome.later)
      logger.warn(
        { ...change, problem: outcome.problem },
        'the articles folder has the change but the database does not; cli import will load it',
      );
  };
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
      if (line.status === 'added') {
        logger.info(line, 'feed item added');
        if (line.path && writer) writing.push(mirror({ sync: [line.path] }));
      } else if (line.status === 'failed') logger.warn(line, 'feed item failed');
    },
    onProblem: (message) => logger.warn(message),
    followed: async () =>
      (await subscriptions.list()).flatMap((s) =>
        s.kind === 'follow' ? [{ url: s.feedUrl, guildId: s.guildId }] : [],
      ),
    onChecked: () => {
      // Without a shared memory nothing waits on the writes; they only must not pile up.
      if (!shared) writing.splice(0);
      for (const listener of checked) listener();
    },
    ...(shared && sharedFeeds
      ? {
          beforeCheck: () => shared.refresh(),
          // The articles are stored before the memory says they were added: whoever polls
          // next asks the database which are kept.
          afterCheck: async () => {
            await Promise.all(writing.splice(0));
            await shared.save();
          },
          keptOf: sharedFeeds.stored,
        }
      : {}),
  });
  // Several hosts may run shards of one bot over the same folders: only the one that runs
  // shard 0 polls, so no feed is read twice.
  const polling = !shared && poll && (config.shards === 'auto' || config.shards.ids.includes(0));
  if (polling) poller.start();
  else if (!sharedFeeds)
    logger.info('feeds are polled by the process that runs shard 0, not this one');
  return {
    poller,
    store,
    polling,
    mayPoll: polling || shared !== undefined,
    polls: () => polling || sharedHolding,
    stop: async () => {
      await poller.stop();
      await shared?.stop();
    },
    onChecked: (listener) => checked.push(listener),
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
        if (added.ok && added.status !== 'unchanged') await mirror({ sync: [added.path] });
        return added;
      },
      removeArticle: async (article, guildId) => {
        const { removeFromCollection } = await import('../ingest/removeFromCollection.js');
        const removed = await removeFromCollection(article, guildId, config.seedsDir);
        // Removed on purpose: the feed it came from must not bring it back.
        if (removed.ok) {
          store.markRemoved(article.id);
          await sharedFeeds
            ?.markRemoved(article.id)
            .catch((error: Error) =>
              logger.warn(
                { err: error, articleId: article.id },
                'could not mark its feed items removed',
              ),
            );
          await mirror({ remove: [article.id] });
        }
        logger.info({ articleId: article.id, guildId, ok: removed.ok }, 'remove article');
        return removed;
      },
      feeds: () => poller.status(),
      feedsFile: config.feedsFile,
      subscriptions,
      deliveries: () => delivery.readRecord(),
      checkFeed: async (url) => {
        const { checkFeed } = await import('../ingest/checkFeed.js');
        return checkFeed(url, fetch);
      },
      // A new follow is read at once when this process polls; otherwise at the next check.
      pollSoon: () => {
        if (polling || sharedHolding) void poller.check();
      },
    },
  };
}
