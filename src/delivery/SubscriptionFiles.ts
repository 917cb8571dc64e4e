import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readSubscription, type SubscriptionStore } from './SubscriptionStore.js';
import type { Subscription } from './types.js';

/**
 * The folder mode's {@link SubscriptionStore}: one JSON file each under
 * `DATA_DIR/subscriptions/`. One file each, written by renaming a temporary file, so that a
 * command handled in any shard process adds or removes one without racing the others, and
 * the delivering process reads whole files only.
 */
export class SubscriptionFiles implements SubscriptionStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'subscriptions');
  }

  async save(subscription: Subscription): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${subscription.id}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(subscription));
    renameSync(temporary, file);
  }

  async remove(id: string): Promise<boolean> {
    try {
      rmSync(path.join(this.dir, `${id}.json`));
      return true;
    } catch {
      return false;
    }
  }

  async get(id: string): Promise<Subscription | undefined> {
    return readFile(path.join(this.dir, `${id}.json`));
  }

  async list(): Promise<Subscription[]> {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => readFile(path.join(this.dir, name)))
      .filter((s): s is Subscription => s !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}

function readFile(file: string): Subscription | undefined {
  try {
    return readSubscription(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}
