import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { DeliveryStateFile } from '../src/delivery/DeliveryState.js';
import type { Subscription } from '../src/delivery/types.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { cut, LIMITS } from '../src/discord/discordLimits.js';
import { escapeText, relativeTime } from '../src/discord/formatText.js';
import { adminSubscriptions, deliveryStatus } from '../src/discord/subscriptionHelpers.js';

/**
 * `/following` — what this server has asked to be told: each followed feed and briefing with
 * its channel, its last post and its state (a paused one says why), and the channel alerts.
 */
export const data = new SlashCommandBuilder()
  .setName('following')
  .setDescription(
    'Admins: the feeds, alerts and briefings this server gets, and how they are going',
  )
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const ingest = await adminSubscriptions(
    interaction,
    context,
    'Only people who can manage this server can see what it follows.',
  );
  if (!ingest) return;
  // A person's DM alerts are theirs alone (/alerts): the server's list leaves them out.
  const mine = (await ingest.subscriptions.list()).filter(
    (s) => s.guildId === interaction.guildId && (s.kind !== 'alert' || s.channelId !== undefined),
  );
  const state = await ingest.deliveries();
  const lines = mine.map((s) => describe(s, state));
  await interaction.reply({
    embeds: [
      {
        title: `Following (${mine.length})`,
        description: cut(
          lines.join('\n') ||
            'Nothing yet. /follow posts a feed’s new articles to a channel, /alert posts stories about a topic, /briefing posts the day’s news.',
          LIMITS.embedDescription,
        ),
      },
    ],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

function describe(subscription: Subscription, record: DeliveryStateFile | undefined): string {
  const status = deliveryStatus(record, subscription);
  const state = status.paused
    ? `⏸️ paused: ${status.paused}. Fix it, then run the command again to resume.`
    : status.lastPostAt
      ? `✅ last post ${relativeTime(status.lastPostAt)}`
      : '✅ nothing posted yet';
  const where =
    'channelId' in subscription && subscription.channelId
      ? `<#${subscription.channelId}>`
      : 'by DM';
  if (subscription.kind === 'follow')
    return `📰 ${escapeText(cut(subscription.feedUrl, 200))} → ${where}${subscription.roleId ? ` (pings <@&${subscription.roleId}>)` : ''} · ${state}`;
  if (subscription.kind === 'alert')
    return `🔔 “${escapeText(cut(subscription.topic, 100))}” → ${where} · ${state}`;
  return `🗞️ briefing at ${subscription.time} ${subscription.timezone} → ${where} · ${state}`;
}
