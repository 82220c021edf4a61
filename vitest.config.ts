import { defineConfig } from 'vitest/config';

// One runner for every kind of test. Files run in separate forks so that a test which starts
// servers or kills child processes cannot disturb another file.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
