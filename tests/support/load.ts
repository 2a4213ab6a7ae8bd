/**
 * Payment load with faults, for the crash suites (tests/api/crash.test.ts, tests/soak/crash.soak.ts,
 * tests/soak/pg-restart.soak.ts). Several customers pay at two shops at once, each payment a till's intent with
 * its own Idempotency-Key; now and then a till sends the same intent twice at once, a customer tops up, a
 * cashier refunds a part. Meanwhile a fault strikes: the API process is killed with SIGKILL, or the PostgreSQL
 * server is restarted under it. Every request that got no final answer is retried with ITS key until it gets
 * one, as a till does. Then the books are checked: every answer the tills got is in the database, nothing is
 * there twice, every balance is its transfers, and the balances sum to zero.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openDatabase } from '../../api/db/connect.js';
import { checkInvariants } from '../../api/ledger/invariants.js';
import { paycodeHash } from '../../api/paycodes/codes.js';
import type { Random } from './random.js';
import { send, sleep, type Answer, type ServerProcess } from './server.js';

export type Fault = 'kill-api' | 'restart-postgres';

export interface LoadOptions {
  server: ServerProcess;
  databaseUrl: string;
  fault: Fault;
  /** How many times the fault strikes. */
  faults: number;
  /** Customers paying at the same time (one till each, so `lanes` payments are in flight at once). */
  lanes: number;
  random: Random;
  log?: (line: string) => void;
  /**
   * Runs after the last fault while the same server process is still up (before the books are checked), with a
   * café cashier's session; returns problems. It may pay with the demo customers (the books below count only
   * the load's own customers). The PostgreSQL soak checks live events here.
   */
  afterFaults?: (ctx: { base: string; cashierToken: string }) => Promise<string[]>;
}

export interface LoadReport {
  faults: number;
  intents: number;
  payments: number;
  succeeded: number;
  declined: number;
  refunds: number;
  topups: number;
  /** Intents that had no final answer when the fault struck and were settled by a retry with their key. */
  retried: number;
  /** 503 answers seen while the database was away (each with Retry-After). */
  unavailable: number;
  /** What went wrong: wrong answers, lost or doubled payments, broken invariants. Empty when all is well. */
  problems: string[];
}

/** Money every lane's customer starts with: enough for every payment of a long soak. */
const START_BALANCE_MINOR = 10_000_000;
/** Coupons each customer gets; a code asks for one now and then, each coupon in one code at most. */
const COUPONS_PER_CUSTOMER = 12;
/** A retry of an unanswered intent gives up after this many tries (a healthy server answers the first). */
const RETRY_TRIES_MAX = 200;
/** Wait between retries while the database is away; the API's Retry-After says 2 s, tills may poll sooner. */
const RETRY_PAUSE_MS = 100;
/** A liveness bound, not a speed requirement: after PostgreSQL is back, payments must flow again within this. */
const RECOVERY_WAIT_MAX_MS = 60_000;

type Cashier = 'cafe' | 'books';

interface BaseIntent {
  key: string;
  lane: number;
  /** The first final answer the client got: what the till showed. Every later answer must agree with it. */
  answer?: Answer;
  attempts: number;
  /** Got a wrong answer (already reported): retrying it would only repeat the report. */
  wrong?: boolean;
}
interface PaymentIntent extends BaseIntent {
  kind: 'payment';
  cashier: Cashier;
  body: { code: string; amount: { amount: number; currency: string } };
  couponId: string | null;
}
interface TopupIntent extends BaseIntent {
  kind: 'topup';
  body: { amount: { amount: number; currency: string } };
}
interface RefundIntent extends BaseIntent {
  kind: 'refund';
  cashier: Cashier;
  paymentId: string;
  body: { amount: { amount: number; currency: string } };
}
type Intent = PaymentIntent | TopupIntent | RefundIntent;

interface Lane {
  handle: string;
  token: string;
  customerId: string;
  accountId: string;
  coupons: string[];
}

const cny = (amount: number) => ({ amount, currency: 'CNY' });

export async function runLoadWithFaults(options: LoadOptions): Promise<LoadReport> {
  const { server, random } = options;
  const log = options.log ?? (() => {});
  const problems: string[] = [];
  const intents: Intent[] = [];
  let retried = 0;
  let unavailable = 0;
  let keyCounter = 0;
  const newKey = (kind: string) => `${kind}-${random.seed}-${++keyCounter}`;
  const base = () => server.base;

  // --- Setup: cashiers, a campaign of the café, and the lanes' customers with money and coupons. ---
  const signIn = async (body: object) => {
    const res = await send(base(), 'POST', '/api/sessions', { body });
    if (res?.status !== 201) throw new Error(`sign-in ${JSON.stringify(body)}: ${res?.status} ${JSON.stringify(res?.body)}`);
    return res.body as { token: string; customerId?: string; merchantId?: string };
  };
  const tokens: Record<Cashier, string> = {
    cafe: (await signIn({ role: 'cashier', merchant: 'demo-cafe', handle: 'cashier-1', pin: '1234' })).token,
    books: (await signIn({ role: 'cashier', merchant: 'demo-books', handle: 'cashier-1', pin: '4321' })).token,
  };
  const owner = (await signIn({ role: 'cashier', merchant: 'demo-cafe', handle: 'owner', pin: '9999' })).token;
  const campaign = await send(base(), 'POST', '/api/campaigns', {
    token: owner,
    key: newKey('campaign'),
    body: { title: 'Crash coupon', rule: { kind: 'fixed', off: 100 }, validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString() },
  });
  if (campaign?.status !== 201) throw new Error(`campaign: ${campaign?.status} ${JSON.stringify(campaign?.body)}`);
  const campaignId: string = campaign.body.campaign.id;

  const lanes: Lane[] = [];
  for (let i = 0; i < options.lanes; i++) {
    const handle = `load-${random.seed.toString(36)}-${i}`;
    const created = await send(base(), 'POST', '/api/customers', { body: { handle, pin: '4242' } });
    if (created?.status !== 201) throw new Error(`sign-up ${handle}: ${created?.status} ${JSON.stringify(created?.body)}`);
    const session = await signIn({ role: 'customer', handle, pin: '4242' });
    const topup = await send(base(), 'POST', '/api/wallet/topups', { token: session.token, key: newKey('start'), body: { amount: cny(START_BALANCE_MINOR) } });
    if (topup?.status !== 201) throw new Error(`top-up: ${topup?.status}`);
    const wallet = await send(base(), 'GET', '/api/wallet', { token: session.token });
    const coupons: string[] = [];
    for (let k = 0; k < COUPONS_PER_CUSTOMER; k++) {
      const grant = await send(base(), 'POST', `/api/campaigns/${campaignId}/grants`, { token: owner, key: newKey('grant'), body: { customer: handle } });
      if (grant?.status !== 201) throw new Error(`grant: ${grant?.status} ${JSON.stringify(grant?.body)}`);
      coupons.push(grant.body.coupon.id);
    }
    lanes.push({ handle, token: session.token, customerId: session.customerId!, accountId: wallet!.body.accountId, coupons });
  }

  // --- Sending an intent: a final answer is remembered; later answers to the same key must agree with it. ---
  const isFinal = (intent: Intent, res: Answer): boolean => {
    if (intent.kind === 'payment') return res.status === 201 || res.status === 402;
    return res.status === 201;
  };
  const describe = (intent: Intent) => `${intent.kind} ${intent.key}`;
  const sameOutcome = (intent: Intent, a: Answer, b: Answer): boolean => {
    if (a.status !== b.status) return false;
    if (intent.kind === 'payment') {
      const [p, q] = [a.body.payment, b.body.payment];
      return p.id === q.id && p.status === q.status && p.reason === q.reason && p.charged.amount === q.charged.amount && p.deduction.amount === q.deduction.amount;
    }
    if (intent.kind === 'topup') return a.body.balance.amount === b.body.balance.amount;
    return a.body.refund.id === b.body.refund.id && a.body.refund.cash.amount === b.body.refund.cash.amount;
  };

  let deathReported = false;
  /** The API process must live through a database restart; if it died, say so once, with its last words. */
  function reportDeath(during: string) {
    if (deathReported) return;
    deathReported = true;
    problems.push(`the API process died while PostgreSQL restarted (during ${during}):\n${server.stderrTail()}`);
  }

  /** One try; true when the intent now has its final answer. */
  async function attempt(intent: Intent): Promise<boolean> {
    intent.attempts++;
    let res: Answer | undefined;
    if (intent.kind === 'payment') res = await send(base(), 'POST', '/api/payments', { token: tokens[intent.cashier], key: intent.key, body: intent.body });
    else if (intent.kind === 'topup') res = await send(base(), 'POST', '/api/wallet/topups', { token: lanes[intent.lane]!.token, key: intent.key, body: intent.body });
    else res = await send(base(), 'POST', `/api/payments/${intent.paymentId}/refunds`, { token: tokens[intent.cashier], key: intent.key, body: intent.body });
    if (!res) {
      if (options.fault === 'restart-postgres' && !server.running) reportDeath(describe(intent));
      return false;
    }
    if (res.status === 503) {
      unavailable++;
      if (!res.headers.get('retry-after')) problems.push(`503 without Retry-After for ${describe(intent)}`);
      if (res.body?.error?.code !== 'UNAVAILABLE') problems.push(`503 not in the error format for ${describe(intent)}: ${JSON.stringify(res.body)}`);
      return false;
    }
    if (res.status === 409 && res.body?.error?.code === 'IN_PROGRESS') return false; // its twin still runs
    if (!isFinal(intent, res)) {
      if (!intent.wrong) problems.push(`wrong answer to ${describe(intent)}: ${res.status} ${JSON.stringify(res.body)}`);
      intent.wrong = true;
      return false;
    }
    if (!intent.answer) intent.answer = res;
    else if (!sameOutcome(intent, intent.answer, res)) {
      problems.push(`${describe(intent)} was answered ${JSON.stringify(intent.answer.body)} first and ${JSON.stringify(res.body)} on a retry`);
    }
    return true;
  }

  /** Sends an intent once (sometimes twice at once, like a till whose first send seems stuck). */
  async function sendIntent(intent: Intent): Promise<boolean> {
    intents.push(intent);
    if (random.chance(0.15)) {
      const [a, b] = await Promise.all([attempt(intent), attempt(intent)]);
      return a || b;
    }
    return attempt(intent);
  }

  /** Retries an intent with its key until it has its final answer (the till's outbox after a restart). */
  async function settle(intent: Intent): Promise<void> {
    for (let tries = 0; tries < RETRY_TRIES_MAX; tries++) {
      if ((await attempt(intent)) || intent.wrong || deathReported) return;
      await sleep(RETRY_PAUSE_MS);
    }
    problems.push(`${describe(intent)} got no final answer in ${RETRY_TRIES_MAX} retries`);
  }

  // --- One phase of load: every lane pays in a loop until told to stop (or, with kill-api, until the server is gone). ---
  let answersInPhase = 0;
  async function laneLoop(index: number, phase: { stopped: boolean }, pending: Intent[]): Promise<void> {
    const lane = lanes[index]!;
    while (!phase.stopped) {
      const couponId = random.chance(0.3) ? (lane.coupons.pop() ?? null) : null;
      const issued = await send(base(), 'POST', '/api/paycodes', { token: lane.token, body: couponId ? { couponId } : {} });
      if (!issued || issued.status === 503) {
        if (options.fault === 'kill-api') return; // the server is gone; this lane waits for the restart
        if (!issued && !server.running) {
          reportDeath(`paycode for ${lane.handle}`);
          return;
        }
        await sleep(RETRY_PAUSE_MS);
        continue;
      }
      if (issued.status !== 201) {
        problems.push(`paycode for ${lane.handle}: ${issued.status} ${JSON.stringify(issued.body)}`);
        return;
      }
      answersInPhase++;
      const payment: PaymentIntent = {
        kind: 'payment',
        key: newKey('pay'),
        lane: index,
        attempts: 0,
        cashier: random.chance(0.65) ? 'cafe' : 'books',
        body: { code: issued.body.code, amount: cny(random.int(1, 3_000)) },
        couponId,
      };
      if (!(await sendIntent(payment))) {
        if (options.fault === 'kill-api') {
          pending.push(payment);
          return;
        }
        // The database is away and the API says so: the till keeps retrying with the same key while the
        // customer waits (a new code would retire this one).
        retried++;
        await settle(payment);
        if (!payment.answer) return;
      }
      answersInPhase++;
      if (payment.answer!.status === 201 && payment.body.amount.amount >= 2 && random.chance(0.25)) {
        const refund: RefundIntent = {
          kind: 'refund',
          key: newKey('refund'),
          lane: index,
          attempts: 0,
          cashier: payment.cashier,
          paymentId: payment.answer!.body.payment.id,
          // Always a part, never all: the coupon stays redeemed, so each coupon pays at most once in this run.
          body: { amount: cny(random.int(1, payment.body.amount.amount - 1)) },
        };
        if (!(await sendIntent(refund))) {
          pending.push(refund);
          if (options.fault === 'kill-api') return;
        }
      }
      if (random.chance(0.1)) {
        const topup: TopupIntent = { kind: 'topup', key: newKey('topup'), lane: index, attempts: 0, body: { amount: cny(random.int(1, 5_000)) } };
        if (!(await sendIntent(topup))) {
          pending.push(topup);
          if (options.fault === 'kill-api') return;
        }
      }
    }
  }

  const pgCluster = process.env.PG_CLUSTER ?? '15 main';
  for (let round = 1; round <= options.faults; round++) {
    const phase = { stopped: false };
    const pending: Intent[] = [];
    answersInPhase = 0;
    const loops = lanes.map((_, i) => laneLoop(i, phase, pending));
    // A random moment while payments are in flight: after a random number of answers, then a random few ms.
    const answersBefore = random.int(1, 4 * options.lanes);
    while (answersInPhase < answersBefore && problems.length === 0) await sleep(2);
    await sleep(random.int(0, 40));
    if (options.fault === 'kill-api') {
      await server.kill9();
      phase.stopped = true;
      await Promise.all(loops);
      log(`round ${round}: killed the API after ${answersInPhase} answers; ${pending.length} requests without an answer`);
      await server.start();
    } else {
      const [major, name] = pgCluster.split(' ');
      await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', major!, name!, 'restart']);
      // Keep paying for a moment after the restart: the API must find its way back by itself.
      const answersAtRestart = answersInPhase;
      const giveUpAt = Date.now() + RECOVERY_WAIT_MAX_MS;
      while (answersInPhase < answersAtRestart + 2 * options.lanes && problems.length === 0) {
        if (Date.now() > giveUpAt) {
          problems.push(`the API answered no payment within ${RECOVERY_WAIT_MAX_MS} ms after PostgreSQL was back`);
          break;
        }
        await sleep(5);
      }
      phase.stopped = true;
      await Promise.all(loops);
      log(`round ${round}: restarted PostgreSQL; ${pending.length} requests to retry, ${unavailable} answers 503 so far`);
    }
    for (const intent of pending) {
      retried++;
      await settle(intent);
    }
    if (problems.length > 0) break;
  }

  if (options.afterFaults && problems.length === 0) problems.push(...(await options.afterFaults({ base: base(), cashierToken: tokens.cafe })));

  // --- The books, as the customers see them: every wallet is its top-ups, less its charges, plus its refunds. ---
  const answered = (i: Intent) => i.answer;
  for (const [index, lane] of lanes.entries()) {
    let expected = START_BALANCE_MINOR;
    for (const intent of intents) {
      if (intent.lane !== index || !answered(intent) || intent.answer!.status !== 201) continue;
      if (intent.kind === 'topup') expected += intent.body.amount.amount;
      if (intent.kind === 'payment') expected -= intent.answer!.body.payment.charged.amount;
      if (intent.kind === 'refund') expected += intent.answer!.body.refund.cash.amount;
    }
    const wallet = await send(base(), 'GET', '/api/wallet', { token: lane.token });
    if (wallet?.body?.balance?.amount !== expected) problems.push(`${lane.handle}'s wallet shows ${JSON.stringify(wallet?.body)}, the answers add up to ${expected}`);
  }
  await server.stop();

  // --- The books, as the database holds them. ---
  const db = await openDatabase(options.databaseUrl, { migrate: false });
  try {
    const k = db.kysely;
    const laneCustomers = lanes.map((l) => l.customerId);
    const payments = await k.selectFrom('payments').selectAll().where('customer_id', 'in', laneCustomers).execute();
    const paymentIntents = intents.filter((i): i is PaymentIntent => i.kind === 'payment');
    if (payments.length !== paymentIntents.length) problems.push(`${paymentIntents.length} payment intents but ${payments.length} payments stored`);
    const byKey = new Map<string, typeof payments>();
    const byCode = new Map<string, number>();
    for (const p of payments) {
      const k2 = `${p.merchant_id} ${p.idempotency_key}`;
      byKey.set(k2, [...(byKey.get(k2) ?? []), p]);
      if (p.code_hash) byCode.set(p.code_hash, (byCode.get(p.code_hash) ?? 0) + 1);
    }
    for (const intent of paymentIntents) {
      if (!intent.answer) continue; // already reported: no final answer
      const acknowledged = intent.answer.body.payment;
      const rows = payments.filter((p) => p.idempotency_key === intent.key);
      if (rows.length !== 1) {
        problems.push(`payment ${intent.key} (acknowledged as ${acknowledged.id}) is stored ${rows.length} times`);
        continue;
      }
      const row = rows[0]!;
      if (row.id !== acknowledged.id) problems.push(`payment ${intent.key} acknowledged as ${acknowledged.id} but stored as ${row.id}`);
      if ((row.status === 'declined') !== (acknowledged.status === 'declined')) problems.push(`payment ${acknowledged.id} acknowledged ${acknowledged.status}, stored ${row.status}`);
      if (row.amount !== intent.body.amount.amount || row.charged !== acknowledged.charged.amount) problems.push(`payment ${acknowledged.id} stored with other figures than acknowledged`);
      const uses = byCode.get(paycodeHash(intent.body.code)) ?? 0;
      if (uses !== 1) problems.push(`code of ${intent.key} is on ${uses} payments`);
    }
    for (const [key, rows] of byKey) if (rows.length > 1) problems.push(`key ${key} is on ${rows.length} payments`);
    const paidTwice = payments.filter((p) => p.status !== 'declined' && p.code_hash).reduce((m, p) => m.set(p.code_hash!, (m.get(p.code_hash!) ?? 0) + 1), new Map<string, number>());
    for (const [code, n] of paidTwice) if (n > 1) problems.push(`code ${code} paid ${n} times`);

    // Refunds and top-ups: exactly one stored effect per intent.
    const refundIntents = intents.filter((i): i is RefundIntent => i.kind === 'refund');
    const refunds = await k.selectFrom('refunds').selectAll().execute();
    if (refunds.length !== refundIntents.filter((i) => i.answer).length) problems.push(`${refundIntents.length} refund intents but ${refunds.length} refunds stored`);
    for (const intent of refundIntents) {
      if (intent.answer && !refunds.some((r) => r.id === intent.answer!.body.refund.id)) problems.push(`refund ${intent.key} acknowledged but not stored`);
    }
    const accounts = lanes.map((l) => l.accountId);
    const topups = await k.selectFrom('transfers').select(['credit_account_id', 'amount']).where('kind', '=', 'topup').where('credit_account_id', 'in', accounts).execute();
    const topupIntents = intents.filter((i) => i.kind === 'topup');
    if (topups.length !== topupIntents.length + lanes.length) problems.push(`${topupIntents.length + lanes.length} top-ups sent but ${topups.length} stored`);

    // Coupons: each at most once on a payment that took money, and redeemed exactly when it is.
    const couponRows = await k.selectFrom('coupons').select(['id', 'state']).where('campaign_id', '=', campaignId).execute();
    for (const coupon of couponRows) {
      const paid = payments.filter((p) => p.coupon_id === coupon.id && p.status !== 'declined').length;
      if (paid > 1) problems.push(`coupon ${coupon.id} discounted ${paid} payments`);
      if ((coupon.state === 'redeemed') !== (paid === 1)) problems.push(`coupon ${coupon.id} is ${coupon.state} with ${paid} payments`);
    }

    const invariants = await checkInvariants(k);
    problems.push(...invariants.violations);
    for (const lane of lanes) {
      const account = await k.selectFrom('accounts').select('balance').where('id', '=', lane.accountId).executeTakeFirstOrThrow();
      if (Number(account.balance) < 0) problems.push(`${lane.handle}'s wallet is under zero: ${account.balance}`);
    }
    const succeeded = payments.filter((p) => p.status !== 'declined').length;
    return {
      faults: options.fault === 'kill-api' ? server.kills : options.faults,
      intents: intents.length,
      payments: payments.length,
      succeeded,
      declined: payments.length - succeeded,
      refunds: refunds.length,
      topups: topupIntents.length,
      retried,
      unavailable,
      problems,
    };
  } finally {
    await db.close();
  }
}
