import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Answer, Citation } from '../answer/types';
import type { Article, Paragraph } from '../corpus/types';
import { articleKey } from './articleKey';
import { cut, LIMITS } from './discordLimits';
import { escapeText, formatQuotedSentences } from './formatText';

const FOUND_COLOUR = 0x1f6feb;
const NOT_FOUND_COLOUR = 0x6e7781;

/** A reply's visible parts, ready for `interaction.reply` or `editReply`. */
export interface RenderedReply {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/**
 * An answer as a Discord embed: the quoted sentences with the key facts in bold, the numbered
 * sources (linked when the article has a url), how many articles were searched, and a
 * "Show passage" button per source. A question the articles do not answer gets an honest
 * reply naming the closest articles.
 */
export function renderAnswerEmbed(answer: Answer): RenderedReply {
  const searched = `Searched ${answer.articlesSearched} article${answer.articlesSearched === 1 ? '' : 's'}`;
  const title = cut(
    escapeText(answer.question.replace(/\s+/g, ' ').trim() || 'Your question'),
    LIMITS.embedTitle,
  );
  if (!answer.found) {
    const closest = [...new Map(answer.citations.map((c) => [c.articleId, c])).values()];
    const list = closest.map((c) => `• ${renderTitle(c)}`).join('\n');
    const description = list
      ? `${escapeText(answer.text)}\n\n**Closest articles**\n${list}`
      : escapeText(answer.text);
    return {
      embeds: [
        {
          title,
          description: cut(description, LIMITS.embedDescription),
          color: NOT_FOUND_COLOUR,
          footer: { text: searched },
        },
      ],
      components: [],
    };
  }
  const hedge = answer.hedged ? "I'm not sure, but the closest passage says: " : '';
  const sources = cut(answer.citations.map(renderSourceLine).join('\n'), LIMITS.embedFieldValue);
  return {
    embeds: [
      {
        title,
        description: cut(hedge + formatQuotedSentences(answer.sentences), LIMITS.embedDescription),
        color: FOUND_COLOUR,
        fields: [{ name: 'Sources', value: sources }],
        footer: { text: searched },
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: answer.citations.slice(0, LIMITS.buttonsPerRow).map((c) => ({
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: `Show passage [${c.number}]`,
          custom_id: `ask:passage:${articleKey(c.articleId)}:${c.passage}`,
        })),
      },
    ],
  };
}

/** The full cited paragraph, for the "Show passage" button. */
export function renderPassageEmbed(article: Article, paragraph: Paragraph): APIEmbed {
  const embed: APIEmbed = {
    title: cut(escapeText(article.title), LIMITS.embedTitle),
    description: cut(escapeText(paragraph.text), LIMITS.embedDescription),
    color: FOUND_COLOUR,
    footer: { text: cut(`Paragraph ${paragraph.number} · ${article.id}`, LIMITS.embedFooter) },
  };
  if (article.metadata.url) embed.url = article.metadata.url;
  return embed;
}

function renderTitle(citation: Citation): string {
  const title = escapeText(cut(citation.title, 150));
  return citation.url ? `[${title}](${citation.url})` : title;
}

function renderSourceLine(citation: Citation): string {
  return `[${citation.number}] ${renderTitle(citation)} — paragraph ${citation.passage}`;
}
