import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { articleKey } from '../corpus/articleKey.js';
import type { PostContent } from '../delivery/types.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText } from './formatText.js';

/** A post as Discord's create-message body takes it. */
export interface RenderedPost {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: { parse: never[]; roles?: string[] };
}

const FOLLOW_COLOUR = 0x1f883d;
const ALERT_COLOUR = 0xbf8700;
const BRIEFING_COLOUR = 0x0969da;

/** The custom id of a post's "Ask about this" button; it ends with the post's nonce. */
export function askButtonId(articleId: string | undefined, nonce: string): string {
  return `ask:about:${articleId ? articleKey(articleId) : ''}:${nonce}`;
}

/**
 * A delivered post as a Discord message: the headline linking its page, the site, the date as
 * a Discord timestamp (each reader sees their own time zone), two cited sentences, and a
 * button to ask about it. Everything from the article is escaped; nobody is mentioned but the
 * follow's one role, if it named one.
 */
export function renderPost(post: PostContent, nonce: string): RenderedPost {
  const embed = post.briefing ? briefingEmbed(post.briefing) : articleEmbed(post);
  const link = post.article?.url && webLink(post.article.url);
  const buttons: APIButtonComponent[] = [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: post.briefing ? 'Ask about the news' : 'Ask about this',
      custom_id: askButtonId(post.article?.id, nonce),
    },
  ];
  if (link)
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Read', url: link });
  return {
    ...(post.roleId ? { content: `<@&${post.roleId}>` } : {}),
    embeds: [embed],
    components: [{ type: ComponentType.ActionRow, components: buttons }],
    allowed_mentions: { parse: [], ...(post.roleId ? { roles: [post.roleId] } : {}) },
  };
}

function articleEmbed(post: PostContent): APIEmbed {
  const article = post.article as NonNullable<PostContent['article']>;
  const lines = article.summary.map((s, i) => `${escapeText(s.text)} [${i + 1}]`);
  const cited = article.summary.map((s, i) => `[${i + 1}] paragraph ${s.passage}`).join(' · ');
  const published = article.published ? Date.parse(article.published) : Number.NaN;
  const parts = [
    lines.join(' ') || escapeText(article.title),
    ...(Number.isFinite(published) ? [`📅 <t:${Math.floor(published / 1000)}:f>`] : []),
    ...(post.more
      ? [
          `➕ ${post.more} more new ${post.more === 1 ? 'story' : 'stories'} came in at the same time; ask me about them with /ask.`,
        ]
      : []),
  ];
  const link = article.url && webLink(article.url);
  return {
    title: cut(escapeText(article.title), LIMITS.embedTitle),
    ...(link ? { url: link } : {}),
    ...(article.site ? { author: { name: cut(article.site, LIMITS.embedAuthor) } } : {}),
    description: cut(parts.join('\n\n'), LIMITS.embedDescription),
    color: post.kind === 'alert' ? ALERT_COLOUR : FOLLOW_COLOUR,
    footer: {
      text: cut(
        [
          post.kind === 'alert' && post.topic ? `Alert: ${post.topic}` : undefined,
          cited ? `Quoted from ${cited}` : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
        LIMITS.embedFooter,
      ),
    },
  };
}

function briefingEmbed(briefing: NonNullable<PostContent['briefing']>): APIEmbed {
  const lines = briefing.items.map((item) => {
    const title = escapeText(cut(item.title, 120));
    const link = item.url && webLink(item.url);
    const head = link ? `[${title}](${link})` : `**${title}**`;
    const sources = item.sources.map((s) => escapeText(cut(s, 40))).join(', ');
    return `${head} · ${sources}\n${escapeText(cut(item.line, 220))} (paragraph ${item.passage})`;
  });
  return {
    title: `Briefing for ${briefing.date}`,
    description: cut(lines.join('\n\n'), LIMITS.embedDescription),
    color: BRIEFING_COLOUR,
    footer: { text: cut(`${briefing.items.length} stories · ${briefing.timezone}`, 200) },
  };
}

/** A page's address if it is a plain web link Discord will show; anything else is dropped. */
export function webLink(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return parsed.href.length <= 512 ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
