import { defineConfig } from 'vitest/config';

/**
 * Unit and API tests. API tests run on a real SQLite file always, and on a real PostgreSQL too when
 * TEST_DATABASE_URL is set (scripts/test.sh sets it when a server answers). Files run in parallel on the two
 * cores; each makes its own database, so they never see each other.
 */
export default defineConfig({
  // Front-end modules import through SvelteKit's $lib alias; unit tests resolve it the same way.
  resolve: { alias: { $lib: new URL('./src/lib', import.meta.url).pathname } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    expect: { requireAssertions: true },
  },
});
