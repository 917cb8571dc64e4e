import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** How many model calls one person or server may make, and how many tokens a day. */
export interface AllowanceLimits {
  /** Model answers one person may get per hour. */
  userPerHour: number;
  /** Model answers one server may get per hour. */
  serverPerHour: number;
  /** Tokens (prompt and answer) all model calls may use per UTC day; none, no budget. */
  dailyTokens?: number;
}

/** Why a model call was not allowed, and when it may be again. */
export type Refusal = { reason: 'user' | 'server' | 'budget'; retryAfterMs: number };

/** What is counted, as kept on disk. */
interface Ledger {
  day: string;
  tokens: number;
  /** Call times in the last hour, by `u:<user>` and `g:<guild>`. */
  calls: Record<string, number[]>;
}

const HOUR_MS = 3_600_000;
/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 10_000;

/**
 * Per-person and per-server limits on model calls and an optional daily token budget: a model
 * costs its owner money. With a folder, the counts live in one small file there, read and
 * written under a lock, so every shard process and every host sharing DATA_DIR counts
 * together; without one, in this process's memory (the console and the JSON CLI).
 */
export class ModelAllowance {
  readonly #limits: AllowanceLimits;
  readonly #file: string | undefined;
  readonly #now: () => number;
  #memory: Ledger;

  constructor(limits: AllowanceLimits, options: { dir?: string; now?: () => number } = {}) {
    this.#limits = limits;
    this.#now = options.now ?? Date.now;
    this.#file = options.dir ? path.join(options.dir, 'model-usage.json') : undefined;
    if (options.dir) mkdirSync(options.dir, { recursive: true });
    this.#memory = { day: this.#today(), tokens: 0, calls: {} };
  }

  /** Takes one call for this person and server, or says which limit stops it. */
  async take(who: {
    userId?: string;
    guildId?: string;
  }): Promise<{ ok: true } | ({ ok: false } & Refusal)> {
    return this.#update((ledger) => {
      const now = this.#now();
      const { dailyTokens, userPerHour, serverPerHour } = this.#limits;
      if (dailyTokens !== undefined && ledger.tokens >= dailyTokens)
        return { ok: false, reason: 'budget', retryAfterMs: untilTomorrow(now) };
      const keys: [string, number, 'user' | 'server'][] = [];
      if (who.userId) keys.push([`u:${who.userId}`, userPerHour, 'user']);
      if (who.guildId) keys.push([`g:${who.guildId}`, serverPerHour, 'server']);
      for (const [key, limit, reason] of keys) {
        const recent = (ledger.calls[key] ?? []).filter((t) => now - t < HOUR_MS);
        ledger.calls[key] = recent;
        if (recent.length >= limit)
          return { ok: false, reason, retryAfterMs: (recent[0] as number) + HOUR_MS - now };
      }
      for (const [key] of keys) (ledger.calls[key] as number[]).push(now);
      return { ok: true };
    });
  }

  /** Whether today's token budget has room left (always, without a budget). */
  async withinBudget(): Promise<boolean> {
    const { dailyTokens } = this.#limits;
    return dailyTokens === undefined || (await this.spentToday()) < dailyTokens;
  }

  /** Counts the tokens a call used against today's budget. */
  async spend(tokens: number): Promise<void> {
    await this.#update((ledger) => {
      ledger.tokens += tokens;
    });
  }

  /** Tokens used today, over every process that shares the folder. */
  async spentToday(): Promise<number> {
    return this.#update((ledger) => ledger.tokens);
  }

  #today(): string {
    return new Date(this.#now()).toISOString().slice(0, 10);
  }

  /** Runs `change` on the current ledger and keeps what it changed; under the lock with a file. */
  async #update<T>(change: (ledger: Ledger) => T): Promise<T> {
    if (!this.#file) return change(this.#fresh(this.#memory));
    const lock = `${this.#file}.lock`;
    await acquire(lock);
    try {
      const ledger = this.#fresh(read(this.#file));
      const result = change(ledger);
      const temporary = `${this.#file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(ledger));
      renameSync(temporary, this.#file);
      return result;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }

  /** The ledger, started afresh on a new day and with calls over an hour old forgotten. */
  #fresh(ledger: Ledger): Ledger {
    const today = this.#today();
    if (ledger.day !== today) {
      ledger.day = today;
      ledger.tokens = 0;
    }
    const now = this.#now();
    for (const [key, times] of Object.entries(ledger.calls)) {
      const recent = times.filter((t) => now - t < HOUR_MS);
      if (recent.length > 0) ledger.calls[key] = recent;
      else delete ledger.calls[key];
    }
    this.#memory = ledger;
    return ledger;
  }
}

function read(file: string): Ledger {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<Ledger>;
    if (typeof value.day === 'string' && typeof value.tokens === 'number' && value.calls)
      return value as Ledger;
  } catch {
    // No file yet, or a damaged one: start counting again rather than refuse every call.
  }
  return { day: '', tokens: 0, calls: {} };
}

/** Takes the lock (a folder: creating one is atomic), breaking one left by a dead process. */
async function acquire(lock: string): Promise<void> {
  for (let waited = 0; ; waited += 5) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS)
          rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released meanwhile: try again.
      }
      if (waited > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

function untilTomorrow(now: number): number {
  const tomorrow = new Date(now);
  tomorrow.setUTCHours(24, 0, 0, 0);
  return tomorrow.getTime() - now;
}
