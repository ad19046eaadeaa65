import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests spawn the built CLI and parse whole fixture projects; the default 5 s is tight on 2 cores under load.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
