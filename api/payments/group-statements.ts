import { sql } from 'kysely';
import type { DialectName } from '../db/connect.js';
import type { CampaignTable, CouponTable, PaymentRow } from '../db/schema.js';
import { insertRows, listBucket, listParams, pairParams, prepared, preparedByCount, preparedList, preparedRows, range, type ListBuild, type PreparedQuery } from '../db/prepared.js';
import type { Executor, Tx } from '../db/tx.js';
import { couponAndCampaign, releaseCouponsOfCodes } from '../coupons/store.js';
import type { RuleColumn } from '../coupons/campaigns.js';
import { TRANSFER_COLUMNS, type TransferRow } from '../ledger/transfers.js';
import { nextCodeState } from '../paycodes/states.js';
import type { GroupPlan } from './group-plan.js';
import { PAYMENT_COLUMNS, codeWithPayer, type SettlementGroup } from './settle.js';

/**
 * The statements of set-based settlement (settle-group.ts), each prepared once per database (db/prepared.ts).
 *
 * Lists: on PostgreSQL a list is one array parameter (`= any($1)`), so each statement has one shape whatever the
 * group's size; on SQLite, which has no arrays, a list is padded to the next power of two (listBucket), so a
 * statement has eight shapes for 1 to 128 items.
 *
 * Writes: on PostgreSQL every write of a group goes in one statement, data-modifying CTEs over JSON arrays of
 * rows: one round trip instead of one per table. SQLite runs in-process, where a round trip costs nothing, and
 * has no data-modifying CTEs: one statement per table there.
 */

/** The most items a list statement takes: a group's payments, or twice that (a payment debits up to two accounts). */
export const LIST_MAX = 256;

type Params = Record<string, unknown>;
const listQuery = (build: ListBuild) => preparedList(LIST_MAX, build);

/** Keys of the shop's other keyed requests (http/idempotency.ts) among the group's payment keys. */
export const otherKeyedRequests = listQuery((db, p, _dialect, inList) =>
  db
    .selectFrom('idempotency_keys')
    .select('key')
    .where('scope', '=', p('scope'))
    .where('key', ...inList('keys')),
);

export const paymentsByKeys = listQuery((db, p, _dialect, inList) =>
  db
    .selectFrom('payments')
    .selectAll()
    .where('merchant_id', '=', p('merchantId'))
    .where('idempotency_key', ...inList('keys')),
);

// SQLite's reads, one statement per table (PostgreSQL reads all of it in one: groupFactsPostgres below).

/** The codes, with whose account each draws on. */
export const codesByHash = listQuery((db, _p, _dialect, inList) =>
  codeWithPayer(db).where('paycodes.code_hash', ...inList('hashes')).orderBy('paycodes.code_hash'),
);

/** A coupon row with what verification needs of its campaign (couponAndCampaign), as couponsById reads it. */
export type CouponRow = Pick<CouponTable, 'customer_id' | 'state' | 'reserved_code_hash' | 'reserved_until'> &
  Pick<
    CampaignTable,
    'id' | 'funding' | 'title' | RuleColumn | 'valid_from' | 'valid_until' | 'all_merchants' | 'minimum_spend' | 'budget' | 'spent'
  > & { coupon_id: string };

/** The coupons with their campaigns. */
export const couponsById = listQuery((db, _p, _dialect, inList) =>
  couponAndCampaign(db).select('coupons.id as coupon_id').where('coupons.id', ...inList('ids')).orderBy('coupons.id'),
);

/**
 * The accounts a group may debit, read without a lock (on PostgreSQL too, in groupFactsPostgres). The platform's marketing budget is one of them whenever a
 * platform-funded coupon is used: locked here, every group of every process would queue on that row from its
 * first statement to its COMMIT (two processes on one database settled 17% fewer payments than one). Unlocked,
 * the row is locked only by the final write, for an instant, like the merchant's. What keeps the decisions
 * true: the write adds the group's change to whatever the balance is by then (`balance + change`), and the
 * table's CHECK refuses a balance under its floor, which rolls the group back to the step-by-step path, where
 * each account is locked and judged afresh. A balance that rose meanwhile (a top-up) may have been judged too
 * low: that payment was simply ordered before the top-up.
 */
export const accountsById = listQuery((db, _p, _dialect, inList) =>
  db.selectFrom('accounts').select(['id', 'currency', 'min_balance', 'balance']).where('id', ...inList('ids')).orderBy('id'),
);


/**
 * Writes what the plan decided. On PostgreSQL the merchants' credits go into the one write statement, the last
 * before COMMIT (the hot row is locked by the statement just before it, so for two round trips, as
 * ledger/deferred.ts keeps it short); on SQLite they wait in `group` as with settlePayment.
 */
export async function writePlan(trx: Tx, dialect: DialectName, plan: GroupPlan, now: number, group: SettlementGroup): Promise<void> {
  if (dialect === 'postgres') return writeAllPostgres(trx, plan, now);
  for (const [campaignId, amount] of plan.campaignSpending) {
    await trx.updateTable('campaigns').set((eb) => ({ spent: eb('spent', '+', amount) })).where('id', '=', campaignId).execute();
  }
  await releaseCouponsOfCodes(trx, plan.codesReleased, now);

  const changes = [...plan.balanceChanges].filter(([, change]) => change !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (changes.length > 0) await run(trx, changeBalances, pairParams('id', 'change', changes));
  for (const [accountId, amount] of plan.merchantCredits) group.creditsFor(accountId).add(accountId, amount);
  await insertRows(trx, insertTransfers, plan.transfers, INSERT_ROWS_MAX);
  if (plan.redemptions.length > 0) {
    const [size, params] = pairParams('id', 'payment', plan.redemptions.map((r) => [r.couponId, r.paymentId] as const));
    await redeemCoupons(size)!(trx, Object.assign(params, { now }));
  }
  if (plan.codesUsed.length > 0) {
    const size = listBucket(plan.codesUsed.length);
    await useCodes(size)!(trx, listParams('hash', plan.codesUsed, size, { now }));
  }
  await insertRows(trx, insertPayments, plan.payments.map((p) => p.row), INSERT_ROWS_MAX);
}

// SQLite's writes, one statement per table.

/** Each account's own change: `balance + case id when … then … end`, the floors guarded by the table's CHECK. */
const changeBalances = preparedByCount<Params, never>(LIST_MAX, (n, db, p) =>
  db
    .updateTable('accounts')
    .set({ balance: sql<number>`balance + case id ${sql.join(range(n).map((i) => sql`when ${p(`id${i}`)} then cast(${p(`change${i}`)} as bigint)`), sql` `)} end` })
    .where('id', 'in', range(n).map((i) => p(`id${i}`))) as never,
);

const useCodes = preparedByCount<Params, never>(LIST_MAX, (n, db, p) =>
  db
    .updateTable('paycodes')
    .set({ state: nextCodeState('live', 'use'), ended_at: p('now') })
    .where('code_hash', 'in', range(n).map((i) => p(`hash${i}`))) as never,
);

const redeemCoupons = preparedByCount<Params, never>(LIST_MAX, (n, db, p) =>
  db
    .updateTable('coupons')
    .set({
      state: 'redeemed',
      redeemed_payment_id: sql<string>`case id ${sql.join(range(n).map((i) => sql`when ${p(`id${i}`)} then ${p(`payment${i}`)}`), sql` `)} end`,
      reserved_code_hash: null,
      reserved_until: null,
      updated_at: p('now'),
    })
    .where('id', 'in', range(n).map((i) => p(`id${i}`))) as never,
);

/** Multi-row inserts in chunks of a power of two (powerOfTwoChunks): few shapes, none over 128 rows. */
const INSERT_ROWS_MAX = 128;
const insertPayments = preparedRows<PaymentRow>(INSERT_ROWS_MAX, PAYMENT_COLUMNS, (db, rows) => db.insertInto('payments').values(rows));
const insertTransfers = preparedRows<TransferRow>(INSERT_ROWS_MAX, TRANSFER_COLUMNS, (db, rows) => db.insertInto('transfers').values(rows));

async function run(db: Executor, statement: (count: number) => PreparedQuery<Params, never> | undefined, [size, params]: [number, Params]) {
  await statement(size)!(db, params);
}

// PostgreSQL's writes: one statement.

type WrittenCounts = { balances: string | number; transfers: string | number; coupons: string | number; codes: string | number; payments: string | number };

/**
 * New rows travel as JSON arrays read back as the tables' own row types (json_populate_recordset); updates join
 * arrays of ids and values (unnest), and name the ids again with `= any(…)` so that the planner looks them up
 * by index whatever it guesses of the arrays (a join on a JSON function's rows was planned as a scan of every
 * account). Nine parameters and one shape for any group; all parts see the same snapshot and touch different rows.
 *
 * The accounts are locked before, by a statement of their own (lockAccountsAndSpend, below).
 */
const writeGroup = prepared<{
  accountIds: string[];
  changes: number[];
  transfers: string;
  couponIds: string[];
  redeemedBy: string[];
  codes: string[];
  payments: string;
  now: number;
}>()((db, p) => {
  const statement = sql<WrittenCounts>`
    with balances as (
      update accounts set balance = accounts.balance + v.change
      from unnest(${p('accountIds')}::text[], ${p('changes')}::bigint[]) as v(id, change)
      where accounts.id = v.id and accounts.id = any(${p('accountIds')}::text[])
      returning 1
    ), transfers_written as (
      insert into transfers select * from json_populate_recordset(null::transfers, ${p('transfers')}::json)
      returning 1
    ), coupons_redeemed as (
      update coupons set state = 'redeemed', redeemed_payment_id = v.payment_id, reserved_code_hash = null,
        reserved_until = null, updated_at = ${p('now')}
      from unnest(${p('couponIds')}::text[], ${p('redeemedBy')}::text[]) as v(id, payment_id)
      where coupons.id = v.id and coupons.id = any(${p('couponIds')}::text[])
      returning 1
    ), codes_used as (
      update paycodes set state = ${sql.lit(nextCodeState('live', 'use'))}, ended_at = ${p('now')} where code_hash = any(${p('codes')}::text[])
      returning 1
    ), payments_written as (
      insert into payments select * from json_populate_recordset(null::payments, ${p('payments')}::json)
      returning 1
    )
    select (select count(*) from balances) as balances, (select count(*) from transfers_written) as transfers,
      (select count(*) from coupons_redeemed) as coupons, (select count(*) from codes_used) as codes,
      (select count(*) from payments_written) as payments`;
  return { compile: () => statement.compile(db) };
});

/**
 * The group's accounts, locked in one order every writer of balances keeps: the others by id, then the shops'
 * (refunds and payments settled step by step write a shop's balance last: ledger/transfers.ts, deferred.ts).
 * Left to the UPDATE, rows would be locked in the plan's order: the generic plan's index scan is id order, which puts a
 * shop (an id made when it opened) before the platform's account (`acc_platform_…`) and before customers who
 * joined after it, and a refund holding one of those waited for the shop while the group waited for it
 * (docs/SCALING.md, session 16). ORDER BY under FOR NO KEY UPDATE locks in the sorted order; `collate "C"` sorts as
 * JavaScript's sort() does.
 *
 * In a statement before the write, not a one-time filter inside it (docs/SCALING.md, session 18): there the write's
 * UPDATE kept the snapshot taken before the lock waited, met the versions other groups had written meanwhile as
 * concurrent updates, and followed them while the other group's statement did the same the other way round. Two
 * API processes on one database deadlocked that way about once per 7,000 requests of a mixed storm (both sides
 * this write; PostgreSQL aborted one after its deadlock timeout, a second). Here the write starts after every
 * lock is held, with a snapshot that sees the rows as they are.
 *
 * The same statement adds the group's deductions to its budgeted campaigns (rows the group's read locked already),
 * rather than a statement each: a group with a budgeted coupon makes no more round trips than one without.
 */
const lockAccountsAndSpendStatement = prepared<{ accountIds: string[]; shopAccountIds: string[]; campaignIds: string[]; spent: number[] }>()((db, p) => {
  const statement = sql<{ accounts: string | number; campaigns: string | number }>`
    with locked as (
      select id from accounts where id = any(${p('accountIds')}::text[])
      order by id = any(${p('shopAccountIds')}::text[]), id collate "C"
      for no key update
    ), spent as (
      update campaigns set spent = campaigns.spent + v.amount
      from unnest(${p('campaignIds')}::text[], ${p('spent')}::bigint[]) as v(id, amount)
      where campaigns.id = v.id and campaigns.id = any(${p('campaignIds')}::text[])
      returning 1
    )
    select (select count(*) from locked) as accounts, (select count(*) from spent) as campaigns`;
  return { compile: () => statement.compile(db) };
});

/** Every balance the group changes, the shops' credits included: [account id, change]. */
function balancesOf(plan: GroupPlan): [string, number][] {
  const changes = new Map(plan.balanceChanges);
  for (const [accountId, amount] of plan.merchantCredits) changes.set(accountId, (changes.get(accountId) ?? 0) + amount);
  return [...changes].filter(([, change]) => change !== 0);
}

async function lockAccountsAndSpend(trx: Tx, plan: GroupPlan, balances: readonly [string, number][]): Promise<void> {
  const campaigns = [...plan.campaignSpending];
  const [done] = (
    await lockAccountsAndSpendStatement(trx, {
      accountIds: balances.map(([id]) => id),
      shopAccountIds: [...plan.merchantCredits.keys()],
      campaignIds: campaigns.map(([id]) => id),
      spent: campaigns.map(([, amount]) => amount),
    })
  ).rows;
  if (Number(done?.accounts) !== balances.length || Number(done?.campaigns) !== campaigns.length) {
    throw new Error(`group write: locked ${String(done?.accounts)} of ${balances.length} accounts, spent on ${String(done?.campaigns)} of ${campaigns.length} campaigns`);
  }
}

/** PostgreSQL: the accounts locked (and the campaigns' spending), what the group releases, then one write. */
async function writeAllPostgres(trx: Tx, plan: GroupPlan, now: number): Promise<void> {
  const balances = balancesOf(plan);
  await lockAccountsAndSpend(trx, plan, balances);
  await releaseCouponsOfCodes(trx, plan.codesReleased, now);
  const [written] = (
    await writeGroup(trx, {
      accountIds: balances.map(([id]) => id),
      changes: balances.map(([, change]) => change),
      transfers: JSON.stringify(plan.transfers),
      couponIds: plan.redemptions.map((r) => r.couponId),
      redeemedBy: plan.redemptions.map((r) => r.paymentId),
      codes: plan.codesUsed,
      payments: JSON.stringify(plan.payments.map((p) => p.row)),
      now,
    })
  ).rows;
  const expected = { balances: balances.length, transfers: plan.transfers.length, coupons: plan.redemptions.length, codes: plan.codesUsed.length, payments: plan.payments.length };
  for (const [part, count] of Object.entries(expected)) {
    // Every row was read under lock a moment ago; a count that differs is a bug, and rolls the group back.
    if (Number(written?.[part as keyof WrittenCounts]) !== count) throw new Error(`group write: ${part} wrote ${String(written?.[part as keyof WrittenCounts])} rows, not ${count}`);
  }
}

// PostgreSQL's reads: one statement.

/**
 * What the group's one read on PostgreSQL returns: each part a JSON array of rows (json_agg), parsed by the driver.
 * Nothing checks this type against the SQL (groupFactsPostgres below builds it with raw `json_agg`, and its caller
 * casts the row): a part or column renamed there must be renamed here, and the PostgreSQL runs of tests/api catch
 * one that is not (every payment reads through it).
 */
export interface GroupFactsRows<C, A> {
  codes: C[];
  coupons: CouponRow[];
  budgets: { id: string; budget: number | null; spent: number }[];
  links: { campaign_id: string; merchant_id: string }[];
  accounts: A[];
  keys_taken: boolean;
}

/**
 * The first locks a group of sales takes (PostgreSQL), as the CTEs `codes`, `coupons_read` and `budgets`, each
 * reading the one before it, which fixes the order in which they run: the codes by hash, the coupons they hold
 * by id, their budgeted campaigns by id. Each is its own CTE, which PostgreSQL never inlines (a row-locking clause
 * keeps it materialised). Shared by groupFactsPostgres and the step-by-step path's pre-lock (step-locks.ts), so
 * the two cannot come to take them in different orders.
 */
export function lockedCodesCouponsBudgets(db: Executor, hashes: string[]) {
  const codes = codeWithPayer(db).where('paycodes.code_hash', '=', sql<string>`any(${hashes}::text[])`).orderBy('paycodes.code_hash').forUpdate('paycodes');
  const coupons = couponAndCampaign(db)
    .select('coupons.id as coupon_id')
    .where('coupons.id', 'in', sql<string>`(select coupon_id from codes where coupon_id is not null)`)
    .orderBy('coupons.id')
    .forUpdate('coupons');
  return sql`codes as (${codes}), coupons_read as (${coupons}), budgets as (
      select id, budget, spent from campaigns
      where id = any(array(select id from coupons_read where budget is not null))
      order by id for update
    )`;
}

/**
 * Everything a group decides on, read in one round trip where SQLite takes three statements (codesByHash,
 * couponsById, accountsById) and storedCoupons up to two more: on PostgreSQL those would make a group six round trips
 * (BEGIN, three reads, the write, COMMIT), and a payment at half the peak rate wait about one and a half groups.
 *
 * The locks are taken in the same order as the separate statements take them, so this statement and the
 * step-by-step path cannot deadlock each other: the codes by hash, then the coupons they hold by id, then the
 * budgeted campaigns by id. Each locking part is its own CTE, which PostgreSQL never inlines (a row-locking
 * clause keeps it materialised), and each reads the one before it, which fixes the order in which they run. A
 * row another transaction changed meanwhile is locked at its newest version, as a separate `for update` would
 * read it. The accounts are read without a lock (see accountsById): the codes' payers, and the extra ids the
 * caller names (the platform's budget account of each currency, read whether or not a coupon needs it).
 *
 * Lists are arrays (`= any(array(…))`), not `in (subquery) or …`: an OR across a subquery was planned as a scan
 * of every account, and a semi-join on campaigns as a scan of every campaign (EXPLAIN on a bench database).
 */
export const groupFactsPostgres = prepared<{ hashes: string[]; extraAccountIds: string[]; scopes: string[]; keys: string[] }>()((db, p) => {
  const statement = sql<{ codes: unknown[]; coupons: unknown[]; budgets: unknown[]; links: unknown[]; accounts: unknown[]; keys_taken: boolean }>`
    with ${lockedCodesCouponsBudgets(db, p('hashes'))}, links as (
      select campaign_id, merchant_id from campaign_merchants
      where campaign_id in (select id from coupons_read where all_merchants <> 1)
    ), accounts_read as (
      select id, currency, min_balance, balance from accounts
      where id = any(array(select account_id from codes) || ${p('extraAccountIds')}::text[])
    )
    select (select coalesce(json_agg(codes), '[]') from codes) as codes,
      (select coalesce(json_agg(coupons_read), '[]') from coupons_read) as coupons,
      (select coalesce(json_agg(budgets), '[]') from budgets) as budgets,
      (select coalesce(json_agg(links), '[]') from links) as links,
      (select coalesce(json_agg(accounts_read), '[]') from accounts_read) as accounts,
      exists (
        select 1 from idempotency_keys i join unnest(${p('scopes')}::text[], ${p('keys')}::text[]) as r(scope, key)
          on i.scope = r.scope and i.key = r.key
      ) as keys_taken`;
  return { compile: () => statement.compile(db) };
});
