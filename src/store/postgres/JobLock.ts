import type pg from 'pg';

/** The jobs of which exactly one runs across every process and host. */
export const JOBS = { feedPoller: 726_101, deliverer: 726_102 } as const;

/** Options for {@link JobLock}; defaults are merged in its constructor. */
export interface JobLockOptions {
  /** Which job: one of {@link JOBS}. */
  job: number;
  /** How often a process that does not hold the job tries to take it, and the holder checks it still does. */
  checkEveryMs?: number;
  /** Told when this process starts or stops holding the job. */
  onChange?: (holding: boolean) => void;
  /** Told of a lost connection or a failed try; the next check tries again. */
  onProblem?: (error: unknown) => void;
}

/**
 * One of each job across hosts, by PostgreSQL advisory lock: the process that holds the
 * session lock on its own connection runs the job. The lock goes with the session, so when the
 * holder dies, or its connection drops, the server frees it and another process takes it at
 * its next check. A holder whose connection broke stops holding at once and tries again.
 * Locks are always taken on the primary: a standby's advisory locks are its own.
 */
export class JobLock {
  private readonly pool: pg.Pool;
  private readonly options: Required<JobLockOptions>;
  private client: pg.PoolClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopped = false;

  constructor(pool: pg.Pool, options: JobLockOptions) {
    this.pool = pool;
    this.options = {
      checkEveryMs: 2000,
      onChange: () => {},
      onProblem: () => {},
      ...options,
    };
  }

  /** Whether this process holds the job now. */
  get holding(): boolean {
    return this.client !== undefined;
  }

  /** Tries at once, then at every check, until {@link stop}. */
  start(): Promise<void> {
    this.stopped = false;
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs);
    this.timer.unref();
    return this.check();
  }

  /** Stops trying, and lets the job go if this process holds it. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await this.release();
  }

  /** One try to take the job, or, when holding it, a check that the session still lives. */
  check(): Promise<void> {
    this.checking ??= this.tryOnce().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async tryOnce(): Promise<void> {
    if (this.stopped) return;
    if (this.client) {
      try {
        await this.client.query('SELECT 1');
      } catch (error) {
        this.options.onProblem(error);
        this.drop(error as Error);
      }
      return;
    }
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const { rows } = await client.query<{ taken: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS taken',
        [this.options.job],
      );
      if (rows[0]?.taken && !this.stopped) {
        this.client = client;
        // A connection that breaks while idle must not kill the process; the job is let go.
        client.on('error', (error) => this.drop(error));
        this.options.onChange(true);
        return;
      }
      if (rows[0]?.taken) await client.query('SELECT pg_advisory_unlock($1)', [this.options.job]);
      client.release();
    } catch (error) {
      this.options.onProblem(error);
      client?.release(error as Error);
    }
  }

  private drop(error: Error): void {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    client.release(error);
    this.options.onChange(false);
  }

  private async release(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    try {
      await client.query('SELECT pg_advisory_unlock($1)', [this.options.job]);
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
    this.options.onChange(false);
  }
}
