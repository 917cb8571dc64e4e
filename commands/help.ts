import { type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { visibleArticles } from '../src/discord/collectionView.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { renderHelpEmbed } from '../src/discord/renderHelpEmbed.js';

/** `/help` — what the bot knows and how to ask it. */
export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What I know and how to ask me');

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  await interaction.reply({
    embeds: [renderHelpEmbed(visibleArticles(context, interaction))],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}
