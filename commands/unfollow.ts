import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { subscriptionId } from '../src/delivery/SubscriptionStore.js';
import type { BotContext } from '../src/discord/commandTypes.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';
import { adminSubscriptions, postChannelOption } from '../src/discord/subscriptionHelpers.js';

/** `/unfollow feed: channel:` — stops posting a feed's articles to a channel. */
export const data = new SlashCommandBuilder()
  .setName('unfollow')
  .setDescription('Admins: stop posting a feed’s articles to a channel')
  .addStringOption((option) =>
    option
      .setName('feed')
      .setDescription('The feed’s address, as it was followed')
      .setRequired(true)
      .setMaxLength(2000),
  )
  .addChannelOption((option) => postChannelOption(option, 'The channel it posts to'))
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const ingest = await adminSubscriptions(
    interaction,
    context,
    'Only people who can manage this server can unfollow feeds.',
  );
  if (!ingest) return;
  const url = interaction.options.getString('feed', true).trim();
  const channel = interaction.options.getChannel('channel', true);
  const removed = await ingest.subscriptions.remove(
    subscriptionId('follow', interaction.guildId as string, channel.id, url),
  );
  await replyPrivately(
    interaction,
    removed
      ? `Stopped posting that feed in <#${channel.id}>. Its articles stay in this server's collection.`
      : `That feed is not followed in <#${channel.id}>. /following lists what is.`,
  );
}
