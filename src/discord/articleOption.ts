import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  SlashCommandStringOption,
} from 'discord.js';
import { findArticle, rankByHeadline } from '../answer/findArticle.js';
import { articleKey, findArticleByKey } from '../corpus/articleKey.js';
import type { Article } from '../corpus/types.js';
import { visibleArticles } from './collectionView.js';
import type { BotContext } from './commandTypes.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText } from './formatText.js';

const KEY_PREFIX = 'key:';

/** The `article` option of every command that takes one: a headline, suggested as it is typed. */
export function articleOption(
  option: SlashCommandStringOption,
  required: boolean,
): SlashCommandStringOption {
  return option
    .setName('article')
    .setDescription('The article (start typing a headline)')
    .setAutocomplete(true)
    .setRequired(required)
    .setMaxLength(100);
}

/**
 * Autocomplete choices for an article option: headlines that match what was typed, best
 * first, at most 25, names cut to 100 characters. The value is the article id, or a short key
 * when the id is too long for Discord.
 */
export function suggestArticles(
  articles: readonly Article[],
  typed: string,
): ApplicationCommandOptionChoiceData<string>[] {
  const query = typed.trim();
  const ranked = query ? rankByHeadline(articles, query).map((r) => r.article) : [...articles];
  return ranked.slice(0, LIMITS.choices).map((article) => ({
    name: cut(article.title.replace(/\s+/g, ' ') || article.id, LIMITS.choiceName),
    value:
      article.id.length <= LIMITS.choiceValue
        ? article.id
        : `${KEY_PREFIX}${articleKey(article.id)}`,
  }));
}

/** The article an option names: a chosen suggestion, an id, a headline or words of one. */
export function resolveArticleOption(
  articles: readonly Article[],
  value: string,
): { found: true; article: Article } | { found: false; suggestions: Article[] } {
  if (value.startsWith(KEY_PREFIX)) {
    const article = findArticleByKey(articles, value.slice(KEY_PREFIX.length));
    if (article) return { found: true, article };
  }
  const result = findArticle(articles, value, { allowPartial: true, maxSuggestions: 3 });
  return result.found ? result : { found: false, suggestions: result.suggestions };
}

/** A short reply for an article name that matches nothing. */
export function unknownArticleMessage(value: string, suggestions: readonly Article[]): string {
  const shown = escapeText(cut(value.replace(/\s+/g, ' '), 80));
  const tips = suggestions.map((a) => `• ${escapeText(cut(a.title, 120))}`).join('\n');
  return tips
    ? `I have no article called “${shown}”. Did you mean:\n${tips}`
    : `I have no article called “${shown}”. Start typing a headline and pick one from the list.`;
}

/** The autocomplete handler of every command with an article option. */
export async function autocompleteArticles(
  interaction: AutocompleteInteraction,
  context: BotContext,
): Promise<void> {
  await interaction.respond(
    suggestArticles(visibleArticles(context, interaction), interaction.options.getFocused()),
  );
}
