import type { DeliveryState, PostRecord } from './DeliveryState.js';
import type { NewsSource } from './NewsSource.js';
import { newPost } from './newPost.js';
import type { Follow } from './types.js';

/** What a follow needs to know of the feeds: what each added to a collection, and when. */
export interface FeedHistory {
  /** When the feed was last read whole for a collection (a server's id, or `''`). */
  readAt(feedUrl: string, guildId: string): string | undefined;
  /** The articles the feed added to a server's collection, oldest first. */
  articlesOf(
    feedUrl: string,
    guildId: string,
  ): {
    articleId: string;
    /** The item's key in the feed (guid, else link). */
    key?: string;
    /** The page the feed linked the item to: what its post links. */
    link?: string;
    addedAt?: string;
    published?: string;
    position?: number;
  }[];
  /**
   * Whether the feeds are being polled right now: a read half done would post its first items
   * before the rest, out of order, so follows wait for the poll to end.
   */
  busy?(): boolean;
}

/**
 * Queues new posts for each follow, and returns them. A follow first waits for its feed to be read whole after it was
 * made: what the feed held then is its backlog, of which only the `backlog` newest are posted.
 * From then on each article the feed adds is posted once; when more arrive at once than
 * `catchUpMax` (the bot was offline, or a feed published a burst), the newest are posted and
 * the last of them says how many more there were.
 */
export async function planFollows(
  follows: readonly Follow[],
  feeds: FeedHistory,
  state: DeliveryState,
  news: NewsSource,
  now: Date,
  catchUpMax: number,
): Promise<PostRecord[]> {
  const planned: PostRecord[] = [];
  if (feeds.busy?.()) return planned;
  for (const follow of follows) {
    if (state.pause(follow.id)) continue;
    const known = state.follow(follow.id);
    const added = feeds.articlesOf(follow.feedUrl, follow.guildId);
    const post = async (item: { articleId: string; link?: string }, more?: number) => {
      const article = await news.article(item.articleId);
      const url = item.link ?? article?.metadata.url;
      return newPost(
        follow,
        {
          articleId: item.articleId,
          title: article?.title ?? item.articleId,
          ...(url ? { url } : {}),
        },
        now,
        more,
      );
    };
    if (!known) {
      const readAt = feeds.readAt(follow.feedUrl, follow.guildId);
      if (!readAt || readAt < follow.createdAt) continue;
      // The backlog is what the feed held when it was followed; without that list (a follow
      // made elsewhere), what the first read after it found.
      const inBacklog = follow.backlogKeys
        ? (item: { key?: string }) =>
            item.key !== undefined && follow.backlogKeys?.includes(item.key)
        : () => true;
      const old = added.filter(inBacklog);
      const backlog = follow.backlog > 0 ? newestFirst(old).slice(0, follow.backlog) : [];
      // Queued before the follow is marked as having seen them: a kill in between queues them
      // again, and the queue keeps one of each.
      planned.push(
        ...state.enqueue(await Promise.all(backlog.reverse().map((item) => post(item)))),
      );
      state.setFollow(follow.id, {
        primedAt: now.toISOString(),
        seen: old.map((a) => a.articleId),
      });
      continue;
    }
    const seen = new Set(known.seen);
    const fresh = oldestFirst(added.filter((a) => !seen.has(a.articleId)));
    if (fresh.length === 0) continue;
    const posted = fresh.slice(-catchUpMax);
    const more = fresh.length - posted.length;
    planned.push(
      ...state.enqueue(
        await Promise.all(posted.map((item, i) => post(item, i === posted.length - 1 ? more : 0))),
      ),
    );
    state.setFollow(follow.id, {
      primedAt: known.primedAt,
      seen: [...known.seen, ...fresh.map((a) => a.articleId)],
    });
  }
  return planned;
}

/** Items newest first, by the date the feed gave them, else by when they were added. */
function newestFirst<T extends { addedAt?: string; published?: string }>(items: T[]): T[] {
  const time = (item: T) => Date.parse(item.published ?? item.addedAt ?? '') || 0;
  return [...items].sort((a, b) => time(b) - time(a));
}

/**
 * Items oldest first, so a channel reads in the order things happened: by the feed's dates
 * when every item has one, else by when they were added and, within one read, from the bottom
 * of the feed up (feeds list the newest first).
 */
function oldestFirst<T extends { addedAt?: string; published?: string; position?: number }>(
  items: T[],
): T[] {
  if (items.every((item) => item.published && Date.parse(item.published)))
    return [...items].sort(
      (a, b) => Date.parse(a.published as string) - Date.parse(b.published as string),
    );
  return [...items].sort(
    (a, b) =>
      (a.addedAt ?? '').localeCompare(b.addedAt ?? '') || (b.position ?? 0) - (a.position ?? 0),
  );
}
