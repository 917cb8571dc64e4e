import { randomBytes } from 'node:crypto';
import type { PostRecord } from './DeliveryState.js';
import type { Destination, Subscription } from './types.js';

/** Where a subscription posts: its channel, or its maker's direct messages. */
export function destinationOf(subscription: Subscription): Destination {
  if (subscription.kind === 'alert' && !subscription.channelId)
    return { userId: subscription.createdBy };
  return { channelId: (subscription as { channelId: string }).channelId };
}

/** A destination as text: the first part of every post key. */
export function destinationKey(to: Destination): string {
  return 'channelId' in to ? to.channelId : `dm:${to.userId}`;
}

/**
 * A pending post for a subscription. Its key makes a channel get one article (or one day's
 * briefing) once, whichever follow or alert brought it; its nonce is what Discord is sent and
 * what finds the message again after a restart.
 */
export function newPost(
  subscription: Subscription,
  what: { articleId: string; title: string; url?: string } | { briefingDate: string },
  now: Date,
  more?: number,
): PostRecord {
  const to = destinationOf(subscription);
  const key =
    'articleId' in what
      ? `${destinationKey(to)}|${what.articleId}`
      : `${destinationKey(to)}|briefing|${subscription.id}|${what.briefingDate}`;
  return {
    // Discord takes a nonce of up to 25 characters.
    nonce: `nd${randomBytes(9).toString('hex')}`,
    kind: subscription.kind,
    subscriptionId: subscription.id,
    to,
    key,
    ...('articleId' in what
      ? {
          articleId: what.articleId,
          title: what.title,
          ...(what.url ? { url: what.url } : {}),
        }
      : { title: `Briefing for ${what.briefingDate}` }),
    status: 'pending',
    queuedAt: now.toISOString(),
    ...(more ? { more } : {}),
  };
}
