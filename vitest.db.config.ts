import { defineConfig } from 'vitest/config';

/**
 * The database tier, `npm run test:db`: tests against a real PostgreSQL 15 that each file
 * starts on 127.0.0.1 in a temporary directory (test/db/postgresCluster.ts). `.ci/run`
 * installs Debian's server when it is missing; `npm test` needs none.
 */
export default defineConfig({
  test: {
    include: ['test/db/**/*.test.ts'],
    globalSetup: ['test/db/checkPostgres.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
