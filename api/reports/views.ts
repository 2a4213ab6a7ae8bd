/** What the reports' routes share: a period's figures as the API answers them to their reader, and a report as a file. */
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { PeriodFigures } from './closing.js';
import type { CsvCashiers } from './csv.js';

export type StoredFigures = PeriodFigures & { queuedOfflineAtClose?: { count: number; amount: number } | null };

/** The figures the first Z reports stored, closed before any other was counted: every stored report holds them. */
type InFirstZ =
  | 'count'
  | 'declinedCount'
  | 'amount'
  | 'deduction'
  | 'deductionMerchantFunded'
  | 'deductionPlatformFunded'
  | 'charged'
  | 'settlement'
  | 'refundCount'
  | 'refunded'
  | 'refundedCash'
  | 'refundedSubsidy'
  | 'firstAt'
  | 'lastAt'
  | 'byCampaign';

/** Figures that may be absent by their type (By cashier, what was queued at the close): each reader says what that means. */
type MayBeAbsent = { [K in keyof StoredFigures]-?: undefined extends StoredFigures[K] ? K : never }[keyof StoredFigures];

/**
 * Every other figure was added after the first Z reports were stored: a figure added to PeriodFigures is one of
 * these, and the compiler asks for its value in a report that does not hold it (ADDED_AFTER_FIRST_Z).
 */
type AddedAfterFirstZ = Exclude<keyof StoredFigures, InFirstZ | MayBeAbsent>;

/**
 * What a Z report closed before a figure existed holds of it. One closed before cash settlements existed (migration
 * 0004) counted none, and one closed before counter top-ups (migration 0011), their reversals (0012) or sales noted
 * as not paid (0016) none of those, as there were none. Refunds of earlier sales were counted apart into the reports
 * closed before them by migration 0008, and cash taken for earlier sales by 0013; 0 stands in only for a report those
 * migrations have not reached.
 */
const ADDED_AFTER_FIRST_Z: Pick<StoredFigures, AddedAfterFirstZ> = {
  paidInCashCount: 0,
  paidInCash: 0,
  topUpCount: 0,
  topUps: 0,
  topUpReversalCount: 0,
  topUpsReversed: 0,
  earlierSalesRefundCount: 0,
  earlierSalesRefunded: 0,
  earlierSalesPaidInCashCount: 0,
  earlierSalesPaidInCash: 0,
  notPaidCount: 0,
  notPaid: 0,
};

/** A Z report's frozen figures (the JSON it stored at its close), each one added since it closed as it stood then. */
export function storedFigures(json: string): StoredFigures {
  const stored: Pick<StoredFigures, InFirstZ | MayBeAbsent> & Partial<Pick<StoredFigures, AddedAfterFirstZ>> = JSON.parse(json);
  return { ...ADDED_AFTER_FIRST_Z, ...stored };
}

/**
 * Who reads a report: a manager sees every cashier's line of "By cashier"; any other cashier of the shop sees the
 * shop's figures (the till is theirs too) but of "By cashier" only their own line. What each colleague took is the
 * owner's to see, not the whole staff's; hiding it only on screen would leave it one request away.
 */
export type Reader = { cashierId: string; canManage: boolean };

/** The lines of "By cashier" `reader` may see; null when the figures have none (a Z report closed before them). */
export function cashiersFor(f: Pick<StoredFigures, 'byCashier'>, reader: Reader) {
  return f.byCashier?.filter((r) => reader.canManage || r.cashierId === reader.cashierId) ?? null;
}

/** "By cashier" for a report's file: the lines the screen shows its reader, and whether they are only the reader's. */
export function csvCashiers(f: Pick<StoredFigures, 'byCashier'>, reader: Reader): CsvCashiers | null {
  const rows = cashiersFor(f, reader);
  return rows && { rows, own: !reader.canManage };
}

/** Figures as the API shows them to `reader`: every amount a money object. */
export function figuresView(f: StoredFigures, currency: string, reader: Reader) {
  const m = (amount: number) => ({ amount, currency });
  return {
    count: f.count,
    declinedCount: f.declinedCount,
    amount: m(f.amount),
    deduction: m(f.deduction),
    deductionMerchantFunded: m(f.deductionMerchantFunded),
    deductionPlatformFunded: m(f.deductionPlatformFunded),
    charged: m(f.charged),
    settlement: m(f.settlement),
    refundCount: f.refundCount,
    refunded: m(f.refunded),
    refundedCash: m(f.refundedCash),
    refundedSubsidy: m(f.refundedSubsidy),
    earlierSalesRefundCount: f.earlierSalesRefundCount,
    earlierSalesRefunded: m(f.earlierSalesRefunded),
    // A Z report closed before it was counted holds none: null, not known.
    earlierSalesRefundedSaleCount: f.earlierSalesRefundedSaleCount ?? null,
    paidInCashCount: f.paidInCashCount,
    paidInCash: m(f.paidInCash),
    earlierSalesPaidInCashCount: f.earlierSalesPaidInCashCount,
    earlierSalesPaidInCash: m(f.earlierSalesPaidInCash),
    topUpCount: f.topUpCount,
    topUps: m(f.topUps),
    topUpReversalCount: f.topUpReversalCount,
    topUpsReversed: m(f.topUpsReversed),
    notPaidCount: f.notPaidCount,
    notPaid: m(f.notPaid),
    firstPaymentAt: f.firstAt === null ? null : new Date(f.firstAt).toISOString(),
    lastPaymentAt: f.lastAt === null ? null : new Date(f.lastAt).toISOString(),
    // Z reports closed before refundedCount was counted hold none: 0, as nothing is known of them.
    byCampaign: f.byCampaign.map((c) => ({ ...c, refundedCount: c.refundedCount ?? 0, deduction: m(c.deduction) })),
    queuedOfflineAtClose: f.queuedOfflineAtClose ? { count: f.queuedOfflineAtClose.count, amount: m(f.queuedOfflineAtClose.amount) } : null,
    // A Z report closed before the figures were kept by cashier has none: null, not an empty list (no one sold).
    byCashier:
      cashiersFor(f, reader)?.map((r) => ({
        cashierId: r.cashierId,
        handle: r.handle,
        removed: r.removed,
        count: r.count,
        declinedCount: r.declinedCount,
        amount: m(r.amount),
        deduction: m(r.deduction),
        charged: m(r.charged),
        settlement: m(r.settlement),
        refundCount: r.refundCount,
        refunded: m(r.refunded),
        refundedCash: m(r.refundedCash),
        refundedSubsidy: m(r.refundedSubsidy),
        paidInCashCount: r.paidInCashCount,
        paidInCash: m(r.paidInCash),
        // A cashier's line from a Z report closed before counter top-ups has none.
        topUpCount: r.topUpCount ?? 0,
        topUps: m(r.topUps ?? 0),
        topUpReversalCount: r.topUpReversalCount ?? 0,
        topUpsReversed: m(r.topUpsReversed ?? 0),
        // Nor one closed before sales were noted as not paid, or before they were kept by cashier.
        notPaidCount: r.notPaidCount ?? 0,
        notPaid: m(r.notPaid ?? 0),
      })) ?? null,
  };
}

export function zView(row: { number: number; previous_number: number | null; opened_at: number; closed_at: number; closed_by: string; figures: string }, currency: string, reader: Reader) {
  return {
    number: row.number,
    previousNumber: row.previous_number,
    openedAt: new Date(row.opened_at).toISOString(),
    closedAt: new Date(row.closed_at).toISOString(),
    closedBy: row.closed_by,
    currency,
    figures: figuresView(storedFigures(row.figures), currency, reader),
  };
}

export function csv(c: Context<AppEnv>, filename: string, body: string) {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(body, 200);
}
