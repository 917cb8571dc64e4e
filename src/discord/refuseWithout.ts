import type { ChatInputCommandInteraction } from 'discord.js';
import { replyPrivately } from './replyPrivately.js';

/**
 * For the admin commands: Discord hides them from members without `permission` by default,
 * but a server can change who sees a command, so the handler checks again. Says `refusal`
 * privately and returns true when the person may not use it (or is not in a server).
 */
export async function refuseWithout(
  interaction: ChatInputCommandInteraction,
  permission: bigint,
  refusal: string,
): Promise<boolean> {
  if (interaction.inGuild() && interaction.memberPermissions?.has(permission)) return false;
  await replyPrivately(interaction, refusal);
  return true;
}
