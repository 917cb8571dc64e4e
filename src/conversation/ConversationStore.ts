import type { Turn } from './types.js';

/** Options for {@link ConversationStore}. */
export interface ConversationStoreOptions {
  /** A conversation not continued for this long is forgotten. */
  ttlMs?: number;
  /** At most this many conversations are kept; the least recently used go first. */
  maxConversations?: number;
  /** The clock; replaceable in tests. */
  now?: () => number;
}

const DEFAULTS: Required<Omit<ConversationStoreOptions, 'now'>> = {
  ttlMs: 60 * 60 * 1000,
  maxConversations: 10_000,
};

/**
 * The recent conversations of one process, in memory, each found by a key: the id of an
 * answer message (a reply or the "Follow up" button continues it), a thread, or a DM channel.
 * Bounded in time and in count, so a busy bot cannot grow without limit; what is forgotten can
 * still be read back from the answer message itself.
 */
export class ConversationStore {
  private readonly entries = new Map<string, { turns: Turn[]; touched: number }>();
  private readonly settings: Required<Omit<ConversationStoreOptions, 'now'>>;
  private readonly now: () => number;

  constructor(options: ConversationStoreOptions = {}) {
    const { now = Date.now, ...rest } = options;
    this.settings = { ...DEFAULTS, ...rest };
    this.now = now;
  }

  /** How many conversations are kept now. */
  get size(): number {
    return this.entries.size;
  }

  /** The turns kept under `key`, or undefined when none are (or they expired). */
  get(key: string): Turn[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.touched > this.settings.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.turns;
  }

  /** Keeps `turns` under each of `keys` (an answer message and its thread, say). */
  set(keys: readonly string[], turns: Turn[]): void {
    const touched = this.now();
    for (const key of keys) {
      // Re-inserting moves the key to the end: the Map's order is the use order.
      this.entries.delete(key);
      this.entries.set(key, { turns, touched });
    }
    while (this.entries.size > this.settings.maxConversations) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
