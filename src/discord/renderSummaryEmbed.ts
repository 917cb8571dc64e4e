import { type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { DigestEntry, Summary } from '../answer/types.js';
import { formatIsoDay } from '../time/calendarDay.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText, formatQuotedSentences } from './formatText.js';
import type { RenderedReply } from './renderAnswerEmbed.js';

const SUMMARY_COLOUR = 0x8250df;
/** Digest lines per page: each line is up to about 300 characters, well inside one embed. */
export const DIGEST_PAGE_SIZE = 10;

/** A summary as an embed under the article's headline, with its numbered sources. */
export function renderSummaryEmbed(summary: Summary, url?: string): RenderedReply {
  const embed: APIEmbed = {
    title: cut(escapeText(summary.title), LIMITS.embedTitle),
    description: cut(
      summary.sentences.length > 0
        ? formatQuotedSentences(summary.sentences)
        : 'This article has no sentences to summarise.',
      LIMITS.embedDescription,
    ),
    color: SUMMARY_COLOUR,
    footer: { text: cut(`Summary of ${summary.articleId}`, LIMITS.embedFooter) },
  };
  if (url) embed.url = url;
  if (summary.citations.length > 0) {
    const sources = [...new Set(summary.citations.map((c) => c.passage))].join(', ');
    embed.fields = [{ name: 'From paragraphs', value: cut(sources, LIMITS.embedFieldValue) }];
  }
  return { embeds: [embed], components: [] };
}

/**
 * One page of the digest of all articles: a line each with headline and lead, and
 * Previous/Next buttons that only the person who asked can use.
 */
export function renderDigestPage(
  entries: readonly DigestEntry[],
  where: { total: number; page: number; pageCount: number },
  userId: string,
  range: PageRange = {},
): RenderedReply {
  const { total, page: current, pageCount } = where;
  const lines = entries.map((e) => {
    const title = escapeText(cut(e.title, 120));
    const head = e.url ? `[${title}](${e.url})` : `**${title}**`;
    const date = e.date ? formatIsoDay(e.date) : e.published && escapeText(cut(e.published, 40));
    return `${head}${date ? ` · ${date}` : ''}\n${escapeText(cut(e.lead, 200))}`;
  });
  return {
    embeds: [
      {
        title: `${total} article${total === 1 ? '' : 's'}${range.label ? ` published ${range.label}` : ''}`,
        description: cut(
          lines.join('\n\n') || (range.label ? 'None in those days.' : 'No articles are loaded.'),
          LIMITS.embedDescription,
        ),
        color: SUMMARY_COLOUR,
        footer: {
          text: `Page ${current} of ${pageCount} · /summary article:<name> for one article`,
        },
      },
    ],
    components:
      pageCount > 1
        ? [pageButtons(`summary:page`, current, pageCount, userId, rangeSuffix(range))]
        : [],
  };
}

/** The dates a list was asked for, carried in its page buttons so every page keeps to them. */
export interface PageRange {
  from?: string;
  to?: string;
  /** How the range reads: "in Mar 2005". */
  label?: string;
}

/** The part of a page button's id that carries the range: `:<from>:<to>` (each may be empty). */
export function rangeSuffix(range: PageRange): string {
  const clean = (text = '') => text.replace(/:/g, ' ').slice(0, 20);
  return range.from || range.to ? `:${clean(range.from)}:${clean(range.to)}` : '';
}

/** Previous/Next buttons; the page and the asker's id (then any `suffix`) travel in the id. */
export function pageButtons(
  prefix: string,
  page: number,
  pageCount: number,
  userId: string,
  suffix = '',
) {
  return {
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.Button as const,
        style: ButtonStyle.Secondary as const,
        label: 'Previous',
        custom_id: `${prefix}:${page - 1}:${userId}${suffix}`,
        disabled: page <= 1,
      },
      {
        type: ComponentType.Button as const,
        style: ButtonStyle.Secondary as const,
        label: 'Next',
        custom_id: `${prefix}:${page + 1}:${userId}${suffix}`,
        disabled: page >= pageCount,
      },
    ],
  };
}
