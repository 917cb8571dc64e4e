import type { PageFetchSettings } from './addPage.js';
import type { FeedStore } from './FeedStore.js';
import { HostPacer } from './HostPacer.js';
import { type FeedTarget, type ItemReport, pollFeed } from './pollFeed.js';
import { readFeedsFile } from './readFeedsFile.js';

/** One followed feed as `/feeds` shows it. */
export interface FeedStatus {
  url: string;
  title?: string;
  lastPollAt?: string;
  nextPollAt?: string;
  itemCount?: number;
  lastError?: string;
}

/** What the poller needs; every field is required, the bot's config fills them. */
export interface FeedPollerOptions {
  feedsFile: string;
  seedsDir: string;
  store: FeedStore;
  fetch: PageFetchSettings;
  pollIntervalMs: number;
  hostPauseMs: number;
  /** How often due feeds are looked for: a feed whose backoff ended is polled within this. */
  checkEveryMs?: number;
  onItem?: (line: ItemReport) => void;
  /** Told after each feed poll whether the feed could be read. */
  onPoll?: (url: string, read: boolean) => void;
  onProblem?: (message: string) => void;
  /**
   * The feeds servers follow (`/follow`), each with the server whose collection its articles
   * go to; read at each check, like FEEDS_FILE.
   */
  followed?: () => Promise<{ url: string; guildId: string }[]>;
  /** Told after each check, when every due feed was polled: new articles may be waiting. */
  onChecked?: () => void;
  /**
   * Runs before each check and after it: with a database, the shared memory of the feeds is
   * brought up to date with what other hosts changed, and then this poll's changes are saved.
   */
  beforeCheck?: () => Promise<void>;
  afterCheck?: () => Promise<void>;
  /** Which added articles are still kept (see pollFeed); by default, those with a file. */
  keptOf?: (articleIds: readonly string[]) => Promise<Set<string>>;
}

/**
 * Follows the feeds listed in FEEDS_FILE for the bot: each is polled when due (every poll
 * interval, later after errors or when its site sent Retry-After). The list is read again at
 * each check, so an admin's edit takes effect without a restart. Polls never overlap.
 */
export class FeedPoller {
  private readonly options: FeedPollerOptions;
  private readonly pacer: HostPacer;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private feeds: string[] = [];

  constructor(options: FeedPollerOptions) {
    this.options = options;
    this.pacer = new HostPacer(options.hostPauseMs);
  }

  /** Polls the due feeds now, then keeps checking until {@link stop}. */
  start(): void {
    this.stopped = false;
    void this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs ?? 60_000);
    this.timer.unref();
  }

  /** Stops checking and waits for a poll under way to finish its current item. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Polls every feed that is due, once; resolves when done (or at once if a poll is under way). */
  check(): Promise<void> {
    this.running ??= this.pollDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Whether a poll is under way: its items are still being added. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** The followed feeds with their last poll, item count and last error. */
  async status(): Promise<FeedStatus[]> {
    const listed = await readFeedsFile(this.options.feedsFile);
    return listed.feeds.map((url) => {
      const record = this.options.store.feed(url);
      const status: FeedStatus = { url };
      for (const key of ['title', 'lastPollAt', 'nextPollAt', 'itemCount', 'lastError'] as const)
        if (record[key] !== undefined) Object.assign(status, { [key]: record[key] });
      return status;
    });
  }

  private async pollDue(): Promise<void> {
    try {
      await this.options.beforeCheck?.();
    } catch (error) {
      // Polling on what is remembered could add an item twice: wait for the next check.
      this.options.onProblem?.(`could not read the feeds' memory: ${(error as Error).message}`);
      return;
    }
    const listed = await readFeedsFile(this.options.feedsFile);
    if (listed.feeds.join('\n') !== this.feeds.join('\n'))
      for (const problem of listed.problems) this.options.onProblem?.(problem);
    this.feeds = listed.feeds;
    let followed: { url: string; guildId: string }[];
    try {
      followed = (await this.options.followed?.()) ?? [];
    } catch (error) {
      this.options.onProblem?.(`could not read the followed feeds: ${(error as Error).message}`);
      return;
    }
    const targets = feedTargets(listed.feeds, followed);
    const now = Date.now();
    for (const [url, feedTargets] of targets) {
      if (this.stopped) return;
      const { nextPollAt } = this.options.store.feed(url);
      if (nextPollAt && Date.parse(nextPollAt) > now) continue;
      try {
        const { feedRead } = await pollFeed(
          url,
          {
            seedsDir: this.options.seedsDir,
            fetch: this.options.fetch,
            pacer: this.pacer,
            store: this.options.store,
            pollIntervalMs: this.options.pollIntervalMs,
            isStopped: () => this.stopped,
            targets: feedTargets,
            ...(this.options.keptOf ? { keptOf: this.options.keptOf } : {}),
          },
          (line) => this.options.onItem?.(line),
        );
        this.options.onPoll?.(url, feedRead);
      } catch (error) {
        // Only a full disk or a vanished folder gets here; the next check tries again.
        this.options.onProblem?.(`polling ${url} failed: ${(error as Error).message}`);
      }
    }
    await this.options
      .afterCheck?.()
      .catch((error: Error) =>
        this.options.onProblem?.(`could not save the feeds' memory: ${error.message}`),
      );
    this.options.onChecked?.();
  }
}

/**
 * Each feed to poll with the collections it is written into: the shared one for FEEDS_FILE's
 * feeds, and each server that follows it. A feed listed in both is read once for all.
 */
export function feedTargets(
  listed: readonly string[],
  followed: readonly { url: string; guildId: string }[],
): Map<string, FeedTarget[]> {
  const targets = new Map<string, FeedTarget[]>();
  for (const url of listed) targets.set(url, [{}]);
  for (const { url, guildId } of followed) {
    const list = targets.get(url) ?? [];
    if (!list.some((t) => t.guildId === guildId)) list.push({ guildId });
    targets.set(url, list);
  }
  return targets;
}
