/** When the breaker lets a call through, and for how long it holds calls back. */
export interface BreakerOptions {
  /** Transport failures in a row that open the breaker. */
  failures?: number;
  /** How long it stays open before one trial call is let through. */
  openMs?: number;
  now?: () => number;
}

const DEFAULTS = { failures: 3, openMs: 60_000 };

/**
 * Keeps a dead model endpoint from adding a time-out to every question. After `failures`
 * transport failures in a row (time-outs, 5xx, refused or reset connections) it opens: calls
 * are refused at once for `openMs`, then one trial call is let through, and its outcome closes
 * or reopens it. A 429 pauses calls for as long as its Retry-After asks, without counting as
 * a failure. An answer that fails the grounding checks is the model working, not failing.
 */
export class CircuitBreaker {
  readonly #failures: number;
  readonly #openMs: number;
  readonly #now: () => number;
  #inARow = 0;
  #openUntil = 0;
  #pausedUntil = 0;
  #trial = false;

  constructor(options: BreakerOptions = {}) {
    this.#failures = options.failures ?? DEFAULTS.failures;
    this.#openMs = options.openMs ?? DEFAULTS.openMs;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Whether a call may go out now; when not, whether the breaker is open or the endpoint
   * asked for a pause, and until when.
   */
  allow(): { ok: true } | { ok: false; reason: 'open' | 'paused'; untilMs: number } {
    const now = this.#now();
    if (now < this.#pausedUntil) return { ok: false, reason: 'paused', untilMs: this.#pausedUntil };
    if (this.#inARow < this.#failures) return { ok: true };
    if (now < this.#openUntil || this.#trial)
      return { ok: false, reason: 'open', untilMs: Math.max(this.#openUntil, now) };
    this.#trial = true;
    return { ok: true };
  }

  /** The endpoint answered (whatever the answer's worth): close. */
  success(): void {
    this.#inARow = 0;
    this.#trial = false;
  }

  /** A transport failure: count it, and open (again) when there are enough in a row. */
  failure(): void {
    this.#inARow++;
    this.#trial = false;
    if (this.#inARow >= this.#failures) this.#openUntil = this.#now() + this.#openMs;
  }

  /** A 429: hold every call back until the endpoint's Retry-After has passed. */
  pause(ms: number): void {
    this.#trial = false;
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
  }

  /** `closed`, `open` or `paused`, for `/stats` and the metrics. */
  state(): 'closed' | 'open' | 'paused' {
    const now = this.#now();
    if (now < this.#pausedUntil) return 'paused';
    return this.#inARow >= this.#failures && now < this.#openUntil ? 'open' : 'closed';
  }
}
