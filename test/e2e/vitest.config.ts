import { defineConfig } from 'vitest/config';

// Browser tests: one real Chromium and one platform child process per file. Each platform starts
// on a copy of one seeded data directory (globalSetup.ts), so a file pays a restart, not a first
// start. Two files run at once (two forks): a browser test mostly waits on the other process
// (the page on the server, the server on the page), so two overlap well on two cores; every
// wait is an event or a generous poll, never a sleep, so a busy machine only makes them slower.
// DUBAN_E2E_WORKERS=1 runs the files one after another (e.g. to read one file's timing).
const workers = Number(process.env.DUBAN_E2E_WORKERS ?? 2);
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: workers,
    fileParallelism: workers > 1,
    // Ceilings for a stuck state, not expectations: two files at once on a machine at load 25+
    // once took a setup hook (platform + Chromium + data through the API) past 240 s.
    testTimeout: 240_000,
    hookTimeout: 600_000,
    // A busy machine (eight engineers, two cores) draws pages slowly: no poll gives up after 1 s.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    reporters: ['default'],
  },
});
