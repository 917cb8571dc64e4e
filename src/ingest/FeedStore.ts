import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What is remembered of one feed between polls. */
export interface FeedRecord {
  etag?: string;
  lastModified?: string;
  /** ISO time of the last poll, successful or not. */
  lastPollAt?: string;
  lastError?: string;
  /** Failed polls in a row: the backoff grows with it. */
  errorCount: number;
  /** ISO time before which the feed is not polled again (backoff, Retry-After). */
  nextPollAt?: string;
  /** ISO time until which the site asked not to be called (Retry-After). */
  retryAfterUntil?: string;
  /** Items in the feed at its last successful read. */
  itemCount?: number;
  title?: string;
  /**
   * When the feed was last read whole for each collection it is written into (`''` the shared
   * one, else a server's id): a new follow counts what was there then as its backlog.
   */
  readFor?: Record<string, string>;
}

/**
 * What is remembered of one item: added once, how often it failed, or removed on purpose by
 * an admin (`cli remove`, `/remove`), after which it is never added again.
 */
export interface ItemRecord {
  status: 'added' | 'failed' | 'removed';
  articleId?: string;
  attempts: number;
  lastError?: string;
  /** The feed it came from, so a feed whose articles lost their files is read afresh. */
  feed?: string;
  /** The server whose collection it went to (`/follow`); absent for the shared one. */
  guild?: string;
  /** When it was added (ISO), and the date the feed gave it, if any. */
  addedAt?: string;
  published?: string;
  /** Its place in the feed when it was added (0 first): feeds list the newest first. */
  position?: number;
  /** The page the feed linked it to. */
  link?: string;
}

interface StoredState {
  version: 1;
  feeds: Record<string, FeedRecord>;
  items: Record<string, ItemRecord>;
}

/**
 * The feed poller's memory — ETags, Last-Modified dates, errors and every item seen — kept in
 * one JSON file under DATA_DIR so a restart neither adds an item twice nor hammers a site that
 * asked us to wait. Saved by writing a temporary file and renaming it.
 */
export class FeedStore {
  readonly file: string;
  private state: StoredState;

  private constructor(file: string, state: StoredState) {
    this.file = file;
    this.state = state;
  }

  /** Opens (or starts) the store in `dataDir`; an unreadable file starts afresh, as a warning. */
  static open(dataDir: string): { store: FeedStore; problem?: string } {
    const file = path.join(dataDir, 'feeds-state.json');
    mkdirSync(dataDir, { recursive: true });
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return { store: new FeedStore(file, emptyState()) };
    }
    try {
      const parsed = JSON.parse(text) as StoredState;
      if (
        parsed?.version !== 1 ||
        typeof parsed.feeds !== 'object' ||
        typeof parsed.items !== 'object'
      )
        throw new Error('not a feed state');
      return { store: new FeedStore(file, parsed) };
    } catch {
      return {
        store: new FeedStore(file, emptyState()),
        problem: `${file} could not be read; starting with no feeds seen`,
      };
    }
  }

  feed(url: string): FeedRecord {
    return this.state.feeds[url] ?? { errorCount: 0 };
  }

  updateFeed(url: string, changes: Partial<FeedRecord>): void {
    const next: FeedRecord = { ...this.feed(url), ...changes };
    for (const key of Object.keys(next) as Array<keyof FeedRecord>)
      if (next[key] === undefined) delete next[key];
    this.state.feeds[url] = next;
    this.save();
  }

  item(key: string): ItemRecord | undefined {
    return this.state.items[key];
  }

  updateItem(key: string, record: ItemRecord): void {
    this.state.items[key] = record;
    this.save();
  }

  /** The articles added from one feed, by id. */
  addedFrom(feedUrl: string): string[] {
    return Object.values(this.state.items)
      .filter((item) => item.feed === feedUrl && item.status === 'added' && item.articleId)
      .map((item) => item.articleId as string);
  }

  /**
   * The articles one feed added to one collection (a server's, or the shared one without
   * `guildId`): what a follow of that feed posts, oldest first by when they were added.
   */
  articlesOf(
    feedUrl: string,
    guildId?: string,
  ): (ItemRecord & { articleId: string; key: string })[] {
    const prefix = guildId ? `${guildId}|` : '';
    return Object.entries(this.state.items)
      .filter(
        ([key, item]) =>
          item.feed === feedUrl &&
          item.status === 'added' &&
          item.articleId !== undefined &&
          item.guild === guildId &&
          key.startsWith(prefix),
      )
      .map(([key, item]) => ({
        ...(item as ItemRecord & { articleId: string }),
        // The item's own key in the feed (its guid or link), as /follow saw it.
        key: key.slice(prefix.length),
      }))
      .sort((a, b) => (a.addedAt ?? '').localeCompare(b.addedAt ?? ''));
  }

  /**
   * Marks the items that became this article as removed on purpose, so no poll adds them
   * again. Returns how many there were (0 for an article no feed gave).
   */
  markRemoved(articleId: string): number {
    let count = 0;
    for (const item of Object.values(this.state.items)) {
      if (item.articleId !== articleId || item.status === 'removed') continue;
      item.status = 'removed';
      count++;
    }
    if (count > 0) this.save();
    return count;
  }

  private save(): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state));
    renameSync(temporary, this.file);
  }
}

function emptyState(): StoredState {
  return { version: 1, feeds: {}, items: {} };
}
