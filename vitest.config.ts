import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'desktop/**/*.test.ts', 'cloud/**/*.test.ts', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'out/**'],
    pool: 'forks',
    // Test files share their worker's modules (the cloud's graph is imported once per worker, not
    // once per file): a third less time on this 2-core machine (cloud/auth + cloud/billing: 172 s →
    // 111 s). Tests keep no global state between files: each starts its own server and database.
    isolate: false,
    // Two files at a time even on 2 cores (vitest's default is cores − 1 = one): a test waits on
    // its server, Postgres or Chromium much of the time. PGlite run: 763 s → 472 s.
    maxWorkers: 2,
    globalSetup: ['e2e/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
