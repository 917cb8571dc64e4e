import { type APIEmbed, type APIEmbedField, ComponentType } from 'discord.js';
import type { SourcePage } from '../answer/pageSource.js';
import { articleKey } from '../corpus/articleKey.js';
import type { Article } from '../corpus/types.js';
import { formatDay } from '../time/calendarDay.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText } from './formatText.js';
import { type RenderedReply, relatedButton } from './renderAnswerEmbed.js';
import { pageButtons } from './renderSummaryEmbed.js';

const SOURCE_COLOUR = 0x57606a;
/**
 * Characters of article text per page before escaping; escaping Markdown adds a backslash per
 * special character, so this leaves room under the 4,096-character description limit.
 */
export const SOURCE_PAGE_CHARS = 3500;

/** One page of an article as written, with its metadata and page buttons for the asker. */
export function renderSourcePage(
  article: Article,
  pages: readonly SourcePage[],
  page: number,
  userId: string,
): RenderedReply {
  const current = Math.min(Math.max(1, page), pages.length);
  const text = pages[current - 1]?.text ?? '';
  const embed: APIEmbed = {
    title: cut(escapeText(article.title), LIMITS.embedTitle),
    description: cut(escapeText(text) || 'This article has no text.', LIMITS.embedDescription),
    color: SOURCE_COLOUR,
    footer: { text: cut(`Page ${current} of ${pages.length} · ${article.id}`, LIMITS.embedFooter) },
  };
  if (article.metadata.url) embed.url = article.metadata.url;
  const fields: APIEmbedField[] = [];
  const { published, source, author } = article.metadata;
  if (published)
    fields.push({
      name: 'Published',
      value: article.published
        ? formatDay(article.published.day)
        : cut(escapeText(published), LIMITS.embedFieldValue),
      inline: true,
    });
  if (source)
    fields.push({
      name: 'Source',
      value: cut(escapeText(source), LIMITS.embedFieldValue),
      inline: true,
    });
  if (author)
    fields.push({
      name: 'Author',
      value: cut(escapeText(author), LIMITS.embedFieldValue),
      inline: true,
    });
  if (fields.length > 0) embed.fields = fields;
  const row =
    pages.length > 1
      ? pageButtons(`source:page:${articleKey(article.id)}`, current, pages.length, userId)
      : { type: ComponentType.ActionRow as const, components: [] };
  return {
    embeds: [embed],
    components: [{ ...row, components: [...row.components, relatedButton(article.id)] }],
  };
}

/** A safe file name for the article's text attachment. */
export function sourceFileName(article: Article): string {
  const base = article.id
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'article'}.txt`;
}
