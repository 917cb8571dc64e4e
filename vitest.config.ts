import { configDefaults, defineConfig } from 'vitest/config';

/** `npm test`: self-contained, on the project's own fixtures; the data and database tiers are apart. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/data/**', 'test/db/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
