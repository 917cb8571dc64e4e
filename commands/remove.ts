import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { collectionOf } from '../src/corpus/collections.js';
import {
  articleOption,
  resolveArticleOption,
  suggestArticles,
  unknownArticleMessage,
} from '../src/discord/articleOption.js';
import { visibleArticles } from '../src/discord/collectionView.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { cut } from '../src/discord/discordLimits.js';
import { escapeText } from '../src/discord/formatText.js';
import { refuseWithout } from '../src/discord/refuseWithout.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';

/**
 * `/remove article:` — for people who can manage the server: deletes one of the articles this
 * server added. Shared articles cannot be removed from Discord, and only the server's own are
 * offered.
 */
export const data = new SlashCommandBuilder()
  .setName('remove')
  .setDescription('Admins: remove one of the articles this server added')
  .addStringOption((option) =>
    articleOption(option, true).setDescription('One of the articles this server added'),
  )
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  if (
    await refuseWithout(
      interaction,
      PermissionFlagsBits.ManageGuild,
      'Only people who can manage this server can remove articles.',
    )
  )
    return;
  const guildId = interaction.guildId as string;
  if (!context.ingest) {
    await replyPrivately(
      interaction,
      'Articles cannot be removed: the bot cannot write to its articles folder.',
    );
    return;
  }
  const wanted = interaction.options.getString('article', true);
  const resolved = resolveArticleOption(ownArticles(context, interaction), wanted);
  if (!resolved.found) {
    // Named exactly, a shared article gets a reason; anything else is simply not found.
    const named = wanted.trim().toLowerCase();
    const shared = visibleArticles(context, interaction).find(
      (a) => a.id.toLowerCase() === named || a.title.toLowerCase() === named,
    );
    await replyPrivately(
      interaction,
      shared
        ? `“${escapeText(cut(shared.title, 200))}” is one of the shared articles; only the bot's operator can remove it.`
        : unknownArticleMessage(wanted, resolved.suggestions),
    );
    return;
  }
  const removed = await context.ingest.removeArticle(resolved.article, guildId);
  await interaction.reply({
    content: removed.ok
      ? `Removed “${escapeText(cut(removed.title, 200))}” from this server's articles.`
      : `Could not remove that article: ${removed.reason}.`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

/** Suggests only this server's own articles. */
export async function autocomplete(
  interaction: AutocompleteInteraction,
  context: BotContext,
): Promise<void> {
  await interaction.respond(
    suggestArticles(ownArticles(context, interaction), interaction.options.getFocused()),
  );
}

function ownArticles(
  context: BotContext,
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
) {
  const guildId = interaction.guildId;
  return context.index().corpus.articles.filter((a) => guildId && collectionOf(a.id) === guildId);
}
