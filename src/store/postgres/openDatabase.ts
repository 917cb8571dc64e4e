import pg from 'pg';
import { isArchiveUnavailable } from '../archiveUnavailable.js';

/** How the pool talks to PostgreSQL; defaults are merged in {@link openDatabase}. */
export interface DatabaseOptions {
  /** `postgres://user:password@host:port/name?sslmode=…`: TLS settings pass through to `pg`. */
  url: string;
  /** Connections at most, per process. */
  poolSize?: number;
  /** A query running longer is cancelled by the server, so one slow question frees its connection. */
  statementTimeoutMs?: number;
  /** How long to wait for a connection before giving up. */
  connectTimeoutMs?: number;
  /** Told of errors on idle connections (a restarted server): without a listener they kill the process. */
  onError?: (problem: string) => void;
}

const DEFAULTS = {
  poolSize: 10,
  statementTimeoutMs: 5000,
  connectTimeoutMs: 5000,
  onError: () => {},
};

/**
 * An open pool, or why the database could not be used, in one line that never holds the
 * password; `away` when it may answer later (down, restarting), not when a setting is wrong.
 */
export type OpenedDatabase =
  | { ok: true; pool: pg.Pool }
  | { ok: false; problem: string; away: boolean };

/**
 * Opens a pool on DATABASE_URL and checks it with one query. The pool's `error` event is
 * always handled: an idle connection dropped by a restarting server is reported, and the pool
 * makes a new one on the next query.
 */
export async function openDatabase(options: DatabaseOptions): Promise<OpenedDatabase> {
  const settings = { ...DEFAULTS, ...options };
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSize,
    statement_timeout: settings.statementTimeoutMs,
    connectionTimeoutMillis: settings.connectTimeoutMs,
  });
  pool.on('error', (error) => settings.onError(describeDatabaseError(error, settings.url)));
  try {
    await pool.query('SELECT 1');
    return { ok: true, pool };
  } catch (error) {
    await pool.end().catch(() => {});
    return {
      ok: false,
      problem: describeDatabaseError(error, settings.url),
      away: isArchiveUnavailable(error),
    };
  }
}

/**
 * The pool searches read from: a read replica (DATABASE_READ_URL) when one is set, else the
 * primary's own pool. Problems name DATABASE_READ_URL, so the person knows which to look at.
 */
export async function openReadPool(
  database: { readUrl?: string; poolSize: number },
  primary: pg.Pool,
  onError?: (problem: string) => void,
): Promise<OpenedDatabase> {
  if (!database.readUrl) return { ok: true, pool: primary };
  const named = (problem: string) => problem.replace('DATABASE_URL', 'DATABASE_READ_URL');
  const replica = await openDatabase({
    url: database.readUrl,
    poolSize: database.poolSize,
    ...(onError ? { onError: (problem: string) => onError(named(problem)) } : {}),
  });
  return replica.ok ? replica : { ...replica, problem: named(replica.problem) };
}

/**
 * A database error for a person: what went wrong and which setting to look at, with the
 * server's address but never the password (pg's own messages can quote the URL).
 */
export function describeDatabaseError(error: unknown, url: string): string {
  const code = (error as { code?: string }).code;
  let where = 'the database';
  try {
    const parsed = new URL(url);
    where = `the database at ${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return 'DATABASE_URL is not a valid postgres:// address.';
  }
  if (code === '28P01' || code === '28000')
    return `DATABASE_URL: ${where} refused the user name or password.`;
  if (code === '3D000') return `DATABASE_URL: ${where} has no database of that name.`;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH')
    return `DATABASE_URL: cannot reach ${where}; is it running?`;
  if (code === '57014') return 'A database query took too long and was cancelled.';
  if (code === '57P01' || code === '57P02' || code === '57P03')
    return `${where} is restarting or shutting down.`;
  const message = error instanceof Error ? error.message : String(error);
  const password = safePassword(url);
  return `${where} failed: ${password ? message.split(password).join('***') : message}`;
}

function safePassword(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password.length > 0 ? password : undefined;
  } catch {
    return undefined;
  }
}
