import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
  },
});
