import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Runs the portal's own suites without the engine's global setup (which starts Temporal):
// npm run test:portal, or npx vitest run --config demo/portal/vitest.config.ts
export default defineConfig({
  test: {
    root: resolve(__dirname, '../..'),
    pool: 'forks',
    include: ['demo/portal/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
