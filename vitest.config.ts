import { configDefaults, defineConfig } from 'vitest/config';

/** Browser tests, and the slow WebSocket test: each file in a fresh module graph. */
const BROWSER = ['test/{e2e,slow}/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium; keep two workers so the 2-core machine is not oversubscribed.
    maxWorkers: 2,
    expect: {
      // A test that asserts nothing fails.
      requireAssertions: true,
      // Browser and WebSocket checks poll for a state; a busy 2-core machine needs more than 1 s.
      poll: { timeout: 15_000 },
    },
    projects: [
      {
        extends: true,
        test: {
          // HTTP, WebSocket, CLI and module tests share a worker's modules from one file to the
          // next instead of importing the server afresh for each file (about 2 s per file): the
          // non-browser files take about half the time (550 → 266 s for 76 files on a loaded
          // machine). Each file still starts its own server, database and temporary directory.
          // Every other test file, so that a test in a new folder is not left out.
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...BROWSER],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: BROWSER },
      },
    ],
  },
});
