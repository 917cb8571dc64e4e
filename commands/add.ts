import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { cut } from '../src/discord/discordLimits.js';
import { escapeText } from '../src/discord/formatText.js';
import { refuseWithout } from '../src/discord/refuseWithout.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';

/** Longest address accepted; real article URLs are far shorter. */
const MAX_URL_LENGTH = 2000;

/**
 * `/add url:` — for people who can manage the server: fetches a web page, keeps its article in
 * the articles folder and says where it went. The page is fetched with the same safety rules as
 * feeds (no private addresses, size cap, time-out), so a member cannot make the bot read the
 * local network.
 */
export const data = new SlashCommandBuilder()
  .setName('add')
  .setDescription('Admins: add a news article from its web address')
  .addStringOption((option) =>
    option
      .setName('url')
      .setDescription('The article’s address, starting with https://')
      .setRequired(true)
      .setMaxLength(MAX_URL_LENGTH),
  )
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
      'Only people who can manage this server can add articles.',
    )
  )
    return;
  if (!context.ingest) {
    await replyPrivately(
      interaction,
      'Articles cannot be added: the bot cannot write to its articles folder.',
    );
    return;
  }
  const url = interaction.options.getString('url', true).trim();
  // Fetching can take longer than the three seconds Discord waits for a first reply.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const added = await context.ingest.addPage(url, interaction.guildId ?? undefined);
  const where =
    context.ingest.addScope === 'server' ? "this server's articles" : 'the shared articles';
  const content = added.ok
    ? added.status === 'unchanged'
      ? `Already have “${escapeText(cut(added.title, 200))}” in ${where} (\`${added.articleId}\`); nothing changed.`
      : `${added.status === 'added' ? 'Added' : 'Updated'} “${escapeText(cut(added.title, 200))}” to ${where} as \`${added.articleId}\`. It can be asked about in a few seconds.`
    : `Could not add that page: ${added.reason}.`;
  await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
}
