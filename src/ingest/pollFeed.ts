import { existsSync } from 'node:fs';
import path from 'node:path';
import { fetchArticle, type PageFetchSettings, writeArticle } from './addPage.js';
import { articleFromFeedItem } from './articleFromFeedItem.js';
import { decodeMarkup } from './decodeMarkup.js';
import type { FeedStore } from './FeedStore.js';
import { fetchResource } from './fetchResource.js';
import type { HostPacer } from './HostPacer.js';
import { type FeedItem, readFeed } from './readFeed.js';

/** One line of `feeds --once`: what became of one item (or of the feed itself). */
export interface ItemReport {
  feed: string;
  url: string;
  status: 'added' | 'skipped' | 'failed';
  articleId?: string;
  reason?: string;
}

/** What polling feeds needs; defaults are merged in {@link pollFeed}. */
export interface FeedPollSettings {
  seedsDir: string;
  fetch: PageFetchSettings;
  pacer: HostPacer;
  store: FeedStore;
  /** The regular poll interval: the first step of the backoff after an error. */
  pollIntervalMs: number;
  /** Polls at which a failing item is tried before it is given up. */
  maxItemAttempts?: number;
  /** New items fetched in one poll; the rest wait for the next. */
  maxNewItemsPerPoll?: number;
  now?: () => Date;
  /** Checked before each item: a bot shutting down stops between items, not in one. */
  isStopped?: () => boolean;
}

const DEFAULTS = {
  maxItemAttempts: 3,
  maxNewItemsPerPoll: 100,
  now: () => new Date(),
  isStopped: () => false,
};
/** The longest backoff after errors in a row. */
const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/**
 * Polls one feed: a conditional request, then, for each item not seen before, the article from
 * its page, else from the item's own content, else a failure retried at later polls. Reports
 * every item through `report` as it goes, records what was seen in the store, and never
 * throws for anything a feed or a site can do.
 */
export async function pollFeed(
  feedUrl: string,
  options: FeedPollSettings,
  report: (line: ItemReport) => void,
): Promise<{ feedRead: boolean; problem?: string }> {
  const settings = { ...DEFAULTS, ...options };
  const { store } = settings;
  const now = settings.now();
  const previous = store.feed(feedUrl);
  const fail = (reason: string, retryAfterMs?: number) => {
    const errorCount = previous.errorCount + 1;
    const backoff = Math.min(settings.pollIntervalMs * 2 ** (errorCount - 1), MAX_BACKOFF_MS);
    const wait = Math.max(backoff, retryAfterMs ?? 0);
    store.updateFeed(feedUrl, {
      lastPollAt: now.toISOString(),
      lastError: reason,
      errorCount,
      nextPollAt: new Date(now.getTime() + wait).toISOString(),
      retryAfterUntil:
        retryAfterMs !== undefined
          ? new Date(now.getTime() + retryAfterMs).toISOString()
          : undefined,
    });
    report({ feed: feedUrl, url: feedUrl, status: 'failed', reason });
    return { feedRead: false, problem: reason };
  };
  if (previous.retryAfterUntil && Date.parse(previous.retryAfterUntil) > now.getTime()) {
    const reason = `the site asked us to wait until ${previous.retryAfterUntil}`;
    report({ feed: feedUrl, url: feedUrl, status: 'skipped', reason });
    return { feedRead: false, problem: reason };
  }

  // An article of this feed whose file is gone (deleted, or the folder replaced) comes back:
  // the feed is then read whole rather than answered "not modified".
  const lost = store.addedFrom(feedUrl).some((id) => !articleFileExists(settings.seedsDir, id));
  const fetched = await settings.pacer.run(feedUrl, () =>
    fetchResource(feedUrl, {
      ...settings.fetch,
      kind: 'feed',
      ...(previous.etag && !lost ? { etag: previous.etag } : {}),
      ...(previous.lastModified && !lost ? { lastModified: previous.lastModified } : {}),
    }),
  );
  if (!fetched.ok)
    return fail(`the feed could not be read: ${fetched.reason}`, fetched.retryAfterMs);
  const polled = {
    lastPollAt: now.toISOString(),
    lastError: undefined,
    errorCount: 0,
    nextPollAt: new Date(now.getTime() + settings.pollIntervalMs).toISOString(),
    retryAfterUntil: undefined,
  };
  if (fetched.notModified) {
    store.updateFeed(feedUrl, polled);
    report({
      feed: feedUrl,
      url: feedUrl,
      status: 'skipped',
      reason: 'the feed has not changed since the last poll',
    });
    return { feedRead: true };
  }
  const feed = readFeed(decodeMarkup(fetched.body, fetched.charset).text, fetched.url);
  if (!feed.ok) return fail(feed.reason);
  store.updateFeed(feedUrl, {
    ...polled,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    itemCount: feed.items.length,
    title: feed.title,
  });

  let fetchedItems = 0;
  for (const item of feed.items) {
    if (settings.isStopped()) break;
    const url = item.link ?? item.key;
    const line = (status: ItemReport['status'], extra: Partial<ItemReport> = {}) =>
      report({ feed: feedUrl, url, status, ...extra });
    const seen = store.item(item.key);
    if (seen?.status === 'removed') {
      line('skipped', {
        ...(seen.articleId ? { articleId: seen.articleId } : {}),
        reason: 'removed by an admin',
      });
      continue;
    }
    const fileGone =
      seen?.status === 'added' &&
      seen.articleId !== undefined &&
      !articleFileExists(settings.seedsDir, seen.articleId);
    if (seen?.status === 'added' && !fileGone) {
      line('skipped', {
        ...(seen.articleId ? { articleId: seen.articleId } : {}),
        reason: 'already added',
      });
      continue;
    }
    if (seen && seen.attempts >= settings.maxItemAttempts) {
      line('skipped', {
        reason: `gave up after ${seen.attempts} tries: ${seen.lastError ?? 'it failed'}`,
      });
      continue;
    }
    if (fetchedItems >= settings.maxNewItemsPerPoll) {
      line('skipped', { reason: 'left for the next poll (too many new items at once)' });
      continue;
    }
    fetchedItems++;
    const outcome = await addItem(item, feedUrl, settings);
    const attempts = fileGone ? 1 : (seen?.attempts ?? 0) + 1;
    if (!outcome.ok) {
      store.updateItem(item.key, {
        status: 'failed',
        attempts,
        lastError: outcome.reason,
        feed: feedUrl,
      });
      line('failed', { reason: outcome.reason });
      continue;
    }
    store.updateItem(item.key, {
      status: 'added',
      attempts,
      articleId: outcome.articleId,
      feed: feedUrl,
    });
    if (outcome.status === 'unchanged')
      line('skipped', { articleId: outcome.articleId, reason: 'already in the articles folder' });
    else
      line('added', {
        articleId: outcome.articleId,
        ...(outcome.note ? { reason: outcome.note } : {}),
      });
  }
  return { feedRead: true };
}

type ItemOutcome =
  | { ok: true; articleId: string; status: 'added' | 'updated' | 'unchanged'; note?: string }
  | { ok: false; reason: string };

async function addItem(
  item: FeedItem,
  feedUrl: string,
  settings: FeedPollSettings,
): Promise<ItemOutcome> {
  let pageProblem = 'the item has no link';
  if (item.link) {
    const link = item.link;
    const page = await settings.pacer.run(link, () => fetchArticle(link, settings.fetch));
    if (page.ok) {
      const written = await writeArticle(settings.seedsDir, page.article);
      return written.ok
        ? { ok: true, articleId: written.articleId, status: written.status }
        : { ok: false, reason: written.reason };
    }
    pageProblem = `its page could not be used: ${page.reason}`;
  }
  const fromFeed = articleFromFeedItem(item, feedUrl);
  if (!fromFeed)
    return { ok: false, reason: `${pageProblem}, and the feed carries too little of its text` };
  const written = await writeArticle(settings.seedsDir, fromFeed);
  return written.ok
    ? {
        ok: true,
        articleId: written.articleId,
        status: written.status,
        note: `${pageProblem}; kept the text the feed carries`,
      }
    : { ok: false, reason: written.reason };
}

/** Whether an article written from a feed still has its file (`<id>.md` in the folder). */
function articleFileExists(seedsDir: string, articleId: string): boolean {
  return existsSync(path.join(seedsDir, `${articleId}.md`));
}
