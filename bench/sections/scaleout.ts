/**
 * Benchmark 3: two server processes on one PostgreSQL database, the load spread over both request by request
 * (the load generator alternates between the two ports, as an L7 balancer would; a proxy process of our own
 * would take CPU from the servers on two cores). In the full flow a code issued by one process is paid at the
 * other. Checked afterwards: the ledger's invariants, the payments counted against what the tills were told, and
 * payment events crossing processes (an event stream held open on each process must see every payment, also
 * those settled by the other one, through LISTEN/NOTIFY).
 */
import { sql } from 'kysely';
import { openDatabase } from '../../api/db/connect.js';
import { checkInvariants } from '../../api/ledger/invariants.js';
import { watchMemory, type MemoryReport } from '../lib/memory.js';
import type { BenchData, CustomerPool } from '../lib/seed.js';
import { startServer, type RunningServer } from '../lib/server.js';
import { settle, type Row } from './settlement.js';

export interface ScaleOutResult {
  concurrency: number;
  one: { pay: Row; flow: Row };
  two: { pay: Row; flow: Row };
  paymentsInRun: number;
  paymentsCounted: number;
  events: { server: string; received: number; expected: number }[];
  eventsCrossed: boolean;
  invariants: { ok: boolean; violations: string[] };
  memory: MemoryReport[];
}

/** Holds an event stream open as a cashier of the bench merchant and counts `payment` events. */
async function eventCounter(server: RunningServer, token: string) {
  const base = `http://127.0.0.1:${server.port}`;
  const res = await fetch(`${base}/api/events/ticket`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  if (res.status !== 201) throw new Error(`event ticket: ${res.status} ${await res.text()}`);
  const { ticket } = (await res.json()) as { ticket: string };
  const abort = new AbortController();
  const stream = await fetch(`${base}/api/events?ticket=${encodeURIComponent(ticket)}`, { signal: abort.signal });
  if (!stream.ok || !stream.body) throw new Error(`event stream: ${stream.status}`);
  const ids = new Set<string>();
  const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
  let carry = '';
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        carry += value;
        let cut: number;
        while ((cut = carry.indexOf('\n\n')) >= 0) {
          const block = carry.slice(0, cut);
          carry = carry.slice(cut + 2);
          if (!/^event: payment$/m.test(block)) continue;
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data) ids.add((JSON.parse(data) as { payment: { id: string } }).payment.id);
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    ids,
    async close() {
      abort.abort();
      await done;
    },
  };
}

export async function runScaleOut(url: string, data: BenchData, pool: CustomerPool, o: { concurrency: number; durationMs: number; maxItems: number; log: (l: string) => void }): Promise<ScaleOutResult> {
  const a = await startServer({ databaseUrl: url });
  const memA = watchMemory(a);
  let b: RunningServer | undefined;
  const memory: MemoryReport[] = [];
  try {
    // Warm-up of process A, then one process alone, as the baseline of this section.
    await settle('flow', [a], data, pool, 8, 10_000, 200, 'so-warm-a');
    const onePay = await settle('pay', [a], data, pool, o.concurrency, o.durationMs, o.maxItems, 'so-one-pay');
    const oneFlow = await settle('flow', [a], data, pool, o.concurrency, o.durationMs, o.maxItems, 'so-one-flow');
    o.log(`scale-out: one process c=${o.concurrency}: payments ${onePay.perSecond.toFixed(0)}/s, code + payment ${oneFlow.perSecond.toFixed(0)}/s`);

    b = await startServer({ databaseUrl: url });
    const memB = watchMemory(b);
    await settle('flow', [b], data, pool, 8, 10_000, 200, 'so-warm-b');
    const before = await countPayments(url);
    const onA = await eventCounter(a, data.cashierTokens[0]!);
    const onB = await eventCounter(b, data.cashierTokens[1]!);
    const twoPay = await settle('pay', [a, b], data, pool, o.concurrency, o.durationMs, o.maxItems, 'so-two-pay');
    const twoFlow = await settle('flow', [a, b], data, pool, o.concurrency, o.durationMs, o.maxItems, 'so-two-flow');
    o.log(`scale-out: two processes c=${o.concurrency}: payments ${twoPay.perSecond.toFixed(0)}/s, code + payment ${twoFlow.perSecond.toFixed(0)}/s`);
    const paymentsInRun = twoPay.succeeded + twoPay.declined + twoFlow.succeeded + twoFlow.declined;
    // Give the last notifications a moment to arrive before the streams close.
    for (let i = 0; i < 50 && (onA.ids.size < paymentsInRun || onB.ids.size < paymentsInRun); i++) await new Promise((r) => setTimeout(r, 100));
    await onA.close();
    await onB.close();
    const paymentsCounted = (await countPayments(url)) - before;
    memory.push(memA.finish(), memB.finish());
    const db = await openDatabase(url, { migrate: false });
    const inv = await checkInvariants(db.kysely);
    await db.close();
    const events = [
      { server: 'A', received: onA.ids.size, expected: paymentsInRun },
      { server: 'B', received: onB.ids.size, expected: paymentsInRun },
    ];
    o.log(`scale-out: ${paymentsCounted} payments written for ${paymentsInRun} answered; events A ${onA.ids.size}, B ${onB.ids.size}; invariants ${inv.ok ? 'hold' : 'BROKEN'}`);
    return {
      concurrency: o.concurrency,
      one: { pay: onePay, flow: oneFlow },
      two: { pay: twoPay, flow: twoFlow },
      paymentsInRun,
      paymentsCounted,
      events,
      eventsCrossed: events.every((e) => e.received === e.expected),
      invariants: { ok: inv.ok, violations: inv.violations.slice(0, 10) },
      memory,
    };
  } finally {
    await b?.stop();
    await a.stop();
  }
}

async function countPayments(url: string): Promise<number> {
  const db = await openDatabase(url, { migrate: false });
  try {
    const row = await db.kysely.selectFrom('payments').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.close();
  }
}
