import { DiscordAPIError, REST, Routes } from 'discord.js';
import type { Destination, Outlet, PostContent, SendResult } from '../delivery/types.js';
import { askButtonId, renderPost } from './renderPost.js';

/**
 * Discord errors after which a destination takes no more posts until someone acts: the
 * channel was deleted (10003), the bot lost access (50001) or permission to post (50013), the
 * person closed their DMs (50007) or left (10013).
 */
const STOPPING = new Map<number, string>([
  [10003, 'the channel was deleted'],
  [50001, 'I can no longer see the channel'],
  [50013, 'I am not allowed to post in the channel'],
  [50007, 'their direct messages are closed to me'],
  [10013, 'the person is no longer reachable'],
]);

/** Recent messages read to find a post that went out just before a kill. */
const RECENT_MESSAGES = 50;

/**
 * Sends delivered posts through Discord's REST API, so the delivering process needs no
 * gateway connection or shard: discord.js's REST client queues each route and waits out rate
 * limits as Discord announces them.
 */
export function discordOutlet(options: { token: string; apiUrl?: string }): Outlet {
  const rest = new REST({
    ...(options.apiUrl ? { api: options.apiUrl } : {}),
    timeout: 15_000,
  }).setToken(options.token);
  const dmChannels = new Map<string, string>();

  const channelOf = async (to: Destination): Promise<string> => {
    if ('channelId' in to) return to.channelId;
    const known = dmChannels.get(to.userId);
    if (known) return known;
    const channel = (await rest.post(Routes.userChannels(), {
      body: { recipient_id: to.userId },
    })) as { id: string };
    dmChannels.set(to.userId, channel.id);
    return channel.id;
  };

  return {
    async send(to: Destination, post: PostContent, nonce: string): Promise<SendResult> {
      try {
        const channelId = await channelOf(to);
        const message = (await rest.post(Routes.channelMessages(channelId), {
          // enforce_nonce: Discord returns the first message rather than make a second one
          // when the same nonce comes again within a few minutes.
          body: { ...renderPost(post, nonce), nonce, enforce_nonce: true },
        })) as { id: string };
        return { ok: true, messageId: message.id };
      } catch (error) {
        return failureOf(error);
      }
    },

    async find(to: Destination, post: PostContent, nonce: string): Promise<string | undefined> {
      try {
        const messages = (await rest.get(Routes.channelMessages(await channelOf(to)), {
          query: new URLSearchParams({ limit: String(RECENT_MESSAGES) }),
        })) as RecentMessage[];
        // The nonce is random and only this bot's posts carry it, in their button's id.
        const buttonId = askButtonId(post.article?.id, nonce);
        return messages.find(
          (m) =>
            String(m.nonce ?? '') === nonce ||
            (m.components ?? []).some((row) =>
              (row.components ?? []).some((c) => c.custom_id === buttonId),
            ),
        )?.id;
      } catch {
        return undefined;
      }
    },
  };
}

interface RecentMessage {
  id: string;
  nonce?: string | number;
  components?: { components?: { custom_id?: string }[] }[];
}

function failureOf(error: unknown): SendResult {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : undefined;
    const stopping = code !== undefined ? STOPPING.get(code) : undefined;
    if (stopping) return { ok: false, stop: true, code: code as number, reason: stopping };
    // A refusal without one of those codes still means the channel is closed to the bot.
    if (error.status === 403)
      return { ok: false, stop: true, reason: 'I am not allowed to post in the channel' };
    if (error.status === 404) return { ok: false, stop: true, reason: 'the channel was not found' };
    return {
      ok: false,
      stop: false,
      ...(code !== undefined ? { code } : {}),
      reason: `Discord refused the post (${error.status})`,
    };
  }
  return { ok: false, stop: false, reason: 'Discord could not be reached' };
}
