import type { APIEmbed } from 'discord.js';
import type { RelatedArticle } from '../answer/relatedArticles.js';
import { formatIsoDay } from '../time/calendarDay.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText } from './formatText.js';

const RELATED_COLOUR = 0x2da44e;

/** Articles like another one: headline (linked when it has a url), date and lead of each. */
export function renderRelatedEmbed(title: string, related: readonly RelatedArticle[]): APIEmbed {
  const lines = related.map((r) => {
    const headline = escapeText(cut(r.title, 120));
    const head = r.url ? `[${headline}](${r.url})` : `**${headline}**`;
    const date = r.date ? ` · ${formatIsoDay(r.date)}` : '';
    return `${head}${date}\n${escapeText(cut(r.lead, 200))}`;
  });
  return {
    title: cut(`Related to: ${escapeText(title)}`, LIMITS.embedTitle),
    description: cut(
      lines.join('\n\n') || 'I found no article close enough to this one.',
      LIMITS.embedDescription,
    ),
    color: RELATED_COLOUR,
    footer: { text: 'Most similar first · /summary article:<name> to read one' },
  };
}
