import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { DateTime } from 'luxon';
import { subscriptionId } from '../src/delivery/SubscriptionStore.js';
import type { BriefingSchedule } from '../src/delivery/types.js';
import type { BotContext } from '../src/discord/commandTypes.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';
import {
  adminSubscriptions,
  overLimit,
  postChannelOption,
} from '../src/discord/subscriptionHelpers.js';

const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/**
 * `/briefing channel: time: timezone: [stop:]` — for people who can manage the server: once a
 * day at that time in that zone, the day's stories since the last briefing, newest first, each
 * in one cited line, copies of one story from several sites as one.
 */
export const data = new SlashCommandBuilder()
  .setName('briefing')
  .setDescription('Admins: post the day’s stories to a channel once a day')
  .addChannelOption((option) => postChannelOption(option, 'Where the briefing is posted'))
  .addStringOption((option) =>
    option.setName('time').setDescription('When, as HH:MM, such as 08:00').setRequired(true),
  )
  .addStringOption((option) =>
    option
      .setName('timezone')
      .setDescription('Whose clock, such as Europe/Berlin or UTC (default UTC)')
      .setMaxLength(64),
  )
  .addBooleanOption((option) =>
    option.setName('stop').setDescription('Stop this channel’s briefing at that time instead'),
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
    'Only people who can manage this server can set up briefings.',
  );
  if (!ingest) return;
  const channel = interaction.options.getChannel('channel', true);
  const clock = CLOCK.exec(interaction.options.getString('time', true).trim());
  const timezone = interaction.options.getString('timezone')?.trim() || 'UTC';
  if (!clock) {
    await replyPrivately(interaction, 'The time must be HH:MM on a 24-hour clock, such as 08:00.');
    return;
  }
  if (!DateTime.now().setZone(timezone).isValid) {
    await replyPrivately(
      interaction,
      'That time zone is unknown: use a name such as Europe/Berlin, America/New_York or UTC.',
    );
    return;
  }
  const time = `${(clock[1] as string).padStart(2, '0')}:${clock[2]}`;
  const guildId = interaction.guildId as string;
  const id = subscriptionId('briefing', guildId, channel.id, time, timezone);
  if (interaction.options.getBoolean('stop')) {
    const removed = await ingest.subscriptions.remove(id);
    await replyPrivately(
      interaction,
      removed
        ? `Stopped the ${time} briefing in <#${channel.id}>.`
        : `There is no ${time} ${timezone} briefing in <#${channel.id}>.`,
    );
    return;
  }
  const schedule: BriefingSchedule = {
    kind: 'briefing',
    id,
    guildId,
    channelId: channel.id,
    time,
    timezone,
    createdAt: new Date().toISOString(),
    createdBy: interaction.user.id,
  };
  const tooMany = overLimit(await ingest.subscriptions.list(), schedule);
  if (tooMany) {
    await replyPrivately(interaction, tooMany);
    return;
  }
  await ingest.subscriptions.save(schedule);
  await replyPrivately(
    interaction,
    `Every day at ${time} (${timezone}) I'll post the stories since the last briefing in <#${channel.id}>. A day without news posts nothing.`,
  );
}
