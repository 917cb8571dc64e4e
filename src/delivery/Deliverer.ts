import type { Article } from '../corpus/types.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import { composeArticlePost } from './composePost.js';
import type { DeliveryState, PostRecord } from './DeliveryState.js';
import type { NewsSource } from './NewsSource.js';
import { planAlerts } from './planAlerts.js';
import { planBriefings } from './planBriefings.js';
import { type FeedHistory, planFollows } from './planFollows.js';
import type { SubscriptionStore } from './SubscriptionStore.js';
import type { Alert, BriefingSchedule, Follow, Outlet, Subscription } from './types.js';

/** Something the deliverer did, for the log. */
export type DeliveryEvent =
  | { event: 'sent'; post: PostRecord }
  | { event: 'found'; post: PostRecord }
  | { event: 'failed'; post: PostRecord; reason: string }
  | { event: 'paused'; subscription: Subscription; reason: string; code?: number }
  | { event: 'bulk'; arrived: number };

/** What the deliverer needs; optional fields have defaults merged in the constructor. */
export interface DelivererOptions {
  subscriptions: SubscriptionStore;
  state: DeliveryState;
  feeds: FeedHistory;
  /** Where new articles, and each post's article, are read. */
  news: NewsSource;
  outlet: Outlet;
  /** How much an article is about a topic (an alert fires at `alertThreshold`). */
  alertScore: (index: PassageIndex, topic: string, article: Article) => number;
  alertThreshold: number;
  /** Posts for one subscription at once; the last says how many more there were. */
  catchUpMax?: number;
  /** New articles at one look beyond which they are a bulk load, not news. */
  bulkArrival?: number;
  /** How long a post waits for its article to reach the archive (index or database) before it is dropped. */
  articleWaitMs?: number;
  now?: () => Date;
  onEvent?: (event: DeliveryEvent) => void;
}

const DEFAULTS = {
  catchUpMax: 10,
  bulkArrival: 100,
  articleWaitMs: 10 * 60 * 1000,
  now: () => new Date(),
  onEvent: () => {},
};

/** The longest a failing post waits before it is tried again. */
const MAX_RETRY_MS = 10 * 60 * 1000;

/**
 * Tells servers when news arrives: at each {@link tick} it queues a post for each new article
 * of a followed feed, each new article an alert is about and each briefing that is due, then
 * sends what is waiting, one post at a time. Only one process runs it: the one that polls
 * the feeds. Every post is recorded as pending before it is sent and marked before each
 * attempt, so after a kill a post that may have gone out is first looked for in its channel.
 */
export class Deliverer {
  private readonly options: Required<DelivererOptions>;
  private running: Promise<void> | undefined;

  constructor(options: DelivererOptions) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Plans and sends once; a tick under way is joined, not doubled. */
  tick(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves once a tick under way has finished (at once when none is). */
  async settled(): Promise<void> {
    await this.running;
  }

  private async run(): Promise<void> {
    const { state, subscriptions, news, onEvent } = this.options;
    const now = this.options.now();
    const all = await subscriptions.list();
    state.prune(new Set(all.map((s) => s.id)), now);
    for (const subscription of all) this.resumeIfRemade(subscription);
    await planFollows(
      all.filter((s): s is Follow => s.kind === 'follow'),
      this.options.feeds,
      state,
      news,
      now,
      this.options.catchUpMax,
    );
    const alerts = await planAlerts(
      all.filter((s): s is Alert => s.kind === 'alert'),
      state,
      news,
      now,
      {
        score: this.options.alertScore,
        threshold: this.options.alertThreshold,
        catchUpMax: this.options.catchUpMax,
        bulkArrival: this.options.bulkArrival,
      },
    );
    if (alerts.bulk) onEvent({ event: 'bulk', arrived: alerts.arrived });
    await planBriefings(
      all.filter((s): s is BriefingSchedule => s.kind === 'briefing'),
      state,
      news,
      now,
    );
    // What was planned is saved before anything is sent.
    await state.flush();
    const byId = new Map(all.map((s) => [s.id, s]));
    // A subscription's posts go out in order: one that must wait holds back those after it.
    const waiting = new Set<string>();
    for (const post of state.posts.filter((p) => p.status === 'pending')) {
      const subscription = byId.get(post.subscriptionId);
      if (!subscription || state.pause(subscription.id) || waiting.has(subscription.id)) continue;
      const due = !post.notBefore || Date.parse(post.notBefore) <= this.options.now().getTime();
      if (!due || !(await this.send(post, subscription))) waiting.add(subscription.id);
    }
    await state.flush();
  }

  /** `/follow` (or `/alert`, `/briefing`) made again after a pause: it posts again. */
  private resumeIfRemade(subscription: Subscription): void {
    const { state } = this.options;
    const pause = state.pause(subscription.id);
    if (!pause || subscription.createdAt <= pause.at) return;
    state.unpause(subscription.id);
  }

  /** Sends one post; false when it has to wait (its article is not indexed yet, or it failed). */
  private async send(post: PostRecord, subscription: Subscription): Promise<boolean> {
    const { state, outlet, news, onEvent } = this.options;
    if (!post.content) {
      const article = post.articleId ? await news.article(post.articleId) : undefined;
      if (!article) {
        // Not in the archive yet (the index is rebuilt a moment after a file is written), or removed.
        if (this.options.now().getTime() - Date.parse(post.queuedAt) > this.options.articleWaitMs) {
          state.drop(post);
          return true;
        }
        return false;
      }
      const content = composeArticlePost(article, await news.summarize(article), {
        kind: post.kind,
        ...(subscription.kind === 'alert' ? { topic: subscription.topic } : {}),
        ...(subscription.kind === 'follow' && subscription.roleId
          ? { roleId: subscription.roleId }
          : {}),
        ...(post.more ? { more: post.more } : {}),
      });
      // A followed feed's post links the page the feed linked, whatever the page calls itself.
      const url = post.url ?? article.metadata.url;
      if (content.article && url) content.article.url = url;
      state.update(post, { title: article.title, ...(url ? { url } : {}), content });
    }
    const content = post.content as NonNullable<PostRecord['content']>;
    if (post.attemptedAt) {
      // Sent before a kill, perhaps, but not recorded: look before sending it again.
      await state.flush();
      const found = await outlet.find(post.to, content, post.nonce);
      if (found) {
        state.update(post, {
          status: 'sent',
          content: undefined,
          sentAt: this.options.now().toISOString(),
          messageId: found,
        });
        onEvent({ event: 'found', post });
        return true;
      }
    }
    state.update(post, { attemptedAt: this.options.now().toISOString() });
    // On disk before it goes out: after a kill, a post marked attempted is looked for first.
    await state.flush();
    const result = await outlet.send(post.to, content, post.nonce);
    if (result.ok) {
      // A sent post keeps its record, not its content: only a post that may go out again needs that.
      state.update(post, {
        status: 'sent',
        content: undefined,
        sentAt: this.options.now().toISOString(),
        messageId: result.messageId,
        failures: undefined,
        lastError: undefined,
        notBefore: undefined,
      });
      onEvent({ event: 'sent', post });
      return true;
    }
    if (result.stop) {
      state.setPaused(subscription.id, {
        at: this.options.now().toISOString(),
        reason: result.reason,
        ...(result.code !== undefined ? { code: result.code } : {}),
      });
      onEvent({
        event: 'paused',
        subscription,
        reason: result.reason,
        ...(result.code !== undefined ? { code: result.code } : {}),
      });
      return false;
    }
    const failures = (post.failures ?? 0) + 1;
    const wait = Math.min(5000 * 2 ** (failures - 1), MAX_RETRY_MS);
    state.update(post, {
      failures,
      lastError: result.reason,
      notBefore: new Date(this.options.now().getTime() + wait).toISOString(),
    });
    onEvent({ event: 'failed', post, reason: result.reason });
    return false;
  }
}
