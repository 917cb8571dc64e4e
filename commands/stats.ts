import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { readShardSummary } from '../src/discord/readShardSummary.js';
import { refuseWithout } from '../src/discord/refuseWithout.js';
import { renderStatsEmbed } from '../src/discord/renderStatsEmbed.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';
import { summarizeFeedback } from '../src/feedback/summarizeFeedback.js';

/**
 * `/stats` — for the server's admins (Manage Server): votes, and the questions the articles
 * could not answer, most frequent first. Discord hides it from everyone else by default; the
 * handler checks again, because a server can change who sees a command.
 */
export const data = new SlashCommandBuilder()
  .setName('stats')
  .setDescription('Admins: what readers asked that the articles could not answer')
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
      'Only people who can manage this server can see the stats.',
    )
  )
    return;
  if (!context.feedback) {
    await replyPrivately(interaction, 'Feedback is not being kept, so there are no stats to show.');
    return;
  }
  // refuseWithout lets only members of a server through, so there is a server id.
  const { records } = await context.feedback.read();
  const summary = summarizeFeedback(records, interaction.guildId as string);
  const model = context.model
    ? {
        name: context.model.name,
        promptVersion: context.model.promptVersion,
        tokensToday: await context.model.spentToday().catch(() => undefined),
      }
    : undefined;
  await interaction.reply({
    embeds: [renderStatsEmbed(summary, await readShardSummary(interaction.client), model)],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}
