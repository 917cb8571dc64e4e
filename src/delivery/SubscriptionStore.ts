import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Subscription } from './types.js';

/**
 * The follows, alerts and briefings servers asked for, one JSON file each under
 * `DATA_DIR/subscriptions/`. One file each, written by renaming a temporary file, so that a
 * command handled in any shard process adds or removes one without racing the others, and
 * the delivering process reads whole files only.
 */
export class SubscriptionStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'subscriptions');
  }

  /** Adds or replaces one (the same kind, server, channel and feed or topic is the same one). */
  save(subscription: Subscription): void {
    mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${subscription.id}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(subscription));
    renameSync(temporary, file);
  }

  /** Removes one; false when there was none. */
  remove(id: string): boolean {
    const file = path.join(this.dir, `${id}.json`);
    try {
      rmSync(file);
      return true;
    } catch {
      return false;
    }
  }

  /** One by id, if it exists. */
  get(id: string): Subscription | undefined {
    return readSubscription(path.join(this.dir, `${id}.json`));
  }

  /** Every subscription; a file that cannot be read is left out. */
  list(): Subscription[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => readSubscription(path.join(this.dir, name)))
      .filter((s): s is Subscription => s !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}

/**
 * The id of a subscription: the same request twice (`/follow` of one feed into one channel)
 * names the same file, so it is replaced, not doubled.
 */
export function subscriptionId(kind: Subscription['kind'], ...parts: string[]): string {
  const digest = createHash('sha256')
    .update([kind, ...parts].join('\n'))
    .digest('hex');
  return `${kind}-${digest.slice(0, 16)}`;
}

function readSubscription(file: string): Subscription | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Subscription;
    return typeof parsed?.id === 'string' && typeof parsed.kind === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
