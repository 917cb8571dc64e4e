/**
 * Node's socket errors and PostgreSQL's codes that mean the database is away for now (down,
 * restarting, unreachable), not that a request was wrong: a person is told to try again soon,
 * and operators see a warning, not a bug.
 */
const AWAY_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** Whether an error says the archive's database cannot be reached at the moment. */
export function isArchiveUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && AWAY_CODES.has(code)) return true;
  // pg's own errors for a connection that dies or never comes carry no code.
  return (
    typeof message === 'string' &&
    /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(
      message,
    )
  );
}
