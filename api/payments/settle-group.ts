import { sql } from 'kysely';
import type { AppDeps } from '../context.js';
import type { PaymentRow } from '../db/schema.js';
import { listBucket, listParams, powerOfTwoChunks, preparedByCount, rowPlaceholders, type PreparedQuery } from '../db/prepared.js';
import type { Executor, Tx } from '../db/tx.js';
import { campaignRule } from '../coupons/campaigns.js';
import { releaseCouponsOfCodes } from '../coupons/store.js';
import { platformAccountId } from '../ledger/system-accounts.js';
import { TRANSFER_COLUMNS, type TransferRow } from '../ledger/transfers.js';
import { paycodeHash } from '../paycodes/codes.js';
import { planGroup, type AccountFacts, type CodeFacts, type StoredCoupon } from './group-plan.js';
import {
  PAYMENT_COLUMNS,
  asFirstAnswer,
  merchantFacts,
  replayOrMismatch,
  type PaymentRequest,
  type SettlementGroup,
  type SettleOptions,
  type SettleResult,
} from './settle.js';

/**
 * Set-based settlement of a group of payments (DESIGN.md "Ledger": throughput from batching): the group's keys,
 * codes, coupons with their campaigns, and accounts are read in one statement each (locked on PostgreSQL), every
 * payment is decided in memory one after another (group-plan.ts, pure), and the outcome is written in one
 * statement per table: payments, transfers, balances, codes, coupons. About ten statements for a group of up to
 * SET_MAX payments, where settlePayment (settle.ts) runs about ten for each; on PostgreSQL each statement is a
 * round trip. The answers are exactly what settlePayment would have given the same requests one after another
 * (tests/api/settle-group.test.ts compares the two).
 *
 * A group that meets what only settlePayment handles throws NeedsSteps before anything is written; the caller
 * settles that group step by step instead. Any other error leaves the caller's transaction to roll back.
 */

/** The most payments settled together: the largest list a statement here is prepared for. */
export const SET_MAX = 128;

export class NeedsSteps extends Error {
  constructor(readonly why: string) {
    super(`this group settles step by step: ${why}`);
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
type Params = Record<string, unknown>;

const paymentsByKeys = preparedByCount<Params, never>(SET_MAX, (n, db, p) =>
  db
    .selectFrom('payments')
    .selectAll()
    .where('merchant_id', '=', p('merchantId'))
    .where('idempotency_key', 'in', range(n).map((i) => p(`key${i}`))) as never,
);

const codesByHash = preparedByCount<Params, never>(SET_MAX, (n, db, p, dialect) => {
  const query = db
    .selectFrom('paycodes')
    .innerJoin('customers', 'customers.id', 'paycodes.customer_id')
    .select([
      'paycodes.code_hash',
      'paycodes.customer_id',
      'paycodes.coupon_id',
      'paycodes.created_at',
      'paycodes.expires_at',
      'paycodes.state',
      'paycodes.ended_at',
      'customers.account_id',
      'customers.handle',
    ])
    .where('paycodes.code_hash', 'in', range(n).map((i) => p(`hash${i}`)))
    // One lock order for every group (PostgreSQL): two groups sharing codes queue instead of deadlocking.
    .orderBy('paycodes.code_hash');
  return (dialect === 'postgres' ? query.forUpdate('paycodes') : query) as never;
});

const couponsById = preparedByCount<Params, never>(SET_MAX, (n, db, p, dialect) => {
  const query = db
    .selectFrom('coupons')
    .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
    .select([
      'coupons.id as coupon_id',
      'coupons.customer_id',
      'coupons.state',
      'coupons.reserved_code_hash',
      'coupons.reserved_until',
      'campaigns.id',
      'campaigns.funding',
      'campaigns.title',
      'campaigns.rule_kind',
      'campaigns.rule_off',
      'campaigns.rule_percent',
      'campaigns.rule_cap',
      'campaigns.rule_minimum',
      'campaigns.valid_from',
      'campaigns.valid_until',
      'campaigns.all_merchants',
      'campaigns.minimum_spend',
      'campaigns.budget',
      'campaigns.spent',
    ])
    .where('coupons.id', 'in', range(n).map((i) => p(`id${i}`)))
    .orderBy('coupons.id');
  return (dialect === 'postgres' ? query.forUpdate('coupons') : query) as never;
});

const accountsById = preparedByCount<Params, never>(SET_MAX * 2, (n, db, p, dialect) => {
  const query = db
    .selectFrom('accounts')
    .select(['id', 'currency', 'min_balance', 'balance'])
    .where('id', 'in', range(n).map((i) => p(`id${i}`)))
    // Account-id order, as every ledger write takes its row locks (ledger/transfers.ts).
    .orderBy('id');
  return (dialect === 'postgres' ? query.forUpdate() : query) as never;
});

/** Each account's own change: `balance + case id when … then … end`, the floors guarded by the table's CHECK. */
const changeBalances = preparedByCount<Params, never>(SET_MAX * 2, (n, db, p) =>
  db
    .updateTable('accounts')
    .set({ balance: sql<number>`balance + case id ${sql.join(range(n).map((i) => sql`when ${p(`id${i}`)} then cast(${p(`change${i}`)} as bigint)`), sql` `)} end` })
    .where('id', 'in', range(n).map((i) => p(`id${i}`))) as never,
);

const useCodes = preparedByCount<Params, never>(SET_MAX, (n, db, p) =>
  db
    .updateTable('paycodes')
    .set({ state: 'used', ended_at: p('now') })
    .where('code_hash', 'in', range(n).map((i) => p(`hash${i}`))) as never,
);

const redeemCoupons = preparedByCount<Params, never>(SET_MAX, (n, db, p) =>
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

const insertPayments = preparedByCount<Params, never>(SET_MAX, (n, db, p) =>
  db.insertInto('payments').values(range(n).map((i) => rowPlaceholders<PaymentRow>((column) => p(`${column}${i}`) as never, PAYMENT_COLUMNS))) as never,
);
const insertTransfers = preparedByCount<Params, never>(SET_MAX * 2, (n, db, p) =>
  db.insertInto('transfers').values(range(n).map((i) => rowPlaceholders<TransferRow>((column) => p(`${column}${i}`) as never, TRANSFER_COLUMNS))) as never,
);

/** Runs a prepared statement over a list (padded to its bucket), with any fixed parameters besides. */
async function overList<R>(db: Executor, statement: (count: number) => PreparedQuery<Params, never> | undefined, name: string, items: readonly unknown[], fixed: Params = {}): Promise<R[]> {
  if (items.length === 0) return [];
  const size = listBucket(items.length);
  const result = await statement(size)!(db, { ...fixed, ...listParams(name, items, size) });
  return result.rows as R[];
}

async function insertRows(db: Executor, statement: (count: number) => PreparedQuery<Params, never> | undefined, max: number, rows: readonly Record<string, unknown>[]) {
  for (const chunk of powerOfTwoChunks(rows, max)) {
    const params: Params = {};
    chunk.forEach((row, i) => {
      for (const [column, value] of Object.entries(row)) params[`${column}${i}`] = value;
    });
    await statement(chunk.length)!(db, params);
  }
}

/** `id0, change0, id1, change1, …` for a padded list of pairs. */
function pairParams(first: string, second: string, pairs: readonly (readonly [unknown, unknown])[]): [number, Params] {
  const size = listBucket(pairs.length);
  return [size, { ...listParams(first, pairs.map((pair) => pair[0]), size), ...listParams(second, pairs.map((pair) => pair[1]), size) }];
}

type CouponRow = {
  coupon_id: string;
  customer_id: string;
  state: StoredCoupon['state'];
  reserved_code_hash: string | null;
  reserved_until: number | null;
  id: string;
  funding: 'merchant' | 'platform';
  title: string;
  rule_kind: 'fixed' | 'percent' | 'threshold';
  rule_off: number | null;
  rule_percent: number | null;
  rule_cap: number | null;
  rule_minimum: number | null;
  valid_from: number;
  valid_until: number;
  all_merchants: number;
  minimum_spend: number | null;
  budget: number | null;
  spent: number;
};

/**
 * Settles the requests together inside the caller's transaction; the merchants' credits wait in `group` for
 * the caller to write (SettlementGroup.apply), as with settlePayment. With keyLookupFirst, keys already used
 * answer with their first result; without it, a repeated key fails the insert of the payments and the caller
 * rolls the group back and settles it step by step.
 */
export async function settleTogether(
  trx: Tx,
  deps: AppDeps,
  requests: readonly PaymentRequest[],
  group: SettlementGroup,
  options: SettleOptions,
): Promise<SettleResult[]> {
  if (requests.length > SET_MAX) throw new Error(`at most ${SET_MAX} payments settle together`);
  const now = deps.clock.now();
  const results: SettleResult[] = new Array(requests.length);
  let pending = requests.map((request, index) => ({ request, index }));

  if (options.keyLookupFirst) {
    for (const merchantId of new Set(requests.map((r) => r.merchantId))) {
      const keys = requests.filter((r) => r.merchantId === merchantId).map((r) => r.idempotencyKey);
      const stored = await overList<PaymentRow>(trx, paymentsByKeys, 'key', keys, { merchantId });
      if (stored.length === 0) continue;
      const byKey = new Map(stored.map((row) => [row.idempotency_key, row]));
      pending = pending.filter(({ request, index }) => {
        const existing = request.merchantId === merchantId ? byKey.get(request.idempotencyKey) : undefined;
        if (!existing) return true;
        // A key reused for another request is that request's error alone: the step-by-step path answers it.
        if (existing.request_hash !== request.requestHash) throw new NeedsSteps('a key used for another request');
        results[index] = { payment: asFirstAnswer(replayOrMismatch(existing, request.requestHash)), replayed: true, customerHandle: null, couponTitle: null };
        return false;
      });
    }
    if (pending.length === 0) return results;
  }

  const codeHashes = pending.map(({ request }) => paycodeHash(request.code));
  const codes = await overList<CodeFacts>(trx, codesByHash, 'hash', [...new Set(codeHashes)].sort());
  const couponIds = [...new Set(codes.flatMap((code) => (code.coupon_id ? [code.coupon_id] : [])))].sort();
  const couponRows = await overList<CouponRow>(trx, couponsById, 'id', couponIds);
  const coupons = await storedCoupons(trx, deps, couponRows);

  const merchantAccounts = new Map<string, string>();
  for (const { request } of pending) {
    if (merchantAccounts.has(request.merchantId)) continue;
    const merchant = await merchantFacts(trx, deps.db, request.merchantId).catch(() => undefined);
    if (merchant) merchantAccounts.set(request.merchantId, merchant.accountId);
  }
  const accountIds = new Set(codes.map((code) => code.account_id));
  if ([...coupons.values()].some((coupon) => coupon.funding === 'platform')) {
    for (const { request } of pending) accountIds.add(platformAccountId(request.currency));
  }
  const accounts = await overList<AccountFacts>(trx, accountsById, 'id', [...accountIds].sort());

  const outcome = planGroup(
    pending.map((p) => p.request),
    codeHashes,
    {
      now,
      offlineWindowMs: deps.config.offlineWindowMs,
      codes: new Map(codes.map((code) => [code.code_hash, code])),
      coupons,
      accounts: new Map(accounts.map((account) => [account.id, account])),
      merchantAccounts,
    },
  );
  if ('steps' in outcome) throw new NeedsSteps(outcome.steps);
  const { plan } = outcome;

  const changes = [...plan.balanceChanges].filter(([, change]) => change !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (changes.length > 0) {
    const [size, params] = pairParams('id', 'change', changes);
    await changeBalances(size)!(trx, params);
  }
  for (const [accountId, amount] of plan.merchantCredits) group.creditsFor(accountId).add(accountId, amount);
  await insertRows(trx, insertTransfers, SET_MAX * 2, plan.transfers);
  if (plan.redemptions.length > 0) {
    const [size, params] = pairParams('id', 'payment', plan.redemptions.map((r) => [r.couponId, r.paymentId] as const));
    await redeemCoupons(size)!(trx, { ...params, now });
  }
  for (const [campaignId, amount] of plan.campaignSpending) {
    await trx.updateTable('campaigns').set((eb) => ({ spent: eb('spent', '+', amount) })).where('id', '=', campaignId).execute();
  }
  if (plan.codesUsed.length > 0) await overList(trx, useCodes, 'hash', plan.codesUsed, { now });
  await releaseCouponsOfCodes(trx, plan.codesReleased, now);
  await insertRows(trx, insertPayments, SET_MAX, plan.payments.map((p) => p.row));

  plan.payments.forEach((planned, i) => {
    results[pending[i]!.index] = { payment: planned.row, replayed: false, customerHandle: planned.customerHandle, couponTitle: planned.couponTitle };
  });
  return results;
}

/**
 * The coupons as verification sees them. On PostgreSQL a budgeted campaign is locked too, since its `spent`
 * decides the answer (as couponFacts does); unlimited campaigns stay lock-free.
 */
async function storedCoupons(trx: Tx, deps: AppDeps, rows: readonly CouponRow[]): Promise<Map<string, StoredCoupon>> {
  const coupons = new Map<string, StoredCoupon>();
  if (rows.length === 0) return coupons;
  const budgeted = [...new Set(rows.filter((r) => r.budget !== null).map((r) => r.id))].sort();
  const budgets = new Map<string, { budget: number | null; spent: number }>();
  if (deps.db.dialect === 'postgres' && budgeted.length > 0) {
    const locked = await trx.selectFrom('campaigns').select(['id', 'budget', 'spent']).where('id', 'in', budgeted).orderBy('id').forUpdate().execute();
    for (const row of locked) budgets.set(row.id, row);
  }
  const limited = [...new Set(rows.filter((r) => r.all_merchants !== 1).map((r) => r.id))];
  const merchantsOf = new Map<string, string[]>();
  if (limited.length > 0) {
    const links = await trx.selectFrom('campaign_merchants').select(['campaign_id', 'merchant_id']).where('campaign_id', 'in', limited).execute();
    for (const link of links) merchantsOf.set(link.campaign_id, [...(merchantsOf.get(link.campaign_id) ?? []), link.merchant_id]);
  }
  for (const row of rows) {
    const campaign = { ...row, ...budgets.get(row.id) };
    coupons.set(row.coupon_id, {
      id: row.coupon_id,
      campaignId: row.id,
      funding: row.funding,
      title: row.title,
      ownerId: row.customer_id,
      state: row.state,
      reservedCodeHash: row.reserved_code_hash,
      reservedUntil: row.reserved_until,
      rule: campaignRule(campaign),
      validFrom: campaign.valid_from,
      validUntil: campaign.valid_until,
      allMerchants: campaign.all_merchants === 1,
      merchantIds: merchantsOf.get(row.id) ?? [],
      minimumSpend: campaign.minimum_spend,
      budget: campaign.budget,
      spent: campaign.spent,
    });
  }
  return coupons;
}
