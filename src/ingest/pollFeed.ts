import { existsSync } from 'node:fs';
import path from 'node:path';
import { serverFolder } from '../corpus/collections.js';
import { fetchArticle, type PageFetchSettings, type PageResult, writeArticle } from './addPage.js';
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
  /** The article's file in the articles folder, for an added item. */
  path?: string;
  reason?: string;
  /** The server whose own collection the item went to; absent for the shared collection. */
  guild?: string;
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
  /**
   * Which of these added articles are still kept, so a lost one is added again: by default
   * those whose file is in the articles folder; with a database, those stored there, whatever
   * this host's folder holds.
   */
  keptOf?: (articleIds: readonly string[]) => Promise<Set<string>>;
  /**
   * Where the feed's articles go: the shared collection (no guild) and/or the servers that
   * follow it (`/follow`), each into its own collection. The feed is read once for all.
   */
  targets?: FeedTarget[];
}

/** One collection a feed's articles are written into. */
export interface FeedTarget {
  /** The server that follows the feed; absent for the shared collection (FEEDS_FILE). */
  guildId?: string;
}

const DEFAULTS = {
  maxItemAttempts: 3,
  maxNewItemsPerPoll: 100,
  now: () => new Date(),
  isStopped: () => false,
  targets: [{}] as FeedTarget[],
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
  const settings = {
    ...DEFAULTS,
    ...options,
    keptOf: options.keptOf ?? (async (ids) => filesKept(options.seedsDir, ids)),
  };
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
  // So is a feed a server has just started following: its collection has none of it yet.
  const added = store.addedFrom(feedUrl);
  const kept = await settings.keptOf(added);
  const lost =
    added.some((id) => !kept.has(id)) ||
    settings.targets.some((target) => !previous.readFor?.[targetName(target)]);
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
    // Unchanged, and every collection already read it whole: each is up to date as of now.
    const readFor = { ...previous.readFor };
    for (const target of settings.targets) readFor[targetName(target)] = now.toISOString();
    store.updateFeed(feedUrl, { ...polled, readFor });
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

  const pages = new Map<string, Promise<PageResult>>();
  for (const target of settings.targets) {
    if (settings.isStopped()) break;
    await readItems(feedUrl, feed.items, target, settings, pages, report, kept);
    // Read whole for this collection: a follow knows its backlog from here on.
    if (!settings.isStopped())
      store.updateFeed(feedUrl, {
        readFor: { ...store.feed(feedUrl).readFor, [targetName(target)]: now.toISOString() },
      });
  }
  return { feedRead: true };
}

/** The items of one read of a feed, for one collection: each new one added, the rest reported. */
async function readItems(
  feedUrl: string,
  items: FeedItem[],
  target: FeedTarget,
  settings: Required<FeedPollSettings>,
  pages: Map<string, Promise<PageResult>>,
  report: (line: ItemReport) => void,
  kept: ReadonlySet<string>,
): Promise<void> {
  const { store } = settings;
  // One time for the whole read, so the items of one read keep their order in the feed.
  const readAt = settings.now().toISOString();
  let fetchedItems = 0;
  for (const item of items) {
    if (settings.isStopped()) break;
    const url = item.link ?? item.key;
    const line = (status: ItemReport['status'], extra: Partial<ItemReport> = {}) =>
      report({
        feed: feedUrl,
        url,
        status,
        ...extra,
        ...(target.guildId ? { guild: target.guildId } : {}),
      });
    const key = itemKey(item.key, target);
    const seen = store.item(key);
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
      !kept.has(seen.articleId) &&
      // Added from another feed: not among those looked up for this one.
      !(await settings.keptOf([seen.articleId])).has(seen.articleId);
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
    const outcome = await addItem(item, feedUrl, target, settings, pages);
    const attempts = fileGone ? 1 : (seen?.attempts ?? 0) + 1;
    if (!outcome.ok) {
      store.updateItem(key, {
        status: 'failed',
        attempts,
        lastError: outcome.reason,
        feed: feedUrl,
        ...(target.guildId ? { guild: target.guildId } : {}),
      });
      line('failed', { reason: outcome.reason });
      continue;
    }
    store.updateItem(key, {
      status: 'added',
      attempts,
      articleId: outcome.articleId,
      feed: feedUrl,
      ...(target.guildId ? { guild: target.guildId } : {}),
      addedAt: readAt,
      position: items.indexOf(item),
      ...(item.link ? { link: item.link } : {}),
      ...(item.published ? { published: item.published } : {}),
    });
    if (outcome.status === 'unchanged')
      line('skipped', { articleId: outcome.articleId, reason: 'already in the articles folder' });
    else
      line('added', {
        articleId: outcome.articleId,
        path: `${outcome.articleId}.md`,
        ...(outcome.note ? { reason: outcome.note } : {}),
      });
  }
}

/** The name a collection goes by in the feed state: `''` for the shared one. */
function targetName(target: FeedTarget): string {
  return target.guildId ?? '';
}

/**
 * What an item is known by in the feed state: its own key for the shared collection (as
 * before collections existed), prefixed with the server for a server's.
 */
export function itemKey(key: string, target: FeedTarget): string {
  return target.guildId ? `${target.guildId}|${key}` : key;
}

type ItemOutcome =
  | { ok: true; articleId: string; status: 'added' | 'updated' | 'unchanged'; note?: string }
  | { ok: false; reason: string };

async function addItem(
  item: FeedItem,
  feedUrl: string,
  target: FeedTarget,
  settings: FeedPollSettings,
  pages: Map<string, Promise<PageResult>>,
): Promise<ItemOutcome> {
  const into = target.guildId ? serverFolder(settings.seedsDir, target.guildId) : settings.seedsDir;
  let pageProblem = 'the item has no link';
  if (item.link) {
    const link = item.link;
    // Several servers following one feed: its pages are fetched once per poll.
    let fetching = pages.get(link);
    if (!fetching) {
      fetching = settings.pacer.run(link, () => fetchArticle(link, settings.fetch));
      pages.set(link, fetching);
    }
    const page = await fetching;
    if (page.ok) {
      const written = await writeArticle(into, page.article, settings.seedsDir);
      return written.ok
        ? { ok: true, articleId: written.articleId, status: written.status }
        : { ok: false, reason: written.reason };
    }
    pageProblem = `its page could not be used: ${page.reason}`;
  }
  const fromFeed = articleFromFeedItem(item, feedUrl);
  if (!fromFeed)
    return { ok: false, reason: `${pageProblem}, and the feed carries too little of its text` };
  const written = await writeArticle(into, fromFeed, settings.seedsDir);
  return written.ok
    ? {
        ok: true,
        articleId: written.articleId,
        status: written.status,
        note: `${pageProblem}; kept the text the feed carries`,
      }
    : { ok: false, reason: written.reason };
}

/** The articles written from a feed that still have their file (`<id>.md` in the folder). */
function filesKept(seedsDir: string, articleIds: readonly string[]): Set<string> {
  return new Set(articleIds.filter((id) => existsSync(path.join(seedsDir, `${id}.md`))));
}
