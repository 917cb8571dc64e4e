import type { Writable } from 'node:stream';
import type { PageFetchSettings } from '../ingest/addPage.js';
import { addToCollection } from '../ingest/addToCollection.js';
import { FeedStore } from '../ingest/FeedStore.js';
import { HostPacer } from '../ingest/HostPacer.js';
import { pollFeed } from '../ingest/pollFeed.js';
import { readFeedsFile } from '../ingest/readFeedsFile.js';

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
  return 0;
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
  let store: FeedStore;
  try {
    const opened = FeedStore.open(context.dataDir);
    if (opened.problem) context.stderr.write(`${opened.problem}\n`);
    store = opened.store;
  } catch {
    context.stderr.write(`Cannot write to ${context.dataDir}, where the feeds' history is kept.\n`);
    return 1;
  }
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
      },
      (line) => context.stdout.write(`${JSON.stringify(line)}\n`),
    );
    if (!feedRead) {
      feedFailed = true;
      context.stderr.write(`Could not read the feed ${feed}: ${problem ?? 'it failed'}.\n`);
    }
  }
  return feedFailed ? 1 : 0;
}
