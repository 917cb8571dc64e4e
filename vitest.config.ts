import { configDefaults, defineConfig } from 'vitest/config';

/** `npm test`: self-contained, on the project's own fixtures; the data tier is apart. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/data/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
