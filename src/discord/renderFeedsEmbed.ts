import type { APIEmbed } from 'discord.js';
import type { FeedStatus } from '../ingest/FeedPoller.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText, relativeTime } from './formatText.js';

/** Discord shows at most 25 fields in an embed. */
const SHOWN = 25;

/**
 * The followed feeds for an admin: each with when it was last read, how many items it had and
 * what went wrong last, in Discord's relative time so every reader sees their own clock.
 */
export function renderFeedsEmbed(feeds: readonly FeedStatus[], feedsFile: string): APIEmbed {
  if (feeds.length === 0)
    return {
      title: 'Feeds',
      description: `No feeds are followed. List their addresses in ${escapeText(feedsFile)}; the bot reads it again every minute.`,
      color: 0x2f6fbf,
    };
  const when = (iso: string | undefined) => (iso ? relativeTime(iso) : 'not yet');
  return {
    title: `Feeds (${feeds.length})`,
    color: 0x2f6fbf,
    fields: feeds.slice(0, SHOWN).map((feed) => ({
      name: cut(feed.title ?? new URL(feed.url).host, LIMITS.embedFieldName),
      value: cut(
        [
          feed.url,
          `Last read ${when(feed.lastPollAt)}${feed.itemCount !== undefined ? ` · ${feed.itemCount} item${feed.itemCount === 1 ? '' : 's'}` : ''}`,
          feed.lastError ? `⚠️ ${escapeText(feed.lastError)}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
        LIMITS.embedFieldValue,
      ),
    })),
    footer: {
      text:
        feeds.length > SHOWN
          ? `Showing ${SHOWN} of ${feeds.length}. Only admins see this.`
          : 'Only admins see this.',
    },
  };
}
