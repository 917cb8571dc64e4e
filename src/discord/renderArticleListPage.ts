import type { Article } from '../corpus/types.js';
import { formatDay } from '../time/calendarDay.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText } from './formatText.js';
import type { RenderedReply } from './renderAnswerEmbed.js';
import { type PageRange, pageButtons, rangeSuffix } from './renderSummaryEmbed.js';

/** Articles per page of the list: one short line each. */
export const ARTICLE_LIST_PAGE_SIZE = 20;

/** One page of the article list, newest first: date, headline and id per line. */
export function renderArticleListPage(
  articles: readonly Article[],
  page: number,
  userId: string,
  range: PageRange = {},
): RenderedReply {
  const pageCount = Math.max(1, Math.ceil(articles.length / ARTICLE_LIST_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const lines = articles
    .slice((current - 1) * ARTICLE_LIST_PAGE_SIZE, current * ARTICLE_LIST_PAGE_SIZE)
    .map((a) => {
      const date = a.published ? `${formatDay(a.published.day)} · ` : '';
      return `${date}**${escapeText(cut(a.title, 110))}** \`${cut(a.id, 60).replace(/`/g, "'")}\``;
    });
  const count = `${articles.length} article${articles.length === 1 ? '' : 's'}`;
  return {
    embeds: [
      {
        title: range.label ? `${count} published ${range.label}` : count,
        description: cut(
          lines.join('\n') || (range.label ? 'None in those days.' : 'No articles are loaded.'),
          LIMITS.embedDescription,
        ),
        color: 0x57606a,
        footer: { text: `Page ${current} of ${pageCount} · newest first` },
      },
    ],
    components:
      pageCount > 1
        ? [pageButtons('articles:page', current, pageCount, userId, rangeSuffix(range))]
        : [],
  };
}
