import { defineConfig } from 'vitest/config';

// Browser tests: one real Chromium and one platform child process per file, files one after
// another (a single fork) so that two Chromiums never compete for the machine.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // A busy machine (eight engineers, two cores) draws pages slowly: no poll gives up after 1 s.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    reporters: ['default'],
  },
});
