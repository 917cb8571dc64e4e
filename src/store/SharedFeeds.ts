import type { FeedStore } from '../ingest/FeedStore.js';

/**
 * The feed poller's job and memory, shared by every process and host of one database: one
 * process at a time polls, over what every process before it remembered, so no item is fetched
 * twice however many processes follow the feeds.
 */
export interface SharedFeeds {
  /**
   * Runs `work` as the one poller (waiting up to `waitMs` for the job), over the shared memory;
   * its changes are saved before the job is let go. `busy` when another process kept the job.
   */
  pollOnce<T>(work: (store: FeedStore) => Promise<T>, waitMs: number): Promise<PollOutcome<T>>;
  /**
   * For a running process: `store` follows the shared memory, and `onHolding` hears when this
   * process becomes the poller (true) or stops being it (false), as the job moves between hosts.
   */
  follow(onHolding: (holding: boolean) => void): SharedFeedsFollower;
  /** Which of these articles the archive holds: a feed's item is added again only when not. */
  stored(articleIds: readonly string[]): Promise<Set<string>>;
  /** Marks the items that became this article removed on purpose, for every host. */
  markRemoved(articleId: string): Promise<void>;
}

/** What {@link SharedFeeds.pollOnce} did. */
export type PollOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; problem: string; busy?: boolean };

/** A running process's part in the shared feeds. */
export interface SharedFeedsFollower {
  /** The memory this process polls with. */
  store: FeedStore;
  /** Reads what other processes changed since the last call: call before each check. */
  refresh(): Promise<void>;
  /** Saves this process's changes: call after each check. */
  save(): Promise<void>;
  stop(): Promise<void>;
}
