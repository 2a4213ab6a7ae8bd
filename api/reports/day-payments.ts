import { sql } from 'kysely';
import { campaignRule, campaignRuleSelection } from '../coupons/campaigns.js';
import type { Executor } from '../db/tx.js';
import type { CouponRule } from '../coupons/rules.js';
import { hidesCustomerFromShop } from '../payments/view.js';
import type { DeclineDetail, DeclineReason } from '../payments/states.js';

/**
 * A Day report file lists at most this many payments (a row each, some 150 bytes: 15 MB). A shop's busiest day is far
 * below it; past it the file says the list stops there, and its figures still count every payment.
 */
export const DAY_CSV_ROWS_MAX = 100_000;

/**
 * A payment of the day as its row in the Day report's file. Its refunds are those made on that day: the file is
 * the day's books, so a refund made the next day is in the next day's file, and the rows' refunds and the figures
 * above them tell the same day.
 */
export interface DayPaymentRow {
  id: string;
  settledAt: number;
  /** When the code was scanned: long before settledAt for a sale a tablet took offline and sent later. */
  scannedAt: number;
  /** Who rang up the sale, and who gave the day's refunds of it (on screen, By cashier counts a refund for them). */
  cashier: string;
  refundedBy: string[];
  customer: string | null;
  amount: number;
  deduction: number;
  funding: 'merchant' | 'platform' | null;
  campaign: string | null;
  campaignRule: CouponRule | null;
  charged: number;
  settlement: number;
  refunded: number;
  refundedCash: number;
  refundedSubsidy: number;
}

/**
 * A refund made on the day of a sale made before it: the day's figures count it (its part of the sale, its cash and
 * subsidy paid back), so the file lists it too, after the day's payments, or its refund and paid-back columns would
 * not add up to the figures above them.
 */
export interface EarlierRefundRow {
  paymentId: string;
  at: number;
  /** Who rang up the sale, as in the payments' rows, and who gave the refund. */
  cashier: string;
  refundedBy: string;
  customer: string | null;
  saleAt: number;
  amount: number;
  cash: number;
  subsidy: number;
}

/**
 * A declined payment the customer paid in cash that day (payments/cash.ts): cash in the till, counted in the day's
 * "Paid in cash after a decline" and in none of the sales' figures, so listed apart, after the payments: when it was
 * noted, the payment, who noted it, the amount and the cashier's note.
 */
export interface PaidInCashRow {
  paymentId: string;
  at: number;
  cashier: string;
  amount: number;
  note: string;
}

/**
 * A declined payment noted that day as not paid, the customer having left (payments/not-paid.ts): no cash, counted in
 * the day's "Not paid after a decline" and in none of the other figures, so listed apart, as cash for a decline is:
 * when it was noted, the payment, who noted it (whom the owner asks), what it asked and the cashier's note.
 */
export interface NotPaidRow {
  paymentId: string;
  at: number;
  cashier: string;
  amount: number;
  note: string;
}

/**
 * A "not paid" a manager took back that day (payments/not-paid.ts takeBackNotPaid): in none of the figures (the sale
 * is a declined one again, or paid in cash after), listed apart so the file says who wrote the sale off, when and
 * why, and who took it back when: `at` and `by` are the take-back's, `notedAt` and `notedBy` the note's.
 */
export interface NotPaidTakenBackRow {
  paymentId: string;
  at: number;
  by: string;
  amount: number;
  notedAt: number;
  notedBy: string;
  note: string;
}

/**
 * A counter top-up made that day, or the reversal that day of one (made that day or before): cash into the till, or
 * paid back out of it. Listed apart, after the payments, so that the day's "Top-ups in cash" and "Top-ups reversed"
 * have their rows, as "Paid in cash after a decline" has: whose wallet, who took the cash, which one was taken back.
 */
export interface TopUpRow {
  topUpId: string;
  at: number;
  customer: string;
  /** Who took the cash (a top-up) or gave it back (a reversal: the manager's). */
  cashier: string;
  amount: number;
  /** A reversal's: when the top-up it takes back was made. */
  reverses: { at: number } | null;
}

/**
 * A payment declined that day (settled then, as the figures count "Declined"): nothing charged, so in none of the
 * sales' figures, and listed apart, after the payments, so the file says which sales were declined, for whom, for
 * how much and why, and what the shop noted of each by the day's end (cash for it, or "not paid", as the day's lists
 * of those hold them). Its customer is the shop's to see (payments/view.ts hidesCustomerFromShop: none for a stale
 * code's decline); a balance too low's shortfall is not read at all (DESIGN.md: the shop's records never keep it).
 */
export interface DeclinedRow {
  paymentId: string;
  settledAt: number;
  customer: string | null;
  cashier: string;
  /** What the sale asked: its order amount A. */
  amount: number;
  reason: DeclineReason;
  detail: DeclineDetail | null;
  /** The refused coupon's campaign, recorded on a decline about the coupon only. */
  campaign: string | null;
  campaignRule: CouponRule | null;
  /** What the shop noted of it by the day's end; null for nothing. */
  noted: 'paidInCash' | 'notPaid' | null;
}

/** What a Day report's file lists after its figures (csv.ts dayCsv): the day's payments, then the lists apart. */
export interface DayPayments {
  rows: DayPaymentRow[];
  earlierRefunds: EarlierRefundRow[];
  declined: DeclinedRow[];
  paidInCash: PaidInCashRow[];
  notPaid: NotPaidRow[];
  notPaidTakenBack: NotPaidTakenBackRow[];
  topUps: TopUpRow[];
  /** More than DAY_CSV_ROWS_MAX of one list were made: the file says its lists stop there. */
  cut: boolean;
}

/** The day's payments that took money, in the order taken, each with the refunds made of it that day. */
export async function dayPayments(
  db: Executor,
  merchantId: string,
  from: number,
  to: number,
): Promise<DayPayments> {
  const n = (v: unknown) => Number(v ?? 0);
  const refundsOfTheDay = (column: 'amount' | 'cash' | 'subsidy') =>
    sql<number>`(select coalesce(sum(r.${sql.ref(column)}), 0) from refunds r where r.payment_id = payments.id and r.created_at < ${to})`;
  /** The shop's payments settled that day, with their cashier, customer and campaign: the day's rows and its declines. */
  const paymentsOfDay = () =>
    db
      .selectFrom('payments')
      .leftJoin('cashiers', 'cashiers.id', 'payments.cashier_id')
      .leftJoin('customers', 'customers.id', 'payments.customer_id')
      .leftJoin('campaigns', 'campaigns.id', 'payments.campaign_id')
      .where('payments.merchant_id', '=', merchantId)
      .where('payments.settled_at', '>=', from)
      .where('payments.settled_at', '<', to);
  const found = await paymentsOfDay()
    .where('payments.status', '<>', 'declined')
    .select([
      'payments.id',
      'payments.settled_at',
      'payments.scanned_at',
      'payments.cashier_id',
      'cashiers.handle',
      'customers.handle as customer',
      'payments.amount',
      'payments.deduction',
      'payments.funding',
      'campaigns.title',
      ...campaignRuleSelection,
      'payments.charged',
      'payments.settlement',
      refundsOfTheDay('amount').as('refunded'),
      refundsOfTheDay('cash').as('refundedCash'),
      refundsOfTheDay('subsidy').as('refundedSubsidy'),
    ])
    .orderBy('payments.settled_at')
    .orderBy('payments.id')
    .limit(DAY_CSV_ROWS_MAX + 1)
    .execute();
  // Who gave the day's refunds of the day's sales, in the order given: By cashier counts each refund for its giver.
  const givers = await db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .leftJoin('cashiers', 'cashiers.id', 'refunds.cashier_id')
    .where('payments.merchant_id', '=', merchantId)
    .where('payments.settled_at', '>=', from)
    .where('payments.settled_at', '<', to)
    .where('refunds.created_at', '<', to)
    .select(['refunds.payment_id', 'refunds.cashier_id', 'cashiers.handle'])
    .orderBy('refunds.created_at')
    .orderBy('refunds.id')
    .execute();
  const refundedBy = new Map<string, string[]>();
  for (const g of givers) {
    const names = refundedBy.get(g.payment_id) ?? [];
    const name = g.handle ?? g.cashier_id;
    if (!names.includes(name)) names.push(name);
    refundedBy.set(g.payment_id, names);
  }
  const rows = found.slice(0, DAY_CSV_ROWS_MAX).map((p) => ({
    id: p.id,
    settledAt: n(p.settled_at),
    scannedAt: n(p.scanned_at),
    // A cashier removed since keeps their name on their sales; the id stands in only where no row is left at all.
    cashier: p.handle ?? p.cashier_id,
    refundedBy: refundedBy.get(p.id) ?? [],
    customer: p.customer,
    amount: n(p.amount),
    deduction: n(p.deduction),
    funding: p.funding,
    campaign: p.title,
    campaignRule: p.rule_kind === null ? null : campaignRule({ ...p, rule_kind: p.rule_kind }),
    charged: n(p.charged),
    settlement: n(p.settlement),
    refunded: n(p.refunded),
    refundedCash: n(p.refundedCash),
    refundedSubsidy: n(p.refundedSubsidy),
  }));
  // The day's refunds of sales made before it (closing.ts counts them in the day's figures as well).
  const earlier = await db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .leftJoin('cashiers as giver', 'giver.id', 'refunds.cashier_id')
    .leftJoin('cashiers as seller', 'seller.id', 'payments.cashier_id')
    .leftJoin('customers', 'customers.id', 'payments.customer_id')
    .where('refunds.merchant_id', '=', merchantId)
    .where('refunds.created_at', '>=', from)
    .where('refunds.created_at', '<', to)
    .where('payments.settled_at', '<', from)
    .select([
      'refunds.payment_id',
      'refunds.created_at',
      'refunds.cashier_id',
      'giver.handle as giverHandle',
      'payments.cashier_id as sellerId',
      'seller.handle as sellerHandle',
      'customers.handle as customer',
      'payments.settled_at',
      'refunds.amount',
      'refunds.cash',
      'refunds.subsidy',
    ])
    .orderBy('refunds.created_at')
    .orderBy('refunds.id')
    .limit(DAY_CSV_ROWS_MAX + 1)
    .execute();
  const earlierRefunds = earlier.slice(0, DAY_CSV_ROWS_MAX).map((r) => ({
    paymentId: r.payment_id,
    at: n(r.created_at),
    cashier: r.sellerHandle ?? r.sellerId,
    refundedBy: r.giverHandle ?? r.cashier_id,
    customer: r.customer,
    saleAt: n(r.settled_at),
    amount: n(r.amount),
    cash: n(r.cash),
    subsidy: n(r.subsidy),
  }));
  // The day's declines, as periodFigures counts them (settled that day), in the order settled, with what was noted
  // of each by the day's end: a note made later is a later day's, as a refund made later is.
  const declinedFound = await paymentsOfDay()
    .leftJoin('cash_settlements', (join) => join.onRef('cash_settlements.payment_id', '=', 'payments.id').on('cash_settlements.created_at', '<', to))
    .leftJoin('not_paid_declines', (join) => join.onRef('not_paid_declines.payment_id', '=', 'payments.id').on('not_paid_declines.created_at', '<', to))
    .where('payments.status', '=', 'declined')
    .select([
      'payments.id',
      'payments.settled_at',
      'payments.cashier_id',
      'cashiers.handle',
      'customers.handle as customer',
      'payments.amount',
      'payments.reason',
      'payments.reason_detail',
      'campaigns.title',
      ...campaignRuleSelection,
      'cash_settlements.id as cashId',
      'not_paid_declines.id as notPaidId',
    ])
    .orderBy('payments.settled_at')
    .orderBy('payments.id')
    .limit(DAY_CSV_ROWS_MAX + 1)
    .execute();
  const declined = declinedFound.slice(0, DAY_CSV_ROWS_MAX).map((d): DeclinedRow => {
    // A declined payment always has its reason (settle.ts declinedRow): one without is a bug, not a row to guess at.
    if (d.reason === null) throw new Error(`declined payment ${d.id} has no reason`);
    const hidden = hidesCustomerFromShop({ status: 'declined', reason: d.reason, reasonDetail: d.reason_detail });
    return {
      paymentId: d.id,
      settledAt: n(d.settled_at),
      customer: hidden ? null : d.customer,
      cashier: d.handle ?? d.cashier_id,
      amount: n(d.amount),
      reason: d.reason,
      detail: d.reason_detail,
      campaign: d.title,
      campaignRule: d.rule_kind === null ? null : campaignRule({ ...d, rule_kind: d.rule_kind }),
      // A declined payment has at most one of the two (payments/cash.ts).
      noted: d.cashId !== null ? 'paidInCash' : d.notPaidId !== null ? 'notPaid' : null,
    };
  });
  // A shop's notes on declined sales made that day, in the order made: cash taken for one, or "not paid" (closing.ts
  // counts each on the day it was noted, as here). The two tables have the same columns.
  const notesOfDay = async (table: 'cash_settlements' | 'not_paid_declines') => {
    const rows = await db
      .selectFrom(table)
      .leftJoin('cashiers', 'cashiers.id', `${table}.cashier_id` as const)
      .where(sql.ref(`${table}.merchant_id`), '=', merchantId)
      .where(sql.ref(`${table}.created_at`), '>=', from)
      .where(sql.ref(`${table}.created_at`), '<', to)
      .select([
        sql<string>`${sql.ref(`${table}.payment_id`)}`.as('payment_id'),
        sql<number>`${sql.ref(`${table}.created_at`)}`.as('created_at'),
        sql<string>`${sql.ref(`${table}.cashier_id`)}`.as('cashier_id'),
        'cashiers.handle',
        sql<number>`${sql.ref(`${table}.amount`)}`.as('amount'),
        sql<string>`${sql.ref(`${table}.note`)}`.as('note'),
      ])
      .orderBy(sql.ref(`${table}.created_at`))
      .orderBy(sql.ref(`${table}.id`))
      .limit(DAY_CSV_ROWS_MAX + 1)
      .execute();
    const notes = rows.slice(0, DAY_CSV_ROWS_MAX).map((r) => ({
      paymentId: r.payment_id,
      at: n(r.created_at),
      cashier: r.handle ?? r.cashier_id,
      amount: n(r.amount),
      note: r.note,
    }));
    return { notes, cut: rows.length > DAY_CSV_ROWS_MAX };
  };
  const cash = await notesOfDay('cash_settlements');
  const unpaid = await notesOfDay('not_paid_declines');
  // "Not paid" notes a manager took back that day (noted that day or before, while no Z report had closed them):
  // in none of the figures, listed so the file says who wrote the sale off and who took it back.
  const takenBack = await db
    .selectFrom('not_paid_taken_back')
    .leftJoin('cashiers as noted_by', 'noted_by.id', 'not_paid_taken_back.cashier_id')
    .leftJoin('cashiers as taken_back_by', 'taken_back_by.id', 'not_paid_taken_back.taken_back_by')
    .where('not_paid_taken_back.merchant_id', '=', merchantId)
    .where('not_paid_taken_back.taken_back_at', '>=', from)
    .where('not_paid_taken_back.taken_back_at', '<', to)
    .select([
      'not_paid_taken_back.payment_id',
      'not_paid_taken_back.taken_back_at',
      'not_paid_taken_back.taken_back_by',
      'taken_back_by.handle as takenBackByHandle',
      'not_paid_taken_back.amount',
      'not_paid_taken_back.created_at',
      'not_paid_taken_back.cashier_id',
      'noted_by.handle as notedByHandle',
      'not_paid_taken_back.note',
    ])
    .orderBy('not_paid_taken_back.taken_back_at')
    .orderBy('not_paid_taken_back.id')
    .limit(DAY_CSV_ROWS_MAX + 1)
    .execute();
  const notPaidTakenBack = takenBack.slice(0, DAY_CSV_ROWS_MAX).map((t) => ({
    paymentId: t.payment_id,
    at: n(t.taken_back_at),
    by: t.takenBackByHandle ?? t.taken_back_by,
    amount: n(t.amount),
    notedAt: n(t.created_at),
    notedBy: t.notedByHandle ?? t.cashier_id,
    note: t.note,
  }));
  // Top-ups made that day and reversals made that day (of a top-up of any day), in the order made.
  const topUpsMade = await db
    .selectFrom('counter_topups')
    .leftJoin('customers', 'customers.id', 'counter_topups.customer_id')
    .leftJoin('cashiers', 'cashiers.id', 'counter_topups.cashier_id')
    .where('counter_topups.merchant_id', '=', merchantId)
    .where('counter_topups.created_at', '>=', from)
    .where('counter_topups.created_at', '<', to)
    .select(['counter_topups.id', 'counter_topups.created_at', 'counter_topups.customer_id', 'customers.handle as customer', 'counter_topups.cashier_id', 'cashiers.handle', 'counter_topups.amount'])
    .orderBy('counter_topups.created_at')
    .orderBy('counter_topups.id')
    .limit(DAY_CSV_ROWS_MAX + 1)
    .execute();
  const reversalsMade = await db
    .selectFrom('counter_topup_reversals')
    .innerJoin('counter_topups', 'counter_topups.id', 'counter_topup_reversals.topup_id')
    .leftJoin('customers', 'customers.id', 'counter_topups.customer_id')
    .leftJoin('cashiers', 'cashiers.id', 'counter_topup_reversals.cashier_id')
    .where('counter_topup_reversals.merchant_id', '=', merchantId)
    .where('counter_topup_reversals.created_at', '>=', from)
    .where('counter_topup_reversals.created_at', '<', to)
    .select([
      'counter_topups.id',
      'counter_topup_reversals.created_at',
      'counter_topups.created_at as topUpAt',
      'counter_topups.customer_id',
      'customers.handle as customer',
      'counter_topup_reversals.cashier_id',
      'cashiers.handle',
      'counter_topup_reversals.amount',
    ])
    .orderBy('counter_topup_reversals.created_at')
    .orderBy('counter_topup_reversals.id')
    .limit(DAY_CSV_ROWS_MAX + 1)
    .execute();
  const topUps: TopUpRow[] = [
    ...topUpsMade.slice(0, DAY_CSV_ROWS_MAX).map((t) => ({ topUpId: t.id, at: n(t.created_at), customer: t.customer ?? t.customer_id, cashier: t.handle ?? t.cashier_id, amount: n(t.amount), reverses: null })),
    ...reversalsMade.slice(0, DAY_CSV_ROWS_MAX).map((r) => ({
      topUpId: r.id,
      at: n(r.created_at),
      customer: r.customer ?? r.customer_id,
      cashier: r.handle ?? r.cashier_id,
      amount: n(r.amount),
      reverses: { at: n(r.topUpAt) },
    })),
  ].sort((a, b) => a.at - b.at || (a.reverses ? 1 : 0) - (b.reverses ? 1 : 0));
  return {
    rows,
    earlierRefunds,
    declined,
    paidInCash: cash.notes,
    notPaid: unpaid.notes,
    notPaidTakenBack,
    topUps,
    cut: cash.cut || unpaid.cut || [found, earlier, declinedFound, takenBack, topUpsMade, reversalsMade].some((list) => list.length > DAY_CSV_ROWS_MAX),
  };
}
