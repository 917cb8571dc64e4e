import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/**
 * The numbered SQL files, `NNN-what.sql`, applied in order, each once: beside this module when
 * it runs from the sources, and read from the sources when it runs built from `dist/`.
 */
export const MIGRATIONS_DIR = [
  new URL('./migrations/', import.meta.url),
  new URL('../../../../src/store/postgres/migrations/', import.meta.url),
]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(dir)) as string;

/** Any fixed number: the advisory lock every process takes to migrate, so only one does at a time. */
const MIGRATION_LOCK = 726_001;

/** One migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads the migrations in a folder, in version order; a misnamed file is a bug, so it throws. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d{3})-([\w-]+)\.sql$/.exec(file);
    if (!match) throw new Error(`migration ${file} must be named NNN-what.sql`);
    migrations.push({
      version: Number(match[1]),
      name: match[2] as string,
      sql: await readFile(`${dir}/${file}`, 'utf8'),
    });
  }
  return migrations;
}

/**
 * Brings the schema up to date: under a session advisory lock, so two hosts starting at once
 * take turns, each migration not yet recorded runs in its own transaction together with the
 * row that records it. Returns the versions applied now (none when already up to date).
 */
export async function migrate(pool: pg.Pool, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await readMigrations());
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const migration of all) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
