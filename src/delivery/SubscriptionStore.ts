import { createHash } from 'node:crypto';
import type { Subscription } from './types.js';

/**
 * Where the follows, alerts and briefings servers asked for are kept: one file each in
 * `DATA_DIR` ({@link SubscriptionFiles}), or a table that every host shares with
 * DATABASE_URL. Commands in any shard process add and remove them; the one delivering
 * process reads them at each look.
 */
export interface SubscriptionStore {
  /** Adds or replaces one (the same kind, server, channel and feed or topic is the same one). */
  save(subscription: Subscription): Promise<void>;
  /** Removes one; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** One by id, if it exists. */
  get(id: string): Promise<Subscription | undefined>;
  /** Every subscription, oldest first; one that cannot be read is left out. */
  list(): Promise<Subscription[]>;
}

/**
 * The id of a subscription: the same request twice (`/follow` of one feed into one channel)
 * names the same one, so it is replaced, not doubled.
 */
export function subscriptionId(kind: Subscription['kind'], ...parts: string[]): string {
  const digest = createHash('sha256')
    .update([kind, ...parts].join('\n'))
    .digest('hex');
  return `${kind}-${digest.slice(0, 16)}`;
}

/** A stored subscription as read back: undefined unless it has an id and a kind. */
export function readSubscription(parsed: unknown): Subscription | undefined {
  const candidate = parsed as Subscription | null;
  return typeof candidate?.id === 'string' && typeof candidate.kind === 'string'
    ? candidate
    : undefined;
}
