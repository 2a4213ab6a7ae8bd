/**
 * Settling a group of payments together (payments/settle-group.ts, decided in memory by group-plan.ts) must
 * answer exactly what settling the same requests one after another answers (payments/batcher.ts settleAll, each
 * through settle.ts settlePayment): the same outcome for every request, and afterwards the same balances, coupons,
 * codes, campaign budgets and transfers.
 *
 * Two databases start identical: the demo data plus a round of shop life written through the API's routes and
 * domain functions on database A (customers who signed up, top-ups, campaigns of every kind, grants, payment
 * codes issued one after another so that older ones are retired or expire, a coupon passed on to a friend,
 * payments that used codes and most of a budget), then A is copied to B. Random groups are then settled on A
 * together and on B one by one, at the same fixed clock, and compared request by request and table by table;
 * each round ends with a full comparison and the ledger's invariants on both, and B is copied from A again.
 *
 * SEED=<n> replays the choices of a run (codes and ids are random, so a replay is the same scenario, not the
 * same bytes).
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { defaultConfig } from '../../api/config.js';
import { ruleColumns } from '../../api/coupons/campaigns.js';
import type { CouponRule } from '../../api/coupons/rules.js';
import { grantCoupon } from '../../api/coupons/store.js';
import type { Database } from '../../api/db/schema.js';
import { inTransaction } from '../../api/db/tx.js';
import { ApiError } from '../../api/http/errors.js';
import { canonicalJson } from '../../api/http/idempotency.js';
import { newId, sha256 } from '../../api/ids.js';
import { checkInvariants } from '../../api/ledger/invariants.js';
import { externalAccountId, platformAccountId } from '../../api/ledger/system-accounts.js';
import { postTransfers } from '../../api/ledger/transfers.js';
import { paycodeHash } from '../../api/paycodes/codes.js';
import { issuePaycode } from '../../api/paycodes/issue.js';
import { settleAll, settleBatch, type Outcome } from '../../api/payments/batcher.js';
import { NeedsSteps, SET_MAX, settleTogether } from '../../api/payments/settle-group.js';
import { SCAN_CLOCK_SKEW_MS } from '../../api/payments/scan-time.js';
import { SettlementGroup, type PaymentRequest, type SettleResult } from '../../api/payments/settle.js';
import { startDeps } from '../../api/server.js';
import { runSeed, seededRandom, type Random } from '../support/random.js';
import { dialects, freshDatabaseUrl, must, requestApp, TestClock, type DialectName } from './harness.js';

/**
 * Rounds of fresh shop life, each followed by random groups: 2 × 50 = 100 groups per dialect. Few rounds, since
 * each copies a database (half a second on PostgreSQL); many codes per round instead.
 */
const ROUNDS = 2;
const GROUPS_PER_ROUND = 50;
/** The largest random group: a crowd at two tills, well under SET_MAX. */
const GROUP_SIZE_MAX = 40;
/** Customers who sign up besides the demo's alice, bob and carol. */
const SIGNUPS = 14;
/** A fixed clock: 12 May 2031, 08:00 UTC. Both databases read the same one. */
const START_MS = Date.UTC(2031, 4, 12, 8, 0, 0);
/** Rounds are this far apart on the clock, so a round's codes and campaigns are its own. */
const ROUND_SPACING_MS = 45 * 60_000;
/** Within a round: campaigns at its start, codes issued over the next minutes, groups settled from SETTLE_AFTER_MS. */
const SETTLE_AFTER_MS = 25 * 60_000;
const CURRENCY = 'CNY';
const YEAR_MS = 365 * 86_400_000;
/** Coupons alice passes on to bob each round (one more stays on offer). */
const SHARES_CLAIMED = 3;
/** Sessions outlive the hours of clock time the rounds add up to. */
const SESSION_TTL_MS = 10 * YEAR_MS;

const SEED = runSeed();
console.log(`settle-group.test: SEED=${SEED} (SEED=${SEED} npx vitest run tests/api/settle-group.test.ts replays the choices)`);

type Deps = Awaited<ReturnType<typeof startDeps>>;
type App = ReturnType<typeof createApp>;
type Db = Kysely<Database>;

interface Side {
  name: 'A' | 'B';
  url: string;
  drop(): Promise<void>;
  deps: Deps;
  app: App;
}

interface Shop {
  handle: string;
  id: string;
  cashierId: string;
  token: string;
}

interface Customer {
  id: string;
  handle: string;
  accountId: string;
}

/** A payment code as issued, with its times as stored when the round's groups began. */
interface CodeInfo {
  code: string;
  hash: string;
  customerId: string;
  couponId: string | null;
  createdAt: number;
  expiresAt: number;
  /** When it was retired or used before the groups; null while live. */
  endedAt: number | null;
  state: 'live' | 'used' | 'retired';
}

interface World {
  dialect: DialectName;
  clock: TestClock;
  rng: Random;
  a: Side;
  /** Made by the first round, as a copy of A. */
  b?: Side;
  cafe: Shop;
  books: Shop;
  managerToken: string;
  aliceToken: string;
  bobToken: string;
  customers: Customer[];
  demoCampaigns: { fivesOff: string; all: string[] };
  oldCodes: CodeInfo[];
  keys: number;
  terminalSeq: number;
}

interface Round {
  index: number;
  codes: CodeInfo[];
  /** Alice's codes that held the coupons she passed on: rare enough to be paid with on purpose. */
  shared: CodeInfo[];
}

// ————————————————————————————————————————————— the two databases

function sideB(w: World): Side {
  if (!w.b) throw new Error('database B is made by the first round (prepareRound)');
  return w.b;
}

function configFor(url: string) {
  return defaultConfig({ databaseUrl: url, logLevel: 'silent', demo: true, sessionTtlMs: SESSION_TTL_MS, customerSessionIdleMs: SESSION_TTL_MS, customerSessionMaxMs: SESSION_TTL_MS });
}

async function openSide(name: Side['name'], url: string, drop: () => Promise<void>, clock: TestClock): Promise<Side> {
  const deps = await startDeps(configFor(url), clock);
  return { name, url, drop, deps, app: createApp(deps) };
}


/** Databases dropped in the background while the test goes on; awaited when the file is done. */
const dropping: Promise<void>[] = [];

/** B becomes a fresh copy of A: both closed, the old B dropped, A copied, both opened again at the same clock. */
async function copyAToB(dialect: DialectName, clock: TestClock, a: Side, b: Side | undefined): Promise<{ a: Side; b: Side }> {
  await Promise.all([a.deps.stop(), b?.deps.stop()]);
  if (b) {
    const dropped = b.drop();
    dropped.catch(() => {}); // reported when awaited, at the end of the file
    dropping.push(dropped);
  }
  const copy = await freshDatabaseUrl(dialect, a.url);
  const [reopened, copied] = await Promise.all([openSide('A', a.url, a.drop, clock), openSide('B', copy.url, copy.drop, clock)]);
  return { a: reopened, b: copied };
}

// ————————————————————————————————————————————— the API, as the tills and phones call it

const signIn = async (side: Side, body: Record<string, string>) => (await must(requestApp(side.app, 'POST', '/api/sessions', { body }), 201)).token as string;

const nextKey = (w: World) => `sg-${SEED}-${++w.keys}`;

/** The request hash the payment routes compute: what the payment means (code, amount, scan time). */
function requestFor(w: World, shop: Shop, code: string, amount: number, scannedAt: number | null, key = nextKey(w)): PaymentRequest {
  const offline = scannedAt !== null;
  return {
    merchantId: shop.id,
    cashierId: shop.cashierId,
    takenBy: shop.cashierId,
    idempotencyKey: key,
    requestHash: sha256(canonicalJson({ code, amount: { amount, currency: CURRENCY }, scannedAt })),
    code,
    amount,
    currency: CURRENCY,
    scannedAt,
    terminalId: offline ? `till-${shop.handle}` : null,
    terminalSeq: offline ? ++w.terminalSeq : null,
  };
}

// ————————————————————————————————————————————— the world: demo data, sign-ups, sessions

async function buildWorld(dialect: DialectName): Promise<World> {
  const clock = new TestClock(START_MS);
  const freshA = await freshDatabaseUrl(dialect);
  const a = await openSide('A', freshA.url, freshA.drop, clock);
  const db = a.deps.db.kysely;
  // The customers who sign up, in parallel (each PIN hash takes tens of milliseconds on the thread pool).
  const handles = Array.from({ length: SIGNUPS }, (_, i) => `guest${String(i + 1).padStart(2, '0')}`);
  await Promise.all(handles.map((handle) => must(requestApp(a.app, 'POST', '/api/customers', { body: { handle, pin: '2468' } }), 201)));
  const [managerToken, cafeToken, booksToken, aliceToken, bobToken] = await Promise.all([
    signIn(a, { role: 'cashier', merchant: 'demo-cafe', handle: 'owner', pin: '9999' }),
    signIn(a, { role: 'cashier', merchant: 'demo-cafe', handle: 'cashier-1', pin: '1234' }),
    signIn(a, { role: 'cashier', merchant: 'demo-books', handle: 'cashier-1', pin: '4321' }),
    signIn(a, { role: 'customer', handle: 'alice', pin: '1111' }),
    signIn(a, { role: 'customer', handle: 'bob', pin: '2222' }),
  ]);
  const shop = async (handle: string, token: string): Promise<Shop> => {
    const row = await db
      .selectFrom('merchants')
      .innerJoin('cashiers', 'cashiers.merchant_id', 'merchants.id')
      .select(['merchants.id', 'cashiers.id as cashier_id'])
      .where('merchants.handle', '=', handle)
      .where('cashiers.handle', '=', 'cashier-1')
      .executeTakeFirstOrThrow();
    return { handle, id: row.id, cashierId: row.cashier_id, token };
  };
  const customers = (await db.selectFrom('customers').select(['id', 'handle', 'account_id']).orderBy('handle').execute()).map((c) => ({
    id: c.id,
    handle: c.handle,
    accountId: c.account_id,
  }));
  const campaigns = await db.selectFrom('campaigns').select(['id', 'title']).orderBy('title').execute();
  const [cafe, books] = [await shop('demo-cafe', cafeToken), await shop('demo-books', booksToken)];
  return {
    dialect,
    clock,
    rng: seededRandom(SEED),
    a,
    cafe,
    books,
    managerToken,
    aliceToken,
    bobToken,
    customers,
    demoCampaigns: { fivesOff: campaigns.find((c) => c.title === '¥5 off')!.id, all: campaigns.map((c) => c.id) },
    oldCodes: [],
    keys: 0,
    terminalSeq: 0,
  };
}

// ————————————————————————————————————————————— a round of shop life, written on A

async function merchantCampaign(w: World, body: Record<string, unknown>): Promise<string> {
  const created = await must(requestApp(w.a.app, 'POST', '/api/campaigns', { token: w.managerToken, key: nextKey(w), body }), 201);
  return created.campaign.id as string;
}

/** The platform's own campaigns have no route (DESIGN.md: the operator sets them up); written as the demo seed does. */
async function platformCampaign(w: World, title: string, rule: CouponRule, budget: number | null): Promise<string> {
  const now = w.clock.now();
  const id = newId('cmp', now);
  await w.a.deps.db.kysely
    .insertInto('campaigns')
    .values({
      id,
      issuer_merchant_id: null,
      title,
      funding: 'platform',
      ...ruleColumns(rule),
      valid_from: now,
      valid_until: now + YEAR_MS,
      all_merchants: 1,
      minimum_spend: null,
      stock: null,
      issued: 0,
      per_customer_limit: null,
      budget,
      spent: 0,
      currency: CURRENCY,
      created_at: now,
      shareable: 0,
    })
    .execute();
  return id;
}

const iso = (ms: number) => new Date(ms).toISOString();
const money = (amount: number) => ({ amount, currency: CURRENCY });

/** `balanceAtLeast`: every customer is topped up to at least this much, for tests that need payments to go through. */
async function prepareRound(w: World, index: number, options: { balanceAtLeast?: number } = {}): Promise<Round> {
  const { rng, clock } = w;
  const db = w.a.deps.db.kysely;
  const start = START_MS + index * ROUND_SPACING_MS;
  clock.advance(start - clock.now());
  const settleAt = start + SETTLE_AFTER_MS;

  // Campaigns of every kind. The café's manager makes the shop's own (merchant-funded, valid at the café only).
  const r = `r${index}`;
  const campaigns = {
    threshold: await merchantCampaign(w, { title: `${r} 10 off 50`, rule: { kind: 'threshold', minimum: 5_000, off: 1_000 }, validUntil: iso(start + YEAR_MS) }),
    minimumSpend: await merchantCampaign(w, { title: `${r} 3 off, spend 15`, rule: { kind: 'fixed', off: 300 }, minimumSpend: money(1_500), validUntil: iso(start + YEAR_MS) }),
    merchantBudget: await merchantCampaign(w, { title: `${r} 10%, at most 6`, rule: { kind: 'percent', percent: 10, cap: 600 }, budget: money(2_500), validUntil: iso(start + YEAR_MS) }),
    // Ends just before the groups: the codes issued last hold its coupons and are still live after it.
    endsSoon: await merchantCampaign(w, { title: `${r} 2 off, ends soon`, rule: { kind: 'fixed', off: 200 }, validUntil: iso(settleAt - 1_000) }),
    postponed: await merchantCampaign(w, { title: `${r} 4 off, postponed`, rule: { kind: 'fixed', off: 400 }, validUntil: iso(start + YEAR_MS) }),
    platformBudget: await platformCampaign(w, `${r} 7 off from us`, { kind: 'fixed', off: 700 }, 3_000),
    platformPercent: await platformCampaign(w, `${r} 25%, at most 12`, { kind: 'percent', percent: 25, cap: 1_200 }, null),
    platformUncapped: await platformCampaign(w, `${r} 5% off`, { kind: 'percent', percent: 5, cap: null }, null),
  };
  const pool = [...Object.values(campaigns), ...w.demoCampaigns.all];
  const alice = w.customers.find((c) => c.handle === 'alice')!;
  const bob = w.customers.find((c) => c.handle === 'bob')!;

  // Grants and top-ups, as the domain functions behind the routes write them.
  const toShare: string[] = [];
  await inTransaction(db, async (trx) => {
    const now = clock.now();
    for (const customer of w.customers) {
      const grants = [campaigns.platformBudget, campaigns.merchantBudget].filter(() => rng.chance(0.7));
      grants.push(campaigns.endsSoon);
      if (rng.chance(0.5)) grants.push(campaigns.postponed);
      for (let i = rng.int(1, 3); i > 0; i--) grants.push(rng.pick(pool));
      for (const campaignId of grants) await grantCoupon(trx, w.a.deps.db.dialect, { campaignId, customerId: customer.id, now });
      const { balance } = await trx.selectFrom('accounts').select('balance').where('id', '=', customer.accountId).executeTakeFirstOrThrow();
      const topUp = Math.max(rng.pick([0, 300, 1_500, 6_000, 25_000, 90_000]), (options.balanceAtLeast ?? 0) - balance);
      if (topUp > 0) {
        await postTransfers(trx, CURRENCY, [{ debit: externalAccountId(CURRENCY), credit: customer.accountId, amount: topUp, kind: 'topup' }], now);
      }
    }
    // Shareable "5 off" coupons alice will pass on: friends claim the first SHARES_CLAIMED, the last stays on offer.
    for (let i = 0; i <= SHARES_CLAIMED; i++) toShare.push(await grantCoupon(trx, w.a.deps.db.dialect, { campaignId: w.demoCampaigns.fivesOff, customerId: alice.id, now }));
  });

  // Payment codes, issued in time order over the round's first minutes: each customer's new code retires the
  // previous one, so older codes are retired (before or after their 60 s ran out) or expired, and the last is
  // live at the time the groups settle for about half the customers.
  type Issue = { at: number; customer: Customer; forced?: string; last?: boolean };
  const issues: Issue[] = [];
  for (const customer of w.customers) {
    let at = start + rng.int(60_000, 8 * 60_000);
    const count = customer === alice ? rng.int(toShare.length + 1, 14) : rng.int(6, 14);
    for (let i = 0; i < count && at < settleAt - 60_000; i++) {
      issues.push({ at, customer, forced: customer === alice ? toShare[i] : undefined });
      at += rng.int(10_000, 90_000);
    }
    if (rng.chance(0.5)) issues.push({ at: settleAt - rng.int(5_000, 45_000), customer, last: true });
  }
  issues.sort((x, y) => x.at - y.at);
  const codes: CodeInfo[] = [];
  const lastCoupon = new Map<string, string | null>();
  await inTransaction(db, async (trx) => {
    for (const issue of issues) {
      let couponId: string | null = issue.forced ?? null;
      if (!issue.forced) {
        const rows = await trx
          .selectFrom('coupons')
          .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
          .select(['coupons.id', 'coupons.campaign_id'])
          .where('coupons.customer_id', '=', issue.customer.id)
          .where('coupons.state', 'in', ['available', 'reserved'])
          .where('campaigns.valid_from', '<=', issue.at)
          .where('campaigns.valid_until', '>', issue.at)
          .orderBy('campaigns.title')
          .orderBy('coupons.granted_at')
          .orderBy('coupons.id')
          .execute();
        const usable = rows.map((c) => c.id).filter((id) => !toShare.includes(id));
        const endingSoon = rows.find((c) => c.campaign_id === campaigns.endsSoon)?.id;
        const previous = lastCoupon.get(issue.customer.id);
        // Now and then the new code holds the coupon the previous one held: the old code then names a coupon
        // reserved by another code. A code live when the groups settle often holds a coupon about to expire.
        if (issue.last && endingSoon && rng.chance(0.8)) couponId = endingSoon;
        else if (previous && usable.includes(previous) && rng.chance(0.3)) couponId = previous;
        else if (usable.length > 0 && rng.chance(0.6)) couponId = rng.pick(usable);
      }
      const { code, expiresAt } = await issuePaycode(trx, { customerId: issue.customer.id, couponId, now: issue.at, ttlMs: w.a.deps.config.paycodeTtlMs });
      lastCoupon.set(issue.customer.id, couponId);
      codes.push({ code, hash: paycodeHash(code), customerId: issue.customer.id, couponId, createdAt: issue.at, expiresAt, endedAt: null, state: 'live' });
    }
  });
  clock.advance(settleAt - clock.now());

  // Alice passes her coupons on (the codes that held them are retired, so they are free): bob claims some, the
  // last stays on offer. Her old codes now name coupons she no longer owns, and one that cannot pay while offered.
  for (const [i, couponId] of toShare.entries()) {
    const shared = await must(requestApp(w.a.app, 'POST', `/api/coupons/${couponId}/shares`, { token: w.aliceToken, body: {} }), 201);
    if (i < SHARES_CLAIMED) await must(requestApp(w.a.app, 'POST', `/api/shares/${shared.share.token}/claim`, { token: w.bobToken, body: {} }), 201);
  }
  expect((await db.selectFrom('coupons').select('customer_id').where('id', '=', toShare[0]!).executeTakeFirstOrThrow()).customer_id).toBe(bob.id);

  // Payments before the groups, through the payment route: they use codes up and spend most of the budgets.
  const pay = (shop: Shop, info: CodeInfo, amount: number) =>
    must(
      requestApp(w.a.app, 'POST', '/api/payments', {
        token: shop.token,
        key: nextKey(w),
        body: { code: info.code, amount: money(amount), scannedAt: iso(info.createdAt + 1_000) },
      }),
      201,
      402,
    );
  const couponCampaign = new Map(
    (await db.selectFrom('coupons').select(['id', 'campaign_id']).where('id', 'in', codes.flatMap((c) => (c.couponId ? [c.couponId] : [])).concat([''])).execute()).map(
      (c) => [c.id, c.campaign_id],
    ),
  );
  const paidBefore = new Set<string>();
  for (const campaignId of [campaigns.platformBudget, campaigns.merchantBudget]) {
    for (const info of codes.filter((c) => c.couponId && couponCampaign.get(c.couponId) === campaignId).slice(0, 2)) {
      await pay(w.cafe, info, 6_000);
      paidBefore.add(info.hash);
    }
  }
  for (const info of codes) {
    if (paidBefore.has(info.hash) || !rng.chance(0.08)) continue;
    await pay(rng.pick([w.cafe, w.books]), info, rng.int(100, 9_000));
  }

  // The platform's marketing budget runs low: less than the subsidies the groups will ask for. The shop moves
  // its postponed campaign to start tomorrow, after codes already hold its coupons. Up to ¥30 left: with up to ¥70
  // (until session 50) a run now and then met no exhausted budget at all, and the check of every outcome below
  // failed for its seed (none in one full run; 2–47 over 24 other seeds); with ¥10–30, 26–67 over ten seeds, with 8–12
  // platform subsidies still paid.
  await inTransaction(db, async (trx) => {
    const platform = platformAccountId(CURRENCY);
    const { balance } = await trx.selectFrom('accounts').select('balance').where('id', '=', platform).executeTakeFirstOrThrow();
    const target = rng.int(1_000, 3_000);
    const change = target - balance;
    if (change !== 0) {
      const [debit, credit] = change > 0 ? [externalAccountId(CURRENCY), platform] : [platform, externalAccountId(CURRENCY)];
      await postTransfers(trx, CURRENCY, [{ debit, credit, amount: Math.abs(change), kind: 'funding' }], clock.now());
    }
    await trx.updateTable('campaigns').set({ valid_from: settleAt + 86_400_000 }).where('id', '=', campaigns.postponed).execute();
  });

  // The codes as stored now.
  const stored = new Map(
    (await db.selectFrom('paycodes').select(['code_hash', 'state', 'ended_at']).where('code_hash', 'in', codes.map((c) => c.hash)).execute()).map((p) => [p.code_hash, p]),
  );
  for (const info of codes) {
    const row = stored.get(info.hash)!;
    info.state = row.state;
    info.endedAt = row.ended_at;
  }
  ({ a: w.a, b: w.b } = await copyAToB(w.dialect, clock, w.a, w.b));
  return { index, codes, shared: codes.filter((c) => c.couponId !== null && toShare.includes(c.couponId)) };
}

// ————————————————————————————————————————————— random groups

/** A scan time for a request with this code: now, inside the code's life, around its edges, or far off. */
function scanTime(rng: Random, info: CodeInfo, now: number, offlineWindowMs: number): number | null {
  const ends = Math.min(info.expiresAt, info.state === 'retired' && info.endedAt !== null ? info.endedAt : Infinity);
  const inside = () => info.createdAt + rng.int(0, Math.max(0, Math.min(ends, now + 1) - 1 - info.createdAt));
  // A code still on a phone's screen is mostly scanned there and then.
  if (info.state === 'live' && info.expiresAt > now && rng.chance(0.4)) return null;
  switch (rng.pick(['online', 'online', 'inside', 'inside', 'inside', 'inside', 'inside', 'inside', 'afterEnd', 'edge', 'early', 'tooEarly', 'tooOld', 'ahead'] as const)) {
    case 'online':
      return null;
    case 'inside':
      return inside();
    case 'afterEnd':
      return ends <= now ? rng.int(ends, now) : inside();
    case 'edge':
      return rng.pick([info.createdAt, ends - 1, ends, info.createdAt - SCAN_CLOCK_SKEW_MS, info.createdAt - SCAN_CLOCK_SKEW_MS - 1].filter((t) => t <= now));
    case 'early':
      return info.createdAt - rng.int(1, SCAN_CLOCK_SKEW_MS);
    case 'tooEarly':
      return info.createdAt - SCAN_CLOCK_SKEW_MS - rng.int(1, 3_600_000);
    case 'tooOld':
      return rng.pick([now - offlineWindowMs, now - offlineWindowMs - 1, now - offlineWindowMs - rng.int(2, 3_600_000)]);
    case 'ahead':
      return now + rng.pick([1, SCAN_CLOCK_SKEW_MS, rng.int(1, SCAN_CLOCK_SKEW_MS)]);
  }
}

function amountFor(rng: Random): number {
  switch (rng.int(0, 5)) {
    case 0:
      return rng.int(1, 800);
    case 1:
    case 2:
      return rng.int(800, 6_000);
    case 3:
      return rng.int(6_000, 25_000);
    case 4:
      return rng.int(25_000, 90_000);
    default:
      return rng.pick([299, 300, 1_499, 1_500, 4_999, 5_000, 5_001, 50_000, 50_001]); // and the offline cap
  }
}

/**
 * 1 to GROUP_SIZE_MAX requests at either shop, each with a code that exists, no code, key or coupon twice among
 * the new ones (those groups are the step-by-step path's). Codes not yet tried this round are preferred. Now and
 * then a new request carries the key of another one of the group at the other shop (keys are per shop), and,
 * when the group looks its keys up first, a request of an earlier group comes again (a batch sent twice).
 */
function randomGroup(
  w: World,
  round: Round,
  tried: Set<string>,
  earlier: readonly PaymentRequest[],
  keyLookupFirst: boolean,
  featured: readonly CodeInfo[] = [],
): { requests: PaymentRequest[]; codes: (CodeInfo | undefined)[] } {
  const { rng } = w;
  // Half the groups small (a quiet moment), half of any size up to the maximum (a crowd, an offline batch).
  const size = rng.chance(0.5) ? rng.int(1, 8) : rng.int(1, GROUP_SIZE_MAX);
  const fresh = round.codes.filter((c) => !tried.has(c.hash));
  const hashes = new Set<string>();
  const coupons = new Set<string>();
  const keys = new Set<string>();
  const requests: PaymentRequest[] = [];
  const made: PaymentRequest[] = [];
  const codes: (CodeInfo | undefined)[] = [];
  const now = w.clock.now();
  for (const info of featured) {
    const request = requestFor(w, w.cafe, info.code, amountFor(rng), info.createdAt + rng.int(0, 5_000));
    hashes.add(info.hash);
    if (info.couponId !== null) coupons.add(info.couponId);
    keys.add(`${w.cafe.id} ${request.idempotencyKey}`);
    tried.add(info.hash);
    made.push(request);
    requests.push(request);
    codes.push(info);
  }
  for (let attempt = 0; requests.length < size && attempt < size * 20; attempt++) {
    if (keyLookupFirst && earlier.length > 0 && rng.chance(0.1)) {
      const again = rng.pick(earlier);
      if (keys.has(`${again.merchantId} ${again.idempotencyKey}`)) continue;
      keys.add(`${again.merchantId} ${again.idempotencyKey}`);
      requests.push(again);
      codes.push(undefined);
      continue;
    }
    const info =
      w.oldCodes.length > 0 && rng.chance(0.05) ? rng.pick(w.oldCodes) : fresh.length > 0 && rng.chance(0.8) ? rng.pick(fresh) : rng.pick(round.codes);
    if (hashes.has(info.hash)) continue;
    if (info.couponId !== null && coupons.has(info.couponId)) continue;
    const shop = rng.chance(0.6) ? w.cafe : w.books;
    // Only a key made for this group: one of an earlier group may be stored at the other shop already.
    const sameKeyElsewhere = rng.chance(0.05) ? made.find((r) => r.merchantId !== shop.id && !keys.has(`${shop.id} ${r.idempotencyKey}`)) : undefined;
    const request = requestFor(w, shop, info.code, amountFor(rng), scanTime(rng, info, now, w.a.deps.config.offlineWindowMs), sameKeyElsewhere?.idempotencyKey);
    hashes.add(info.hash);
    if (info.couponId !== null) coupons.add(info.couponId);
    keys.add(`${shop.id} ${request.idempotencyKey}`);
    tried.add(info.hash);
    made.push(request);
    requests.push(request);
    codes.push(info);
  }
  return { requests, codes };
}

// ————————————————————————————————————————————— settling, and comparing

async function settleTogetherOn(side: Side, requests: readonly PaymentRequest[], keyLookupFirst: boolean): Promise<SettleResult[]> {
  return inTransaction(side.deps.db.kysely, async (trx) => {
    const group = new SettlementGroup();
    const results = await settleTogether(trx, side.deps, requests, group, { keyLookupFirst });
    await group.apply(trx);
    return results;
  });
}

async function settleStepsOn(side: Side, requests: readonly PaymentRequest[]): Promise<Outcome[]> {
  return inTransaction(side.deps.db.kysely, (trx) => settleAll(trx, side.deps, requests));
}

/** What a caller is told, without the payment's random id. */
function answer(result: SettleResult) {
  const { id: _id, ...payment } = result.payment;
  return { payment, replayed: result.replayed, customerHandle: result.customerHandle, couponTitle: result.couponTitle };
}

function okResults(outcomes: Outcome[]): SettleResult[] {
  return outcomes.map((outcome, i) => {
    if (!outcome.ok) throw new Error(`the step-by-step path failed request ${i}: ${String(outcome.error)}`);
    return outcome.result;
  });
}

/**
 * Transfers as [whose, kind, debit, credit, amount, currency, time], sorted: a payment's by its (shop, key), a
 * refund's likewise, others (top-ups, funding, copied from A) by their own id.
 */
async function transfers(db: Db, keys?: readonly string[]) {
  let q = db
    .selectFrom('transfers')
    .leftJoin('payments', 'payments.id', 'transfers.payment_id')
    .select([
      'transfers.id',
      'transfers.debit_account_id',
      'transfers.credit_account_id',
      'transfers.amount',
      'transfers.currency',
      'transfers.kind',
      'transfers.created_at',
      'payments.merchant_id',
      'payments.idempotency_key',
    ]);
  if (keys) q = q.where('payments.idempotency_key', 'in', [...keys, '']);
  const rows = (await q.execute()).map(
    (t) =>
      [
        t.idempotency_key !== null ? `${t.merchant_id}/${t.idempotency_key}` : t.id,
        t.kind,
        t.debit_account_id,
        t.credit_account_id,
        t.amount,
        t.currency,
        t.created_at,
      ] as const,
  );
  return rows.sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
}

/** What a group can change: balances, coupons, budgets, the codes it paid with, its payments and transfers. */
async function groupState(db: Db, hashes: readonly string[], keys: readonly string[]) {
  const [accounts, coupons, campaigns, paycodes, paid, moved] = await Promise.all([
    db.selectFrom('accounts').select(['id', 'balance']).orderBy('id').execute(),
    couponStates(db, hashes),
    db.selectFrom('campaigns').select(['id', 'spent', 'issued', 'valid_from', 'valid_until']).orderBy('id').execute(),
    db.selectFrom('paycodes').select(['code_hash', 'state', 'ended_at', 'coupon_id']).where('code_hash', 'in', [...hashes, '']).orderBy('code_hash').execute(),
    payments(db, keys),
    transfers(db, keys),
  ]);
  return { accounts, coupons, campaigns, paycodes, payments: paid, transfers: moved };
}

/** Coupons with the (shop, key) of the payment that redeemed them; with `hashes`, only those these codes name or hold. */
async function couponStates(db: Db, hashes?: readonly string[]) {
  let q = db
    .selectFrom('coupons')
    .leftJoin('payments', 'payments.id', 'coupons.redeemed_payment_id')
    .select([
      'coupons.id',
      'coupons.customer_id',
      'coupons.state',
      'coupons.reserved_code_hash',
      'coupons.reserved_until',
      'coupons.updated_at',
      'coupons.source',
      'payments.merchant_id as redeemed_at_shop',
      'payments.idempotency_key as redeemed_by_key',
    ])
    .orderBy('coupons.id');
  if (hashes) {
    // A group redeems or releases only the coupons its codes name or hold.
    const named = await db.selectFrom('paycodes').select('coupon_id').where('code_hash', 'in', [...hashes, '']).where('coupon_id', 'is not', null).execute();
    const ids = [...named.map((c) => c.coupon_id!), ''];
    q = q.where((eb) => eb.or([eb('coupons.id', 'in', ids), eb('coupons.reserved_code_hash', 'in', [...hashes, ''])]));
  }
  return q.execute();
}

async function payments(db: Db, keys?: readonly string[]) {
  let q = db.selectFrom('payments').selectAll().orderBy('merchant_id').orderBy('idempotency_key');
  if (keys) q = q.where('idempotency_key', 'in', [...keys, '']);
  return (await q.execute()).map(({ id: _id, ...row }) => row);
}

/** Everything a round could have changed, with each account's number of transfers and their sums. */
async function fullState(db: Db) {
  const all = await transfers(db);
  const perAccount = new Map<string, { debits: number; debited: number; credits: number; credited: number }>();
  const of = (id: string) => perAccount.get(id) ?? perAccount.set(id, { debits: 0, debited: 0, credits: 0, credited: 0 }).get(id)!;
  for (const [, , debit, credit, amount] of all) {
    of(debit).debits++;
    of(debit).debited += amount;
    of(credit).credits++;
    of(credit).credited += amount;
  }
  return {
    accounts: await db.selectFrom('accounts').select(['id', 'kind', 'balance', 'min_balance']).orderBy('id').execute(),
    perAccount: [...perAccount.entries()].sort(([x], [y]) => (x < y ? -1 : 1)),
    transfers: all,
    coupons: await couponStates(db),
    campaigns: await db.selectFrom('campaigns').selectAll().orderBy('id').execute(),
    paycodes: await db.selectFrom('paycodes').selectAll().orderBy('code_hash').execute(),
    payments: await payments(db),
    throttles: await db.selectFrom('throttles').selectAll().orderBy('key').execute(),
  };
}

async function expectInvariants(side: Side) {
  const report = await checkInvariants(side.deps.db.kysely);
  expect(report.violations, `ledger invariants on ${side.name}`).toEqual([]);
}

function describeGroup(w: World, where: string, requests: readonly PaymentRequest[], codes: readonly (CodeInfo | undefined)[]) {
  const lines = requests.map((req, i) => {
    const info = codes[i];
    const facts = info
      ? ` code(created ${info.createdAt - w.clock.now()}ms from now, expires ${info.expiresAt - w.clock.now()}, ${info.state}` +
        `${info.endedAt !== null ? ` ended ${info.endedAt - w.clock.now()}` : ''}, coupon ${info.couponId}, customer ${info.customerId})`
      : '';
    return `  #${i} key ${req.idempotencyKey} ${req.merchantId === w.cafe.id ? 'cafe' : 'books'} amount ${req.amount} scannedAt ${req.scannedAt === null ? 'null' : `now${req.scannedAt - w.clock.now() >= 0 ? '+' : ''}${req.scannedAt - w.clock.now()}`}${facts}`;
  });
  return `SEED=${SEED} ${w.dialect} ${where}\n${lines.join('\n')}`;
}

/** Settles one group on both databases and compares the answers and what changed. */
async function settleAndCompare(w: World, where: string, requests: PaymentRequest[], codes: (CodeInfo | undefined)[], keyLookupFirst: boolean) {
  const context = describeGroup(w, where, requests, codes);
  // The two databases are apart, and the clock stands still meanwhile: both settle at once.
  const [settledTogether, settledInSteps] = await Promise.allSettled([settleTogetherOn(w.a, requests, keyLookupFirst), settleStepsOn(sideB(w), requests)]);
  if (settledTogether.status === 'rejected') throw new Error(`settleTogether refused a group it should settle (${String(settledTogether.reason)})\n${context}`);
  if (settledInSteps.status === 'rejected') throw settledInSteps.reason;
  const together = settledTogether.value;
  const steps = okResults(settledInSteps.value);
  expect(together.length).toBe(requests.length);
  for (const [i, result] of together.entries()) {
    expect(answer(result), `request #${i}\n${context}`).toEqual(answer(steps[i]!));
  }
  const hashes = requests.map((r) => paycodeHash(r.code));
  const keys = requests.map((r) => r.idempotencyKey);
  const [a, b] = await Promise.all([groupState(w.a.deps.db.kysely, hashes, keys), groupState(sideB(w).deps.db.kysely, hashes, keys)]);
  expect(a, `the databases after the group\n${context}`).toEqual(b);
  return { together, steps };
}

// ————————————————————————————————————————————— the tests

describe.each(dialects)('settling payments together on %s', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(dialect);
  });
  afterAll(async () => {
    if (!w) return;
    for (const side of w.b ? [w.a, w.b] : [w.a]) {
      await expectInvariants(side);
      await side.deps.stop();
      await side.drop();
    }
    await Promise.all(dropping.splice(0));
  });

  it(
    `${ROUNDS * GROUPS_PER_ROUND} random groups answer and write exactly what settling them one by one does`,
    async () => {
      const tally = new Map<string, number>();
      let requestsSettled = 0;
      for (let index = 0; index < ROUNDS; index++) {
        const round = await prepareRound(w, index);
        const tried = new Set<string>();
        const earlier: PaymentRequest[] = [];
        for (let g = 0; g < GROUPS_PER_ROUND; g++) {
          w.clock.advance(w.rng.int(0, 1_500));
          const keyLookupFirst = w.rng.chance(0.5);
          // The first group of a round pays with alice's old codes too, scanned while they were valid: their coupons
          // now belong to bob, or are on offer.
          const { requests, codes } = randomGroup(w, round, tried, earlier, keyLookupFirst, g === 0 ? round.shared : []);
          const { together: results } = await settleAndCompare(w, `round ${index} group ${g}`, requests, codes, keyLookupFirst);
          earlier.push(...requests);
          requestsSettled += results.length;
          for (const r of results) {
            const label = r.replayed ? 'replayed' : r.payment.status === 'succeeded' ? `succeeded${r.payment.deduction > 0 ? ` with ${r.payment.funding} deduction` : ''}` : `${r.payment.reason}${r.payment.reason_detail ? `/${r.payment.reason_detail}` : ''}`;
            tally.set(label, (tally.get(label) ?? 0) + 1);
          }
        }
        const [a, b] = await Promise.all([fullState(w.a.deps.db.kysely), fullState(sideB(w).deps.db.kysely)]);
        expect(a, `SEED=${SEED} ${dialect}: the databases after round ${index}`).toEqual(b);
        await expectInvariants(w.a);
        await expectInvariants(sideB(w));
        w.oldCodes.push(...round.codes);
      }
      console.log(`settle-group on ${dialect}: ${requestsSettled} requests in ${ROUNDS * GROUPS_PER_ROUND} groups; ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
      // The groups met every outcome the rules have (else the scenario has lost a case).
      for (const label of [
        'succeeded',
        'succeeded with merchant deduction',
        'succeeded with platform deduction',
        'OFFLINE_WINDOW_PASSED',
        'CODE_USED',
        'CODE_UNKNOWN',
        'CODE_EXPIRED',
        'INSUFFICIENT_FUNDS',
        'COUPON_NOT_APPLICABLE/NOT_OWNER',
        'COUPON_NOT_APPLICABLE/NOT_AVAILABLE',
        'COUPON_NOT_APPLICABLE/NOT_YET_VALID',
        'COUPON_NOT_APPLICABLE/EXPIRED',
        'COUPON_NOT_APPLICABLE/WRONG_MERCHANT',
        'COUPON_NOT_APPLICABLE/BELOW_MINIMUM',
        'COUPON_NOT_APPLICABLE/BUDGET_EXHAUSTED',
        'replayed',
      ]) {
        expect(tally.get(label) ?? 0, label).toBeGreaterThan(0);
      }
    },
    300_000,
  );

  it('groups only the step-by-step path settles are refused before anything is written', async () => {
    // Whether a group can settle together is decided before anything is written, whatever state its codes are in.
    const codes = w.oldCodes.length > 0 ? w.oldCodes : (await prepareRound(w, ROUNDS)).codes;
    const now = w.clock.now();
    const [first, second, third, other] = codes.filter((c) => c.couponId === null);
    expect(other, 'four codes without a coupon').toBeDefined();
    const pairs = new Map<string, CodeInfo[]>();
    for (const c of codes) if (c.couponId) pairs.set(c.couponId, [...(pairs.get(c.couponId) ?? []), c]);
    const sameCoupon = [...pairs.values()].find((list) => list.length >= 2)?.slice(0, 2);
    expect(sameCoupon, 'two codes that named the same coupon').toBeDefined();

    const pay = (info: CodeInfo, key?: string, scannedAt: number | null = null) => requestFor(w, w.cafe, info.code, 1_000, scannedAt, key);
    const unknownCode = '88' + String(w.rng.int(0, 99_999_999)).padStart(8, '0') + '00000000';
    const repeatedKey = nextKey(w);
    const cases: [string, PaymentRequest[], string][] = [
      ['an unknown code', [pay(first!), requestFor(w, w.books, unknownCode, 500, null)], 'an unknown code'],
      ['a key twice', [pay(first!, repeatedKey), pay(second!, repeatedKey)], 'a key or a code twice in the group'],
      ['a code twice', [pay(first!), pay(second!), pay(first!)], 'a key or a code twice in the group'],
      ['a coupon twice', [pay(other!), pay(sameCoupon![0]!, undefined, sameCoupon![0]!.createdAt), pay(sameCoupon![1]!, undefined, sameCoupon![1]!.createdAt)], 'a coupon twice in the group'],
      ['a scan time in the future', [pay(first!), pay(second!, undefined, now + SCAN_CLOCK_SKEW_MS + 1)], 'a scan time in the future'],
    ];
    const db = w.a.deps.db.kysely;
    const before = await fullState(db);
    for (const [name, requests, why] of cases) {
      for (const keyLookupFirst of [false, true]) {
        const refused = await settleTogetherOn(w.a, requests, keyLookupFirst).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(refused, name).toBeInstanceOf(NeedsSteps);
        expect((refused as NeedsSteps).why, name).toBe(why);
      }
    }
    await expect(settleTogetherOn(w.a, Array.from({ length: SET_MAX + 1 }, () => pay(first!)), false)).rejects.toThrow(/at most/);
    // Nothing was written: not the codes' use, not a guess counted against the till, not a payment.
    expect(await fullState(db)).toEqual(before);

    // Without the key lookup, a key stored long ago fails the group's insert; the caller's rollback leaves no trace.
    const settled = await settleTogetherOn(w.a, [pay(first!)], false);
    expect(settled[0]!.replayed).toBe(false);
    const afterFirst = await fullState(db);
    const again = [pay(second!), { ...pay(third!), idempotencyKey: settled[0]!.payment.idempotency_key }];
    await expect(settleTogetherOn(w.a, again, false)).rejects.toThrow();
    expect(await fullState(db)).toEqual(afterFirst);
  });

  it('with the key lookup first, keys already settled answer their first result and the others settle', async () => {
    const round = await prepareRound(w, ROUNDS + 1, { balanceAtLeast: 50_000 });
    const { rng } = w;
    const byHash = new Map(round.codes.map((c) => [c.hash, c]));
    // Codes not used yet, no coupon twice, as the random groups have them.
    const chosen: CodeInfo[] = [];
    const coupons = new Set<string>();
    for (const info of round.codes.filter((c) => c.state !== 'used')) {
      if (info.couponId !== null && coupons.has(info.couponId)) continue;
      if (info.couponId !== null) coupons.add(info.couponId);
      chosen.push(info);
    }
    expect(chosen.length).toBeGreaterThanOrEqual(14);
    const request = (info: CodeInfo) => requestFor(w, rng.pick([w.cafe, w.books]), info.code, rng.int(100, 3_000), info.createdAt + 1);
    const infos = (requests: readonly PaymentRequest[]) => requests.map((r) => byHash.get(paycodeHash(r.code))!);
    const firstGroup = chosen.slice(0, 10).map(request);
    const first = await settleAndCompare(w, 'first group', firstGroup, infos(firstGroup), false);

    // A succeeded payment is refunded on both databases since: its replay still answers what it first answered.
    const refundedAt = first.together.findIndex((r) => r.payment.status === 'succeeded');
    expect(refundedAt, 'a payment of the first group succeeded').toBeGreaterThanOrEqual(0);
    const refunded = firstGroup[refundedAt]!;
    for (const side of [w.a, sideB(w)]) {
      const row = await side.deps.db.kysely
        .selectFrom('payments')
        .select('id')
        .where('merchant_id', '=', refunded.merchantId)
        .where('idempotency_key', '=', refunded.idempotencyKey)
        .executeTakeFirstOrThrow();
      const shop = refunded.merchantId === w.cafe.id ? w.cafe : w.books;
      await must(requestApp(side.app, 'POST', `/api/payments/${row.id}/refunds`, { token: shop.token, key: `refund-${refunded.idempotencyKey}`, body: {} }), 201);
    }

    // Six of them again (the refunded one among them), between new requests: two fresh codes and a code the
    // first group used.
    const replays = [...new Set([refundedAt, 0, 2, 5, 7, 9])].slice(0, 6).map((i) => firstGroup[i]!);
    const fresh = chosen.slice(10, 12).map(request);
    // A code whose first payment succeeded is used: paying with it again is declined CODE_USED.
    const usedIndex = [1, 3, 8, refundedAt].find((i) => first.together[i]!.payment.status === 'succeeded')!;
    const usedAgain = requestFor(w, w.cafe, firstGroup[usedIndex]!.code, 700, null);
    const second = [fresh[0]!, replays[0]!, replays[1]!, usedAgain, replays[2]!, fresh[1]!, ...replays.slice(3)];
    const together = await settleTogetherOn(w.a, second, true);
    const steps = okResults(await settleStepsOn(sideB(w), second));
    for (const [i, req] of second.entries()) {
      const firstIndex = firstGroup.indexOf(req);
      const context = `SEED=${SEED} ${dialect} second group, request #${i}`;
      if (firstIndex >= 0) {
        expect(together[i], context).toEqual({ payment: first.together[firstIndex]!.payment, replayed: true, customerHandle: null, couponTitle: null, couponRule: null });
        expect(steps[i], context).toEqual({ payment: first.steps[firstIndex]!.payment, replayed: true, customerHandle: null, couponTitle: null, couponRule: null });
      } else {
        expect(together[i]!.replayed, context).toBe(false);
      }
      expect(answer(together[i]!), context).toEqual(answer(steps[i]!));
    }
    expect(together[3]!.payment.reason).toBe('CODE_USED');
    const state = (side: Side) => groupState(side.deps.db.kysely, second.map((r) => paycodeHash(r.code)), second.map((r) => r.idempotencyKey));
    expect(await state(w.a)).toEqual(await state(sideB(w)));

    // A group of replays only answers them all and writes nothing.
    const before = await fullState(w.a.deps.db.kysely);
    const onlyReplays = await settleTogetherOn(w.a, replays, true);
    expect(onlyReplays).toEqual(replays.map((req) => ({ payment: first.together[firstGroup.indexOf(req)]!.payment, replayed: true, customerHandle: null, couponTitle: null, couponRule: null })));
    expect(await fullState(w.a.deps.db.kysely)).toEqual(before);

    // A key used before for another request is that request's error alone: settleTogether leaves the group to
    // the step-by-step path (settleBatch falls back to settleAll), whose answers match settleAll's.
    const reusedFrom = firstGroup[4]!;
    const reused = { ...request(chosen[12]!), idempotencyKey: reusedFrom.idempotencyKey, merchantId: reusedFrom.merchantId, cashierId: reusedFrom.cashierId };
    const third = [request(chosen[13]!), reused, firstGroup[6]!];
    const refused = await settleTogetherOn(w.a, third, true).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(NeedsSteps);
    expect((refused as NeedsSteps).why).toBe('a key used for another request');
    const batch = await inTransaction(w.a.deps.db.kysely, (trx) => settleBatch(trx, w.a.deps, third));
    const oneByOne = await settleStepsOn(sideB(w), third);
    for (const outcomes of [batch, oneByOne]) {
      const mismatch = outcomes[1]!;
      expect(mismatch.ok ? 'settled' : (mismatch.error as ApiError).code).toBe('IDEMPOTENCY_MISMATCH');
    }
    for (const i of [0, 2]) expect(answer(okResults([batch[i]!])[0]!)).toEqual(answer(okResults([oneByOne[i]!])[0]!));
    expect(okResults([batch[2]!])[0]!.replayed).toBe(true);
    const thirdState = (side: Side) => groupState(side.deps.db.kysely, third.map((r) => paycodeHash(r.code)), third.map((r) => r.idempotencyKey));
    expect(await thirdState(w.a)).toEqual(await thirdState(sideB(w)));
  });
});
