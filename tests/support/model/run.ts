/**
 * Runs the model-based property against one API instance (tests/api/model.test.ts, tests/soak/model.soak.ts).
 * Every run starts cheaply from a known state instead of a new database: two customers from a small pool whose
 * wallets are paid down to zero, the clock moved on past every throttle window, and campaigns of its own. A
 * failure is reported with the fast-check seed and paths; MODEL_SEED, MODEL_PATH and MODEL_REPLAY_PATH replay it.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { sweepExpiredRows } from '../../../api/coupons/store.js';
import { checkInvariants } from '../../../api/ledger/invariants.js';
import type { TestApi } from '../../api/harness.js';
import { campaignSpecArb, CheckCoupons, CheckWallet, commandArbs, CreateCampaign, Grant, TopUp, type CampaignSpec, type Real } from './commands.js';
import { cny, type CashierName, type Model, type ModelCustomer, type Staff } from './model.js';

/** A pooled customer serves this many runs before a fresh one replaces it (a sign-up costs two slow PIN hashes). */
const CUSTOMER_RUNS_MAX = 16;
/** Between runs the clock moves past the unknown-code throttle window (5 min), so each run starts unthrottled. */
const BETWEEN_RUNS_MS = 6 * 60_000;
/** The ledger's invariants are checked every this many runs (the check reads every transfer). */
const INVARIANT_EVERY_RUNS = 50;

export interface ModelCheckOptions {
  numRuns: number;
  maxCommands: number;
}

export interface ModelCheckReport {
  runs: number;
  commands: number;
  seed: number;
  /** How often each outcome was reached (payment decline reasons, refunds, grants…). */
  outcomes: Record<string, number>;
}

async function signInStaff(api: TestApi): Promise<Record<CashierName, Staff>> {
  const staff = async (merchant: string, handle: string, pin: string): Promise<Staff> => {
    const res = await api.request('POST', '/api/sessions', { body: { role: 'cashier', merchant, handle, pin } });
    expect(res.status).toBe(201);
    return { token: res.body.token, cashierId: res.body.cashierId, handle, merchantId: res.body.merchantId, merchantName: res.body.merchantName };
  };
  return { cafe: await staff('demo-cafe', 'cashier-1', '1234'), books: await staff('demo-books', 'cashier-1', '4321'), owner: await staff('demo-cafe', 'owner', '9999') };
}

/** Handles are numbered across pools, so two pools in one process never ask for the same handle. */
let customersMade = 0;

class CustomerPool {
  private customers: Omit<ModelCustomer, 'balance'>[] = [];
  private runs = 0;

  constructor(
    private readonly api: TestApi,
    private readonly books: Staff,
  ) {}

  /** Two customers with empty wallets. */
  async take(): Promise<ModelCustomer[]> {
    if (this.runs % CUSTOMER_RUNS_MAX === 0) this.customers = [await this.signUp(), await this.signUp()];
    this.runs++;
    for (const c of this.customers) await this.drain(c.token);
    return this.customers.map((c) => ({ ...c, balance: 0 }));
  }

  private async signUp() {
    const handle = `mdl-${process.pid.toString(36)}-${(++customersMade).toString(36)}`;
    const created = await this.api.request('POST', '/api/customers', { body: { handle, pin: '5151' } });
    expect(created.status).toBe(201);
    const session = await this.api.request('POST', '/api/sessions', { body: { role: 'customer', handle, pin: '5151' } });
    expect(session.status).toBe(201);
    return { handle, token: session.body.token as string, id: created.body.customerId as string };
  }

  /** Pays whatever is left in the wallet at the bookshop: the cheapest way back to a known balance. */
  private async drain(token: string) {
    const wallet = await this.api.request('GET', '/api/wallet', { token });
    const left: number = wallet.body.balance.amount;
    if (left === 0) return;
    const code = await this.api.request('POST', '/api/paycodes', { token, body: {} });
    const paid = await this.api.request('POST', '/api/payments', { token: this.books.token, key: `drain-${process.pid}-${Date.now()}-${Math.random()}`, body: { code: code.body.code, amount: cny(left) } });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  }
}

export type Prefix = { balances: [number, number]; campaigns: CampaignSpec[]; grants: [number, number][] };

const prefixArb: fc.Arbitrary<Prefix> = fc.record({
  balances: fc.tuple(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 30_000 })),
  campaigns: fc.array(campaignSpecArb, { minLength: 1, maxLength: 2 }),
  grants: fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 0, max: 1 })), { maxLength: 4 }),
});

/** One run: a fresh starting point, the prefix (balances, campaigns, grants), the commands, a last look. */
let runsInProcess = 0;
async function runOnce(api: TestApi, pool: CustomerPool, staff: Record<CashierName, Staff>, real: Real, prefix: Prefix, commands: Iterable<fc.AsyncCommand<Model, Real, false>>) {
  api.clock.advance(BETWEEN_RUNS_MS);
  const model: Model = {
    // Numbers the run's idempotency keys and titles, so no two runs in this process share one.
    run: ++runsInProcess,
    ttlMs: api.deps.config.paycodeTtlMs,
    offlineWindowMs: api.deps.config.offlineWindowMs,
    staff,
    customers: await pool.take(),
    campaigns: [],
    coupons: [],
    codes: [],
    payments: [],
    refunds: [],
    topups: [],
    grants: [],
    throttle: new Map(),
    keys: 0,
  };
  // The run's starting point, made through the API and checked like any command.
  for (const [customer, amount] of prefix.balances.entries()) if (amount > 0) await new TopUp(customer, amount).run(model, real);
  for (const spec of prefix.campaigns) await new CreateCampaign(spec).run(model, real);
  for (const [pick, customer] of prefix.grants) {
    const grant = new Grant(pick, customer, false);
    // None to give when every campaign of the prefix was refused.
    if (grant.check(model)) await grant.run(model, real);
  }
  await fc.asyncModelRun(() => ({ model, real }), commands);
  // And at the end, what both customers see.
  for (const customer of [0, 1]) {
    await new CheckWallet(customer).run(model, real);
    await new CheckCoupons(customer).run(model, real);
  }
}

/**
 * A fixed scenario through the same model: a failure that random runs found (or that we know to look for),
 * kept as an example so that it is checked on every run, not only when the dice fall that way.
 */
export async function runModelScenario(api: TestApi, prefix: Prefix, commands: fc.AsyncCommand<Model, Real, false>[]): Promise<void> {
  const staff = await signInStaff(api);
  const pool = new CustomerPool(api, staff.books);
  const real: Real = { api, sweep: () => sweepExpiredRows(api.deps.db.kysely, api.clock.now()), stats: { commands: 0, outcomes: new Map() } };
  await runOnce(api, pool, staff, real, prefix, commands);
}

export async function checkModelAgainstApi(api: TestApi, options: ModelCheckOptions): Promise<ModelCheckReport> {
  const staff = await signInStaff(api);
  const pool = new CustomerPool(api, staff.books);
  const stats = { commands: 0, outcomes: new Map<string, number>() };
  let runs = 0;
  const seed = process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : (Date.now() ^ (process.pid << 10)) | 0;
  const path = process.env.MODEL_PATH || undefined;
  // fast-check replays a shrunk command list only with the replay path it printed along with seed and path.
  const replayPath = process.env.MODEL_REPLAY_PATH || undefined;
  const real: Real = { api, sweep: () => sweepExpiredRows(api.deps.db.kysely, api.clock.now()), stats };

  const property = fc.asyncProperty(prefixArb, fc.commands(commandArbs, { maxCommands: options.maxCommands, size: 'max', replayPath }), async (prefix, commands) => {
    runs++;
    await runOnce(api, pool, staff, real, prefix, commands);
    if (runs % INVARIANT_EVERY_RUNS === 0) expect((await checkInvariants(api.deps.db.kysely)).violations).toEqual([]);
  });

  try {
    await fc.assert(property, { numRuns: options.numRuns, seed, path, ...(path ? { endOnFailure: true } : {}) });
  } catch (error) {
    const message = (error as Error).message;
    const replay = /seed: (-?\d+), path: "([^"]+)"/.exec(message);
    const commandsPath = /replayPath="([^"]+)"/.exec(message);
    throw new Error(
      `The API disagreed with the model. Replay: MODEL_SEED=${replay?.[1] ?? seed} MODEL_PATH=${replay?.[2] ?? '?'} MODEL_REPLAY_PATH='${commandsPath?.[1] ?? ''}' (on ${api.dialect}).\n${message}`,
      { cause: error },
    );
  }
  return { runs, commands: stats.commands, seed, outcomes: Object.fromEntries([...stats.outcomes].sort()) };
}
