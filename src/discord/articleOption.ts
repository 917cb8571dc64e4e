import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  SlashCommandStringOption,
} from 'discord.js';
import { articleKey } from '../corpus/articleKey.js';
import { collectionOf, type Viewer } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import type { ArticleStore } from '../store/ArticleStore.js';
import { viewerOf } from './collectionView.js';
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
 * Autocomplete choices for articles, best first: names cut to 100 characters, and the value
 * the article id, or a short key when the id is too long for Discord.
 */
export function articleChoices(
  articles: readonly Article[],
): ApplicationCommandOptionChoiceData<string>[] {
  return articles.slice(0, LIMITS.choices).map((article) => ({
    name: cut(article.title.replace(/\s+/g, ' ') || article.id, LIMITS.choiceName),
    value:
      article.id.length <= LIMITS.choiceValue
        ? article.id
        : `${KEY_PREFIX}${articleKey(article.id)}`,
  }));
}

/**
 * The article an option names: a chosen suggestion, an id, a headline or words of one, among
 * those the viewer reads (with `ownOf`, only that server's own).
 */
export async function resolveArticleOption(
  store: ArticleStore,
  viewer: Viewer,
  value: string,
  ownOf?: string,
): Promise<{ found: true; article: Article } | { found: false; suggestions: Article[] }> {
  if (value.startsWith(KEY_PREFIX)) {
    const article = await store.byKey(value.slice(KEY_PREFIX.length), viewer);
    if (article && (ownOf === undefined || collectionOf(article.id) === ownOf))
      return { found: true, article };
  }
  const result = await store.find(value, viewer, {
    allowPartial: true,
    maxSuggestions: 3,
    ...(ownOf === undefined ? {} : { ownOf }),
  });
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
  const typed = interaction.options.getFocused();
  await interaction.respond(
    articleChoices(
      await context.archive.articles.suggest(typed, viewerOf(interaction), LIMITS.choices),
    ),
  );
}
