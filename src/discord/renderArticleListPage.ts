import { collectionOf } from '../corpus/collections.js';
import { formatDay } from '../time/calendarDay.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText } from './formatText.js';
import type { ListPage } from './readListPage.js';
import type { RenderedReply } from './renderAnswerEmbed.js';
import { type PageRange, pageButtons, rangeSuffix } from './renderSummaryEmbed.js';

/** Articles per page of the list: one short line each. */
export const ARTICLE_LIST_PAGE_SIZE = 20;

/** Marks an article the asking server added itself, among the shared ones. */
const OWN_MARK = '📌 ';

/**
 * One page of the article list, newest first: date, headline and id per line; the asking
 * server's own additions (`ownGuildId`) marked 📌, and the footer says what 📌 means when the
 * page shows one.
 */
export function renderArticleListPage(
  list: ListPage,
  userId: string,
  range: PageRange = {},
  ownGuildId?: string | null,
): RenderedReply {
  const { articles, page: current, pageCount } = list;
  const lines = articles.map((a) => {
    const date = a.published ? `${formatDay(a.published.day)} · ` : '';
    const own = ownGuildId && collectionOf(a.id) === ownGuildId ? OWN_MARK : '';
    return `${own}${date}**${escapeText(cut(a.title, 110))}** \`${cut(a.id, 60).replace(/`/g, "'")}\``;
  });
  const count = `${list.total} article${list.total === 1 ? '' : 's'}`;
  return {
    embeds: [
      {
        title: range.label ? `${count} published ${range.label}` : count,
        description: cut(
          lines.join('\n') || (range.label ? 'None in those days.' : 'No articles are loaded.'),
          LIMITS.embedDescription,
        ),
        color: 0x57606a,
        footer: {
          text: `Page ${current} of ${pageCount} · newest first${
            ownGuildId && articles.some((a) => collectionOf(a.id) === ownGuildId)
              ? " · 📌 this server's own"
              : ''
          }`,
        },
      },
    ],
    components:
      pageCount > 1
        ? [pageButtons('articles:page', current, pageCount, userId, rangeSuffix(range))]
        : [],
  };
}
