import { sql, type SelectQueryBuilder } from 'kysely';
import { campaignRule, campaignRuleSelection } from '../coupons/campaigns.js';
import type { CouponRule } from '../coupons/rules.js';
import type { Executor, Tx } from '../db/tx.js';
import type { Database } from '../db/schema.js';

/**
 * The figures of a till's period (X and Z reports). A period is everything of one merchant not yet closed
 * into a Z report (z_number is null), so a payment that syncs from an offline tablet after a close lands in
 * the next report and a closed one never changes.
 */
export interface PeriodFigures {
  count: number;
  declinedCount: number;
  amount: number;
  deduction: number;
  deductionMerchantFunded: number;
  deductionPlatformFunded: number;
  charged: number;
  settlement: number;
  refundCount: number;
  refunded: number;
  refundedCash: number;
  refundedSubsidy: number;
  /**
   * Of the refunds: those of sales made before the period (in an earlier Z report, or on an earlier day), and the
   * part of those sales they refunded. They are this period's refunds, but a sale the period's figures do not hold.
   */
  earlierSalesRefundCount: number;
  earlierSalesRefunded: number;
  /**
   * How many sales those refunds were of: one sale refunded in four parts is four refunds of one sale (Today said
   * "4 refunds of sales of earlier days" and the owner read four sales). Absent from Z reports closed before it.
   */
  earlierSalesRefundedSaleCount?: number;
  /** Declined payments the customer then paid in cash at the counter (payments/cash.ts): cash in the till. */
  paidInCashCount: number;
  paidInCash: number;
  /**
   * Of that cash: what was taken for declined sales made before the period (in an earlier Z report, or on an earlier
   * day), and how much. In this period's till, but for a sale the period's figures do not hold.
   */
  earlierSalesPaidInCashCount: number;
  earlierSalesPaidInCash: number;
  /**
   * Cash taken at the counter and put on customers' wallets (api/topups/counter.ts): in the till too, though no
   * sale; counted when taken. Absent from Z reports closed before counter top-ups existed (read as 0).
   */
  topUpCount: number;
  topUps: number;
  /**
   * Counter top-ups a manager took back (api/topups/reversal.ts): cash paid back out of the till, counted when
   * reversed, whichever period holds the top-up; the till holds topUps − topUpsReversed of top-up cash. Absent from
   * Z reports closed before reversals existed (read as 0).
   */
  topUpReversalCount: number;
  topUpsReversed: number;
  /**
   * Declined sales the customer left without paying, written off as such at the counter (payments/not-paid.ts), and
   * their amount: no cash, and in none of the sales figures; counted when noted, as cash for a declined sale is. So a
   * close says how many declines were never paid, where a false "paid in cash" put cash in the till that was not
   * there. By cashier too, the cashier's who noted it, so the owner sees who wrote off what. Absent from Z reports
   * closed before they existed (read as 0).
   */
  notPaidCount: number;
  notPaid: number;
  firstAt: number | null;
  lastAt: number | null;
  /**
   * Uses of each campaign in the period; `refundedCount` of them were refunded in full since (their coupon went back).
   * `rule`, so a screen can name a campaign whose title only restates it in its reader's language: absent from the
   * Z reports closed before it was kept.
   */
  byCampaign: { campaignId: string; title: string; rule?: CouponRule; funding: 'merchant' | 'platform'; count: number; refundedCount: number; deduction: number }[];
  /**
   * The same figures for each cashier who did anything in the period: rang up a payment (or a declined attempt), gave
   * a refund, took cash for a declined payment or a top-up, wrote a declined sale off as not paid. A refund is the cashier's who gave it, not who rang up its sale; cash
   * the cashier's who took it, a top-up's reversal the manager's who made it. Summed over the rows, every figure is the period's own above. Their handle and whether
   * they were removed as they were when read (a Z report keeps them as closed). Absent from Z reports closed before it.
   */
  byCashier?: CashierFigures[];
}

/** The figures a cashier's row has of the period's own: summed over the rows, each is the period's. */
type SummedFigures = Pick<
  PeriodFigures,
  'count' | 'declinedCount' | 'amount' | 'deduction' | 'charged' | 'settlement' | 'refundCount' | 'refunded' | 'refundedCash' | 'refundedSubsidy' | 'paidInCashCount' | 'paidInCash' | 'topUpCount' | 'topUps' | 'topUpReversalCount' | 'topUpsReversed' | 'notPaidCount' | 'notPaid'
>;

export interface CashierFigures extends SummedFigures {
  cashierId: string;
  handle: string;
  removed: boolean;
}

/**
 * A group of payments' sales as every report sums them: the periods' and cashiers' here, and the period report's
 * days (by-day.ts), whose rows must add up to these. A declined attempt is no sale, and moved no money.
 */
export const salesSums = [
  sql<number>`coalesce(sum(case when status <> 'declined' then 1 else 0 end), 0)`.as('count'),
  sql<number>`coalesce(sum(case when status <> 'declined' then amount else 0 end), 0)`.as('amount'),
  sql<number>`coalesce(sum(deduction), 0)`.as('deduction'),
  sql<number>`coalesce(sum(charged), 0)`.as('charged'),
  sql<number>`coalesce(sum(settlement), 0)`.as('settlement'),
] as const;

/** A period is either what one Z report holds (or, with null, what is still open), or a window of time. */
type Scope = { merchantId: string } & ({ zNumber: number | null } | { from: number; to: number });

export async function periodFigures(db: Executor, scope: Scope): Promise<PeriodFigures> {
  let payments = db.selectFrom('payments').where('payments.merchant_id', '=', scope.merchantId);
  let refunds = db.selectFrom('refunds').where('refunds.merchant_id', '=', scope.merchantId);
  // Cash taken for a declined payment counts when it was taken, which may be after the payment's own period.
  let cash = db.selectFrom('cash_settlements').where('cash_settlements.merchant_id', '=', scope.merchantId);
  let topUps = db.selectFrom('counter_topups').where('counter_topups.merchant_id', '=', scope.merchantId);
  // A reversal counts when it was made, which may be after its top-up's own period (a Z report closed since).
  let reversals = db.selectFrom('counter_topup_reversals').where('counter_topup_reversals.merchant_id', '=', scope.merchantId);
  // A sale written off as not paid counts when it was noted, as its cash would have.
  let notPaid = db.selectFrom('not_paid_declines').where('not_paid_declines.merchant_id', '=', scope.merchantId);
  if ('zNumber' in scope) {
    payments = payments.where('payments.z_number', scope.zNumber === null ? 'is' : '=', scope.zNumber);
    refunds = refunds.where('refunds.z_number', scope.zNumber === null ? 'is' : '=', scope.zNumber);
    cash = cash.where('cash_settlements.z_number', scope.zNumber === null ? 'is' : '=', scope.zNumber);
    topUps = topUps.where('counter_topups.z_number', scope.zNumber === null ? 'is' : '=', scope.zNumber);
    reversals = reversals.where('counter_topup_reversals.z_number', scope.zNumber === null ? 'is' : '=', scope.zNumber);
    notPaid = notPaid.where('not_paid_declines.z_number', scope.zNumber === null ? 'is' : '=', scope.zNumber);
  } else {
    payments = payments.where('payments.settled_at', '>=', scope.from).where('payments.settled_at', '<', scope.to);
    refunds = refunds.where('refunds.created_at', '>=', scope.from).where('refunds.created_at', '<', scope.to);
    cash = cash.where('cash_settlements.created_at', '>=', scope.from).where('cash_settlements.created_at', '<', scope.to);
    topUps = topUps.where('counter_topups.created_at', '>=', scope.from).where('counter_topups.created_at', '<', scope.to);
    reversals = reversals.where('counter_topup_reversals.created_at', '>=', scope.from).where('counter_topup_reversals.created_at', '<', scope.to);
    notPaid = notPaid.where('not_paid_declines.created_at', '>=', scope.from).where('not_paid_declines.created_at', '<', scope.to);
  }
  // A refund of (or cash for) a sale from before the period: its sale was closed into an earlier Z report (a sale
  // still open when the period is closed gets this period's number, never an earlier one), or was made before the
  // day began.
  const ofEarlierSales = <Q extends SelectQueryBuilder<Database, 'payments' | 'refunds' | 'cash_settlements', object>>(q: Q): Q =>
    ('zNumber' in scope
      ? scope.zNumber === null
        ? q.where('payments.z_number', 'is not', null)
        : q.where('payments.z_number', '<', scope.zNumber)
      : q.where('payments.settled_at', '<', scope.from)) as Q;
  const earlier = await refunds
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .$call(ofEarlierSales)
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`count(distinct refunds.payment_id)`.as('sales'),
      sql<number>`coalesce(sum(refunds.amount), 0)`.as('amount'),
    ])
    .executeTakeFirstOrThrow();
  // Cash taken for a declined sale from before the period (declined at yesterday's sync, paid in cash this morning):
  // the period's "paid in cash" holds it, its list of sales does not.
  const earlierCash = await cash
    .innerJoin('payments', 'payments.id', 'cash_settlements.payment_id')
    .$call(ofEarlierSales)
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(cash_settlements.amount), 0)`.as('amount')])
    .executeTakeFirstOrThrow();
  // Refunded in full: of a period, as the payment stands now (an X report) or stood at its close (a Z report,
  // frozen then); of a day, by the day's end, as the Day report and its file count refunds: one made the next day
  // is the next day's, so a day read again later does not change, nor contradict its own rows of payments.
  const refundedInFull =
    'zNumber' in scope
      ? sql<number>`sum(case when payments.status = 'refunded' then 1 else 0 end)`
      : sql<number>`sum(case when payments.status = 'refunded' and not exists (select 1 from refunds later where later.payment_id = payments.id and later.created_at >= ${scope.to}) then 1 else 0 end)`;
  const byCampaign = await payments
    .innerJoin('campaigns', 'campaigns.id', 'payments.campaign_id')
    .where('payments.status', '<>', 'declined')
    .groupBy(['campaigns.id', 'campaigns.title', 'campaigns.funding', ...campaignRuleSelection])
    .select([
      'campaigns.id as campaignId',
      'campaigns.title',
      'campaigns.funding',
      ...campaignRuleSelection,
      sql<number>`count(*)`.as('count'),
      refundedInFull.as('refundedCount'),
      sql<number>`sum(payments.deduction)`.as('deduction'),
    ])
    .orderBy('campaigns.title')
    .execute();
  const n = (v: unknown) => Number(v ?? 0);
  // The period's figures are read once, grouped by cashier (who rang up, refunded or took the cash), and the shop's
  // totals are those rows summed here: the rows add up to the totals by construction, whatever commits meanwhile,
  // and each table is read once (a Z close reads them while it holds their rows' locks).
  const paymentsBy = await payments
    .groupBy('payments.cashier_id')
    .select([
      'payments.cashier_id as cashierId',
      ...salesSums,
      sql<number>`coalesce(sum(case when status = 'declined' then 1 else 0 end), 0)`.as('declinedCount'),
      sql<number>`coalesce(sum(case when funding = 'merchant' then deduction else 0 end), 0)`.as('deductionMerchant'),
      sql<number>`coalesce(sum(case when funding = 'platform' then deduction else 0 end), 0)`.as('deductionPlatform'),
      // A declined attempt is not a sale: the first and last payment are the first and last money taken.
      sql<number | null>`min(case when status <> 'declined' then settled_at end)`.as('firstAt'),
      sql<number | null>`max(case when status <> 'declined' then settled_at end)`.as('lastAt'),
    ])
    .execute();
  const refundsBy = await refunds
    .groupBy('refunds.cashier_id')
    .select([
      'refunds.cashier_id as cashierId',
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(amount), 0)`.as('amount'),
      sql<number>`coalesce(sum(cash), 0)`.as('cash'),
      sql<number>`coalesce(sum(subsidy), 0)`.as('subsidy'),
    ])
    .execute();
  const cashBy = await cash
    .groupBy('cash_settlements.cashier_id')
    .select(['cash_settlements.cashier_id as cashierId', sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount), 0)`.as('amount')])
    .execute();
  const topUpsBy = await topUps
    .groupBy('counter_topups.cashier_id')
    .select(['counter_topups.cashier_id as cashierId', sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount), 0)`.as('amount')])
    .execute();
  const reversalsBy = await reversals
    .groupBy('counter_topup_reversals.cashier_id')
    .select(['counter_topup_reversals.cashier_id as cashierId', sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount), 0)`.as('amount')])
    .execute();
  const notPaidBy = await notPaid
    .groupBy('not_paid_declines.cashier_id')
    .select(['not_paid_declines.cashier_id as cashierId', sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount), 0)`.as('amount')])
    .execute();
  const byCashierId = new Map<string, CashierFigures>();
  const row = (cashierId: string): CashierFigures => {
    let f = byCashierId.get(cashierId);
    if (!f) {
      f = {
        cashierId,
        handle: cashierId,
        removed: false,
        count: 0,
        declinedCount: 0,
        amount: 0,
        deduction: 0,
        charged: 0,
        settlement: 0,
        refundCount: 0,
        refunded: 0,
        refundedCash: 0,
        refundedSubsidy: 0,
        paidInCashCount: 0,
        paidInCash: 0,
        topUpCount: 0,
        topUps: 0,
        topUpReversalCount: 0,
        topUpsReversed: 0,
        notPaidCount: 0,
        notPaid: 0,
      };
      byCashierId.set(cashierId, f);
    }
    return f;
  };
  for (const p of paymentsBy) {
    Object.assign(row(p.cashierId), {
      count: n(p.count),
      declinedCount: n(p.declinedCount),
      amount: n(p.amount),
      deduction: n(p.deduction),
      charged: n(p.charged),
      settlement: n(p.settlement),
    });
  }
  for (const x of refundsBy) Object.assign(row(x.cashierId), { refundCount: n(x.n), refunded: n(x.amount), refundedCash: n(x.cash), refundedSubsidy: n(x.subsidy) });
  for (const x of cashBy) Object.assign(row(x.cashierId), { paidInCashCount: n(x.n), paidInCash: n(x.amount) });
  for (const x of topUpsBy) Object.assign(row(x.cashierId), { topUpCount: n(x.n), topUps: n(x.amount) });
  // A reversal is the manager's who made it (the cash went out on their watch), not the top-up's cashier's.
  for (const x of reversalsBy) Object.assign(row(x.cashierId), { topUpReversalCount: n(x.n), topUpsReversed: n(x.amount) });
  // A sale written off is the cashier's who noted it: the one who saw the customer go, whom the owner asks.
  for (const x of notPaidBy) Object.assign(row(x.cashierId), { notPaidCount: n(x.n), notPaid: n(x.amount) });
  if (byCashierId.size > 0) {
    const who = await db.selectFrom('cashiers').select(['id', 'handle', 'removed_at']).where('id', 'in', [...byCashierId.keys()]).execute();
    for (const c of who) Object.assign(byCashierId.get(c.id)!, { handle: c.handle, removed: c.removed_at !== null });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // Who took the most first; a tie by handle, so the order never changes between two reads.
  const byCashier = [...byCashierId.values()].sort((a, b) => b.charged - a.charged || order(a.handle, b.handle) || order(a.cashierId, b.cashierId));
  // The shop's: the rows summed (integers, minor units), and the first and last sale of any cashier.
  const sum = (key: keyof SummedFigures) => byCashier.reduce((total, f) => total + f[key], 0);
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  let deductionMerchantFunded = 0;
  let deductionPlatformFunded = 0;
  for (const p of paymentsBy) {
    deductionMerchantFunded += n(p.deductionMerchant);
    deductionPlatformFunded += n(p.deductionPlatform);
    if (p.firstAt !== null) firstAt = firstAt === null ? n(p.firstAt) : Math.min(firstAt, n(p.firstAt));
    if (p.lastAt !== null) lastAt = lastAt === null ? n(p.lastAt) : Math.max(lastAt, n(p.lastAt));
  }
  return {
    count: sum('count'),
    declinedCount: sum('declinedCount'),
    amount: sum('amount'),
    deduction: sum('deduction'),
    deductionMerchantFunded,
    deductionPlatformFunded,
    charged: sum('charged'),
    settlement: sum('settlement'),
    refundCount: sum('refundCount'),
    refunded: sum('refunded'),
    refundedCash: sum('refundedCash'),
    refundedSubsidy: sum('refundedSubsidy'),
    earlierSalesRefundCount: n(earlier.n),
    earlierSalesRefunded: n(earlier.amount),
    earlierSalesRefundedSaleCount: n(earlier.sales),
    paidInCashCount: sum('paidInCashCount'),
    paidInCash: sum('paidInCash'),
    earlierSalesPaidInCashCount: n(earlierCash.n),
    earlierSalesPaidInCash: n(earlierCash.amount),
    topUpCount: sum('topUpCount'),
    topUps: sum('topUps'),
    topUpReversalCount: sum('topUpReversalCount'),
    topUpsReversed: sum('topUpsReversed'),
    notPaidCount: sum('notPaidCount'),
    notPaid: sum('notPaid'),
    firstAt,
    lastAt,
    byCampaign: byCampaign.map((b) => ({
      campaignId: b.campaignId,
      title: b.title,
      rule: campaignRule(b),
      funding: b.funding,
      count: n(b.count),
      refundedCount: n(b.refundedCount),
      deduction: n(b.deduction),
    })),
    byCashier,
  };
}

/**
 * Close the period: the next number, everything open stamped with it, the figures frozen as JSON. A payment,
 * refund, cash note or counter top-up is inside this close when it had committed by the time its table is stamped, and in the
 * next one otherwise: the stamp, not the time, decides, so a close never holds half of one.
 *
 * Two closes of one shop follow one another through the shop's row (PostgreSQL; FOR NO KEY UPDATE, as a
 * manager's change of the shop takes it, so that sales, whose rows refer to the shop, never wait for it). Not
 * through the shop's balance row: a refund takes its payment's row and then the balance, and a close that held the
 * balance while it stamped that payment deadlocked with it (tests/api/lock-order.test.ts).
 */
export async function closePeriod(
  trx: Tx,
  dialect: 'sqlite' | 'postgres',
  input: { merchantId: string; cashierId: string; now: number; id: string; queued: { count: number; amount: number } | null },
) {
  const merchant = await trx
    .selectFrom('merchants')
    .select(['created_at'])
    .where('id', '=', input.merchantId)
    .$if(dialect === 'postgres', (query) => query.forNoKeyUpdate())
    .executeTakeFirstOrThrow();
  const last = await trx
    .selectFrom('z_reports')
    .select(['number', 'closed_at'])
    .where('merchant_id', '=', input.merchantId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  const number = (last?.number ?? 0) + 1;
  await trx.updateTable('payments').set({ z_number: number }).where('merchant_id', '=', input.merchantId).where('z_number', 'is', null).execute();
  await trx.updateTable('refunds').set({ z_number: number }).where('merchant_id', '=', input.merchantId).where('z_number', 'is', null).execute();
  await trx.updateTable('cash_settlements').set({ z_number: number }).where('merchant_id', '=', input.merchantId).where('z_number', 'is', null).execute();
  await trx.updateTable('counter_topups').set({ z_number: number }).where('merchant_id', '=', input.merchantId).where('z_number', 'is', null).execute();
  await trx.updateTable('counter_topup_reversals').set({ z_number: number }).where('merchant_id', '=', input.merchantId).where('z_number', 'is', null).execute();
  await trx.updateTable('not_paid_declines').set({ z_number: number }).where('merchant_id', '=', input.merchantId).where('z_number', 'is', null).execute();
  const figures = { ...(await periodFigures(trx, { merchantId: input.merchantId, zNumber: number })), queuedOfflineAtClose: input.queued };
  const row = {
    id: input.id,
    merchant_id: input.merchantId,
    number,
    previous_number: last?.number ?? null,
    opened_at: last?.closed_at ?? merchant.created_at,
    // `now` was read before the lock: a close that waited for another's (two managers at once, on PostgreSQL)
    // must not end before the period it closes began.
    closed_at: Math.max(input.now, last?.closed_at ?? input.now),
    closed_by: input.cashierId,
    figures: JSON.stringify(figures),
  };
  await trx.insertInto('z_reports').values(row).execute();
  return row;
}
