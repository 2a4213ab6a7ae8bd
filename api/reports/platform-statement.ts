import { sql } from 'kysely';
import type { Executor } from '../db/tx.js';

/**
 * The platform statement's figures (GET /reports/platform): what the platform funded for one shop over a window
 * of time, counted twice, from the payments' side and from the ledger's, so the two can be compared (the route
 * says `reconciled` when they agree). Amounts are minor units of the ledger's one currency.
 */
export interface PlatformStatementFigures {
  /** Payments that took money with a platform-funded coupon, settled in the window. */
  payments: number;
  /** Those payments' deductions: what the platform paid the shop for them. */
  subsidy: number;
  /** The platform's part given back to it by the shop's refunds made in the window (of any payment). */
  subsidyReturnedByRefunds: number;
  /**
   * Of that, what refunds of sales settled before the window gave back: their subsidy is in an earlier statement's
   * savings, not in this one's, so the statement lists it on a line of its own.
   */
  earlierSalesSubsidyReturned: number;
  /** The ledger: subsidy transfers into the shop's account in the window, and refunds of subsidy out of it. */
  ledgerSubsidyIn: number;
  ledgerSubsidyOut: number;
}

/** The figures of `merchantId` for the instants `from` (included) to `to` (excluded). */
export async function platformStatementFigures(db: Executor, merchantId: string, from: number, to: number): Promise<PlatformStatementFigures> {
  // From the payments' side: deductions of platform-funded coupons, less the subsidy returned by refunds.
  const paid = await db
    .selectFrom('payments')
    .select([sql<number>`coalesce(sum(deduction), 0)`.as('d'), sql<number>`count(*)`.as('n')])
    .where('merchant_id', '=', merchantId)
    .where('funding', '=', 'platform')
    .where('status', '<>', 'declined')
    .where('settled_at', '>=', from)
    .where('settled_at', '<', to)
    .executeTakeFirstOrThrow();
  const returned = await db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .select([
      sql<number>`coalesce(sum(refunds.subsidy), 0)`.as('s'),
      sql<number>`coalesce(sum(case when payments.settled_at < ${from} then refunds.subsidy else 0 end), 0)`.as('earlier'),
    ])
    .where('refunds.merchant_id', '=', merchantId)
    .where('refunds.created_at', '>=', from)
    .where('refunds.created_at', '<', to)
    .executeTakeFirstOrThrow();
  // From the ledger's side: what actually moved between the platform's account and the shop's.
  const merchant = await db.selectFrom('merchants').select('account_id').where('id', '=', merchantId).executeTakeFirstOrThrow();
  const moved = await db
    .selectFrom('transfers')
    .select([
      sql<number>`coalesce(sum(case when kind = 'subsidy' and credit_account_id = ${merchant.account_id} then amount else 0 end), 0)`.as('in'),
      sql<number>`coalesce(sum(case when kind = 'refund_subsidy' and debit_account_id = ${merchant.account_id} then amount else 0 end), 0)`.as('out'),
    ])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where((eb) => eb.or([eb('credit_account_id', '=', merchant.account_id), eb('debit_account_id', '=', merchant.account_id)]))
    .executeTakeFirstOrThrow();
  return {
    payments: Number(paid.n),
    subsidy: Number(paid.d),
    subsidyReturnedByRefunds: Number(returned.s),
    earlierSalesSubsidyReturned: Number(returned.earlier),
    ledgerSubsidyIn: Number(moved.in),
    ledgerSubsidyOut: Number(moved.out),
  };
}
