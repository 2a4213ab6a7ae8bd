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
    // Each of the two worker processes runs file after file, without a new process and module graph per file: the
    // files make their own databases and servers and put back what they stub, so nothing they need is in a fresh
    // process. Isolated, the unit files took 145 s against 21 s here (75 files, the machine busy with browser tests),
    // most of it in starting processes and importing the same modules again.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    expect: { requireAssertions: true },
  },
});
