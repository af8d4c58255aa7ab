import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // GitHub's workflow parser (@actions/*) ships source maps that point at sources it does not ship;
      // loaded without them, vite has nothing to warn about.
      name: 'actions-without-source-maps',
      load: (id) => (/\/node_modules\/@actions\/[^?]*\.js$/.test(id) ? { code: readFileSync(id, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, ''), map: null } : undefined),
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // newman and the emulator run in-process; a few suites need more than the 5 s default.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Most of the suite waits on processes it started (newman, bru, npm, the emulator); on 2 cores
    // vitest would run one file at a time (cores - 1). Three keep both cores busy. Tests that need the
    // emulator's default port take turns through a lock (test/helpers/doc-run.ts).
    maxWorkers: 3,
    minWorkers: 1,
    // GitHub's workflow parser imports its JSON schema without an import attribute, which Node
    // refuses; transformed by vite instead, it loads.
    server: { deps: { inline: ['@actions/workflow-parser', '@actions/expressions'] } },
  },
});
