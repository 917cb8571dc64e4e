import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/store/postgres/migrate.js';
import { describeDatabaseError, openDatabase } from '../../src/store/postgres/openDatabase.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

describe('the database: opening it and bringing its schema up to date', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(() => cluster?.remove());

  it('applies each migration once, even when two processes start at the same moment', async () => {
    const [a, b] = await Promise.all([
      openDatabase({ url: cluster.url }),
      openDatabase({ url: cluster.url }),
    ]);
    if (!a.ok || !b.ok) throw new Error('the test database did not open');
    try {
      const versions = (await readMigrations()).map((m) => m.version);
      const [first, second] = await Promise.all([migrate(a.pool), migrate(b.pool)]);
      // One of them applied everything; the other, waiting on the lock, found nothing to do.
      expect([...first, ...second].sort()).toEqual(versions);
      expect(await migrate(a.pool)).toEqual([]);
      const recorded = await a.pool.query('SELECT version FROM schema_migrations ORDER BY 1');
      expect(recorded.rows.map((r) => r.version)).toEqual(versions);
      const columns = await a.pool.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles' ORDER BY 1",
      );
      expect(columns.rows.map((r) => r.column_name)).toEqual([
        'arrival',
        'content_hash',
        'folder',
        'headline_in_text',
        'headline_terms',
        'id',
        'key',
        'layout',
        'metadata',
        'path',
        'published',
        'published_day',
        'text',
        'title',
        'updated_at',
      ]);
    } finally {
      await a.pool.end();
      await b.pool.end();
    }
  });

  it('a failing migration leaves nothing half done', async () => {
    const opened = await openDatabase({ url: cluster.url });
    if (!opened.ok) throw new Error('the test database did not open');
    try {
      await expect(
        migrate(opened.pool, [
          { version: 900, name: 'broken', sql: 'CREATE TABLE half (x int); SELECT * FROM nowhere' },
        ]),
      ).rejects.toThrow(/nowhere/);
      const half = await opened.pool.query("SELECT to_regclass('half') AS t");
      expect(half.rows[0].t).toBeNull();
      const recorded = await opened.pool.query(
        'SELECT 1 FROM schema_migrations WHERE version = 900',
      );
      expect(recorded.rowCount).toBe(0);
    } finally {
      await opened.pool.end();
    }
  });

  it('says in one line what is wrong, naming the setting and never the password', async () => {
    const wrong = cluster.url.replace(cluster.password, 'not-the-password');
    const refused = await openDatabase({ url: wrong });
    expect(refused).toEqual({
      ok: false,
      problem: `DATABASE_URL: the database at 127.0.0.1:${cluster.port} refused the user name or password.`,
      // A setting to fix, not a server to wait for.
      away: false,
    });
    const nowhere = await openDatabase({ url: 'postgres://newsdesk:secret@127.0.0.1:9/newsdesk' });
    expect(nowhere).toEqual({
      ok: false,
      problem: 'DATABASE_URL: cannot reach the database at 127.0.0.1:9; is it running?',
      away: true,
    });
    const other = describeDatabaseError(
      new Error(`connect failed for ${cluster.url}`),
      cluster.url,
    );
    expect(other).not.toContain(cluster.password);
  });

  it('cancels a query that runs past the time-out, and the pool goes on serving', async () => {
    const opened = await openDatabase({ url: cluster.url, statementTimeoutMs: 200 });
    if (!opened.ok) throw new Error('the test database did not open');
    try {
      const slow = await opened.pool.query('SELECT pg_sleep(2)').catch((error) => error);
      expect(describeDatabaseError(slow, cluster.url)).toBe(
        'A database query took too long and was cancelled.',
      );
      expect((await opened.pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      await opened.pool.end();
    }
  });
});
