import type { APIEmbed } from 'discord.js';
import type { Article } from '../corpus/types.js';
import { formatDay } from '../time/calendarDay.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText } from './formatText.js';

/** What the bot knows and how to ask it, counting the articles the asker may read. */
export function renderHelpEmbed(count: number, newest?: Article): APIEmbed {
  const lines = [
    `I answer questions from ${count} news article${count === 1 ? '' : 's'} by quoting them, with a numbered source for every quote.`,
    ...(newest?.published
      ? [`Newest: **${escapeText(cut(newest.title, 200))}** (${formatDay(newest.published.day)})`]
      : []),
    '',
    '`/ask question:` a question in plain words, e.g. *How many drones were launched?* Time words work too: *What is the latest on the talks?*, *What happened in March 2005?*',
    '`/summary article:` a few key sentences of one article; without an article, the newest articles (`from:`/`to:` for some days)',
    '`/source article:` an article as written, page by page, and as a file',
    '`/related article:` the articles most like one article',
    '`/articles` the list of articles, newest first (`from:`/`to:` for some days)',
    '',
    'Under an answer: **Show passage** reads the whole paragraph it quotes, **Related stories** finds similar articles, 👍/👎 tells the admins how it did. Each answer says how sure it is.',
    '',
    'You can also mention me with a question, reply to my answers, or press **Follow up** to ask more about an answer.',
    '',
    '`/alert topic: dm:True` sends you each new article about a topic; `/alerts` lists yours, `/unalert` stops one.',
    '',
    "For admins: `/add url:` adds an article from its web address to this server's own articles, `/remove article:` takes one out, `/feeds` shows the news feeds I follow, `/stats` what readers asked that I could not answer.",
    'To be told when news arrives: `/follow feed: channel:` posts each new article of a feed, `/alert topic: channel:` each article about a topic, `/briefing channel: time:` the day’s stories once a day; `/following` shows how they are doing.',
  ];
  return {
    title: 'newsdesk',
    description: cut(lines.join('\n'), LIMITS.embedDescription),
    color: 0x1f6feb,
  };
}
