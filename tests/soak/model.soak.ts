/**
 * Soak: the model-based test of tests/api/model.test.ts, 10,000 runs per database and longer runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects, startTestApi, useInvariantCheck, type TestApi } from '../api/harness.js';
import { checkModelAgainstApi } from '../support/model/run.js';

const RUNS = Number(process.env.SOAK_MODEL_RUNS ?? 10_000);
const COMMANDS_MAX = 30;

describe.each(dialects)('soak: the API agrees with the model on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect, { sessionTtlMs: 100 * 365 * 86_400_000, customerSessionIdleMs: 100 * 365 * 86_400_000, customerSessionMaxMs: 100 * 365 * 86_400_000 });
  });
  useInvariantCheck(() => api);

  it(`${RUNS} random runs agree with the model, figure by figure`, async () => {
    const report = await checkModelAgainstApi(api, { numRuns: RUNS, maxCommands: COMMANDS_MAX });
    console.log(`soak model on ${dialect}: ${report.runs} runs, ${report.commands} commands (seed ${report.seed}); outcomes ${JSON.stringify(report.outcomes)}`);
    expect(report.runs).toBeGreaterThanOrEqual(RUNS);
  });
});
