import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isServerId, serverFolder } from '../corpus/collections.js';

/** Options for {@link ServerDepartures}. */
export interface DepartureOptions {
  /** Days a server's collection is kept after the bot left it (SERVER_DATA_DAYS). */
  keepDays: number;
  /** The clock; replaceable in tests. */
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What happens to a server's own articles when the bot leaves it: they are kept for a grace
 * period (a server that re-invites the bot finds them again), then removed. Each departure is
 * one small file in `DATA_DIR/servers-left/`, named after the server and holding the time, so
 * shard processes and hosts sharing the folders never overwrite one another's.
 */
export class ServerDepartures {
  readonly #marks: string;
  readonly #seedsDir: string;
  readonly #keepMs: number;
  readonly #now: () => number;

  constructor(dataDir: string, seedsDir: string, options: DepartureOptions) {
    this.#marks = path.join(dataDir, 'servers-left');
    this.#seedsDir = seedsDir;
    this.#keepMs = options.keepDays * DAY_MS;
    this.#now = options.now ?? Date.now;
  }

  /** The bot was removed from a server (not an outage): its grace period starts now. */
  async left(guildId: string): Promise<void> {
    if (!isServerId(guildId)) return;
    await mkdir(this.#marks, { recursive: true });
    await writeFile(path.join(this.#marks, guildId), String(this.#now()));
  }

  /** The bot is in the server (again): nothing of it is to be removed. */
  async present(guildId: string): Promise<void> {
    if (!isServerId(guildId)) return;
    await rm(path.join(this.#marks, guildId), { force: true });
  }

  /**
   * Removes the articles of every server left longer ago than the grace period, and their
   * marks; returns those servers' ids.
   */
  async sweep(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.#marks);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const guildId of names.filter(isServerId)) {
      const mark = path.join(this.#marks, guildId);
      const leftAt = Number(await readFile(mark, 'utf8').catch(() => 'NaN'));
      if (!Number.isFinite(leftAt) || this.#now() - leftAt < this.#keepMs) continue;
      await rm(serverFolder(this.#seedsDir, guildId), { recursive: true, force: true });
      await rm(mark, { force: true });
      removed.push(guildId);
    }
    return removed;
  }
}
