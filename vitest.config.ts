import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // newman and the emulator run in-process; a few suites need more than the 5 s default.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
