import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/tx.js';
import { salesSums } from './closing.js';

/**
 * A period's figures day by day (the period report's rows): what the owner ticks off against the bank's statement,
 * a line a day. Each row is what that day's Day report says of the same figure, counted by the same rules as
 * periodFigures (closing.ts): a sale on the day it settled, a refund, cash note, top-up, reversal or sale written
 * off as not paid on the day it was made. The rows add up to the period's figures when read in the same snapshot.
 */
export interface DayFigures {
  date: string;
  count: number;
  amount: number;
  deduction: number;
  charged: number;
  settlement: number;
  refundCount: number;
  refunded: number;
  refundedCash: number;
  refundedSubsidy: number;
  paidInCash: number;
  topUps: number;
  topUpsReversed: number;
  notPaidCount: number;
  notPaid: number;
}

type Day = { date: string; start: number; end: number };

/**
 * Which of `days` an instant falls in, as SQL: `case when at < end₀ then 0 when at < end₁ then 1 … end`. The days'
 * ends are the shop's midnights, written as literals (server-computed integers), so PostgreSQL sees the SELECT and
 * GROUP BY expressions as one; a 23- or 25-hour day is as exact as any other, as no day is assumed 24 hours long.
 * Only rows inside the period are asked about, so every row falls in one branch.
 */
function dayOf(column: string, days: Day[]): RawBuilder<number> {
  const branches = days.map((d, i) => sql`when ${sql.ref(column)} < ${sql.lit(d.end)} then ${sql.lit(i)}`);
  return sql<number>`case ${sql.join(branches, sql` `)} end`;
}

export async function figuresByDay(db: Executor, merchantId: string, days: Day[]): Promise<DayFigures[]> {
  if (days.length === 0) return [];
  const from = days[0]!.start;
  const to = days[days.length - 1]!.end;
  const n = (v: unknown) => Number(v ?? 0);
  const paymentDay = dayOf('payments.settled_at', days);
  const payments = await db
    .selectFrom('payments')
    .where('payments.merchant_id', '=', merchantId)
    .where('payments.settled_at', '>=', from)
    .where('payments.settled_at', '<', to)
    .groupBy(paymentDay)
    // As periodFigures sums them, so the days add up to the period.
    .select([paymentDay.as('day'), ...salesSums])
    .execute();
  const refundDay = dayOf('refunds.created_at', days);
  const refunds = await db
    .selectFrom('refunds')
    .where('refunds.merchant_id', '=', merchantId)
    .where('refunds.created_at', '>=', from)
    .where('refunds.created_at', '<', to)
    .groupBy(refundDay)
    .select([
      refundDay.as('day'),
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(amount), 0)`.as('amount'),
      sql<number>`coalesce(sum(cash), 0)`.as('cash'),
      sql<number>`coalesce(sum(subsidy), 0)`.as('subsidy'),
    ])
    .execute();
  // The cash notes, counter top-ups, their reversals and the sales written off as not paid: each a row with a shop,
  // an instant and an amount, counted and summed by the day it was made.
  const countedByDay = (table: 'cash_settlements' | 'counter_topups' | 'counter_topup_reversals' | 'not_paid_declines') => {
    const day = dayOf(`${table}.created_at`, days);
    return db
      .selectFrom(table)
      .where(sql.ref(`${table}.merchant_id`), '=', merchantId)
      .where(sql.ref(`${table}.created_at`), '>=', from)
      .where(sql.ref(`${table}.created_at`), '<', to)
      .groupBy(day)
      .select([day.as('day'), sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount), 0)`.as('amount')])
      .execute();
  };
  const cash = await countedByDay('cash_settlements');
  const topUps = await countedByDay('counter_topups');
  const reversals = await countedByDay('counter_topup_reversals');
  const notPaid = await countedByDay('not_paid_declines');
  const rows: DayFigures[] = days.map((d) => ({
    date: d.date,
    count: 0,
    amount: 0,
    deduction: 0,
    charged: 0,
    settlement: 0,
    refundCount: 0,
    refunded: 0,
    refundedCash: 0,
    refundedSubsidy: 0,
    paidInCash: 0,
    topUps: 0,
    topUpsReversed: 0,
    notPaidCount: 0,
    notPaid: 0,
  }));
  const row = (day: unknown) => {
    const r = rows[n(day)];
    if (!r) throw new Error(`a row outside the period's ${rows.length} days: ${String(day)}`);
    return r;
  };
  for (const p of payments) {
    Object.assign(row(p.day), { count: n(p.count), amount: n(p.amount), deduction: n(p.deduction), charged: n(p.charged), settlement: n(p.settlement) });
  }
  for (const r of refunds) Object.assign(row(r.day), { refundCount: n(r.n), refunded: n(r.amount), refundedCash: n(r.cash), refundedSubsidy: n(r.subsidy) });
  for (const c of cash) row(c.day).paidInCash = n(c.amount);
  for (const t of topUps) row(t.day).topUps = n(t.amount);
  for (const r of reversals) row(r.day).topUpsReversed = n(r.amount);
  for (const u of notPaid) Object.assign(row(u.day), { notPaidCount: n(u.n), notPaid: n(u.amount) });
  return rows;
}
