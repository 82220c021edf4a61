import { defineConfig } from 'vitest/config';

// One runner for every kind of test but the browser's (test/e2e/vitest.config.ts).
//
// Wall time (README "Tests"): most of a file's cost was importing the platform (express,
// mongoose, bpmn-engine, the embedded store, ~200 modules of our own) into a fresh fork for
// each of ~100 files. `isolate: false` keeps each fork's modules between the files it runs,
// which halved the CPU time of the unit tests on this 2-core machine. It is safe here because
// no test mocks modules, stubs globals or changes process.env, module-level caches are keyed by
// content, and every file starts its own platform on its own temp DATA_DIR (or database):
// nothing a file leaves behind is shared but compiled code. A test that needs any of those
// must restore it in afterAll/afterEach. Files still run two at a time (two forks).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Seeded data directories most test platforms start from (test/globalSetup.ts).
    globalSetup: ['test/globalSetup.ts'],
    pool: 'forks',
    isolate: false,
    // A busy machine (eight engineers, two cores) ran a multi-publish test past 30 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
