import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import {
  articleChoices,
  articleOption,
  resolveArticleOption,
  unknownArticleMessage,
} from '../src/discord/articleOption.js';
import { viewerOf } from '../src/discord/collectionView.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { cut, LIMITS } from '../src/discord/discordLimits.js';
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
  const store = context.archive.articles;
  const viewer = viewerOf(interaction);
  const resolved = await resolveArticleOption(store, viewer, wanted, guildId);
  if (!resolved.found) {
    // Named exactly, a shared article gets a reason; anything else is simply not found.
    const named = await store.find(wanted, viewer);
    const shared = named.found ? named.article : undefined;
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
  const guildId = interaction.guildId;
  await interaction.respond(
    guildId
      ? articleChoices(
          await context.archive.articles.suggest(
            interaction.options.getFocused(),
            viewerOf(interaction),
            LIMITS.choices,
            guildId,
          ),
        )
      : [],
  );
}
