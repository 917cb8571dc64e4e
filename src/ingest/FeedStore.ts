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

/** Everything a feed store remembers. */
export interface FeedState {
  version: 1;
  feeds: Record<string, FeedRecord>;
  items: Record<string, ItemRecord>;
}

/** One remembered thing that changed: a feed's record or an item's. */
export type FeedStateChange =
  | { kind: 'feed'; key: string; record: FeedRecord }
  | { kind: 'item'; key: string; record: ItemRecord };

/**
 * The feed poller's memory — ETags, Last-Modified dates, errors and every item seen — so a
 * restart neither adds an item twice nor hammers a site that asked us to wait. Kept in one
 * JSON file under DATA_DIR ({@link FeedStore.open}), saved by writing a temporary file and
 * renaming it; or, with a database, handed change by change to its writer
 * ({@link FeedStore.over}), so every host shares it.
 */
export class FeedStore {
  private state: FeedState;
  private readonly save: (changes: FeedStateChange[]) => void;

  private constructor(state: FeedState, save: (changes: FeedStateChange[]) => void) {
    this.state = state;
    this.save = save;
  }

  /** A store over `state` whose every change goes to `onChange`, in order. */
  static over(state: FeedState, onChange: (changes: FeedStateChange[]) => void): FeedStore {
    return new FeedStore(state, onChange);
  }

  /** Remembers `state` instead: what another process, which polled meanwhile, left. */
  replace(state: FeedState): void {
    this.state = state;
  }

  /** Takes in records another process changed (an item an admin removed), without saving them. */
  absorb(changes: readonly FeedStateChange[]): void {
    for (const change of changes) {
      if (change.kind === 'feed') this.state.feeds[change.key] = change.record;
      else this.state.items[change.key] = change.record;
    }
  }

  /** Opens (or starts) the store in `dataDir`; an unreadable file starts afresh, as a warning. */
  static open(dataDir: string): { store: FeedStore; problem?: string } {
    const file = path.join(dataDir, 'feeds-state.json');
    mkdirSync(dataDir, { recursive: true });
    let text: string | undefined;
    let store: FeedStore | undefined;
    const save = () => {
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(store?.state));
      renameSync(temporary, file);
    };
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      store = new FeedStore(emptyFeedState(), save);
      return { store };
    }
    try {
      const parsed = JSON.parse(text) as FeedState;
      if (
        parsed?.version !== 1 ||
        typeof parsed.feeds !== 'object' ||
        typeof parsed.items !== 'object'
      )
        throw new Error('not a feed state');
      store = new FeedStore(parsed, save);
      return { store };
    } catch {
      store = new FeedStore(emptyFeedState(), save);
      return { store, problem: `${file} could not be read; starting with no feeds seen` };
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
    this.save([{ kind: 'feed', key: url, record: next }]);
  }

  item(key: string): ItemRecord | undefined {
    return this.state.items[key];
  }

  updateItem(key: string, record: ItemRecord): void {
    this.state.items[key] = record;
    this.save([{ kind: 'item', key, record }]);
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
    const changes: FeedStateChange[] = [];
    for (const [key, item] of Object.entries(this.state.items)) {
      if (item.articleId !== articleId || item.status === 'removed') continue;
      item.status = 'removed';
      changes.push({ kind: 'item', key, record: item });
    }
    if (changes.length > 0) this.save(changes);
    return changes.length;
  }
}

/** What a store that has seen nothing remembers. */
export function emptyFeedState(): FeedState {
  return { version: 1, feeds: {}, items: {} };
}
