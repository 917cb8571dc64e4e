import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import type { BotContext } from '../src/discord/commandTypes.js';
import { cut } from '../src/discord/discordLimits.js';
import { escapeText } from '../src/discord/formatText.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';
import { alertsFor, subscriptionsOf } from '../src/discord/subscriptionHelpers.js';
import { MAX_TOPIC_LENGTH } from './alert.js';
import { mayRemove } from './alerts.js';

/**
 * `/unalert topic:` — removes an alert: your own DM alert, or, for people who can manage the
 * server, a channel's. Nobody else can remove a DM alert.
 */
export const data = new SlashCommandBuilder()
  .setName('unalert')
  .setDescription('Stop a topic alert')
  .addStringOption((option) =>
    option
      .setName('topic')
      .setDescription('The alert’s topic')
      .setRequired(true)
      .setMaxLength(MAX_TOPIC_LENGTH)
      .setAutocomplete(true),
  )
  .setContexts(InteractionContextType.Guild);

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const ingest = await subscriptionsOf(interaction, context);
  if (!ingest) return;
  const topic = interaction.options.getString('topic', true).replace(/\s+/g, ' ').trim();
  const same = alertsFor(
    await ingest.subscriptions.list(),
    interaction.guildId,
    interaction.user.id,
  ).filter((a) => a.topic.toLowerCase() === topic.toLowerCase());
  const allowed = same.filter((a) => mayRemove(a, interaction));
  for (const alert of allowed) await ingest.subscriptions.remove(alert.id);
  const shown = `“${escapeText(cut(topic, MAX_TOPIC_LENGTH))}”`;
  await replyPrivately(
    interaction,
    allowed.length > 0
      ? `Stopped the alert on ${shown}${allowed.length > 1 ? ` (${allowed.length} of them)` : ''}.`
      : same.length > 0
        ? `Only the person who made the alert on ${shown}, or an admin for a channel's, can remove it.`
        : `There is no alert on ${shown}. /alerts lists them.`,
  );
}

/** Offers the alerts the asker can remove. */
export async function autocomplete(
  interaction: AutocompleteInteraction,
  context: BotContext,
): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const alerts = alertsFor(
    (await context.ingest?.subscriptions.list()) ?? [],
    interaction.guildId,
    interaction.user.id,
  ).filter((a) => a.topic.toLowerCase().includes(typed));
  const topics = [...new Set(alerts.map((a) => a.topic))].slice(0, 25);
  await interaction.respond(topics.map((t) => ({ name: cut(t, 100), value: cut(t, 100) })));
}
