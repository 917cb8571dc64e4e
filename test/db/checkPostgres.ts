import { POSTGRES_BIN, postgresAvailable } from './postgresCluster.js';

/** Stops the database tier at once, with the way to fix it, when no server can be started. */
export default function checkPostgres(): void {
  if (!postgresAvailable())
    throw new Error(
      `npm run test:db needs PostgreSQL 15's server in ${POSTGRES_BIN}: apt-get install postgresql-15 (Debian).`,
    );
}
