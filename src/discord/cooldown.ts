/** Options for {@link createCooldown}. */
export interface CooldownOptions {
  /** How many commands one person may run within the window. */
  limit: number;
  windowMs: number;
  /** The clock; replaceable in tests. */
  now?: () => number;
}

/** Whether a person may run a command now, or how long until they may. */
export type CooldownResult = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A per-person sliding-window limit that stops one person from flooding the bot. Only the
 * times inside the window are kept, and people with none are forgotten, so memory stays small.
 */
export function createCooldown(options: CooldownOptions): (userId: string) => CooldownResult {
  const { limit, windowMs, now = Date.now } = options;
  const recent = new Map<string, number[]>();
  let lastSweep = now();
  return (userId) => {
    const time = now();
    if (time - lastSweep > windowMs) {
      for (const [id, times] of recent)
        if ((times.at(-1) ?? 0) <= time - windowMs) recent.delete(id);
      lastSweep = time;
    }
    const times = (recent.get(userId) ?? []).filter((t) => t > time - windowMs);
    if (times.length >= limit) {
      recent.set(userId, times);
      return { ok: false, retryAfterMs: (times[0] as number) + windowMs - time };
    }
    times.push(time);
    recent.set(userId, times);
    return { ok: true };
  };
}
