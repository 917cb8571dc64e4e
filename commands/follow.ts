import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { subscriptionId } from '../src/delivery/SubscriptionStore.js';
import type { Follow } from '../src/delivery/types.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { cut } from '../src/discord/discordLimits.js';
import { escapeText } from '../src/discord/formatText.js';
import {
  adminSubscriptions,
  overLimit,
  postChannelOption,
} from '../src/discord/subscriptionHelpers.js';

/** Newest items of a feed a new follow may post at once. */
const MAX_BACKLOG = 10;
/** Item keys kept as a follow's backlog: more than any real feed lists at once. */
const MAX_BACKLOG_KEYS = 1000;

/**
 * `/follow feed: channel: [role:] [backlog:]` — for people who can manage the server: posts each
 * new article of a feed to a channel, as a cited two-sentence summary with a link and a
 * button to ask about it. The feed is read once first, so a wrong address is told at once;
 * nothing from its backlog is posted unless `backlog:` asks for its newest few.
 */
export const data = new SlashCommandBuilder()
  .setName('follow')
  .setDescription('Admins: post each new article of a news feed to a channel')
  .addStringOption((option) =>
    option
      .setName('feed')
      .setDescription('The feed’s address (RSS, Atom or JSON Feed), starting with https://')
      .setRequired(true)
      .setMaxLength(2000),
  )
  .addChannelOption((option) => postChannelOption(option, 'Where its articles are posted'))
  .addRoleOption((option) =>
    option.setName('role').setDescription('One role to ping with each post (none by default)'),
  )
  .addIntegerOption((option) =>
    option
      .setName('backlog')
      .setDescription('Also post this many of its newest articles now (default 0)')
      .setMinValue(0)
      .setMaxValue(MAX_BACKLOG),
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
    'Only people who can manage this server can follow feeds.',
  );
  if (!ingest) return;
  const url = interaction.options.getString('feed', true).trim();
  const channel = interaction.options.getChannel('channel', true);
  const role = interaction.options.getRole('role');
  const backlog = interaction.options.getInteger('backlog') ?? 0;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const checked = await ingest.checkFeed(url);
  if (!checked.ok) {
    await interaction.editReply({
      content: `Could not follow that feed: ${checked.reason}.`,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  const guildId = interaction.guildId as string;
  const follow: Follow = {
    kind: 'follow',
    id: subscriptionId('follow', guildId, channel.id, url),
    guildId,
    channelId: channel.id,
    feedUrl: url,
    ...(role ? { roleId: role.id } : {}),
    backlog,
    // What the feed holds now is its backlog; anything after is news, even before its first poll.
    backlogKeys: checked.keys.slice(0, MAX_BACKLOG_KEYS),
    createdAt: new Date().toISOString(),
    createdBy: interaction.user.id,
  };
  const tooMany = overLimit(await ingest.subscriptions.list(), follow);
  if (tooMany) {
    await interaction.editReply({ content: tooMany, allowedMentions: NO_MENTIONS });
    return;
  }
  await ingest.subscriptions.save(follow);
  ingest.pollSoon();
  const title = checked.title ? `“${escapeText(cut(checked.title, 120))}”` : 'that feed';
  const first =
    backlog > 0
      ? `its ${backlog} newest article${backlog === 1 ? '' : 's'} first, then each new one`
      : 'each new article from now on';
  await interaction.editReply({
    content: `Following ${title} in <#${channel.id}>: I'll post ${first}${role ? `, pinging <@&${role.id}>` : ''}. Its articles also join this server's collection, so /ask can answer from them.`,
    allowedMentions: NO_MENTIONS,
  });
}
