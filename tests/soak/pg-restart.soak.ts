/**
 * Soak, PostgreSQL only: the PostgreSQL server itself is restarted (pg_ctlcluster … restart) while customers
 * pay. Meanwhile the API must answer 503 with Retry-After (or the right answer), never a wrong one and never
 * crash; afterwards it reconnects by itself, every till's retry with its key settles, the books balance
 * (tests/support/load.ts), and live payment events reach an open till stream again.
 *
 * CAREFUL: this restarts the shared PostgreSQL server, so teammates' tests running at that moment lose their
 * connections. It runs only in `npm run soak`, never in `npm test`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dialects, freshDatabaseUrl } from '../api/harness.js';
import { runLoadWithFaults } from '../support/load.js';
import { runSeed, seededRandom } from '../support/random.js';
import { send, ServerProcess, sleep } from '../support/server.js';

const RESTARTS = Number(process.env.SOAK_PG_RESTARTS ?? 3);
const LANES = 4;
/** A liveness bound, not a speed requirement: after the restart, a payment's event reaches the till within this. */
const EVENT_WAIT_MAX_MS = 60_000;

/** Opens the café till's event stream and pays (again, with new codes) until one payment shows up on it. */
async function eventsFlowAgain(base: string, cashierToken: string): Promise<string[]> {
  const bob = await send(base, 'POST', '/api/sessions', { body: { role: 'customer', handle: 'bob', pin: '2222' } });
  const ticket = await send(base, 'POST', '/api/events/ticket', { token: cashierToken });
  if (bob?.status !== 201 || ticket?.status !== 201) return [`could not sign in or get a ticket after the restart: ${bob?.status} ${ticket?.status}`];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), EVENT_WAIT_MAX_MS);
  let seen = '';
  try {
    const res = await fetch(`${base}/api/events?ticket=${ticket.body.ticket}`, { signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    while (!seen.includes('event: ready')) seen += decoder.decode((await reader.read()).value ?? new Uint8Array(), { stream: true });
    const paid: string[] = [];
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return false;
        seen += decoder.decode(value, { stream: true });
        if (paid.some((id) => seen.includes(`"id":"${id}"`))) return true;
      }
    })();
    let arrived = false;
    reading.then((ok) => (arrived = ok)).catch(() => {});
    while (!arrived && !controller.signal.aborted) {
      const code = await send(base, 'POST', '/api/paycodes', { token: bob.body.token, body: {} });
      const payment = await send(base, 'POST', '/api/payments', { token: cashierToken, key: `events-${Date.now()}`, body: { code: code?.body?.code, amount: { amount: 1, currency: 'CNY' } } });
      if (payment?.status === 201) paid.push(payment.body.payment.id);
      await sleep(1_000);
    }
    await reader.cancel().catch(() => {});
    return arrived ? [] : [`no payment event reached the till's stream within ${EVENT_WAIT_MAX_MS} ms after PostgreSQL restarted (${paid.length} payments made)`];
  } catch (error) {
    return [`the event stream failed after PostgreSQL restarted: ${(error as Error).message}; saw ${JSON.stringify(seen.slice(0, 300))}`];
  } finally {
    clearTimeout(timer);
  }
}

// Without PostgreSQL (no TEST_DATABASE_URL) the file says so as a skipped test rather than failing with "No test suite found".
describe.skipIf(!dialects.includes('postgres'))('soak: PostgreSQL restarted under payment load', () => it('needs TEST_DATABASE_URL', () => undefined));

describe.each(dialects.filter((d) => d === 'postgres'))('soak: PostgreSQL restarted under payment load (%s)', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it(`${RESTARTS} restarts: 503 with Retry-After meanwhile, never a wrong answer, then back by itself with the books intact`, async () => {
    const seed = runSeed();
    const database = await freshDatabaseUrl(dialect);
    cleanups.push(database.drop);
    const server = await ServerProcess.start({ databaseUrl: database.url, env: { PAYCODE_TTL_MS: '600000' } });
    cleanups.push(() => server.stop());
    console.log('[pg-restart] restarting the shared PostgreSQL server: other test runs at this moment will lose connections');
    const report = await runLoadWithFaults({
      server,
      databaseUrl: database.url,
      fault: 'restart-postgres',
      faults: RESTARTS,
      lanes: LANES,
      random: seededRandom(seed),
      log: (line) => console.log(`[pg-restart] ${line}`),
      afterFaults: ({ base, cashierToken }) => eventsFlowAgain(base, cashierToken),
    });
    console.log(`soak pg-restart (SEED=${seed}): ${JSON.stringify({ ...report, problems: report.problems.length })}`);
    expect(report.problems, `SEED=${seed}`).toEqual([]);
    expect(report.faults).toBe(RESTARTS);
    expect(report.succeeded).toBeGreaterThan(0);
  });
});
