import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A throwaway PostgreSQL server on 127.0.0.1, for the database tier. */
export interface PostgresCluster {
  /** `postgres://newsdesk:<password>@127.0.0.1:<port>/newsdesk` */
  url: string;
  port: number;
  password: string;
  /** Stops the server (fast shutdown) without removing its data, as a restart would. */
  stop(): void;
  /** Starts it again on the same port and data. */
  start(): void;
  /** Stops it and removes its data. */
  remove(): void;
}

/** Debian's PostgreSQL 15 server programs, which `.ci/run` installs when missing. */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/** Whether a server can be started here: the tier's set-up says so clearly when not. */
export function postgresAvailable(): boolean {
  return existsSync(path.join(POSTGRES_BIN, 'initdb'));
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a new cluster in a temporary directory with one password-protected user and database.
 * PostgreSQL refuses to run as root, and tests may run as root (CI does): then the server runs
 * as the `postgres` user through `runuser`, in a directory that user owns, under /tmp, which it
 * can reach wherever the clone is.
 */
export async function startPostgres(): Promise<PostgresCluster> {
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const root = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-pg-'));
  chmodSync(root, 0o777);
  const data = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(POSTGRES_BIN, program);
    const fullArgs = asRoot
      ? ['-u', 'postgres', '--', path.join(POSTGRES_BIN, program), ...args]
      : args;
    const result = spawnSync(command, fullArgs, {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PGPASSWORD: password },
    });
    if (result.status !== 0)
      throw new Error(`${program} failed: ${result.stderr || result.stdout || result.error}`);
  };
  const pwfile = path.join(root, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  run('initdb', [
    '-D',
    data,
    '-U',
    'newsdesk',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(root, 'log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off`,
      'start',
    ]);
  start();
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'newsdesk', 'newsdesk']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  return {
    url: `postgres://newsdesk:${password}@127.0.0.1:${port}/newsdesk`,
    port,
    password,
    stop,
    start,
    remove: () => {
      try {
        stop();
      } catch {
        // Already stopped.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
