import { type REST, Routes } from 'discord.js';
import type { BotCommand } from './commandTypes.js';
import { sameCommands } from './sameCommands.js';

/** Where and how to register the slash commands. */
export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  /** Register in one server only (instant), instead of everywhere (can take up to an hour). */
  guildId?: string;
  /** Register even when Discord already has the same definitions. */
  force?: boolean;
  /** Told when Discord's registered commands could not be read; they are then sent anyway. */
  onCheckFailed?: (error: unknown) => void;
}

/** What {@link registerCommands} did. */
export interface RegisterResult {
  /** Whether the definitions were sent (a PUT), because they differed or could not be read. */
  registered: boolean;
  count: number;
  /** Why they were sent: Discord's differed, could not be read, or `force` was set. */
  reason?: 'changed' | 'unchecked' | 'forced';
}

/**
 * Registers the commands' definitions with Discord unless Discord already has exactly them.
 * What Discord has is read each time (one GET) rather than remembered locally, because it can
 * change behind the bot's back: the app removed from a server and added again, commands
 * deleted by hand, or another deployment registering other definitions.
 */
export async function registerCommands(
  commands: Iterable<BotCommand>,
  options: RegisterOptions,
): Promise<RegisterResult> {
  const body = [...commands].map((command) => command.data.toJSON());
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  let reason: RegisterResult['reason'] = 'forced';
  if (!options.force) {
    try {
      const registered = (await options.rest.get(route)) as unknown[];
      if (sameCommands(registered, body, options.guildId ? 'guild' : 'global'))
        return { registered: false, count: body.length };
      reason = 'changed';
    } catch (error) {
      options.onCheckFailed?.(error);
      reason = 'unchecked';
    }
  }
  await options.rest.put(route, { body });
  return { registered: true, count: body.length, reason };
}
