import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Temporal's native bridge crashes inside worker threads: every test file runs in its own process.
    pool: 'forks',
    testTimeout: 60_000,
    // Suites start portals, browsers and workers in beforeAll; a busy 2-core machine needs the room.
    hookTimeout: 300_000,
    // expect.poll waits for what the system reaches on its own (a task claimed, a row written): generous on a busy machine.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      {
        // Plain code and files: no Temporal, browser, database, portal or server. `vitest run --project unit`.
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        // Everything else, against real parts; the global setup starts one Temporal dev server for the run.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'demo/portal/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
