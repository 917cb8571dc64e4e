import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { DeliveryEvent } from '../delivery/Deliverer.js';
import type { DeliveryState } from '../delivery/DeliveryState.js';
import type { FeedStore } from '../ingest/FeedStore.js';
import type { Following } from './followFeeds.js';
import type { Serving } from './Serving.js';

/** How often waiting posts, new articles and due briefings are looked for, at most. */
const DELIVERY_CHECK_MS = 5000;

/**
 * Starts delivery in the process that polls the feeds, so exactly one process delivers: in the
 * folder mode the one that runs shard 0 (or the manager), with DATABASE_URL whichever process
 * holds the feed job at the moment. Nothing in a process that never polls.
 */
export async function startDelivery(
  config: Config,
  serving: Serving,
  logger: Logger,
  following: Following | undefined,
): Promise<{ stop(): Promise<void> } | undefined> {
  if (!following?.mayPoll) return undefined;
  return deliverNews(config, serving, logger, following, following.store);
}

/**
 * Tells servers about news: the deliverer reads the follows, alerts and briefings and posts
 * through Discord's REST API, after each poll and every few seconds, while this process polls
 * the feeds. Its record is read when it takes the job, and read again after a check that
 * failed: whatever it had not saved, it finds again (a post marked attempted is looked for in
 * its channel before it is sent again).
 */
export async function deliverNews(
  config: Config,
  serving: Pick<Serving, 'news' | 'delivery'>,
  logger: Logger,
  following: Pick<Following, 'polls' | 'onChecked' | 'poller'>,
  store: FeedStore,
): Promise<{ stop(): Promise<void> }> {
  const [{ Deliverer }, { topicScore, ALERT_THRESHOLD }, { discordOutlet }] = await Promise.all([
    import('../delivery/Deliverer.js'),
    import('../delivery/topicScore.js'),
    import('../discord/deliveryOutlet.js'),
  ]);
  const outlet = discordOutlet({
    token: config.discordToken as string,
    ...(config.discordApiUrl ? { apiUrl: config.discordApiUrl } : {}),
  });
  const onEvent = (event: DeliveryEvent) => {
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
      logger.info({ arrived: event.arrived }, 'many articles arrived at once; no alerts for them');
  };
  const start = (state: DeliveryState) =>
    new Deliverer({
      subscriptions: serving.delivery.subscriptions,
      state,
      feeds: {
        readAt: (url, guildId) => store.feed(url).readFor?.[guildId],
        articlesOf: (url, guildId) => store.articlesOf(url, guildId),
        busy: () => following.poller.busy,
      },
      news: serving.news,
      alertScore: topicScore,
      alertThreshold: ALERT_THRESHOLD,
      outlet,
      onEvent,
    });
  let deliverer: InstanceType<typeof Deliverer> | undefined;
  const check = async () => {
    if (!following.polls()) {
      await deliverer?.settled();
      deliverer = undefined;
      return;
    }
    try {
      if (!deliverer) {
        const opened = await serving.delivery.openRecord();
        if (opened.problem) logger.warn(opened.problem);
        deliverer = start(opened.state);
      }
      await deliverer.tick();
    } catch (error) {
      deliverer = undefined;
      logger.error({ err: error }, 'delivery check failed; trying again at the next');
    }
  };
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= check().finally(() => {
      running = undefined;
    });
    return running;
  };
  following.onChecked(() => void tick());
  await tick();
  const timer = setInterval(tick, Math.min(DELIVERY_CHECK_MS, config.feedPollMs));
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
