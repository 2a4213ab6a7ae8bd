/**
 * The load generator, run as its own process (node --import tsx bench/load/child.ts <plan.json>), so that its
 * work is not done on the server's event loop. It reads a plan, drives `concurrency` virtual tills or phones,
 * each on its own keep-alive connection per server, and prints one JSON line with counts and latencies.
 *
 * Scenarios:
 * - health: GET /api/health as fast as the server answers (the ceiling of an empty request).
 * - pay:    POST /api/payments with codes issued beforehand (one item = one code and amount).
 * - flow:   the full flow per item: POST /api/paycodes as the customer (with its coupon for half of them),
 *           then POST /api/payments as a cashier with the code just issued.
 * With several servers, requests go round robin over them, request by request (an L7 balancer): in the flow
 * the code is issued by one process and paid at the other.
 */
import { readFileSync } from 'node:fs';
import { Connection } from './http.js';
import type { LoadPlan, LoadResult } from './plan.js';
import { summarize } from '../lib/stats.js';

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadPlan;

const latencies: number[] = [];
const warmupLatencies: number[] = [];
const stepLatencies: Record<string, number[]> = { paycode: [], payment: [] };
const statusCounts: Record<string, number> = {};
const errorSamples: string[] = [];
let succeeded = 0;
let declined = 0;
let failed = 0;
let nextItem = 0;
/** When the load began: paced requests are due at fixed times from here. */
let startedAt = performance.now();
let rr = 0;

function count(status: number, body: string) {
  statusCounts[status] = (statusCounts[status] ?? 0) + 1;
  if (status >= 400 && status !== 402 && errorSamples.length < 5) errorSamples.push(`${status} ${body.slice(0, 300)}`);
}

function pickTarget(conns: Connection[]): Connection {
  return conns[rr++ % conns.length]!;
}

/** Every operation answered, warm-up included: what the server's CPU time over the whole run is divided by. */
let answered = 0;

async function worker(index: number, deadline: number, measure: { on: boolean }) {
  const conns = plan.targets.map((t) => new Connection(t.host, t.port));
  const health = conns.map((c) => c.prepared('GET', '/api/health'));
  const cashier = plan.cashierTokens[index % Math.max(1, plan.cashierTokens.length)] ?? '';
  try {
    while (performance.now() < deadline) {
      if (plan.scenario === 'health') {
        const t0 = performance.now();
        const k = rr++ % conns.length;
        const a = await conns[k]!.send(health[k]!);
        answered++;
        if (!measure.on) continue;
        latencies.push(performance.now() - t0);
        count(a.status, a.body);
        if (a.status === 200) succeeded++;
        else failed++;
        continue;
      }
      const i = nextItem++;
      const item = plan.items[i];
      if (!item) break;
      let t0 = performance.now();
      let counted = measure.on;
      if (plan.ratePerSecond) {
        const due = startedAt + (i * 1000) / plan.ratePerSecond;
        if (due > deadline) break;
        if (due > t0) await new Promise((r) => setTimeout(r, due - t0));
        t0 = due;
        // Paced: a request belongs to the warm-up by when it was due, not by when its answer came.
        counted = due >= startedAt + (plan.warmupMs ?? 0);
      }
      let code = item.code;
      if (plan.scenario === 'flow') {
        const a = await pickTarget(conns).request(
          'POST',
          '/api/paycodes',
          { Authorization: `Bearer ${item.token}`, 'Content-Type': 'application/json' },
          JSON.stringify(item.couponId ? { couponId: item.couponId } : {}),
        );
        if (counted) stepLatencies.paycode!.push(performance.now() - t0);
        if (a.status !== 201) {
          count(a.status, a.body);
          failed++;
          continue;
        }
        code = (JSON.parse(a.body) as { code: string }).code;
      }
      const t1 = performance.now();
      const p = await pickTarget(conns).request(
        'POST',
        '/api/payments',
        { Authorization: `Bearer ${cashier}`, 'Content-Type': 'application/json', 'Idempotency-Key': `${plan.keyPrefix}-${i}` },
        JSON.stringify({ code, amount: { amount: item.amount, currency: 'CNY' } }),
      );
      const t2 = performance.now();
      answered++;
      if (!counted) {
        // Warm-up: its latencies apart, and only a failure counted (a failure is one whenever it happens).
        warmupLatencies.push(t2 - t0);
        if (p.status !== 201 && p.status !== 402) {
          count(p.status, p.body);
          failed++;
        }
        continue;
      }
      stepLatencies.payment!.push(t2 - t1);
      latencies.push(t2 - t0);
      count(p.status, p.body);
      if (p.status === 201) succeeded++;
      else if (p.status === 402) declined++;
      else failed++;
    }
  } catch (error) {
    failed++;
    if (errorSamples.length < 5) errorSamples.push(String(error));
  } finally {
    for (const c of conns) c.close();
  }
}

async function main() {
  const measure = { on: true };
  const start = performance.now();
  startedAt = start;
  let measuredFrom = start;
  if (plan.warmupMs) {
    // Warm-up requests are sent but not counted (JIT, connection set-up). Paced, the counted stretch starts
    // exactly when the first counted request is due; a timer may fire late and would shorten it.
    measure.on = false;
    if (plan.ratePerSecond) measuredFrom = start + plan.warmupMs;
    setTimeout(() => {
      measure.on = true;
      if (!plan.ratePerSecond) measuredFrom = performance.now();
    }, plan.warmupMs);
  }
  const deadline = start + (plan.warmupMs ?? 0) + plan.durationMs;
  await Promise.all(Array.from({ length: plan.concurrency }, (_, i) => worker(i, deadline, measure)));
  const elapsedMs = performance.now() - measuredFrom;
  const result: LoadResult = {
    scenario: plan.scenario,
    concurrency: plan.concurrency,
    elapsedMs,
    itemsUsed: Math.min(nextItem, plan.items.length),
    succeeded,
    declined,
    failed,
    perSecond: (succeeded / elapsedMs) * 1000,
    answered,
    latencyMs: summarize(latencies),
    paycodeLatencyMs: stepLatencies.paycode!.length ? summarize(stepLatencies.paycode!) : null,
    paymentLatencyMs: stepLatencies.payment!.length ? summarize(stepLatencies.payment!) : null,
    warmupLatencyMs: warmupLatencies.length ? summarize(warmupLatencies) : null,
    statusCounts,
    errorSamples,
    loaderCpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
