import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A stand-in for Discord's REST API and Gateway on 127.0.0.1, good enough for the real,
 * unmocked discord.js client to log in, receive interactions and answer them. It records every
 * request the bot makes so tests can check what a Discord user would have seen.
 */

/** One HTTP request the bot made. */
export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  /** The JSON body, or `payload_json` of a multipart body. */
  body: unknown;
  /** Files of a multipart body: field name, file name and text. */
  files: { field: string; name: string; text: string }[];
  headers: IncomingMessage['headers'];
}

/** A gateway payload the bot sent. */
export interface GatewayPayload {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

export const APP_ID = '111111111111111111';
export const BOT_USER_ID = '222222222222222222';
export const GUILD_ID = '333333333333333333';
export const CHANNEL_ID = '444444444444444444';

/** A user who types commands. */
export interface FakeUser {
  id: string;
  username: string;
  /** The member's permissions in the guild (a bit set, as Discord sends it). */
  permissions?: string;
}

/** What an ordinary member may do: read, write, use commands; not manage the server. */
const MEMBER_PERMISSIONS = '2248473465835073';
/** Manage Server (1 << 5) on top of an ordinary member's permissions. */
export const MANAGER_PERMISSIONS = String(BigInt(MEMBER_PERMISSIONS) | (1n << 5n));
/** Administrator (1 << 3) on top of an ordinary member's permissions. */
export const ADMIN_PERMISSIONS = String(BigInt(MEMBER_PERMISSIONS) | (1n << 3n));

/**
 * A command as Discord gives it back: with ids and a version, and every default filled in
 * that the definition left out (as Discord's API reference describes the object).
 */
export function asRegistered(
  command: Record<string, unknown>,
  ids: { id: string; version: string },
  guildId?: string,
): Record<string, unknown> {
  const option = (o: Record<string, unknown>): Record<string, unknown> => {
    const { required, options, ...rest } = o;
    return {
      ...rest,
      ...(required ? { required: true } : {}),
      ...(Array.isArray(options) ? { options: options.map(option) } : {}),
    };
  };
  return {
    id: ids.id,
    application_id: APP_ID,
    version: ids.version,
    default_member_permissions: null,
    type: 1,
    name_localizations: null,
    description_localizations: null,
    nsfw: false,
    integration_types: [0],
    contexts: guildId ? null : [0, 1, 2],
    ...(guildId ? { guild_id: guildId } : { dm_permission: true }),
    ...command,
    ...(Array.isArray(command.options)
      ? { options: (command.options as Record<string, unknown>[]).map(option) }
      : {}),
  };
}

type Handler = (request: RecordedRequest, response: ServerResponse) => boolean | Promise<boolean>;

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly gatewayReceived: GatewayPayload[] = [];
  /** Registered commands per route (`global` or a guild id). */
  readonly commands = new Map<string, unknown[]>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private sockets = new Set<WebSocket>();
  /** The `[id, count]` each connection identified with. */
  private readonly socketShards = new Map<WebSocket, [number, number]>();
  /** Guilds beside GUILD_ID, made by {@link guildOnShard}. */
  private readonly extraGuilds: string[] = [];
  private recommendedShards = 1;
  private sequence = 0;
  private nextId = 1n;
  private overrides: Handler[] = [];
  /**
   * Keeps the reply to each new channel message back this long after the message is made, so a
   * test can kill the bot between Discord accepting a post and the bot hearing it was.
   */
  holdPostRepliesMs = 0;
  /** How many of the next RESUME attempts are answered by dropping the connection again. */
  dropNextResumes = 0;
  private waiters: (() => void)[] = [];
  /** Channels whose messages Discord refuses, with the error it gives. */
  private readonly refusedChannels = new Map<
    string,
    { status: number; code: number; message: string }
  >();
  /** Messages the bot created with POST /channels/:id/messages, by id. */
  private readonly sentMessages = new Map<string, Record<string, unknown>>();

  private constructor(server: Server) {
    this.server = server;
    this.wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      this.wss.handleUpgrade(request, socket, head, (ws) => this.onGatewayConnection(ws));
    });
    server.on('request', (request, response) => {
      void this.onHttpRequest(request, response);
    });
  }

  /**
   * Starts the stand-in on a free port of 127.0.0.1. `shards` is what `/gateway/bot`
   * recommends (1 unless given).
   */
  static async start(options: { shards?: number } = {}): Promise<FakeDiscord> {
    const server = createServer();
    const fake = new FakeDiscord(server);
    fake.recommendedShards = options.shards ?? 1;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** What the bot gets as `DISCORD_API_URL`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /**
   * Answers matching requests differently (first handler returning true wins). Returns a
   * function that removes the handler again.
   */
  intercept(handler: Handler): () => void {
    this.overrides.push(handler);
    return () => {
      this.overrides = this.overrides.filter((h) => h !== handler);
    };
  }

  /**
   * A guild id that Discord's rule, `(guild_id >> 22) % count`, puts on `shard`; the bot is in
   * it from its next connection on.
   */
  guildOnShard(shard: number, count: number): string {
    for (let k = 1n; ; k++) {
      const id = BigInt(GUILD_ID) + (k << 22n);
      const guild = id.toString();
      if (Number((id >> 22n) % BigInt(count)) === shard && !this.extraGuilds.includes(guild)) {
        this.extraGuilds.push(guild);
        return guild;
      }
    }
  }

  /** The `[id, count]` of every IDENTIFY received, in order. */
  get identified(): [number, number][] {
    return this.gatewayReceived
      .filter((p) => p.op === 2)
      .map((p) => ((p.d as { shard?: [number, number] }).shard ?? [0, 1]) as [number, number]);
  }

  /** Stops the server and closes every gateway connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves when `predicate` holds, re-checked after every request and gateway message. */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('Timed out waiting for the bot');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Requests whose path matches. */
  requestsTo(method: string, pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path));
  }

  /** A new person, so per-person limits from one test do not reach another. */
  newUser(permissions?: string): FakeUser {
    const id = this.snowflake();
    return { id, username: `user${id.slice(-4)}`, ...(permissions ? { permissions } : {}) };
  }

  /** Sends INTERACTION_CREATE for a slash command and returns the interaction's id and token. */
  sendCommand(
    name: string,
    options: { name: string; type: number; value: unknown; focused?: boolean }[] = [],
    user = this.newUser(),
    guildId = GUILD_ID,
  ) {
    // Discord sends the channels and roles an option names, resolved, beside the options.
    const channels = options.filter((o) => o.type === 7).map((o) => String(o.value));
    const roles = options.filter((o) => o.type === 8).map((o) => String(o.value));
    const resolved = {
      ...(channels.length > 0
        ? {
            channels: Object.fromEntries(
              channels.map((id) => [
                id,
                { id, type: 0, name: `news-${id.slice(-2)}`, permissions: MEMBER_PERMISSIONS },
              ]),
            ),
          }
        : {}),
      ...(roles.length > 0
        ? {
            roles: Object.fromEntries(
              roles.map((id) => [
                id,
                {
                  id,
                  name: `readers-${id.slice(-2)}`,
                  color: 0,
                  hoist: false,
                  position: 1,
                  permissions: '0',
                  managed: false,
                  mentionable: true,
                  flags: 0,
                },
              ]),
            ),
          }
        : {}),
    };
    return this.sendInteraction(
      2,
      {
        id: this.snowflake(),
        name,
        type: 1,
        options,
        ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
      },
      user,
      undefined,
      guildId,
    );
  }

  /** Sends INTERACTION_CREATE for an autocomplete request on one focused option. */
  sendAutocomplete(
    name: string,
    option: string,
    value: string,
    user = this.newUser(),
    guildId = GUILD_ID,
  ) {
    return this.sendInteraction(
      4,
      {
        id: this.snowflake(),
        name,
        type: 1,
        options: [{ name: option, type: 3, value, focused: true }],
      },
      user,
      undefined,
      guildId,
    );
  }

  /** Sends INTERACTION_CREATE for a button press on a message the bot sent. */
  sendButton(
    customId: string,
    message: Record<string, unknown>,
    user: FakeUser,
    guildId = GUILD_ID,
  ) {
    return this.sendInteraction(
      3,
      { custom_id: customId, component_type: 2 },
      user,
      message,
      guildId,
    );
  }

  /**
   * Sends MESSAGE_CREATE for a message a person (or, with `bot`, another bot) wrote: in the
   * guild's channel, or in a DM with the bot when `dm`. As Discord does for a bot without the
   * message-content intent, its text arrives only when it mentions the bot (a reply that
   * pings it counts) or is a DM; otherwise it arrives empty.
   */
  sendMessage(options: {
    content: string;
    user?: FakeUser;
    mentionsBot?: boolean;
    /** A message it replies to, and whether the reply pings that message's author. */
    replyTo?: Record<string, unknown>;
    pingReply?: boolean;
    bot?: boolean;
    dm?: boolean;
    channelId?: string;
    guildId?: string;
  }): Record<string, unknown> {
    const user = options.user ?? this.newUser();
    const guildId = options.dm ? undefined : (options.guildId ?? GUILD_ID);
    const channelId = options.channelId ?? (options.dm ? `9${user.id.slice(1)}` : CHANNEL_ID);
    const author = {
      id: user.id,
      username: user.username,
      discriminator: '0',
      global_name: user.username,
      avatar: null,
      ...(options.bot ? { bot: true } : {}),
    };
    const botUser = {
      id: BOT_USER_ID,
      username: 'newsdesk',
      discriminator: '0',
      bot: true,
      avatar: null,
      global_name: null,
    };
    const pingsReply = options.replyTo !== undefined && options.pingReply !== false;
    const repliedAuthor = (options.replyTo?.author ?? {}) as { id?: string };
    const mentions = [
      ...(options.mentionsBot ? [botUser] : []),
      ...(pingsReply && repliedAuthor.id === BOT_USER_ID && !options.mentionsBot ? [botUser] : []),
    ];
    const readable = options.dm || mentions.length > 0;
    const message: Record<string, unknown> = {
      id: this.snowflake(),
      type: options.replyTo ? 19 : 0,
      channel_id: channelId,
      // Discord names the channel's type, which lets a bot read a DM from an uncached channel.
      channel_type: options.dm ? 1 : channelId === CHANNEL_ID ? 0 : 11,
      ...(guildId ? { guild_id: guildId } : {}),
      author,
      ...(guildId
        ? {
            member: {
              roles: [],
              joined_at: '2024-01-01T00:00:00.000Z',
              deaf: false,
              mute: false,
              flags: 0,
            },
          }
        : {}),
      content: readable ? options.content : '',
      embeds: [],
      components: [],
      attachments: [],
      mentions,
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      ...(options.replyTo
        ? {
            message_reference: {
              type: 0,
              message_id: options.replyTo.id,
              channel_id: channelId,
              ...(guildId ? { guild_id: guildId } : {}),
            },
            referenced_message: options.replyTo,
          }
        : {}),
    };
    this.dispatch('MESSAGE_CREATE', message, guildId);
    return message;
  }

  /**
   * Sends INTERACTION_CREATE for a form (modal) submitted from a box the bot opened on one of
   * its messages, with each text field's value.
   */
  sendModalSubmit(
    customId: string,
    fields: Record<string, string>,
    message: Record<string, unknown>,
    user = this.newUser(),
    guildId = GUILD_ID,
  ) {
    return this.sendInteraction(
      5,
      {
        custom_id: customId,
        components: Object.entries(fields).map(([id, value]) => ({
          type: 1,
          components: [{ type: 4, custom_id: id, value }],
        })),
      },
      user,
      message,
      guildId,
    );
  }

  /** Messages the bot sent to a channel, or as an interaction's reply it asked back, oldest first. */
  get channelMessages(): Record<string, unknown>[] {
    return [...this.sentMessages.values()];
  }

  /**
   * Makes Discord refuse every message request for a channel from now on, as it does when the
   * channel is deleted (10003), or the bot lost access (50001) or permission (50013) to it.
   */
  refuseChannel(channelId: string, code: 10003 | 50001 | 50013): void {
    const message = {
      10003: 'Unknown Channel',
      50001: 'Missing Access',
      50013: 'Missing Permissions',
    }[code];
    this.refusedChannels.set(channelId, { status: code === 10003 ? 404 : 403, code, message });
  }

  /** Messages the bot posted in one channel, oldest first. */
  postsIn(channelId: string): Record<string, unknown>[] {
    return this.channelMessages.filter((m) => m.channel_id === channelId);
  }

  /** Sends GUILD_DELETE: the bot was removed from the guild, or (`unavailable`) an outage. */
  removeFromGuild(guildId: string, unavailable = false): void {
    this.dispatch(
      'GUILD_DELETE',
      { id: guildId, ...(unavailable ? { unavailable: true } : {}) },
      guildId,
    );
  }

  /** Drops every gateway connection, as a network fault would. */
  dropGateway(code = 4000): void {
    for (const socket of this.sockets) socket.close(code, 'dropped by test');
  }

  /** A message object as Discord returns it, built from what the bot sent. */
  messageFrom(body: Record<string, unknown>, id = this.snowflake()): Record<string, unknown> {
    return {
      id,
      type: 0,
      channel_id: CHANNEL_ID,
      guild_id: GUILD_ID,
      author: {
        id: BOT_USER_ID,
        username: 'newsdesk',
        discriminator: '0',
        bot: true,
        avatar: null,
        global_name: null,
      },
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: body.flags ?? 0,
      application_id: APP_ID,
      webhook_id: APP_ID,
    };
  }

  private sendInteraction(
    type: number,
    data: Record<string, unknown>,
    user: FakeUser,
    message?: Record<string, unknown>,
    guildId = GUILD_ID,
  ) {
    const id = this.snowflake();
    const token = `token-${randomBytes(8).toString('hex')}`;
    const payload: Record<string, unknown> = {
      id,
      application_id: APP_ID,
      type,
      data,
      guild_id: guildId,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: guildId, name: 'general' },
      member: {
        user: {
          id: user.id,
          username: user.username,
          discriminator: '0',
          global_name: user.username,
          avatar: null,
        },
        roles: [],
        joined_at: '2024-01-01T00:00:00.000Z',
        permissions: user.permissions ?? MEMBER_PERMISSIONS,
        deaf: false,
        mute: false,
        flags: 0,
      },
      token,
      version: 1,
      locale: 'en-US',
      guild_locale: 'en-US',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
    };
    if (message) payload.message = message;
    this.dispatch('INTERACTION_CREATE', payload, guildId);
    return { id, token };
  }

  /** Sends an event on every connection, or only on the shard that holds `guildId`. */
  private dispatch(event: string, data: unknown, guildId?: string): void {
    this.sequence++;
    const frame = JSON.stringify({ op: 0, t: event, s: this.sequence, d: data });
    for (const socket of this.sockets) {
      const [shard, count] = this.socketShards.get(socket) ?? [0, 1];
      if (guildId && Number((BigInt(guildId) >> 22n) % BigInt(count)) !== shard) continue;
      socket.send(frame);
    }
  }

  private snowflake(): string {
    return (1_300_000_000_000_000_000n + this.nextId++).toString();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private onGatewayConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.socketShards.delete(socket);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      const payload = JSON.parse(raw.toString()) as GatewayPayload;
      this.gatewayReceived.push(payload);
      this.notify();
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) {
        const shard = ((payload.d as { shard?: [number, number] }).shard ?? [0, 1]) as [
          number,
          number,
        ];
        this.socketShards.set(socket, shard);
        this.sendReady(socket, shard);
      }
      if (payload.op === 6 && this.dropNextResumes > 0) {
        this.dropNextResumes--;
        socket.close(4000, 'dropped during resume by test');
        return;
      }
      if (payload.op === 6) {
        this.sequence++;
        socket.send(JSON.stringify({ op: 0, t: 'RESUMED', s: this.sequence, d: {} }));
      }
    });
  }

  private sendReady(socket: WebSocket, [shard, count]: [number, number]): void {
    const guilds = [GUILD_ID, ...this.extraGuilds].filter(
      (guild) => Number((BigInt(guild) >> 22n) % BigInt(count)) === shard,
    );
    const send = (t: string, d: unknown) => {
      this.sequence++;
      socket.send(JSON.stringify({ op: 0, t, s: this.sequence, d }));
    };
    send('READY', {
      v: 10,
      user: {
        id: BOT_USER_ID,
        username: 'newsdesk',
        discriminator: '0',
        bot: true,
        avatar: null,
        global_name: null,
        flags: 0,
      },
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      shard: [shard, count],
      session_id: `session-${randomBytes(4).toString('hex')}`,
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      application: { id: APP_ID, flags: 0 },
      private_channels: [],
    });
    for (const guild of guilds)
      send('GUILD_CREATE', {
        id: guild,
        name: guild === GUILD_ID ? 'Newsroom' : `Newsroom ${guild.slice(-4)}`,
        icon: null,
        owner_id: '555555555555555550',
        afk_timeout: 300,
        verification_level: 0,
        default_message_notifications: 0,
        explicit_content_filter: 0,
        features: [],
        mfa_level: 0,
        system_channel_flags: 0,
        premium_tier: 0,
        preferred_locale: 'en-US',
        nsfw_level: 0,
        roles: [
          {
            id: guild,
            name: '@everyone',
            permissions: '2248473465835073',
            position: 0,
            color: 0,
            hoist: false,
            managed: false,
            mentionable: false,
            flags: 0,
          },
        ],
        emojis: [],
        stickers: [],
        channels:
          guild === GUILD_ID
            ? [{ id: CHANNEL_ID, type: 0, name: 'general', position: 0, permission_overwrites: [] }]
            : [],
        threads: [],
        members: [],
        voice_states: [],
        presences: [],
        stage_instances: [],
        guild_scheduled_events: [],
        member_count: 2,
        large: false,
        unavailable: false,
        joined_at: '2024-01-01T00:00:00.000Z',
      });
  }

  private async onHttpRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, ''),
      query: url.searchParams,
      body: undefined,
      files: [],
      headers: request.headers,
    };
    const type = request.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      for (const [field, value] of form) {
        if (field === 'payload_json') recorded.body = JSON.parse(String(value));
        else if (typeof value !== 'string')
          recorded.files.push({ field, name: value.name, text: await value.text() });
      }
    } else if (raw.length > 0) {
      recorded.body = JSON.parse(raw.toString('utf8'));
    }
    this.requests.push(recorded);
    this.notify();

    for (const handler of this.overrides) if (await handler(recorded, response)) return;
    this.route(recorded, response);
  }

  private route(r: RecordedRequest, response: ServerResponse): boolean {
    const json = (status: number, body?: unknown): true => {
      response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
      return true;
    };
    const body = (r.body ?? {}) as Record<string, unknown>;
    if (r.method === 'GET' && r.path === '/gateway/bot') {
      return json(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: this.recommendedShards,
        // High, so shards identify at once rather than five seconds apart.
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 16 },
      });
    }
    if (r.method === 'GET' && r.path === '/applications/@me') {
      return json(200, {
        id: APP_ID,
        name: 'newsdesk',
        flags: 0,
        bot_public: false,
        bot_require_code_grant: false,
      });
    }
    const commandsRoute = /^\/applications\/\d+(?:\/guilds\/(\d+))?\/commands$/.exec(r.path);
    if (commandsRoute) {
      const key = commandsRoute[1] ?? 'global';
      if (r.method === 'PUT') {
        const guildId = commandsRoute[1];
        const registered = (r.body as Record<string, unknown>[]).map((c) =>
          asRegistered(c, { id: this.snowflake(), version: this.snowflake() }, guildId),
        );
        this.commands.set(key, registered);
        return json(200, registered);
      }
      return json(200, this.commands.get(key) ?? []);
    }
    if (r.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(r.path)) {
      if (r.query.get('with_response') === 'true') {
        const data = (body.data ?? {}) as Record<string, unknown>;
        const message = this.messageFrom(data);
        this.sentMessages.set(message.id as string, message);
        return json(200, {
          interaction: { id: r.path.split('/')[2], type: 2 },
          resource: { type: body.type, message },
        });
      }
      return json(204);
    }
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(r.path)) {
      if (r.method === 'DELETE') return json(204);
      return json(200, this.messageFrom(body));
    }
    if (r.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(r.path))
      return json(200, this.messageFrom(body));
    if (r.method === 'POST' && r.path === '/users/@me/channels')
      return json(200, { id: `9${String(body.recipient_id).slice(1)}`, type: 1 });
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(r.path);
    const refused = channelMessages && this.refusedChannels.get(channelMessages[1] as string);
    if (refused) return json(refused.status, { message: refused.message, code: refused.code });
    if (channelMessages && r.method === 'GET') {
      // Newest first, as Discord lists a channel's messages.
      const limit = Math.min(100, Number(r.query.get('limit') ?? 50));
      const inChannel = this.channelMessages.filter((m) => m.channel_id === channelMessages[1]);
      return json(200, inChannel.reverse().slice(0, limit));
    }
    if (channelMessages && r.method === 'POST' && body.enforce_nonce && body.nonce) {
      // Discord returns the message already made with this nonce rather than a second one.
      const same = this.channelMessages.find(
        (m) => m.channel_id === channelMessages[1] && m.nonce === body.nonce,
      );
      if (same) return json(200, same);
    }
    if (channelMessages && r.method === 'POST') {
      const { webhook_id: _webhook, application_id: _app, ...sent } = this.messageFrom(body);
      const message: Record<string, unknown> = {
        ...sent,
        channel_id: channelMessages[1],
        ...(body.message_reference ? { message_reference: body.message_reference, type: 19 } : {}),
        ...(body.nonce ? { nonce: body.nonce } : {}),
        ...(body.allowed_mentions ? { allowed_mentions: body.allowed_mentions } : {}),
      };
      this.sentMessages.set(message.id as string, message);
      this.notify();
      if (this.holdPostRepliesMs > 0) {
        setTimeout(() => json(200, message), this.holdPostRepliesMs);
        return true;
      }
      return json(200, message);
    }
    const oneMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(r.path);
    if (oneMessage && r.method === 'GET') {
      const found = this.sentMessages.get(oneMessage[2] as string);
      return found ? json(200, found) : json(404, { message: 'Unknown Message', code: 10008 });
    }
    const threads = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(r.path);
    if (threads && r.method === 'POST') {
      return json(201, {
        id: threads[2],
        type: 11,
        guild_id: GUILD_ID,
        parent_id: threads[1],
        name: body.name,
        owner_id: BOT_USER_ID,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
        message_count: 0,
        member_count: 1,
      });
    }
    return json(404, { message: 'Unknown route', code: 0 });
  }
}
