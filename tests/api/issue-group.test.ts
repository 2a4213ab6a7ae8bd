/**
 * Issuing a group of payment codes together (paycodes/issue-group.ts, decided in memory by issue-plan.ts) must
 * answer and write exactly what issuing the same requests one after another does (issue.ts issuePaycode, each in
 * its own transaction): the same outcome for every request, and afterwards the same customers, codes, coupons and
 * campaigns.
 *
 * Database A gets a morning of shop life through the API's routes and domain functions: customers who signed up
 * and topped up; campaigns valid now, valid from a moment during the test, valid only next year, ending during
 * the test and already ended; coupons granted (some customers hold several, one holds none), one passed on to a
 * friend and one still on offer; payment codes issued over the minutes before, of which some are live holding a
 * coupon (reserved, or with the reservation lapsed), some live without one, some used by a payment that redeemed
 * their coupon or was declined, one put away by its customer. A is then copied to B.
 *
 * Random groups of requests are then issued on A one by one (the reference), and on B as paycodes/issuer.ts does:
 * issueTogether in one transaction, then each request it left out alone with issuePaycode, in order. Both at the
 * same clock. After every group the outcomes and the tables are compared. The clock moves between groups, now
 * and then onto the exact millisecond a campaign starts or ends or a code expires, so reservations lapse and
 * campaigns begin and end during the run; now and then both databases are swept (lapsed reservations written
 * down) at the same moment.
 *
 * SEED=<n> replays the choices of a run (codes and ids are random, so a replay is the same scenario, not the
 * same bytes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { defaultConfig } from '../../api/config.js';
import { grantCoupon, sweepExpiredRows } from '../../api/coupons/store.js';
import type { CouponState } from '../../api/coupons/states.js';
import { openDatabase, type Db } from '../../api/db/connect.js';
import { inOwnTransaction, inTransaction } from '../../api/db/tx.js';
import { ApiError } from '../../api/http/errors.js';
import { newId } from '../../api/ids.js';
import { checkInvariants } from '../../api/ledger/invariants.js';
import { generatePaycode, paycodeHash } from '../../api/paycodes/codes.js';
import { issuePaycode } from '../../api/paycodes/issue.js';
import { ISSUE_GROUP_MAX, issueTogether } from '../../api/paycodes/issue-group.js';
import type { IssueRequest } from '../../api/paycodes/issue-plan.js';
import { startDeps } from '../../api/server.js';
import { runSeed, seededRandom, type Random } from '../support/random.js';
import { dialects, freshDatabaseUrl, must, requestApp, TestClock, type DialectName } from './harness.js';

/**
 * Random groups per dialect, besides the featured first group and two at each campaign edge; each is compared
 * table by table.
 */
const GROUPS = 100;
/** The largest random group: a handful of phones asking at once, well under ISSUE_GROUP_MAX. */
const GROUP_SIZE_MAX = 12;
/** Customers who sign up besides the demo's alice, bob and carol: 8 in all, so a group often names one twice. */
const SIGNUPS = 5;
/** A fixed clock: 3 June 2031, 09:00 UTC. Both databases read the same one. */
const START_MS = Date.UTC(2031, 5, 3, 9, 0, 0);
/** The groups begin this long after the start; the codes issued before are the morning's history. */
const GROUPS_AFTER_MS = 6 * 60_000;
/** The groups span about a quarter of an hour on the clock: these campaigns start and end within it. */
const LATER_STARTS_AFTER_GROUPS_MS = 3 * 60_000;
const ENDING_ENDS_AFTER_GROUPS_MS = 6 * 60_000;
/** Ends before the groups, after codes issued in the history held its coupons. */
const ENDED_ENDS_AFTER_START_MS = 4 * 60_000;
/** How far ahead the clock looks for an edge (a campaign's start or end, a code's expiry) to land on exactly. */
const EDGE_LOOKAHEAD_MS = 90_000;
const CURRENCY = 'CNY';
const YEAR_MS = 365 * 86_400_000;
/** Sessions outlive the clock time the test adds up to. */
const SESSION_TTL_MS = 10 * YEAR_MS;

const SEED = runSeed();
console.log(`issue-group.test: SEED=${SEED} (SEED=${SEED} npx vitest run tests/api/issue-group.test.ts replays the choices)`);

type Deps = Awaited<ReturnType<typeof startDeps>>;

interface Side {
  name: 'A' | 'B';
  url: string;
  drop(): Promise<void>;
  db: Db;
  /** The new codes' hashes -> `g<group>#<request>`: hashes differ between the sides, the request that made them does not. */
  labels: Map<string, string>;
}

interface Customer {
  id: string;
  handle: string;
}

interface World {
  dialect: DialectName;
  clock: TestClock;
  rng: Random;
  ttlMs: number;
  groupsAt: number;
  customers: Customer[];
  /** Alice's coupons passed on: the first now bob's, the second still on offer. */
  given: string[];
  /** The moments during the run when a campaign begins or ends, in time order: each gets groups of its own. */
  edges: { campaignId: string; at: number }[];
  a: Side;
  b: Side;
}

/** A coupon with its campaign's validity, as stored. */
interface CouponRow {
  id: string;
  campaign_id: string;
  customer_id: string;
  state: CouponState;
  reserved_code_hash: string | null;
  reserved_until: number | null;
  valid_from: number;
  valid_until: number;
}

/** What A holds before a group: the choices of the group and the clock's edges are made from it. */
interface Snapshot {
  coupons: CouponRow[];
  live: Map<string, { hash: string; expiresAt: number }>;
  campaignEdges: number[];
}

/** A request of a group, with why it names the coupon it names (for the report of a failure). */
interface Planned extends Omit<IssueRequest, 'codeHash'> {
  kind: string;
}

type Outcome = { issued: true; expiresAt: number } | { issued: false; status: number; code: string; message: string; field: string | undefined };

/** The reference side's view of one request just before it ran: the customer's live code, what it holds, the coupon asked for. */
interface Facts {
  liveHash: string | null;
  held: string[];
  coupon: CouponRow | undefined;
}

// ————————————————————————————————————————————— the API, as the phones and tills call it

let keys = 0;
const nextKey = () => `ig-${SEED}-${++keys}`;
const iso = (ms: number) => new Date(ms).toISOString();
const money = (amount: number) => ({ amount, currency: CURRENCY });

function configFor(url: string) {
  return defaultConfig({ databaseUrl: url, logLevel: 'silent', demo: true, sessionTtlMs: SESSION_TTL_MS, customerSessionIdleMs: SESSION_TTL_MS, customerSessionMaxMs: SESSION_TTL_MS });
}

// ————————————————————————————————————————————— the morning, written on A; then B, its copy

/** PINs of the demo customers (api/demo/seed.ts) and of those who sign up here. */
const PINS: Record<string, string> = { alice: '1111', bob: '2222', carol: '3333' };
const SIGNUP_PIN = '2468';

/** What each customer's last code before the groups is; one of the first three twice, for the eighth customer. */
const ROLES = ['live with a coupon', 'live with a lapsed coupon', 'live without a coupon', 'used, coupon redeemed', 'used, declined', 'put away', 'never asked'] as const;
type Role = (typeof ROLES)[number];

async function buildWorld(dialect: DialectName): Promise<World> {
  const clock = new TestClock(START_MS);
  const rng = seededRandom(SEED);
  const groupsAt = START_MS + GROUPS_AFTER_MS;
  const fresh = await freshDatabaseUrl(dialect);
  const config = configFor(fresh.url);
  // The whole app, for the morning only: the groups afterwards need just the databases (and no sweeper timer,
  // which runs on the wall clock and would write on the two sides at different moments).
  const deps: Deps = await startDeps(config, clock);
  const app = createApp(deps);
  const db = deps.db.kysely;
  let customers: Customer[];
  const given: string[] = [];
  const edges: World['edges'] = [];
  try {
    const handles = Array.from({ length: SIGNUPS }, (_, i) => `guest${i + 1}`);
    await Promise.all(handles.map((handle) => must(requestApp(app, 'POST', '/api/customers', { body: { handle, pin: SIGNUP_PIN } }), 201)));
    customers = (await db.selectFrom('customers').select(['id', 'handle']).orderBy('handle').execute()).map((c) => ({ id: c.id, handle: c.handle }));
    const signIn = async (body: Record<string, string>) => (await must(requestApp(app, 'POST', '/api/sessions', { body }), 201)).token as string;
    const tokens = new Map(
      await Promise.all(customers.map(async (c) => [c.id, await signIn({ role: 'customer', handle: c.handle, pin: PINS[c.handle] ?? SIGNUP_PIN })] as const)),
    );
    const [managerToken, cashierToken] = await Promise.all([
      signIn({ role: 'cashier', merchant: 'demo-cafe', handle: 'owner', pin: '9999' }),
      signIn({ role: 'cashier', merchant: 'demo-cafe', handle: 'cashier-1', pin: '1234' }),
    ]);
    const tokenOf = (c: Customer) => tokens.get(c.id)!;
    const topUp = (c: Customer, amount: number) => must(requestApp(app, 'POST', '/api/wallet/topups', { token: tokenOf(c), key: nextKey(), body: { amount: money(amount) } }), 201);
    const alice = customers.find((c) => c.handle === 'alice')!;
    const bob = customers.find((c) => c.handle === 'bob')!;

    // The café's campaigns, one for every kind of validity window.
    const campaign = async (title: string, window: { validFrom?: number; validUntil: number }) => {
      const body = { title, rule: { kind: 'fixed', off: 300 }, validUntil: iso(window.validUntil), ...(window.validFrom === undefined ? {} : { validFrom: iso(window.validFrom) }) };
      return (await must(requestApp(app, 'POST', '/api/campaigns', { token: managerToken, key: nextKey(), body }), 201)).campaign.id as string;
    };
    const campaigns = {
      open: await campaign('3 off', { validUntil: START_MS + YEAR_MS }),
      later: await campaign('3 off from a quarter past', { validFrom: groupsAt + LATER_STARTS_AFTER_GROUPS_MS, validUntil: START_MS + YEAR_MS }),
      nextYear: await campaign('3 off next year', { validFrom: START_MS + YEAR_MS, validUntil: START_MS + 2 * YEAR_MS }),
      ending: await campaign('3 off until a quarter past', { validUntil: groupsAt + ENDING_ENDS_AFTER_GROUPS_MS }),
      ended: await campaign('3 off this morning only', { validUntil: START_MS + ENDED_ENDS_AFTER_START_MS }),
    };
    edges.push({ campaignId: campaigns.later, at: groupsAt + LATER_STARTS_AFTER_GROUPS_MS }, { campaignId: campaigns.ending, at: groupsAt + ENDING_ENDS_AFTER_GROUPS_MS });
    const fivesOff = (await db.selectFrom('campaigns').select('id').where('title', '=', '¥5 off').executeTakeFirstOrThrow()).id;

    // Each customer's role: what their last code before the groups is.
    const roles: Role[] = [...ROLES, rng.pick(ROLES.slice(0, 3))];
    for (let i = roles.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [roles[i], roles[j]] = [roles[j]!, roles[i]!];
    }
    const roleOf = (c: Customer) => roles[customers.indexOf(c) % roles.length]!;

    // Top-ups through the route, and grants as the domain function behind the routes writes them. One customer
    // holds no coupon at all (unless the shop grants one to redeem); the others one to several.
    for (const c of customers) {
      const amount = rng.pick([0, 3_000, 20_000]);
      if (amount > 0) await topUp(c, amount);
    }
    const withoutCoupons = rng.pick(customers.filter((c) => c.handle.startsWith('guest') && roleOf(c) !== 'used, coupon redeemed'));
    await inTransaction(db, async (trx) => {
      for (const c of customers) {
        if (c === withoutCoupons) continue;
        const grants = [campaigns.open, ...[campaigns.later, campaigns.nextYear, campaigns.ending, campaigns.ended].filter(() => rng.chance(0.55))];
        if (rng.chance(0.5)) grants.push(campaigns.open);
        if (rng.chance(0.4)) grants.push(rng.pick([campaigns.later, campaigns.ending, campaigns.ended]));
        // Someone surely holds coupons of the campaigns that begin and end during the run.
        if (c.handle === 'alice' || c.handle === 'carol') grants.push(campaigns.later, campaigns.ending);
        for (const campaignId of grants) await grantCoupon(trx, deps.db.dialect, { campaignId, customerId: c.id, now: clock.now() });
      }
      for (let i = 0; i < 2; i++) given.push(await grantCoupon(trx, deps.db.dialect, { campaignId: fivesOff, customerId: alice.id, now: clock.now() }));
    });

    // Alice passes two coupons on: bob claims the first, the second stays on offer (it cannot be held meanwhile).
    clock.advance(10_000);
    const shares: { token: string }[] = [];
    for (const couponId of given) shares.push((await must(requestApp(app, 'POST', `/api/coupons/${couponId}/shares`, { token: tokenOf(alice), body: {} }), 201)).share);
    await must(requestApp(app, 'POST', `/api/shares/${shares[0]!.token}/claim`, { token: tokenOf(bob), body: {} }), 201);

    // Codes over the morning, in time order: earlier ones for most customers (some paid with), then the last
    // one each customer's role says.
    const pickCoupon = async (c: Customer, at: number): Promise<string | null> => {
      const rows = await db
        .selectFrom('coupons')
        .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
        .select('coupons.id')
        .where('coupons.customer_id', '=', c.id)
        .where('coupons.state', 'in', ['available', 'reserved'])
        .where('campaigns.valid_from', '<=', at)
        .where('campaigns.valid_until', '>', at)
        .orderBy('coupons.id')
        .execute();
      return rows.length === 0 ? null : rng.pick(rows).id;
    };
    const issue = async (c: Customer, withCoupon: boolean | 'surely') => {
      const now = clock.now();
      let couponId = withCoupon ? await pickCoupon(c, now) : null;
      // A coupon is to be redeemed, and this customer has none left that can be held: the shop grants one.
      if (withCoupon === 'surely' && couponId === null) couponId = await grantCoupon(db, deps.db.dialect, { campaignId: campaigns.open, customerId: c.id, now });
      return inTransaction(db, (trx) => issuePaycode(trx, { customerId: c.id, couponId, now, ttlMs: config.paycodeTtlMs }));
    };
    const pay = async (code: string, amount: number) => must(requestApp(app, 'POST', '/api/payments', { token: cashierToken, key: nextKey(), body: { code, amount: money(amount) } }), 201, 402);
    const balanceOf = async (c: Customer) => (await must(requestApp(app, 'GET', '/api/wallet', { token: tokenOf(c) }), 200)).balance.amount as number;

    type Event = { at: number; run: () => Promise<unknown> };
    const events: Event[] = [];
    for (const c of customers) {
      const role = roleOf(c);
      if (role === 'never asked') continue;
      for (let n = rng.int(0, 3); n > 0; n--) {
        const at = START_MS + rng.int(30_000, GROUPS_AFTER_MS - 210_000);
        const paid = rng.chance(0.3);
        events.push({
          at,
          run: async () => {
            const { code } = await issue(c, rng.chance(0.6));
            if (!paid) return;
            // Mostly paid in full (the coupon is redeemed), now and then declined (the coupon is free again).
            const amount = rng.int(300, 3_000);
            if (rng.chance(0.8) && (await balanceOf(c)) < amount) await topUp(c, 5_000);
            await pay(code, amount);
          },
        });
      }
      const before = (minMs: number, maxMs: number) => groupsAt - rng.int(minMs, maxMs);
      switch (role) {
        case 'live with a coupon':
          events.push({ at: before(5_000, 50_000), run: () => issue(c, true) });
          break;
        case 'live with a lapsed coupon':
          events.push({ at: before(70_000, 200_000), run: () => issue(c, true) });
          break;
        case 'live without a coupon':
          events.push({ at: before(5_000, 200_000), run: () => issue(c, false) });
          break;
        case 'used, coupon redeemed':
          events.push({
            at: before(30_000, 200_000),
            run: async () => {
              const { code } = await issue(c, 'surely');
              // Enough for any of the rules (the threshold one asks for 50.00) and for the whole amount.
              if ((await balanceOf(c)) < 6_000) await topUp(c, 6_000);
              await pay(code, 6_000);
            },
          });
          break;
        case 'used, declined':
          events.push({
            at: before(30_000, 200_000),
            run: async () => {
              const { code } = await issue(c, true);
              await pay(code, (await balanceOf(c)) + 10_000);
            },
          });
          break;
        case 'put away':
          events.push({
            at: before(30_000, 200_000),
            run: async () => {
              await issue(c, true);
              clock.advance(5_000);
              await must(requestApp(app, 'DELETE', '/api/paycodes/current', { token: tokenOf(c) }), 204);
            },
          });
          break;
      }
    }
    events.sort((x, y) => x.at - y.at);
    for (const event of events) {
      if (event.at > clock.now()) clock.advance(event.at - clock.now());
      await event.run();
    }
    clock.advance(groupsAt - clock.now());
    const report = await checkInvariants(db);
    expect(report.violations, 'ledger invariants after the morning').toEqual([]);
  } catch (error) {
    await deps.stop();
    await fresh.drop();
    throw error;
  }
  await deps.stop();
  const copy = await freshDatabaseUrl(dialect, fresh.url);
  const [dbA, dbB] = await Promise.all([openDatabase(fresh.url), openDatabase(copy.url)]);
  return {
    dialect,
    clock,
    rng,
    ttlMs: config.paycodeTtlMs,
    groupsAt,
    customers,
    given,
    edges: edges.sort((x, y) => x.at - y.at),
    a: { name: 'A', url: fresh.url, drop: fresh.drop, db: dbA, labels: new Map() },
    b: { name: 'B', url: copy.url, drop: copy.drop, db: dbB, labels: new Map() },
  };
}

// ————————————————————————————————————————————— reading the databases

const couponRows = (db: Db) =>
  db.kysely
    .selectFrom('coupons')
    .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
    .select(['coupons.id', 'coupons.campaign_id', 'coupons.customer_id', 'coupons.state', 'coupons.reserved_code_hash', 'coupons.reserved_until', 'campaigns.valid_from', 'campaigns.valid_until'])
    .orderBy('coupons.id');

async function snapshot(db: Db): Promise<Snapshot> {
  const [coupons, live, campaigns] = await Promise.all([
    couponRows(db).execute(),
    db.kysely.selectFrom('paycodes').select(['code_hash', 'customer_id', 'expires_at']).where('state', '=', 'live').execute(),
    db.kysely.selectFrom('campaigns').select(['valid_from', 'valid_until']).execute(),
  ]);
  return {
    coupons,
    live: new Map(live.map((p) => [p.customer_id, { hash: p.code_hash, expiresAt: p.expires_at }])),
    campaignEdges: campaigns.flatMap((c) => [c.valid_from, c.valid_until]),
  };
}

async function factsOf(db: Db, request: Planned): Promise<Facts> {
  const live = await db.kysely.selectFrom('paycodes').select('code_hash').where('customer_id', '=', request.customerId).where('state', '=', 'live').executeTakeFirst();
  const held = live
    ? (await db.kysely.selectFrom('coupons').select('id').where('state', '=', 'reserved').where('reserved_code_hash', '=', live.code_hash).orderBy('id').execute()).map((c) => c.id)
    : [];
  const coupon = request.couponId === null ? undefined : await couponRows(db).where('coupons.id', '=', request.couponId).executeTakeFirst();
  return { liveHash: live?.code_hash ?? null, held, coupon };
}

/** Everything issuing can change, with each new code's hash replaced by the request that made it. */
async function stateOf(side: Side) {
  const db = side.db.kysely;
  const label = (hash: string | null) => (hash === null ? null : (side.labels.get(hash) ?? hash));
  const [customers, paycodes, coupons, campaigns] = await Promise.all([
    db.selectFrom('customers').select(['id', 'handle', 'paycode_seq']).orderBy('id').execute(),
    db.selectFrom('paycodes').selectAll().execute(),
    db
      .selectFrom('coupons')
      .select(['id', 'campaign_id', 'customer_id', 'state', 'reserved_code_hash', 'reserved_until', 'redeemed_payment_id', 'granted_at', 'updated_at', 'source'])
      .orderBy('id')
      .execute(),
    db.selectFrom('campaigns').selectAll().orderBy('id').execute(),
  ]);
  return {
    customers,
    paycodes: paycodes.map((p) => ({ ...p, code_hash: label(p.code_hash) })).sort((x, y) => (x.code_hash! < y.code_hash! ? -1 : 1)),
    coupons: coupons.map((c) => ({ ...c, reserved_code_hash: label(c.reserved_code_hash) })),
    campaigns,
  };
}

// ————————————————————————————————————————————— random groups, and the clock between them

function weighted<T>(rng: Random, choices: readonly (readonly [T, number])[]): T {
  let r = rng.next() * choices.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of choices) {
    r -= w;
    if (r < 0) return item;
  }
  return choices[choices.length - 1]![0];
}

/**
 * 1 to GROUP_SIZE_MAX requests of random customers (often one twice or more), each naming no coupon, one of the
 * customer's own that can be held, the one its live code holds, one of its own that cannot be held (redeemed,
 * on offer, its campaign not begun or over), someone else's, one that does not exist, or the coupon an earlier
 * request of the group named.
 */
function randomGroup(w: World, snap: Snapshot): Planned[] {
  const { rng } = w;
  const now = w.clock.now();
  const size = rng.chance(0.3) ? rng.int(1, 3) : rng.int(1, GROUP_SIZE_MAX);
  const group: Planned[] = [];
  while (group.length < size) {
    const customerId = group.length > 0 && rng.chance(0.3) ? rng.pick(group).customerId : rng.pick(w.customers).id;
    const own = snap.coupons.filter((c) => c.customer_id === customerId);
    const liveHash = snap.live.get(customerId)?.hash;
    const lists: Record<string, readonly (string | null)[]> = {
      none: [null],
      usable: own.filter((c) => c.valid_from <= now && now < c.valid_until && (c.state === 'available' || c.state === 'reserved')).map((c) => c.id),
      held: own.filter((c) => c.state === 'reserved' && c.reserved_code_hash === liveHash).map((c) => c.id),
      unusable: own.filter((c) => c.valid_from > now || c.valid_until <= now || c.state === 'redeemed' || c.state === 'shared').map((c) => c.id),
      "someone else's": snap.coupons.filter((c) => c.customer_id !== customerId).map((c) => c.id),
      missing: [newId('cpn', now)],
      again: group.flatMap((r) => (r.couponId === null ? [] : [r.couponId])),
    };
    let kind = weighted(rng, [
      ['none', 22],
      ['usable', 28],
      ['held', 14],
      ['unusable', 14],
      ["someone else's", 8],
      ['missing', 5],
      ['again', 9],
    ] as const);
    if (lists[kind]!.length === 0) kind = 'none';
    group.push({ customerId, couponId: rng.pick(lists[kind]!), kind });
  }
  return group;
}

/** The first group: each case the morning made, on purpose rather than by chance. */
function featuredGroup(w: World, snap: Snapshot): Planned[] {
  const now = w.clock.now();
  const alice = w.customers.find((c) => c.handle === 'alice')!;
  const group: Planned[] = [
    { customerId: alice.id, couponId: w.given[0]!, kind: 'given to bob' },
    { customerId: alice.id, couponId: w.given[1]!, kind: 'on offer' },
  ];
  const ended = snap.coupons.find((x) => x.valid_until <= now);
  if (ended) group.push({ customerId: ended.customer_id, couponId: ended.id, kind: 'campaign over' });
  const redeemed = snap.coupons.find((x) => x.state === 'redeemed');
  if (redeemed) group.push({ customerId: redeemed.customer_id, couponId: redeemed.id, kind: 'redeemed' });
  const notYet = snap.coupons.find((x) => x.valid_from > now);
  if (notYet) group.push({ customerId: notYet.customer_id, couponId: notYet.id, kind: 'campaign not begun' });
  const missing = { customerId: w.customers[0]!.id, couponId: newId('cpn', now), kind: 'missing' };
  // The same customer again: the second request retires the code of the first.
  group.push(missing, { ...missing, couponId: null, kind: 'none' });
  for (const c of w.customers) {
    const live = snap.live.get(c.id);
    const held = snap.coupons.find((x) => x.customer_id === c.id && x.state === 'reserved' && x.reserved_code_hash === live?.hash);
    if (held) group.push({ customerId: c.id, couponId: held.id, kind: held.reserved_until! <= now ? 'held, lapsed' : 'held' });
  }
  return group.slice(0, GROUP_SIZE_MAX);
}

/** Where the clock goes next: nowhere, a little on, past a code's life, or onto the exact millisecond of an edge (±1). */
function nextTime(w: World, snap: Snapshot): number {
  const { rng, clock } = w;
  const now = clock.now();
  const choice = weighted(rng, [
    ['stay', 28],
    ['edge', 17],
    ['seconds', 40],
    ['minute', 15],
  ] as const);
  if (choice === 'stay') return now;
  if (choice === 'edge') {
    const edges = [...snap.campaignEdges, ...[...snap.live.values()].map((l) => l.expiresAt), ...snap.coupons.flatMap((c) => (c.reserved_until === null ? [] : [c.reserved_until]))]
      .map((t) => t + rng.pick([-1, 0, 0, 1]))
      .filter((t) => t > now && t - now <= EDGE_LOOKAHEAD_MS);
    if (edges.length > 0) return rng.pick(edges);
  }
  return now + (choice === 'minute' ? rng.int(20_000, 75_000) : rng.int(1, 20_000));
}

/** At a campaign's first or last moment: every coupon of it asked for by its owner, in random order. */
function edgeGroup(w: World, snap: Snapshot, campaignId: string, kind: string): Planned[] {
  const coupons = snap.coupons.filter((c) => c.campaign_id === campaignId);
  const group = coupons.map((c) => ({ customerId: c.customer_id, couponId: c.id as string | null, kind }));
  for (let i = group.length - 1; i > 0; i--) {
    const j = w.rng.int(0, i);
    [group[i], group[j]] = [group[j]!, group[i]!];
  }
  return group.slice(0, GROUP_SIZE_MAX);
}

// ————————————————————————————————————————————— the two ways, and comparing them

async function outcomeOf(issuing: Promise<{ code: string; expiresAt: number }>): Promise<{ outcome: Outcome; code: string | null }> {
  try {
    const { code, expiresAt } = await issuing;
    return { outcome: { issued: true, expiresAt }, code };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { outcome: { issued: false, status: error.status, code: error.code, message: error.message, field: error.field }, code: null };
  }
}

const issueAlone = (side: Side, request: Planned, now: number, ttlMs: number) =>
  outcomeOf(inTransaction(side.db.kysely, (trx) => issuePaycode(trx, { customerId: request.customerId, couponId: request.couponId, now, ttlMs })));

/** The reference: each request alone, in order, each in its own transaction; the facts before each for the tally. */
async function issueOneByOne(w: World, g: number, group: readonly Planned[], now: number) {
  const outcomes: Outcome[] = [];
  const facts: Facts[] = [];
  for (const [i, request] of group.entries()) {
    facts.push(await factsOf(w.a.db, request));
    const { outcome, code } = await issueAlone(w.a, request, now, w.ttlMs);
    if (code !== null) w.a.labels.set(paycodeHash(code), `g${g}#${i}`);
    outcomes.push(outcome);
  }
  return { outcomes, facts };
}

/** As paycodes/issuer.ts: the group together, then each request it left out alone, in order. */
async function issueAsGroup(w: World, g: number, group: readonly Planned[], now: number) {
  const expiresAt = now + w.ttlMs;
  const hashes = group.map(() => paycodeHash(generatePaycode()));
  const requests: IssueRequest[] = group.map((r, i) => ({ customerId: r.customerId, couponId: r.couponId, codeHash: hashes[i]! }));
  let together: boolean[];
  try {
    together = await inOwnTransaction(w.b.db.kysely, (trx) => issueTogether(trx, w.b.db.dialect, requests, { now, expiresAt }));
  } catch (error) {
    // The issuer would fall back to issuing each alone; a group that fails as a whole is still a bug.
    throw new Error(`issueTogether failed a group it should issue: ${String(error)}\n${describeGroup(w, g, group)}`);
  }
  expect(together.length).toBe(group.length);
  const outcomes: Outcome[] = [];
  for (const [i, request] of group.entries()) {
    if (together[i]) {
      w.b.labels.set(hashes[i]!, `g${g}#${i}`);
      outcomes.push({ issued: true, expiresAt });
      continue;
    }
    const { outcome, code } = await issueAlone(w.b, request, now, w.ttlMs);
    if (code !== null) w.b.labels.set(paycodeHash(code), `g${g}#${i}`);
    outcomes.push(outcome);
  }
  return { outcomes, together };
}

function describeGroup(w: World, g: number, group: readonly Planned[], results?: { a: Outcome[]; b: Outcome[]; together: boolean[] }) {
  const handle = (id: string) => w.customers.find((c) => c.id === id)?.handle ?? id;
  const show = (o: Outcome) => (o.issued ? 'issued' : `${o.status} ${o.code} (${o.message})`);
  const lines = group.map((r, i) => {
    const answers = results ? `: A ${show(results.a[i]!)}; B ${results.together[i] ? 'together' : `left out, then ${show(results.b[i]!)}`}` : '';
    return `  #${i} ${handle(r.customerId)} asks for ${r.couponId ?? 'no coupon'} (${r.kind})${answers}`;
  });
  return `SEED=${SEED} ${w.dialect} group ${g} at groups+${w.clock.now() - w.groupsAt}ms\n${lines.join('\n')}`;
}

/** The kinds of case a request was, as the reference saw it, and which way the group path took it. */
function tallyRequest(tally: Map<string, number>, w: World, request: Planned, facts: Facts, outcome: Outcome, together: boolean, asked: boolean, now: number) {
  const result = outcome.issued ? 'issued' : `${outcome.status} ${outcome.code}`;
  const labels: string[] = [];
  const coupon = facts.coupon;
  if (request.couponId === null) labels.push(`no coupon: ${result}`);
  else if (!coupon) labels.push(`no such coupon: ${result}`);
  else if (coupon.customer_id !== request.customerId) labels.push(`someone else's coupon: ${result}`);
  else {
    const lapsed = coupon.state === 'reserved' && coupon.reserved_until! <= now;
    if (facts.held.includes(coupon.id)) labels.push(`the coupon its live code holds${lapsed ? ', lapsed' : ''}: ${result}`);
    if (now < coupon.valid_from) labels.push(`campaign not begun: ${result}`);
    if (coupon.valid_until <= now) labels.push(`campaign over: ${result}`);
    if (now === coupon.valid_from - 1) labels.push(`last millisecond before its campaign: ${result}`);
    if (now === coupon.valid_from) labels.push(`first millisecond of its campaign: ${result}`);
    if (now === coupon.valid_until - 1) labels.push(`last millisecond of its campaign: ${result}`);
    if (now === coupon.valid_until) labels.push(`first millisecond after its campaign: ${result}`);
    if (coupon.state === 'redeemed' || coupon.state === 'shared') labels.push(`${coupon.state} coupon: ${result}`);
    if (coupon.valid_from > w.groupsAt && coupon.valid_from <= now) labels.push(`campaign begun during the run: ${result}`);
    labels.push(`own coupon: ${result}`);
  }
  if (outcome.issued && facts.held.some((id) => id !== request.couponId)) labels.push('retired a code holding a coupon');
  if (together) {
    labels.push(request.couponId === null ? 'together: no coupon' : 'together: with a coupon');
    if (facts.held.length > 0 && !facts.held.includes(request.couponId ?? '')) labels.push('together: retired a code holding a coupon');
    // Held and still reserved: only the release of the code it retires frees it.
    const lapsed = coupon?.state === 'reserved' && coupon.reserved_until! <= now;
    if (request.couponId !== null && facts.held.includes(request.couponId) && !lapsed) labels.push('together: the coupon its live code holds');
    if (lapsed) labels.push('together: a coupon whose reservation lapsed');
    if (now === coupon?.valid_from) labels.push('together: first millisecond of its campaign');
    if (now === (coupon?.valid_until ?? 0) - 1) labels.push('together: last millisecond of its campaign');
  } else {
    labels.push(`left out, then ${outcome.issued ? 'issued' : 'refused'}`);
    if (asked) labels.push('left out: the customer asked earlier in the group');
  }
  for (const label of labels) tally.set(label, (tally.get(label) ?? 0) + 1);
}

async function issueAndCompare(w: World, g: number, group: Planned[], tally: Map<string, number>) {
  const now = w.clock.now();
  // The two databases are apart and the clock stands still meanwhile: both sides at once.
  const [reference, grouped] = await Promise.all([issueOneByOne(w, g, group, now), issueAsGroup(w, g, group, now)]);
  const context = describeGroup(w, g, group, { a: reference.outcomes, b: grouped.outcomes, together: grouped.together });
  for (const [i, outcome] of reference.outcomes.entries()) {
    expect(grouped.outcomes[i], `request #${i}\n${context}`).toEqual(outcome);
    // A request the group issued is one the reference issued too (the comparison above), and nothing was
    // written for one it left out (the tables below, where a half-written request would show twice).
  }
  const [a, b] = await Promise.all([stateOf(w.a), stateOf(w.b)]);
  expect(b, `the databases after the group\n${context}`).toEqual(a);
  const seen = new Set<string>();
  for (const [i, request] of group.entries()) {
    tallyRequest(tally, w, request, reference.facts[i]!, reference.outcomes[i]!, grouped.together[i]!, seen.has(request.customerId), now);
    seen.add(request.customerId);
  }
}

// ————————————————————————————————————————————— the tests

describe.each(dialects)('issuing payment codes together on %s', (dialect) => {
  let w: World | undefined;
  beforeAll(async () => {
    w = await buildWorld(dialect);
  });
  afterAll(async () => {
    if (!w) return;
    for (const side of [w.a, w.b]) {
      const report = await checkInvariants(side.db.kysely);
      expect(report.violations, `ledger invariants on ${side.name}`).toEqual([]);
      await side.db.close();
      await side.drop();
    }
  });

  it(
    `${GROUPS} random groups answer and write exactly what issuing them one by one does`,
    async () => {
      const world = w!;
      const { rng } = world;
      const tally = new Map<string, number>();
      let requests = 0;
      let g = 0;
      const issue = async (group: Planned[]) => {
        await issueAndCompare(world, g++, group, tally);
        requests += group.length;
      };
      expect(await stateOf(world.b), 'B starts as a copy of A').toEqual(await stateOf(world.a));
      await issue(featuredGroup(world, await snapshot(world.a.db)));
      const edges = [...world.edges];
      for (let n = 0; n < GROUPS; n++) {
        let snap = await snapshot(world.a.db);
        const next = nextTime(world, snap);
        const edge = edges[0];
        if (edge && next >= edge.at - 1) {
          // A campaign begins or ends before the next group: its coupons are asked for in its last millisecond
          // before the change and in its first after.
          edges.shift();
          for (const [at, kind] of [[edge.at - 1, 'just before the edge'], [edge.at, 'at the edge']] as const) {
            world.clock.advance(at - world.clock.now());
            await issue(edgeGroup(world, await snapshot(world.a.db), edge.campaignId, kind));
          }
          snap = await snapshot(world.a.db);
        } else {
          world.clock.advance(next - world.clock.now());
        }
        if (rng.chance(0.08)) {
          // Lapsed reservations written down, on both at the same moment: the retired code then holds nothing.
          await Promise.all([sweepExpiredRows(world.a.db.kysely, world.clock.now()), sweepExpiredRows(world.b.db.kysely, world.clock.now())]);
          snap = await snapshot(world.a.db);
        }
        await issue(randomGroup(world, snap));
      }
      expect(edges, 'the run went past every campaign edge').toEqual([]);
      console.log(
        `issue-group on ${dialect}: ${requests} requests in ${g} groups over ${Math.round((world.clock.now() - world.groupsAt) / 1000)} s of clock; ` +
          JSON.stringify(Object.fromEntries([...tally].sort())),
      );
      // The groups met every case the rules have, both ways (else the scenario has lost one).
      for (const label of [
        'no coupon: issued',
        'own coupon: issued',
        'own coupon: 409 COUPON_NOT_AVAILABLE',
        "someone else's coupon: 404 NOT_FOUND",
        'no such coupon: 404 NOT_FOUND',
        'campaign not begun: 409 COUPON_NOT_AVAILABLE',
        'campaign over: 409 COUPON_NOT_AVAILABLE',
        'campaign begun during the run: issued',
        'last millisecond before its campaign: 409 COUPON_NOT_AVAILABLE',
        'first millisecond of its campaign: issued',
        'last millisecond of its campaign: issued',
        'first millisecond after its campaign: 409 COUPON_NOT_AVAILABLE',
        'redeemed coupon: 409 COUPON_NOT_AVAILABLE',
        'shared coupon: 409 COUPON_NOT_AVAILABLE',
        'the coupon its live code holds: issued',
        'the coupon its live code holds, lapsed: issued',
        'retired a code holding a coupon',
        'together: no coupon',
        'together: with a coupon',
        'together: retired a code holding a coupon',
        'together: the coupon its live code holds',
        'together: a coupon whose reservation lapsed',
        'together: first millisecond of its campaign',
        'together: last millisecond of its campaign',
        'left out, then issued',
        'left out, then refused',
        'left out: the customer asked earlier in the group',
      ]) {
        expect(tally.get(label) ?? 0, label).toBeGreaterThan(0);
      }
    },
    120_000,
  );

  it('a group larger than ISSUE_GROUP_MAX is refused before anything is written', async () => {
    const world = w!;
    const before = await stateOf(world.a);
    const now = world.clock.now();
    const requests = Array.from({ length: ISSUE_GROUP_MAX + 1 }, (_, i) => ({
      customerId: world.customers[i % world.customers.length]!.id,
      couponId: null,
      codeHash: paycodeHash(generatePaycode()),
    }));
    await expect(inOwnTransaction(world.a.db.kysely, (trx) => issueTogether(trx, world.a.db.dialect, requests, { now, expiresAt: now + world.ttlMs }))).rejects.toThrow(/at most/);
    expect(await stateOf(world.a)).toEqual(before);
  });
});
