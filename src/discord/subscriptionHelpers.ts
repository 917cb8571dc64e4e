import {
  ChannelType,
  type ChatInputCommandInteraction,
  PermissionFlagsBits,
  type SlashCommandChannelOption,
} from 'discord.js';
import type { DeliveryStateFile } from '../delivery/DeliveryState.js';
import type { Alert, Subscription } from '../delivery/types.js';
import type { BotContext } from './commandTypes.js';
import { refuseWithout } from './refuseWithout.js';
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
  state: DeliveryStateFile | undefined,
  subscription: Subscription,
): { lastPostAt?: string; paused?: string; waiting: number } {
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

/**
 * At most this many of each kind per server (and DM alerts per person), so one server cannot
 * make the bot poll hundreds of feeds or score every article against hundreds of topics.
 */
export const SUBSCRIPTION_LIMITS = { follow: 25, alert: 25, briefing: 5, dmAlertsPerPerson: 10 };

/**
 * Why a new subscription would go over its limit, for a person; undefined when it fits (or it
 * replaces one with the same id).
 */
export function overLimit(
  existing: readonly Subscription[],
  subscription: Subscription,
): string | undefined {
  if (existing.some((s) => s.id === subscription.id)) return undefined;
  const same = existing.filter(
    (s) => s.kind === subscription.kind && s.guildId === subscription.guildId,
  );
  if (subscription.kind === 'alert' && !subscription.channelId) {
    const mine = same.filter(
      (s) => s.kind === 'alert' && !s.channelId && s.createdBy === subscription.createdBy,
    );
    return mine.length >= SUBSCRIPTION_LIMITS.dmAlertsPerPerson
      ? `You have ${mine.length} alerts already, the most one person can have; /unalert one first.`
      : undefined;
  }
  const channelAlerts =
    subscription.kind === 'alert' ? same.filter((s) => s.kind === 'alert' && s.channelId) : same;
  const limit = SUBSCRIPTION_LIMITS[subscription.kind];
  const names = { follow: 'followed feeds', alert: 'channel alerts', briefing: 'briefings' };
  return channelAlerts.length >= limit
    ? `This server has ${channelAlerts.length} ${names[subscription.kind]} already, the most it can have; remove one first.`
    : undefined;
}

/**
 * For commands only people who can manage the server may use: the subscriptions store, or
 * (having replied why) undefined when the person lacks Manage Server or the bot cannot write.
 */
export async function adminSubscriptions(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  refusal: string,
): Promise<NonNullable<BotContext['ingest']> | undefined> {
  if (await refuseWithout(interaction, PermissionFlagsBits.ManageGuild, refusal)) return undefined;
  return subscriptionsOf(interaction, context);
}

/** A required `channel:` option that takes the channels a post can go to. */
export function postChannelOption(
  option: SlashCommandChannelOption,
  description: string,
  required = true,
): SlashCommandChannelOption {
  return option
    .setName('channel')
    .setDescription(description)
    .setRequired(required)
    .addChannelTypes(...POST_CHANNEL_TYPES);
}

/** The alerts of a server one person sees: its channel alerts and their own DM alerts. */
export function alertsFor(
  all: readonly Subscription[],
  guildId: string | null,
  userId: string,
): Alert[] {
  return all.filter(
    (s): s is Alert =>
      s.kind === 'alert' &&
      s.guildId === guildId &&
      (s.channelId !== undefined || s.createdBy === userId),
  );
}
