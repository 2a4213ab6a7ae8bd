import { defineConfig } from 'vitest/config';

/**
 * `npm run soak`: the long runs of the reliability suites — 20+ kills per database, PostgreSQL restarted under
 * load, 10,000 model runs per database. One file at a time, so the soak leaves a core to the rest of the team.
 * Counts can be changed without editing: SOAK_KILLS, SOAK_PG_RESTARTS, SOAK_MODEL_RUNS; SEED / MODEL_SEED and
 * MODEL_PATH replay a failure.
 */
export default defineConfig({
  test: {
    include: ['tests/soak/**/*.soak.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 6 * 3_600_000,
    hookTimeout: 300_000,
    expect: { requireAssertions: true },
  },
});
