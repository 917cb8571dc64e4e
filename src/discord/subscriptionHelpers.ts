import { ChannelType, type ChatInputCommandInteraction } from 'discord.js';
import { DeliveryState } from '../delivery/DeliveryState.js';
import type { Subscription } from '../delivery/types.js';
import type { BotContext } from './commandTypes.js';
import { replyPrivately } from './replyPrivately.js';

/** Channels a post can go to: text and announcement channels. */
export const POST_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/**
 * The follows, alerts and briefings store, or, when the bot cannot write to DATA_DIR, a
 * private reply saying so (and undefined).
 */
export async function subscriptionsOf(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<NonNullable<BotContext['ingest']> | undefined> {
  if (context.ingest) return context.ingest;
  await replyPrivately(
    interaction,
    'News cannot be posted: the bot cannot write to its data folder. Ask the bot’s operator.',
  );
  return undefined;
}

/** What the deliverer recorded of one subscription: its last post, and why it paused. */
export function deliveryStatus(
  dataDir: string,
  subscription: Subscription,
): { lastPostAt?: string; paused?: string; waiting: number } {
  const state = DeliveryState.read(dataDir);
  if (!state) return { waiting: 0 };
  const posts = state.posts.filter((p) => p.subscriptionId === subscription.id);
  const lastPostAt = posts
    .map((p) => p.sentAt)
    .filter((at): at is string => at !== undefined)
    .sort()
    .pop();
  const pause = state.paused[subscription.id];
  const paused = pause && pause.at >= subscription.createdAt ? pause.reason : undefined;
  return {
    ...(lastPostAt ? { lastPostAt } : {}),
    ...(paused ? { paused } : {}),
    waiting: posts.filter((p) => p.status !== 'sent').length,
  };
}

/** A Discord timestamp that each reader sees in their own time zone, relative ("2 hours ago"). */
export function relativeTime(iso: string): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;
}
