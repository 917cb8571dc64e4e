import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { refuseWithout } from '../src/discord/refuseWithout.js';
import { renderFeedsEmbed } from '../src/discord/renderFeedsEmbed.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';

/**
 * `/feeds` — for the server's administrators: each followed feed with its last poll, its item
 * count and its last error. Discord hides it from everyone else; the handler checks again.
 */
export const data = new SlashCommandBuilder()
  .setName('feeds')
  .setDescription('Admins: the news feeds I follow, and how their last reads went')
  .setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
  .setContexts(InteractionContextType.Guild);

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  if (
    await refuseWithout(
      interaction,
      PermissionFlagsBits.Administrator,
      'Only the server’s administrators can see the feeds.',
    )
  )
    return;
  if (!context.ingest) {
    await replyPrivately(
      interaction,
      'Feeds are not followed: the bot cannot write to its data folder.',
    );
    return;
  }
  await interaction.reply({
    embeds: [renderFeedsEmbed(await context.ingest.feeds(), context.ingest.feedsFile)],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}
