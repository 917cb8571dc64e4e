import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { AskProgress } from '../answer/Ask.js';
import type { Answer, Citation } from '../answer/types.js';
import { articleKey } from '../corpus/articleKey.js';
import type { Article, Paragraph } from '../corpus/types.js';
import { formatIsoDay } from '../time/calendarDay.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText, formatQuotedSentences } from './formatText.js';

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
  const searched = `Searched ${answer.articlesSearched} article${answer.articlesSearched === 1 ? '' : 's'}${answer.scope?.from || answer.scope?.to ? ` published ${answer.scope.label}` : ''}${answer.scope?.recent ? ', newest first' : ''}`;
  const title = cut(
    escapeText(answer.question.replace(/\s+/g, ' ').trim() || 'Your question'),
    LIMITS.embedTitle,
  );
  if (!answer.found) {
    const closest = [...new Map(answer.citations.map((c) => [c.articleId, c])).values()];
    const list = closest.map((c) => `• ${renderTitle(c)}`).join('\n');
    const text = answering(answer) + escapeText(answer.text);
    const description = list ? `${text}\n\n**Closest articles**\n${list}` : text;
    return {
      embeds: [
        {
          title,
          description: cut(description, LIMITS.embedDescription),
          color: NOT_FOUND_COLOUR,
          footer: { text: cut(withNote(answer, searched), LIMITS.embedFooter) },
        },
      ],
      components: [{ type: ComponentType.ActionRow, components: [followUpButton()] }],
    };
  }
  const hedge = answer.hedged ? "I'm not sure, but the closest passage says: " : '';
  const sources = cut(answer.citations.map(renderSourceLine).join('\n'), LIMITS.embedFieldValue);
  const first = answer.citations[0];
  return {
    embeds: [
      {
        title,
        description: cut(
          answering(answer) + hedge + formatQuotedSentences(answer.sentences),
          LIMITS.embedDescription,
        ),
        color: FOUND_COLOUR,
        fields: [{ name: 'Sources', value: sources }],
        footer: {
          text: cut(
            withNote(answer, `${CONFIDENCE_WORDS[answer.confidenceLevel]} · ${searched}`),
            LIMITS.embedFooter,
          ),
        },
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
      {
        type: ComponentType.ActionRow,
        components: [
          voteButton('up', '👍', 'Helpful', answer.composer),
          voteButton('down', '👎', 'Not helpful', answer.composer),
          ...(first ? [relatedButton(first.articleId)] : []),
          followUpButton(),
        ],
      },
    ],
  };
}

/** The first line of a follow-up's answer: the question it answered, in full. */
export const ANSWERING_PREFIX = 'Answering: ';

/**
 * "Answering: …" in italics when a follow-up was read as a fuller question, so a misreading
 * shows, and so the question can be read back from the message after a restart.
 */
function answering(answer: Answer): string {
  if (!answer.standaloneQuestion) return '';
  const question = answer.standaloneQuestion.replace(/\s+/g, ' ').trim();
  return `*${ANSWERING_PREFIX}${escapeText(cut(question, LIMITS.embedTitle))}*\n\n`;
}

/** "Follow up": opens a box for a question that continues this answer's conversation. */
export function followUpButton(): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: 'Follow up',
    custom_id: 'ask:follow',
  };
}

/** The footer's line, after the answer's note on how it was made, when it has one. */
function withNote(answer: Answer, line: string): string {
  return answer.note ? `${answer.note}\n${line}` : line;
}

/** How each confidence level reads under an answer. */
const CONFIDENCE_WORDS = {
  high: 'Confidence: high',
  medium: 'Confidence: medium',
  low: 'Confidence: low',
} as const;

/** A vote button; a model-written answer's says so, so its votes are kept apart. */
function voteButton(
  vote: 'up' | 'down',
  emoji: string,
  label: string,
  composer: Answer['composer'],
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    emoji: { name: emoji },
    label,
    custom_id: `ask:vote:${vote}${composer === 'llm' ? ':llm' : ''}`,
  };
}

/** What a reader sees while a model's answer is read: the passages, then checked sentences. */
export function renderProgressEmbed(question: string, progress: AskProgress): APIEmbed {
  const title = cut(
    escapeText(question.replace(/\s+/g, ' ').trim() || 'Your question'),
    LIMITS.embedTitle,
  );
  const description =
    progress.stage === 'reading'
      ? `Reading ${progress.passages} passage${progress.passages === 1 ? '' : 's'} from ${progress.articles} article${progress.articles === 1 ? '' : 's'}…`
      : `${escapeText(progress.text)} …`;
  return { title, description: cut(description, LIMITS.embedDescription), color: NOT_FOUND_COLOUR };
}

/** "Related stories": articles like the given one, from the /related command's button. */
export function relatedButton(articleId: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: 'Related stories',
    custom_id: `related:show:${articleKey(articleId)}`,
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
  const date = citation.date ? `${formatIsoDay(citation.date)}, ` : '';
  return `[${citation.number}] ${renderTitle(citation)} — ${date}paragraph ${citation.passage}`;
}
