import type { ChatInputCommandInteraction } from 'discord.js';
import { replyPrivately } from './replyPrivately.js';

/** What an admin command says in a DM, where there is no server to manage. */
export const NEEDS_A_SERVER =
  'That command works in a server, not in a direct message. Try it in your server.';

/**
 * For the admin commands: Discord hides them from members without `permission` by default,
 * but a server can change who sees a command, so the handler checks again. Says `refusal`
 * privately and returns true when the person may not use it; in a DM it says it needs a server.
 */
export async function refuseWithout(
  interaction: ChatInputCommandInteraction,
  permission: bigint,
  refusal: string,
): Promise<boolean> {
  if (interaction.inGuild() && interaction.memberPermissions?.has(permission)) return false;
  await replyPrivately(interaction, interaction.inGuild() ? refusal : NEEDS_A_SERVER);
  return true;
}
