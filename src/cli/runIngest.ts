import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Article } from '../corpus/types.js';
import type { PageFetchSettings } from '../ingest/addPage.js';
import { addToCollection } from '../ingest/addToCollection.js';
import { FeedStore } from '../ingest/FeedStore.js';
import { HostPacer } from '../ingest/HostPacer.js';
import { pollFeed } from '../ingest/pollFeed.js';
import { readFeedsFile } from '../ingest/readFeedsFile.js';
import { type RemoveResult, removeFromCollection } from '../ingest/removeFromCollection.js';
import type { ArchiveWriter } from '../store/ArchiveWriter.js';

/** What `add` and `feeds` need from the config. */
export interface IngestContext {
  stdout: Writable;
  stderr: Writable;
  seedsDir: string;
  fetch: PageFetchSettings;
  /** Where `add --guild` puts a page: that server's own collection, or the shared one. */
  addScope: 'server' | 'shared';
  /** Where the feeds' memory (items seen, ETags) lives: DATA_DIR. */
  dataDir: string;
  feedsFile: string;
  feedPollMs: number;
  feedHostPauseMs: number;
  /** With DATABASE_URL: the database, written after the folder. */
  archive?: ArchiveWriter;
}

/** How long `feeds --once` waits for another process's poll of the shared feeds to end. */
const SHARED_POLL_WAIT_MS = 60_000;

/**
 * Writes what the folder gained or lost to the archive too; false, after one line on stderr,
 * when it could not (the folder keeps the article, and `cli import` loads it again).
 */
async function mirror(
  context: Pick<IngestContext, 'archive' | 'stderr'>,
  change: { sync?: string[]; remove?: string[] },
): Promise<boolean> {
  if (!context.archive) return true;
  const outcome = change.remove
    ? await context.archive.remove(change.remove)
    : await context.archive.sync(change.sync ?? []);
  if (outcome.ok) return true;
  context.stderr.write(
    `The articles folder has the change, but the database does not: ${outcome.problem} Run cli import to load the folder again.\n`,
  );
  return false;
}

/** `cli add --url URL`: one JSON object on stdout, or one line on stderr and exit 1. */
export async function runAdd(
  url: string,
  context: IngestContext,
  guildId?: string,
): Promise<number> {
  const added = await addToCollection(
    url,
    { seedsDir: context.seedsDir, addScope: context.addScope, fetch: context.fetch },
    guildId,
  );
  if (!added.ok) {
    context.stderr.write(`Could not add ${url}: ${added.reason}.\n`);
    return 1;
  }
  const { articleId, title, url: canonical, published, path, status } = added;
  context.stdout.write(
    `${JSON.stringify({ articleId, title, url: canonical, ...(published ? { published } : {}), path, status })}\n`,
  );
  return (await mirror(context, { sync: [path] })) ? 0 : 1;
}

/**
 * `cli feeds --once`: polls each feed once (those given with --feed, else FEEDS_FILE) and
 * prints one JSON line per item. Exit 0 when every feed could be read, 1 when one could not.
 */
export async function runFeedsOnce(feedUrls: string[], context: IngestContext): Promise<number> {
  let feeds = feedUrls;
  if (feeds.length === 0) {
    const listed = await readFeedsFile(context.feedsFile);
    for (const problem of listed.problems) context.stderr.write(`${problem}\n`);
    feeds = listed.feeds;
    if (feeds.length === 0) {
      context.stderr.write(
        `No feeds to read: give --feed URL or list them in ${context.feedsFile}.\n`,
      );
      return 1;
    }
  }
  const written: string[] = [];
  const shared = context.archive?.feeds;
  const poll = async (store: FeedStore): Promise<boolean> => {
    const pacer = new HostPacer(context.feedHostPauseMs);
    let feedFailed = false;
    for (const feed of feeds) {
      const { feedRead, problem } = await pollFeed(
        feed,
        {
          seedsDir: context.seedsDir,
          fetch: context.fetch,
          pacer,
          store,
          pollIntervalMs: context.feedPollMs,
          ...(shared ? { keptOf: shared.stored } : {}),
        },
        (line) => {
          if (line.status === 'added' && line.path) written.push(line.path);
          context.stdout.write(`${JSON.stringify(line)}\n`);
        },
      );
      if (!feedRead) {
        feedFailed = true;
        context.stderr.write(`Could not read the feed ${feed}: ${problem ?? 'it failed'}.\n`);
      }
    }
    // Stored before the job is let go: the next poller asks the database what is kept.
    const mirrored = written.length === 0 || (await mirror(context, { sync: written }));
    return feedFailed || !mirrored;
  };
  let failed: boolean;
  if (shared) {
    // Every host's processes poll in turn, over one memory: no item is fetched twice.
    const polled = await shared.pollOnce(poll, SHARED_POLL_WAIT_MS);
    if (!polled.ok) {
      context.stderr.write(`${polled.problem}\n`);
      return 1;
    }
    failed = polled.value;
  } else {
    let store: FeedStore;
    try {
      const opened = FeedStore.open(context.dataDir);
      if (opened.problem) context.stderr.write(`${opened.problem}\n`);
      store = opened.store;
    } catch {
      context.stderr.write(
        `Cannot write to ${context.dataDir}, where the feeds' history is kept.\n`,
      );
      return 1;
    }
    failed = await poll(store);
  }
  return failed ? 1 : 0;
}

/**
 * `cli remove --article ID`: deletes the article's file and marks it removed in the feeds'
 * memory, so no poll adds it again. With a server id, only that server's own articles.
 */
export async function removeArticle(
  article: Article,
  seedsDir: string,
  guildId: string | undefined,
  context: { dataDir: string; stdout: Writable; stderr: Writable; archive?: ArchiveWriter },
): Promise<number> {
  const removed = guildId
    ? await removeFromCollection(article, guildId, seedsDir)
    : await removeFile(article, seedsDir);
  if (!removed.ok) {
    context.stderr.write(`Could not remove ${article.id}: ${removed.reason}.\n`);
    return 1;
  }
  const feedItems = FeedStore.open(context.dataDir).store.markRemoved(article.id);
  const sharedMark = await context.archive?.feeds?.markRemoved(article.id).then(
    () => true,
    () => false,
  );
  if (sharedMark === false)
    context.stderr.write(
      "The database did not record that this article's feed items were removed; a feed may add it again.\n",
    );
  context.stdout.write(
    `${JSON.stringify({ articleId: article.id, title: article.title, status: 'removed', feedItems })}\n`,
  );
  return (await mirror(context, { remove: [article.id] })) ? 0 : 1;
}

/** Deletes an article's file, which must lie inside the articles folder. */
async function removeFile(article: Article, seedsDir: string): Promise<RemoveResult> {
  const file = path.resolve(seedsDir, article.path);
  if (!file.startsWith(`${path.resolve(seedsDir)}${path.sep}`))
    return { ok: false, reason: 'it is not inside the articles folder' };
  try {
    await rm(file);
    return { ok: true, title: article.title };
  } catch {
    return { ok: false, reason: 'its file could not be removed' };
  }
}
