import type { Logger } from 'pino';
import type { LiveIndex } from '../cache/LiveIndex.js';
import type { Config } from '../config.js';
import type { FeedStore } from '../ingest/FeedStore.js';
import type { Following } from './followFeeds.js';
import type { Serving } from './Serving.js';

/** How often waiting posts, new articles and due briefings are looked for, at most. */
const DELIVERY_CHECK_MS = 5000;

/**
 * Starts delivery in the process that polls the feeds (exactly one delivers), over the folder's
 * live index. With DATABASE_URL there is no live index yet to find new articles in: nothing is
 * delivered, and the log says so once.
 */
export async function startDelivery(
  config: Config,
  serving: Serving,
  logger: Logger,
  following: Following | undefined,
): Promise<{ stop(): Promise<void> } | undefined> {
  if (!following?.polling) return undefined;
  if (!serving.live) {
    logger.warn('follows, alerts and briefings are not delivered with DATABASE_URL yet');
    return undefined;
  }
  return deliverNews(config, serving.live, logger, following, following.store);
}

/**
 * Starts telling servers about news: the deliverer reads the follows, alerts and briefings in
 * DATA_DIR and posts through Discord's REST API. Run only by the process that polls the feeds,
 * so exactly one process delivers; it looks after each poll and every few seconds.
 */
export async function deliverNews(
  config: Config,
  live: LiveIndex,
  logger: Logger,
  following: Following,
  store: FeedStore,
): Promise<{ stop(): Promise<void> }> {
  const [
    { Deliverer },
    { DeliveryState },
    { SubscriptionStore },
    { topicScore, ALERT_THRESHOLD },
    { discordOutlet },
  ] = await Promise.all([
    import('../delivery/Deliverer.js'),
    import('../delivery/DeliveryState.js'),
    import('../delivery/SubscriptionStore.js'),
    import('../delivery/topicScore.js'),
    import('../discord/deliveryOutlet.js'),
  ]);
  const opened = DeliveryState.open(config.dataDir);
  if (opened.problem) logger.warn(opened.problem);
  const deliverer = new Deliverer({
    subscriptions: new SubscriptionStore(config.dataDir),
    state: opened.state,
    feeds: {
      readAt: (url, guildId) => store.feed(url).readFor?.[guildId],
      articlesOf: (url, guildId) => store.articlesOf(url, guildId),
      busy: () => following.poller.busy,
    },
    index: () => live.current(),
    outlet: discordOutlet({
      token: config.discordToken as string,
      ...(config.discordApiUrl ? { apiUrl: config.discordApiUrl } : {}),
    }),
    alertScore: topicScore,
    alertThreshold: ALERT_THRESHOLD,
    onEvent: (event) => {
      if (event.event === 'sent' || event.event === 'found')
        logger.info(
          {
            kind: event.post.kind,
            articleId: event.post.articleId,
            messageId: event.post.messageId,
            found: event.event === 'found' || undefined,
          },
          'post delivered',
        );
      else if (event.event === 'failed')
        logger.warn({ kind: event.post.kind, reason: event.reason }, 'post not delivered yet');
      else if (event.event === 'paused')
        logger.warn(
          { subscription: event.subscription.id, code: event.code, reason: event.reason },
          'subscription paused',
        );
      else
        logger.info(
          { arrived: event.arrived },
          'many articles arrived at once; no alerts for them',
        );
    },
  });
  const tick = () =>
    deliverer.tick().catch((error) => logger.error({ err: error }, 'delivery check failed'));
  following.onChecked(tick);
  await tick();
  const timer = setInterval(tick, Math.min(DELIVERY_CHECK_MS, config.feedPollMs));
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await deliverer.settled().catch(() => {});
    },
  };
}
