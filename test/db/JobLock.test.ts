import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS, JobLock } from '../../src/store/postgres/JobLock.js';
import { openDatabase } from '../../src/store/postgres/openDatabase.js';
import { eventually } from '../helpers.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

describe('one of each job across processes, by advisory lock', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(() => cluster?.remove());

  it('gives the job to exactly one of three, and to another within a check when the holder dies', async () => {
    const pools = await Promise.all(
      [1, 2, 3].map(async () => {
        const opened = await openDatabase({ url: cluster.url, poolSize: 2 });
        if (!opened.ok) throw new Error(opened.problem);
        return opened.pool;
      }),
    );
    const locks = pools.map(
      (pool) => new JobLock(pool, { job: JOBS.feedPoller, checkEveryMs: 200 }),
    );
    try {
      await Promise.all(locks.map((lock) => lock.start()));
      expect(locks.filter((l) => l.holding)).toHaveLength(1);
      // Another job is held on its own.
      const deliverer = new JobLock(pools[0] as (typeof pools)[number], { job: JOBS.deliverer });
      await deliverer.start();
      expect(deliverer.holding).toBe(true);
      await deliverer.stop();

      // The holder's session dies (a crashed host, a dropped connection).
      const holder = locks.find((l) => l.holding) as JobLock;
      const killer = pools[locks.indexOf(holder)] as (typeof pools)[number];
      await (pools.find((p) => p !== killer) as (typeof pools)[number]).query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks
         WHERE locktype = 'advisory' AND objid = $1 AND granted`,
        [JOBS.feedPoller],
      );
      await eventually(() => !holder.holding, 5000);
      await eventually(() => locks.filter((l) => l.holding).length === 1, 5000);
      const next = locks.find((l) => l.holding);
      expect(next).toBeDefined();
      // Stopping the holder hands the job on too.
      await next?.stop();
      await eventually(() => locks.filter((l) => l !== next && l.holding).length === 1, 5000);
    } finally {
      await Promise.all(locks.map((lock) => lock.stop()));
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
