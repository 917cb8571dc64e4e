import type { SharedFeeds } from './SharedFeeds.js';

/**
 * Where ingestion's writes go besides the articles folder: with DATABASE_URL, the database, so
 * every process and host answers about an added article without reading the folder. The
 * folder stays a source; writing here after the file is written loses nothing when it fails,
 * as `cli import` loads the file again.
 */
export interface ArchiveWriter {
  /**
   * Brings these files of the articles folder (relative paths) up to date in the archive: one
   * that is there is loaded, one that is gone takes the article imported from it away.
   */
  sync(relativePaths: readonly string[]): Promise<WriteOutcome>;
  /** Removes these articles from the archive. */
  remove(articleIds: readonly string[]): Promise<WriteOutcome>;
  /** Removes every article of one server's own collection: the bot left it for good. */
  removeServer(guildId: string): Promise<WriteOutcome>;
  /** The feed poller's job and memory, shared by every process and host of the archive. */
  feeds?: SharedFeeds;
  close(): Promise<void>;
}

/**
 * What a write did, or why it could not: a short sentence for a person. `away` when the
 * archive could not be reached (it may take the write later), and `later` when the write is
 * kept and will be made once it is back (see retryingWriter).
 */
export type WriteOutcome =
  | { ok: true }
  | { ok: false; problem: string; away?: boolean; later?: boolean };
