import { defineConfig } from 'vitest/config';

/**
 * The data tier, `npm run test:data`: tests on the real corpora in ../shared/data, which a
 * user's clone does not have. `npm test` runs everything else and needs nothing beside the
 * project.
 */
export default defineConfig({
  test: {
    include: ['test/data/**/*.test.ts'],
    globalSetup: ['test/data/checkSharedData.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
