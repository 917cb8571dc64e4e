import { type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { viewerOf } from '../src/discord/collectionView.js';
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
  const viewer = viewerOf(interaction);
  const [count, [newest]] = await Promise.all([
    context.archive.articles.count(viewer),
    context.archive.articles.suggest('', viewer, 1),
  ]);
  await interaction.reply({
    embeds: [renderHelpEmbed(count, newest)],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}
