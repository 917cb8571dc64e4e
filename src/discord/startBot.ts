import {
  Client,
  DefaultRestOptions,
  Events,
  GatewayIntentBits,
  Options,
  Partials,
  type RESTOptions,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Ask } from '../answer/Ask.js';
import type { Rewriter } from '../conversation/askFollowUp.js';
import { ConversationStore } from '../conversation/ConversationStore.js';
import type { FeedbackLog } from '../feedback/FeedbackLog.js';
import type { Archive } from '../store/Archive.js';
import { type BotContext, NO_MENTIONS } from './commandTypes.js';
import { createCooldown } from './cooldown.js';
import { handleInteraction } from './handleInteraction.js';
import { handleMessage } from './handleMessage.js';
import { loadCommands } from './loadCommands.js';
import { registerCommands } from './registerCommands.js';

/** What the bot needs to run. */
export interface BotOptions {
  token: string;
  /** The application id; read from Discord at log-in when not given. */
  applicationId?: string;
  guildId?: string;
  /** Discord's REST base URL (default Discord's own); the gateway address is fetched from it. */
  apiUrl?: string;
  /** The articles commands read: in memory (src/store/Archive), or a database. */
  archive: Archive;
  /** How questions are answered: quoted, or written by a language model. */
  ask: Ask;
  /** Writes follow-ups out in full, when a language model is configured. */
  rewrite?: Rewriter;
  /**
   * Told when the bot is removed from a server (not an outage) and when it is in one, so a
   * server's own articles are kept for a grace period and then removed.
   */
  departures?: { left(guildId: string): Promise<void>; present(guildId: string): Promise<void> };
  /** Set when `ask` calls a language model. */
  model?: BotContext['model'];
  logger: Logger;
  /** Where feedback is kept; without it the bot answers but keeps no votes. */
  feedback?: FeedbackLog;
  /** Adding pages and listing feeds (`/add`, `/feeds`); without it they say they are off. */
  ingest?: BotContext['ingest'];
  /**
   * Which gateway shards to run in this process (discord.js internal sharding): `auto` for
   * Discord's recommended count, or ids out of a total. Without it, one shard.
   */
  shards?: 'auto' | { ids: number[]; count: number };
  /** Counts and times answers for the metrics endpoint. */
  metrics?: BotContext['metrics'];
  /** Register the slash commands after logging in (default); a shard process leaves it to its manager. */
  registerCommands?: boolean;
  /** Commands one person may run per window, and the window. */
  cooldown?: { limit: number; windowMs: number };
  commandsDir?: string;
  /** How long one request to Discord may take before it is abandoned and retried. */
  restTimeoutMs?: number;
}

/** A running bot. */
export interface RunningBot {
  client: Client;
  /**
   * Stops taking interactions, waits up to `graceMs` for those being answered to finish, then
   * disconnects from Discord. Resolves with how many were still unfinished.
   */
  stop(graceMs?: number): Promise<{ unfinished: number }>;
}

/**
 * The gateway intents: none privileged. GuildMessages brings every message the bot can see,
 * but Discord gives it the text only of those that mention it (a reply that pings it counts),
 * of DMs and of its own; DirectMessages brings DMs.
 */
export const BOT_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
];

/**
 * GuildMessages delivers every message of a busy server: none is kept beyond a few per
 * channel, and those only for minutes, so memory stays flat however busy the servers are.
 */
const MESSAGE_CACHE = {
  makeCache: Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: 10,
    ReactionManager: 0,
    GuildMessageManager: 10,
    DMMessageManager: 10,
  }),
  sweepers: {
    ...Options.DefaultSweeperSettings,
    messages: { interval: 300, lifetime: 600 },
  },
};

/**
 * Logs the bot in with the {@link BOT_INTENTS} (no privileged intents), registers the slash
 * commands when Discord's differ from ours, and answers interactions and the messages that ask
 * it something until stopped. No message it sends may mention anyone.
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const commands = await loadCommands(options.commandsDir);
  const rest: Partial<RESTOptions> = {
    ...(options.apiUrl ? { api: options.apiUrl } : {}),
    ...(options.restTimeoutMs ? { timeout: options.restTimeoutMs } : {}),
    makeRequest: logRestFaults(DefaultRestOptions.makeRequest, logger),
  };
  const client = new Client({
    intents: BOT_INTENTS,
    // DM channels are not cached before their first message arrives.
    partials: [Partials.Channel],
    ...MESSAGE_CACHE,
    allowedMentions: NO_MENTIONS,
    rest,
    ...(options.shards === 'auto'
      ? { shards: 'auto' as const }
      : options.shards
        ? { shards: options.shards.ids, shardCount: options.shards.count }
        : {}),
  });
  const context: BotContext = {
    archive: options.archive,
    ask: options.ask,
    ...(options.model ? { model: options.model } : {}),
    ...(options.rewrite ? { rewrite: options.rewrite } : {}),
    logger,
    ...(options.feedback ? { feedback: options.feedback } : {}),
    ...(options.ingest ? { ingest: options.ingest } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    conversations: new ConversationStore(),
  };
  const cooldown = createCooldown(options.cooldown ?? { limit: 5, windowMs: 10_000 });

  let accepting = true;
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    if (!accepting) return;
    const handled = handleInteraction(interaction, { commands, context, cooldown }).finally(() =>
      inFlight.delete(handled),
    );
    inFlight.add(handled);
  });
  client.on(Events.MessageCreate, (message) => {
    const botUserId = client.user?.id;
    if (!accepting || !botUserId) return;
    const handled = handleMessage(message, { context, botUserId, cooldown }).finally(() =>
      inFlight.delete(handled),
    );
    inFlight.add(handled);
  });
  const { departures } = options;
  if (departures) {
    const note = (what: Promise<void>) =>
      what.catch((error) => logger.warn({ err: error }, 'could not note a server joined or left'));
    // discord.js reports an outage as GuildUnavailable, never as GuildDelete.
    client.on(Events.GuildDelete, (guild) => {
      logger.info({ guild: guild.id }, 'removed from a server; its articles are kept for now');
      void note(departures.left(guild.id));
    });
    client.on(Events.GuildCreate, (guild) => void note(departures.present(guild.id)));
  }
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
  logger.info(
    {
      user: client.user?.tag,
      guilds: client.guilds.cache.size,
      shards: [...client.ws.shards.keys()],
      shardCount: client.options.shardCount,
    },
    'connected to Discord',
  );
  if (applicationId && options.registerCommands !== false) {
    try {
      const result = await registerCommands(commands.values(), {
        rest: client.rest,
        applicationId,
        ...(options.guildId ? { guildId: options.guildId } : {}),
        onCheckFailed: (error) =>
          logger.warn(
            { err: error },
            'could not read the registered slash commands; registering them anyway',
          ),
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
    stop: async (graceMs = 5000) => {
      accepting = false;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      const unfinished = inFlight.size;
      await client.destroy();
      return { unfinished };
    },
  };
}

/**
 * Wraps the REST client's request function so each fault talking to Discord (rate limit,
 * server error, timeout, network error) is logged once, as one line. The REST client retries
 * on its own; interaction tokens in the path are masked.
 */
function logRestFaults(
  makeRequest: RESTOptions['makeRequest'],
  logger: Logger,
): RESTOptions['makeRequest'] {
  return async (url, init) => {
    const route = `${init.method ?? 'GET'} ${new URL(url).pathname.replace(/\/(interactions\/\d+|webhooks\/\d+)\/[^/]+/, '/$1/:token')}`;
    try {
      const response = await makeRequest(url, init);
      if (response.status === 429 || response.status >= 500) {
        logger.warn(
          { route, status: response.status },
          response.status === 429
            ? 'Discord rate limit; waiting'
            : 'Discord server error; retrying',
        );
      }
      return response;
    } catch (error) {
      const reason =
        (error as Error).name === 'AbortError' ? 'timed out' : (error as Error).message;
      logger.warn({ route, reason }, 'request to Discord failed; retrying');
      throw error;
    }
  };
}
