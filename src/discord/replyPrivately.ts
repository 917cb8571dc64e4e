import { type InteractionReplyOptions, MessageFlags, type RepliableInteraction } from 'discord.js';
import { NO_MENTIONS } from './commandTypes.js';

/** A short note only the person who used the command sees; it mentions no one. */
export function replyPrivately(
  interaction: RepliableInteraction,
  content: string,
): Promise<unknown> {
  const options: InteractionReplyOptions = {
    content,
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  };
  return interaction.replied || interaction.deferred
    ? interaction.followUp(options)
    : interaction.reply(options);
}
