import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { subscriptionId } from '../src/delivery/SubscriptionStore.js';
import type { Alert } from '../src/delivery/types.js';
import type { BotContext } from '../src/discord/commandTypes.js';
import { cut } from '../src/discord/discordLimits.js';
import { escapeText } from '../src/discord/formatText.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';
import {
  overLimit,
  postChannelOption,
  subscriptionsOf,
} from '../src/discord/subscriptionHelpers.js';

/** Longest topic: a few words a reader would type. */
export const MAX_TOPIC_LENGTH = 100;

/**
 * `/alert topic: [channel:] [dm:]` — posts each new article about a topic, from a feed, `/add`
 * or the folder: to a channel (for people who can manage the server), or by DM to the person
 * who asked. Only articles that arrive after the alert count.
 */
export const data = new SlashCommandBuilder()
  .setName('alert')
  .setDescription('Get each new article about a topic, in a channel or by DM')
  .addStringOption((option) =>
    option
      .setName('topic')
      .setDescription('A few words, such as oil prices or the general election')
      .setRequired(true)
      .setMaxLength(MAX_TOPIC_LENGTH),
  )
  .addChannelOption((option) =>
    postChannelOption(option, 'Admins: post them in this channel', false),
  )
  .addBooleanOption((option) =>
    option.setName('dm').setDescription('Send them to you by direct message'),
  )
  .setContexts(InteractionContextType.Guild);

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const topic = interaction.options.getString('topic', true).replace(/\s+/g, ' ').trim();
  const channel = interaction.options.getChannel('channel');
  const dm = interaction.options.getBoolean('dm') ?? false;
  if (!topic) {
    await replyPrivately(interaction, 'Give a topic of a few words, such as “oil prices”.');
    return;
  }
  if (!channel && !dm) {
    await replyPrivately(interaction, 'Say where to send it: a channel, or dm:True for yourself.');
    return;
  }
  if (channel && !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    await replyPrivately(
      interaction,
      'Only people who can manage this server can post alerts in a channel. Use dm:True to get them yourself.',
    );
    return;
  }
  const ingest = await subscriptionsOf(interaction, context);
  if (!ingest) return;
  const guildId = interaction.guildId as string;
  const key = topic.toLowerCase();
  const alert: Alert = {
    kind: 'alert',
    id: channel
      ? subscriptionId('alert', guildId, channel.id, key)
      : subscriptionId('alert', guildId, 'dm', interaction.user.id, key),
    guildId,
    ...(channel ? { channelId: channel.id } : {}),
    topic,
    createdAt: new Date().toISOString(),
    createdBy: interaction.user.id,
  };
  const tooMany = overLimit(await ingest.subscriptions.list(), alert);
  if (tooMany) {
    await replyPrivately(interaction, tooMany);
    return;
  }
  await ingest.subscriptions.save(alert);
  await replyPrivately(
    interaction,
    `I'll post each new article about “${escapeText(cut(topic, MAX_TOPIC_LENGTH))}” ${channel ? `in <#${channel.id}>` : 'to you by DM'}. Articles already here don't count; /alerts lists your alerts.`,
  );
}
