import type pg from 'pg';
import {
  emptyFeedState,
  type FeedState,
  type FeedStateChange,
  FeedStore,
} from '../../ingest/FeedStore.js';
import type { SharedFeeds } from '../SharedFeeds.js';
import { JOBS, JobLock } from './JobLock.js';
import { describeDatabaseError } from './openDatabase.js';

/** Changes read back after this much overlap: a write that committed late is not missed. */
const OVERLAP_MS = 5000;

/** How often a process waiting for the poller's job tries to take it. */
const TRY_EVERY_MS = 200;

/**
 * The feeds' job and memory in the database (`feed_state`): the poller is whichever process
 * holds the feed job's advisory lock ({@link JobLock}); it reads the whole memory when it takes
 * the job, what others changed before each check, and saves its own changes after each.
 */
export function databaseFeeds(pool: pg.Pool, url: string): SharedFeeds {
  return {
    pollOnce: async (work, waitMs) => {
      let holding = false;
      const lock = new JobLock(pool, {
        job: JOBS.feedPoller,
        checkEveryMs: TRY_EVERY_MS,
        onChange: (now) => {
          holding = now;
        },
      });
      try {
        await lock.start();
        const deadline = Date.now() + waitMs;
        while (!holding && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, TRY_EVERY_MS));
        if (!holding)
          return {
            ok: false,
            busy: true,
            problem: 'Another process is polling the feeds; try again when it is done.',
          };
        const memory = new Memory(pool);
        const store = await memory.load();
        const value = await work(store);
        await memory.save();
        return { ok: true, value };
      } catch (error) {
        return { ok: false, problem: describeDatabaseError(error, url) };
      } finally {
        await lock.stop();
      }
    },

    follow: (onHolding) => {
      const memory = new Memory(pool);
      const store = memory.store;
      const lock = new JobLock(pool, {
        job: JOBS.feedPoller,
        onChange: (holding) => {
          if (!holding) onHolding(false);
          else
            void memory.load().then(
              () => onHolding(true),
              // Not polling on a memory it could not read; the next check of the lock tries again.
              () => lock.stop().then(() => lock.start()),
            );
        },
      });
      void lock.start();
      return {
        store,
        refresh: () => memory.refresh(),
        save: () => memory.save(),
        stop: async () => {
          await memory.save().catch(() => {});
          await lock.stop();
        },
      };
    },

    stored: async (articleIds) => {
      if (articleIds.length === 0) return new Set();
      const { rows } = await pool.query<{ id: string }>(
        'SELECT id FROM articles WHERE id = ANY ($1::text[])',
        [articleIds],
      );
      return new Set(rows.map((row) => row.id));
    },

    markRemoved: async (articleId) => {
      await pool.query(
        `UPDATE feed_state SET record = jsonb_set(record, '{status}', '"removed"'),
           updated_at = clock_timestamp()
         WHERE kind = 'item' AND record->>'articleId' = $1 AND record->>'status' <> 'removed'`,
        [articleId],
      );
    },
  };
}

/** One process's copy of the shared memory, and the changes it has not saved yet. */
class Memory {
  readonly store: FeedStore;
  private pending: FeedStateChange[] = [];
  private readSince: Date | undefined;

  constructor(private readonly pool: pg.Pool) {
    this.store = FeedStore.over(emptyFeedState(), (changes) => this.pending.push(...changes));
  }

  /** Reads the whole memory: this process has just become the poller. */
  async load(): Promise<FeedStore> {
    const { rows, startedAt } = await this.read();
    const state: FeedState = emptyFeedState();
    for (const row of rows) {
      if (row.kind === 'feed') state.feeds[row.key] = row.record as FeedState['feeds'][string];
      else state.items[row.key] = row.record as FeedState['items'][string];
    }
    this.store.replace(state);
    this.readSince = startedAt;
    return this.store;
  }

  /** Takes in what other processes changed since the last read. */
  async refresh(): Promise<void> {
    if (!this.readSince) {
      await this.load();
      return;
    }
    const { rows, startedAt } = await this.read(new Date(this.readSince.getTime() - OVERLAP_MS));
    this.store.absorb(rows as FeedStateChange[]);
    this.readSince = startedAt;
  }

  /** Writes this process's changes, the latest of each record, in one statement. */
  async save(): Promise<void> {
    if (this.pending.length === 0) return;
    const taken = this.pending;
    this.pending = [];
    const latest = new Map(taken.map((c) => [`${c.kind}\u0000${c.key}`, c]));
    const batch = [...latest.values()];
    try {
      await this.pool.query(
        `INSERT INTO feed_state (kind, key, record, updated_at)
       SELECT c.kind, c.key, c.record, clock_timestamp()
       FROM jsonb_to_recordset($1::jsonb) AS c(kind text, key text, record jsonb)
       ON CONFLICT (kind, key) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`,
        [JSON.stringify(batch)],
      );
    } catch (error) {
      // Kept for the next save, before anything changed since.
      this.pending = [...taken, ...this.pending];
      throw error;
    }
  }

  /** Rows changed since `since` (all without it), and the database's time before reading them. */
  private async read(since?: Date) {
    const clock = await this.pool.query<{ at: Date }>('SELECT clock_timestamp() AS at');
    const startedAt = clock.rows[0]?.at ?? new Date(0);
    const { rows } = await this.pool.query<{
      kind: 'feed' | 'item';
      key: string;
      record: unknown;
    }>(
      since
        ? 'SELECT kind, key, record FROM feed_state WHERE updated_at >= $1'
        : 'SELECT kind, key, record FROM feed_state',
      since ? [since] : [],
    );
    return { rows, startedAt };
  }
}
