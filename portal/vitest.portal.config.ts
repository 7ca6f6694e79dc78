import { defineConfig } from 'vitest/config';

// Runs the portal's own suites without the project-wide global setup (which starts Temporal):
// npx vitest run --config portal/vitest.portal.config.ts test/portal
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/portal/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
