import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  MessageFlags,
  SlashCommandBuilder,
} from 'discord.js';
import {
  articleOption,
  autocompleteArticles,
  resolveArticleOption,
  unknownArticleMessage,
} from '../src/discord/articleOption.js';
import { viewerOf } from '../src/discord/collectionView.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { renderRelatedEmbed } from '../src/discord/renderRelatedEmbed.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';

/** `/related article:` — the articles most like one article. */
export const data = new SlashCommandBuilder()
  .setName('related')
  .setDescription('Find the articles most like one article')
  .addStringOption((option) => articleOption(option, true));

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const wanted = interaction.options.getString('article', true);
  const resolved = await resolveArticleOption(
    context.archive.articles,
    viewerOf(interaction),
    wanted,
  );
  if (!resolved.found) {
    await replyPrivately(interaction, unknownArticleMessage(wanted, resolved.suggestions));
    return;
  }
  await interaction.reply({
    embeds: [
      renderRelatedEmbed(
        resolved.article.title,
        await context.archive.articles.related(resolved.article, viewerOf(interaction)),
      ),
    ],
    allowedMentions: NO_MENTIONS,
  });
}

export const autocomplete = autocompleteArticles;

/** "Related stories" under an answer or an article: shown only to the person who pressed it. */
export async function button(
  interaction: ButtonInteraction,
  context: BotContext,
  args: string[],
): Promise<void> {
  const [action, key = ''] = args;
  const article =
    action === 'show'
      ? await context.archive.articles.byKey(key, viewerOf(interaction))
      : undefined;
  if (!article) {
    await replyPrivately(
      interaction,
      'That article is no longer loaded, so I cannot look for related ones.',
    );
    return;
  }
  await interaction.reply({
    embeds: [
      renderRelatedEmbed(
        article.title,
        await context.archive.articles.related(article, viewerOf(interaction)),
      ),
    ],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}
