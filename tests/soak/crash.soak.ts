/**
 * Soak: kill -9 the API process at least 20 times per database under concurrent payment load (the quick
 * version with 3 kills runs in `npm test`: tests/api/crash.test.ts, where the checks are described).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dialects, freshDatabaseUrl } from '../api/harness.js';
import { runLoadWithFaults } from '../support/load.js';
import { runSeed, seededRandom } from '../support/random.js';
import { ServerProcess } from '../support/server.js';

const KILLS = Number(process.env.SOAK_KILLS ?? 20);
const LANES = 6;

describe.each(dialects)('soak: kill -9 under payment load on %s', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it(`every acknowledged payment survives ${KILLS} kills, none is doubled, and the books balance`, async () => {
    const seed = runSeed();
    const database = await freshDatabaseUrl(dialect);
    cleanups.push(database.drop);
    const server = await ServerProcess.start({ databaseUrl: database.url, env: { PAYCODE_TTL_MS: '600000' } });
    cleanups.push(() => server.stop());
    const report = await runLoadWithFaults({
      server,
      databaseUrl: database.url,
      fault: 'kill-api',
      faults: KILLS,
      lanes: LANES,
      random: seededRandom(seed),
      log: (line) => console.log(`[crash ${dialect}] ${line}`),
    });
    console.log(`soak crash on ${dialect} (SEED=${seed}): ${JSON.stringify({ ...report, problems: report.problems.length })}`);
    expect(report.problems, `SEED=${seed}`).toEqual([]);
    expect(report.faults).toBe(KILLS);
    expect(report.retried).toBeGreaterThan(0);
  });
});
