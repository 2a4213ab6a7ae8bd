/**
 * Crash safety, the quick part (the soak, `npm run soak`, does the same with 20+ kills per database): the real
 * server as its own process, several customers paying at two shops at once, and `kill -9` at random moments
 * while payments are in flight. After each kill the server restarts on the same database and every till retries
 * its unanswered request with its own Idempotency-Key. Then: every payment a till was told about exists, none
 * exists twice (by key, by code), every wallet is what the answers add up to, every balance is its transfers and
 * the balances sum to zero (tests/support/load.ts). A failure prints the seed; SEED=<n> replays the same choices.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dialects, freshDatabaseUrl } from './harness.js';
import { runLoadWithFaults } from '../support/load.js';
import { runSeed, seededRandom } from '../support/random.js';
import { ServerProcess } from '../support/server.js';

/** Kills per database in `npm test`: enough to catch a lost or doubled payment, few enough for two shared cores. */
const KILLS = 3;
/** Customers paying at once. */
const LANES = 4;

describe.each(dialects)('kill -9 under payment load on %s', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it(
    `every acknowledged payment survives ${KILLS} kills, none is doubled, and the books balance`,
    async () => {
      const seed = runSeed();
      const database = await freshDatabaseUrl(dialect);
      cleanups.push(database.drop);
      // Codes live 10 minutes here, so a restart on a busy machine never outlasts a code that a till retries.
      const server = await ServerProcess.start({ databaseUrl: database.url, env: { PAYCODE_TTL_MS: '600000' } });
      cleanups.push(() => server.stop());
      const report = await runLoadWithFaults({ server, databaseUrl: database.url, fault: 'kill-api', faults: KILLS, lanes: LANES, random: seededRandom(seed) });
      console.log(`crash on ${dialect} (SEED=${seed}): ${JSON.stringify({ ...report, problems: report.problems.length })}`);
      expect(report.problems, `SEED=${seed}`).toEqual([]);
      expect(report.faults).toBe(KILLS);
      expect(report.succeeded).toBeGreaterThan(0);
    },
    300_000,
  );
});
