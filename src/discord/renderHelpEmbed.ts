import type { APIEmbed } from 'discord.js';
import type { Corpus } from '../corpus/types';
import { cut, LIMITS } from './discordLimits';
import { escapeText } from './formatText';

/** What the bot knows and how to ask it. */
export function renderHelpEmbed(corpus: Corpus): APIEmbed {
  const count = corpus.articles.length;
  const dated = corpus.articles.filter((a) => a.metadata.published);
  const newest = dated.sort((a, b) =>
    (b.metadata.published ?? '').localeCompare(a.metadata.published ?? ''),
  )[0];
  const lines = [
    `I answer questions from ${count} news article${count === 1 ? '' : 's'} by quoting them, with a numbered source for every quote.`,
    ...(newest
      ? [
          `Newest: **${escapeText(cut(newest.title, 200))}** (${escapeText(newest.metadata.published ?? '')})`,
        ]
      : []),
    '',
    '`/ask question:` a question in plain words, e.g. *How many drones were launched?*',
    '`/summary article:` a few key sentences of one article; without an article, a list of all of them',
    '`/source article:` an article as written, page by page, and as a file',
    '',
    'Press **Show passage** under an answer to read the whole paragraph it quotes.',
  ];
  return {
    title: 'newsdesk',
    description: cut(lines.join('\n'), LIMITS.embedDescription),
    color: 0x1f6feb,
  };
}
