import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { Alert } from '../src/delivery/types.js';
import type { BotContext } from '../src/discord/commandTypes.js';
import { cut, LIMITS } from '../src/discord/discordLimits.js';
import { escapeText } from '../src/discord/formatText.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';
import { alertsFor, deliveryStatus, subscriptionsOf } from '../src/discord/subscriptionHelpers.js';

/** `/alerts` — this server's channel alerts, and your own DM alerts. */
export const data = new SlashCommandBuilder()
  .setName('alerts')
  .setDescription('The topic alerts of this server, and your own')
  .setContexts(InteractionContextType.Guild);

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const ingest = await subscriptionsOf(interaction, context);
  if (!ingest) return;
  const alerts = alertsFor(
    await ingest.subscriptions.list(),
    interaction.guildId,
    interaction.user.id,
  );
  const state = await ingest.deliveries();
  const lines = alerts.map((a) => {
    const status = deliveryStatus(state, a);
    return `🔔 “${escapeText(cut(a.topic, 100))}” → ${a.channelId ? `<#${a.channelId}>` : 'your DMs'}${status.paused ? ` · ⏸️ paused: ${status.paused}` : ''}`;
  });
  await replyPrivately(
    interaction,
    cut(
      lines.length > 0
        ? `${lines.join('\n')}\n/unalert topic: removes one.`
        : 'No alerts yet. /alert topic: sends you each new article about a topic.',
      LIMITS.content,
    ),
  );
}

/** Whether the asker may remove this alert: their own DM alert, or a channel one as an admin. */
export function mayRemove(alert: Alert, interaction: ChatInputCommandInteraction): boolean {
  return alert.channelId
    ? interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true
    : alert.createdBy === interaction.user.id;
}
