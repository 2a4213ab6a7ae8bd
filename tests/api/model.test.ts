/**
 * Model-based test of the HTTP API: fast-check generates sequences of what customers, cashiers and the café's
 * manager do — top-ups, payment codes with and without coupons, payments now or queued offline, replays of the
 * same Idempotency-Key (same body, another body, another shop), refunds in parts, campaigns, grants, the clock
 * moving, the background sweeper — and runs each against a small in-memory model (tests/support/model/). Every
 * status, every figure of every answer, every balance and coupon state must match the model. A failure prints
 * its seed and path: MODEL_SEED=… MODEL_PATH=… MODEL_REPLAY_PATH=… (as printed) npx vitest run tests/api/model.test.ts replays it.
 * `npm run soak` runs 10,000 of these.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects, startTestApi, useInvariantCheck, type TestApi } from './harness.js';
import { Advance, IssueCode, Pay, PayAgain, Sweep } from '../support/model/commands.js';
import { checkModelAgainstApi, runModelScenario } from '../support/model/run.js';

/** Runs per database in `npm test`. */
const RUNS = 200;
/** Commands per run at most (after a short set-up of balances, campaigns and grants). */
const COMMANDS_MAX = 20;
/** Sessions outlive the hours of model time a file's runs add up to; expiry is the auth matrix's business. */
const SESSION_TTL_MS = 10 * 365 * 86_400_000;

describe.each(dialects)('the API agrees with the model on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect, { sessionTtlMs: SESSION_TTL_MS, customerSessionIdleMs: SESSION_TTL_MS, customerSessionMaxMs: SESSION_TTL_MS });
  });
  useInvariantCheck(() => api);

  it(
    `${RUNS} random runs of payments, codes, coupons, refunds, replays and time agree with the model, figure by figure`,
    async () => {
      const report = await checkModelAgainstApi(api, { numRuns: RUNS, maxCommands: COMMANDS_MAX });
      console.log(`model on ${dialect}: ${report.runs} runs, ${report.commands} commands (seed ${report.seed}); outcomes ${JSON.stringify(report.outcomes)}`);
      expect(report.runs).toBeGreaterThanOrEqual(RUNS);
    },
    600_000,
  );

  // Paths the random runs found, kept as fixed scenarios through the same model so they are checked every time.
  const fixed = { rule: { kind: 'fixed' as const, off: 100 }, startsInMs: 0, minimumSpend: null, stock: null, perCustomerLimit: null, budget: null };

  it('a declined coupon payment names its coupon on the first answer just as on a retry with its key', async () => {
    await runModelScenario(api, { balances: [10_000, 0], campaigns: [{ ...fixed, rule: { kind: 'threshold', minimum: 5_000, off: 1_000 }, lastsMs: 600_000 }], grants: [[0, 0]] }, [
      new IssueCode(0, { kind: 'own', pick: 0 }),
      new Pay('cafe', { kind: 'latest', customer: 0 }, 1_000, null), // below the minimum: COUPON_NOT_APPLICABLE
      new PayAgain(0, 'same'),
    ]);
  });

  it('a percent coupon with no minimum spend that takes nothing off a tiny order is declined NO_DEDUCTION, not BELOW_MINIMUM, and kept for the next', async () => {
    await runModelScenario(api, { balances: [10_000, 0], campaigns: [{ ...fixed, rule: { kind: 'percent', percent: 15, cap: 2_000 }, lastsMs: 600_000 }], grants: [[0, 0]] }, [
      new IssueCode(0, { kind: 'own', pick: 0 }),
      new Pay('cafe', { kind: 'latest', customer: 0 }, 5, null), // 15% of 0.05 is 0.0075: nothing off
      new IssueCode(0, { kind: 'own', pick: 0 }),
      new Pay('cafe', { kind: 'latest', customer: 0 }, 7, null), // 15% of 0.07 is 0.0105: 0.01 off
    ]);
  });

  it('a queued offline payment gets the coupon it was scanned with, whether or not the background sweep ran before it synced', async () => {
    await runModelScenario(api, { balances: [10_000, 0], campaigns: [{ ...fixed, lastsMs: 90_000 }], grants: [[0, 0]] }, [
      new IssueCode(0, { kind: 'own', pick: 0 }), // the code and its coupon live 60 s; the coupon is valid 90 s
      new Advance(50_000), // the till scans the code now, offline
      new Advance(45_000), // back online after the coupon's validity ended
      new Sweep(), // the server's 30-second sweep happens to run first
      new Pay('cafe', { kind: 'latest', customer: 0 }, 1_000, 45_000),
    ]);
  });
});
