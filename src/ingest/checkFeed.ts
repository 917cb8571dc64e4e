import type { PageFetchSettings } from './addPage.js';
import { decodeMarkup } from './decodeMarkup.js';
import { fetchResource } from './fetchResource.js';
import { readFeed } from './readFeed.js';

/** Whether a feed can be followed: its title and item count, or why not, for a person. */
export type FeedCheck =
  | {
      ok: true;
      url: string;
      title?: string;
      items: number;
      /** The items' keys (guid, else link) now: what a new follow counts as the backlog. */
      keys: string[];
    }
  | { ok: false; reason: string };

/**
 * Reads a feed once, before `/follow` promises to post from it: an address that is not a feed,
 * or a site that cannot be reached, is told to the admin at once rather than found later.
 */
export async function checkFeed(url: string, settings: PageFetchSettings): Promise<FeedCheck> {
  const fetched = await fetchResource(url, { ...settings, kind: 'feed' });
  if (!fetched.ok) return { ok: false, reason: fetched.reason };
  if (fetched.notModified) return { ok: false, reason: 'the site sent no feed' };
  const feed = readFeed(decodeMarkup(fetched.body, fetched.charset).text, fetched.url);
  if (!feed.ok) return { ok: false, reason: feed.reason };
  return {
    ok: true,
    url: fetched.url,
    ...(feed.title ? { title: feed.title } : {}),
    items: feed.items.length,
    keys: feed.items.map((item) => item.key),
  };
}
