import { Client, Events, GatewayIntentBits, type RESTOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { PassageIndex } from '../search/PassageIndex';
import { NO_MENTIONS } from './commandTypes';
import { createCooldown } from './cooldown';
import { handleInteraction } from './handleInteraction';
import { loadCommands } from './loadCommands';
import { registerCommands } from './registerCommands';

/** What the bot needs to run. */
export interface BotOptions {
  token: string;
  /** The application id; read from Discord at log-in when not given. */
  applicationId?: string;
  guildId?: string;
  /** Discord's REST base URL (default Discord's own); the gateway address is fetched from it. */
  apiUrl?: string;
  cacheDir: string;
  index: () => PassageIndex;
  logger: Logger;
  /** Commands one person may run per window, and the window. */
  cooldown?: { limit: number; windowMs: number };
  commandsDir?: string;
}

/** A running bot. */
export interface RunningBot {
  client: Client;
  /** Disconnects from Discord. */
  stop(): Promise<void>;
}

/**
 * Logs the bot in with only the Guilds intent (no privileged intents), registers the slash
 * commands when they changed, and answers interactions until stopped. No message it sends
 * may mention anyone.
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const commands = await loadCommands(options.commandsDir);
  const rest: Partial<RESTOptions> = options.apiUrl ? { api: options.apiUrl } : {};
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest,
  });
  const context = { index: options.index, logger };
  const cooldown = createCooldown(options.cooldown ?? { limit: 5, windowMs: 10_000 });

  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction, { commands, context, cooldown });
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard) => logger.info({ shard }, 'gateway resumed'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(options.token);
  await ready;
  const applicationId = options.applicationId ?? client.application?.id;
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  if (applicationId) {
    try {
      const result = await registerCommands(commands.values(), {
        rest: client.rest,
        applicationId,
        ...(options.guildId ? { guildId: options.guildId } : {}),
        cacheDir: options.cacheDir,
      });
      logger.info(
        { ...result, place: options.guildId ? 'guild' : 'global' },
        result.registered ? 'registered slash commands' : 'slash commands unchanged',
      );
    } catch (error) {
      logger.error({ err: error }, 'could not register slash commands; existing ones keep working');
    }
  }
  return {
    client,
    stop: async () => {
      await client.destroy();
    },
  };
}
