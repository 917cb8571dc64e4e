import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ArrivalMark } from './NewsSource.js';
import type { Destination, PostContent, Subscription } from './types.js';

/**
 * One post that went out or is waiting. Recorded as pending before it is sent, marked as
 * attempted just before each send and as sent once Discord accepted it, so a restart knows
 * which posts may already be in their channel and checks before sending them again.
 */
export interface PostRecord {
  /** Unique per post; sent as Discord's `nonce`, and found again by it. */
  nonce: string;
  kind: Subscription['kind'];
  subscriptionId: string;
  to: Destination;
  /** What makes two posts the same one: a channel gets an article (or a day's briefing) once. */
  key: string;
  articleId?: string;
  title: string;
  url?: string;
  status: 'pending' | 'sent' | 'paused';
  queuedAt: string;
  /** Set before each send: a post attempted but not sent may be in the channel already. */
  attemptedAt?: string;
  sentAt?: string;
  messageId?: string;
  /** Rendered once, at the first attempt, so every attempt sends the same post. */
  content?: PostContent;
  /** Articles beyond the catch-up cap that this post stands for. */
  more?: number;
  /** Failed attempts in a row (network, Discord errors): later tries wait longer. */
  failures?: number;
  lastError?: string;
  notBefore?: string;
}

/** Why a subscription stopped posting: its destination is gone or closed to the bot. */
export interface Pause {
  at: string;
  code?: number;
  reason: string;
}

/** The deliverer's record as saved: what `/following` and `cli deliveries` read. */
export interface DeliveryStateFile {
  version: 1;
  posts: PostRecord[];
  /** Per follow: when its backlog was counted, and the articles already seen (not posted). */
  follows: Record<string, { primedAt: string; seen: string[] }>;
  paused: Record<string, Pause>;
  /**
   * Where the last look for new articles got to (see {@link ArrivalMark}): what arrives after
   * it is what alerts read. The folder mode keeps every article id its index held.
   */
  knownArticles: ArrivalMark | null;
  /** Per briefing: the last moment one went out (or was due). */
  briefings: Record<string, string>;
}

/** Sent posts older than this are forgotten; a channel's dedupe needs only recent ones. */
const KEEP_SENT_MS = 30 * 24 * 60 * 60 * 1000;
/** And never more than this many. */
const KEEP_SENT_MAX = 5000;

/** Saves the whole record, as JSON; only the delivering process calls it, one call at a time. */
export type SaveDeliveryState = (json: string) => void | Promise<void>;

/**
 * The delivering process's memory: every post, what each follow has seen, paused
 * subscriptions and where the last look for news got to. Every change is saved whole, so a
 * kill leaves the old state or the new, never half of one: in `DATA_DIR/deliveries.json` by
 * writing a temporary file and renaming it ({@link DeliveryState.open}), or in one database
 * row. Saves run one at a time in order; {@link flush} waits for them, and the deliverer
 * flushes before each post goes out, so what it is about to send is on disk first.
 */
export class DeliveryState {
  private state: DeliveryStateFile;
  private readonly store: SaveDeliveryState;
  private dirty = false;
  private saving: Promise<void> | undefined;
  private failure: unknown;

  constructor(state: DeliveryStateFile, store: SaveDeliveryState) {
    this.state = state;
    this.store = store;
  }

  /** Opens (or starts) the state in `dataDir`; an unreadable file starts afresh, as a warning. */
  static open(dataDir: string): { state: DeliveryState; problem?: string } {
    const file = path.join(dataDir, 'deliveries.json');
    mkdirSync(dataDir, { recursive: true });
    const save = (json: string) => {
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, json);
      renameSync(temporary, file);
    };
    const read = DeliveryState.read(dataDir);
    if (read) return { state: new DeliveryState(read, save) };
    let exists = true;
    try {
      readFileSync(file);
    } catch {
      exists = false;
    }
    return {
      state: new DeliveryState(emptyDeliveryState(), save),
      ...(exists ? { problem: `${file} could not be read; starting with no posts recorded` } : {}),
    };
  }

  /** The state as last saved, read-only: for `/following` and `cli deliveries` elsewhere. */
  static read(dataDir: string): DeliveryStateFile | undefined {
    try {
      return asDeliveryState(
        JSON.parse(readFileSync(path.join(dataDir, 'deliveries.json'), 'utf8')),
      );
    } catch {
      return undefined;
    }
  }

  /**
   * Resolves once every change so far is saved; rejects when a save failed (the changes stay,
   * and the next flush tries again).
   */
  async flush(): Promise<void> {
    if (this.dirty) this.saving ??= this.saveAll();
    await this.saving;
    if (this.failure !== undefined) throw this.failure;
  }

  get posts(): readonly PostRecord[] {
    return this.state.posts;
  }

  /** Whether this destination already has (or is about to get) the post with this key. */
  has(key: string): boolean {
    return this.state.posts.some((p) => p.key === key);
  }

  /** Queues posts as pending; those whose key is already known are left out. */
  enqueue(posts: PostRecord[]): PostRecord[] {
    const fresh = posts.filter((p) => !this.has(p.key));
    if (fresh.length === 0) return [];
    this.state.posts.push(...fresh);
    this.save();
    return fresh;
  }

  /** Changes one post and saves at once: called before and after each send. */
  update(post: PostRecord, changes: Partial<PostRecord>): void {
    Object.assign(post, changes);
    for (const key of Object.keys(post) as (keyof PostRecord)[])
      if (post[key] === undefined) delete post[key];
    this.save();
  }

  follow(id: string): { primedAt: string; seen: string[] } | undefined {
    return this.state.follows[id];
  }

  setFollow(id: string, value: { primedAt: string; seen: string[] }): void {
    this.state.follows[id] = value;
    this.save();
  }

  pause(id: string): Pause | undefined {
    return this.state.paused[id];
  }

  /** Pauses a subscription: its waiting posts wait as paused, and nothing new is queued. */
  setPaused(id: string, pause: Pause): void {
    this.state.paused[id] = pause;
    for (const post of this.state.posts)
      if (post.subscriptionId === id && post.status === 'pending') post.status = 'paused';
    this.save();
  }

  /** Lifts a pause: the subscription was made again. Its waiting posts wait again. */
  unpause(id: string): void {
    delete this.state.paused[id];
    for (const post of this.state.posts)
      if (post.subscriptionId === id && post.status === 'paused') post.status = 'pending';
    this.save();
  }

  /** Forgets a post that can no longer be made (its article was removed before it went out). */
  drop(post: PostRecord): void {
    this.state.posts = this.state.posts.filter((p) => p !== post);
    this.save();
  }

  get knownArticles(): ArrivalMark | null {
    return this.state.knownArticles;
  }

  setKnownArticles(mark: ArrivalMark): void {
    this.state.knownArticles = mark;
    this.save();
  }

  lastBriefing(id: string): string | undefined {
    return this.state.briefings[id];
  }

  setLastBriefing(id: string, at: string): void {
    this.state.briefings[id] = at;
    this.save();
  }

  /**
   * Forgets subscriptions that no longer exist (their waiting posts are dropped; sent ones stay
   * as the record of what went out) and sent posts past their keeping time.
   */
  prune(live: ReadonlySet<string>, now: Date): void {
    const oldest = now.getTime() - KEEP_SENT_MS;
    const kept = this.state.posts.filter((p) =>
      p.status === 'sent'
        ? Date.parse(p.sentAt ?? p.queuedAt) >= oldest
        : live.has(p.subscriptionId),
    );
    const sent = kept.filter((p) => p.status === 'sent');
    const drop = new Set(sent.slice(0, Math.max(0, sent.length - KEEP_SENT_MAX)));
    let changed = kept.length !== this.state.posts.length || drop.size > 0;
    this.state.posts = drop.size > 0 ? kept.filter((p) => !drop.has(p)) : kept;
    for (const table of [this.state.follows, this.state.paused, this.state.briefings])
      for (const id of Object.keys(table))
        if (!live.has(id)) {
          delete table[id];
          changed = true;
        }
    if (changed) this.save();
  }

  /** Marks the state changed and starts saving it, after any save under way. */
  private save(): void {
    this.dirty = true;
    this.saving ??= this.saveAll();
  }

  private async saveAll(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        // The state as it is now: changes made while it is written are saved by the next turn.
        await this.store(JSON.stringify(this.state));
      }
      this.failure = undefined;
    } catch (error) {
      this.failure = error;
      this.dirty = true;
    } finally {
      this.saving = undefined;
    }
  }
}

/** A saved state as read back, or undefined when it is not one. */
export function asDeliveryState(parsed: unknown): DeliveryStateFile | undefined {
  const candidate = parsed as DeliveryStateFile | null;
  return candidate?.version === 1 && Array.isArray(candidate.posts) ? candidate : undefined;
}

/** The state of a deliverer that has posted nothing yet. */
export function emptyDeliveryState(): DeliveryStateFile {
  return { version: 1, posts: [], follows: {}, paused: {}, knownArticles: null, briefings: {} };
}
