import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Context } from 'hono';
import { cashiersOnly, managersOnly, requireCashier, requireManager } from '../auth/sessions.js';
import type { AppEnv } from '../context.js';
import { inReadSnapshot, type Executor } from '../db/tx.js';
import { ApiError, invalid, notFound } from '../http/errors.js';
import { campaignRule, campaignRuleSelection } from '../coupons/campaigns.js';
import { RuleOut } from '../coupons/schemas.js';
import { idempotent, merchantKeyScope } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, jsonBody, jsonResponse, pageLimit } from '../http/schemas.js';
import { newId } from '../ids.js';
import { AMOUNT_MAX_MINOR, MoneyOut, MoneySchema } from '../money.js';
import { closePeriod, periodFigures, type PeriodFigures } from './closing.js';
import { offlineAcrossDays } from './offline-days.js';
import { platformCsvFilename, platformStatementCsv } from './platform-csv.js';
import { readPlatformStatement, type PlatformStatementRead, type StatementCampaign } from './platform-statement.js';
import { dayCsv, figuresCsv, type CsvCashiers, type DayPaymentRow, type EarlierRefundRow, type PaidInCashRow, type TopUpRow } from './csv.js';
import { CSV_LANGS } from './csv-words.js';
import { shopTimeZone } from '../shop/facts.js';
import { dateIn, dayBounds, isValidDate, localHour, xReportFilename } from './days.js';

/**
 * What the closing tablet says it still holds offline is printed on an immutable report, so it must make sense:
 * every queued charge is 1 to AMOUNT_MAX_MINOR minor units, so n charges add up to n … n × AMOUNT_MAX_MINOR
 * (none: nothing).
 */
function checkQueuedOffline(queued: { count: number; amount: { amount: number; currency: string } }, currency: string): void {
  if (queued.amount.currency !== currency) {
    throw new ApiError(422, 'CURRENCY_MISMATCH', `This ledger keeps ${currency}.`, 'queuedOffline.amount.currency');
  }
  const { count } = queued;
  const amount = queued.amount.amount;
  if (amount < count || amount > count * AMOUNT_MAX_MINOR) {
    const range = count === 0 ? 'nothing' : `${count} to ${count * AMOUNT_MAX_MINOR} minor units`;
    throw new ApiError(422, 'AMOUNT_OUT_OF_RANGE', `${count} queued charge${count === 1 ? '' : 's'} add up to ${range}.`, 'queuedOffline.amount.amount');
  }
}

type StoredFigures = PeriodFigures & { queuedOfflineAtClose?: { count: number; amount: number } | null };

/**
 * A Z report's frozen figures; one closed before cash settlements existed (migration 0004) counted none, and one
 * closed before counter top-ups (migration 0011) or their reversals (0012) none of those, as there were none. Refunds of
 * earlier sales were counted apart into the reports closed before them by migration 0008, and cash taken for earlier
 * sales by 0013; 0 stands in only for a report those migrations have not reached.
 */
function storedFigures(json: string): StoredFigures {
  return {
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
    ...(JSON.parse(json) as Partial<StoredFigures>),
  } as StoredFigures;
}

/**
 * Who reads a report: a manager sees every cashier's line of "By cashier"; any other cashier of the shop sees the
 * shop's figures (the till is theirs too) but of "By cashier" only their own line. What each colleague took is the
 * owner's to see, not the whole staff's; hiding it only on screen would leave it one request away.
 */
type Reader = { cashierId: string; canManage: boolean };

/** The lines of "By cashier" `reader` may see; null when the figures have none (a Z report closed before them). */
function cashiersFor(f: Pick<StoredFigures, 'byCashier'>, reader: Reader) {
  return f.byCashier?.filter((r) => reader.canManage || r.cashierId === reader.cashierId) ?? null;
}

/** "By cashier" for a report's file: the lines the screen shows its reader, and whether they are only the reader's. */
function csvCashiers(f: Pick<StoredFigures, 'byCashier'>, reader: Reader): CsvCashiers | null {
  const rows = cashiersFor(f, reader);
  return rows && { rows, own: !reader.canManage };
}

/** Figures as the API shows them to `reader`: every amount a money object. */
function figuresView(f: StoredFigures, currency: string, reader: Reader) {
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
    paidInCashCount: f.paidInCashCount,
    paidInCash: m(f.paidInCash),
    earlierSalesPaidInCashCount: f.earlierSalesPaidInCashCount,
    earlierSalesPaidInCash: m(f.earlierSalesPaidInCash),
    topUpCount: f.topUpCount,
    topUps: m(f.topUps),
    topUpReversalCount: f.topUpReversalCount,
    topUpsReversed: m(f.topUpsReversed),
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
      })) ?? null,
  };
}

function zView(row: { number: number; previous_number: number | null; opened_at: number; closed_at: number; closed_by: string; figures: string }, currency: string, reader: Reader) {
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

function csv(c: Context<AppEnv>, filename: string, body: string) {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(body, 200);
}

/**
 * A Day report file lists at most this many payments (a row each, some 150 bytes: 15 MB). A shop's busiest day is far
 * below it; past it the file says the list stops there, and its figures still count every payment.
 */
const DAY_CSV_ROWS_MAX = 100_000;

/** The day's payments that took money, in the order taken, each with the refunds made of it that day. */
async function dayPayments(
  db: Executor,
  merchantId: string,
  from: number,
  to: number,
): Promise<{ rows: DayPaymentRow[]; earlierRefunds: EarlierRefundRow[]; paidInCash: PaidInCashRow[]; topUps: TopUpRow[]; cut: boolean }> {
  const n = (v: unknown) => Number(v ?? 0);
  const refundsOfTheDay = (column: 'amount' | 'cash' | 'subsidy') =>
    sql<number>`(select coalesce(sum(r.${sql.ref(column)}), 0) from refunds r where r.payment_id = payments.id and r.created_at < ${to})`;
  const found = await db
    .selectFrom('payments')
    .leftJoin('cashiers', 'cashiers.id', 'payments.cashier_id')
    .leftJoin('customers', 'customers.id', 'payments.customer_id')
    .leftJoin('campaigns', 'campaigns.id', 'payments.campaign_id')
    .where('payments.merchant_id', '=', merchantId)
    .where('payments.settled_at', '>=', from)
    .where('payments.settled_at', '<', to)
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
  // Declined payments paid in cash that day (closing.ts counts them when the cash was taken, as here).
  const cash = await db
    .selectFrom('cash_settlements')
    .leftJoin('cashiers', 'cashiers.id', 'cash_settlements.cashier_id')
    .where('cash_settlements.merchant_id', '=', merchantId)
    .where('cash_settlements.created_at', '>=', from)
    .where('cash_settlements.created_at', '<', to)
    .select(['cash_settlements.payment_id', 'cash_settlements.created_at', 'cash_settlements.cashier_id', 'cashiers.handle', 'cash_settlements.amount', 'cash_settlements.note'])
    .orderBy('cash_settlements.created_at')
    .orderBy('cash_settlements.id')
    .limit(DAY_CSV_ROWS_MAX + 1)
    .execute();
  const paidInCash = cash.slice(0, DAY_CSV_ROWS_MAX).map((c) => ({
    paymentId: c.payment_id,
    at: n(c.created_at),
    cashier: c.handle ?? c.cashier_id,
    amount: n(c.amount),
    note: c.note,
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
    paidInCash,
    topUps,
    cut: [found, earlier, cash, topUpsMade, reversalsMade].some((list) => list.length > DAY_CSV_ROWS_MAX),
  };
}

/** A report's answer: JSON, or with `format=csv` the same report as a CSV file. */
const reportAnswer = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: {
    'application/json': { schema },
    'text/csv': { schema: z.string().openapi({ description: 'With format=csv: the report as a file (UTF-8 with a byte-order mark, CRLF lines)' }) },
  },
});

/**
 * `format=csv` gives the report as a file; `lang` is the language of its headings and labels (the app sends the one
 * on screen), never of its numbers, dates or ids.
 */
const FormatQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  lang: z.enum(CSV_LANGS).default('en').openapi({ description: "The CSV's language: its headings and labels, not its numbers, dates or ids" }),
});

/**
 * The X report's query: `include=csv` puts the report's CSV file (and its name) in the JSON answer beside the
 * figures. The app's "Download CSV" asks for it, so the file it saves and the report it shows are one read: a file
 * fetched on its own and a screen read again beside it could each hold a sale the other did not.
 */
const XQuery = FormatQuery.extend({
  include: z.enum(['csv']).optional().openapi({ description: 'csv: the JSON answer carries the same report as its CSV file (`csv`), in `lang`' }),
});

const Instant = z.string().openapi({ description: 'An instant, ISO 8601 in UTC' });

/** A period's figures as the reports answer them (figuresView); the OpenAPI document gives them field by field. */
export const FiguresOut = z
  .object({
    count: z.number().int().openapi({ description: 'Payments that took money' }),
    declinedCount: z.number().int(),
    amount: MoneyOut.openapi({ description: 'What the cashiers asked (A), summed' }),
    deduction: MoneyOut.openapi({ description: 'Coupon savings (D), summed' }),
    deductionMerchantFunded: MoneyOut,
    deductionPlatformFunded: MoneyOut,
    charged: MoneyOut.openapi({ description: 'What customers paid (C = A − D)' }),
    settlement: MoneyOut.openapi({ description: 'What the shop receives: C, plus the savings the platform funds' }),
    refundCount: z.number().int(),
    refunded: MoneyOut.openapi({ description: 'The part of A the refunds cover' }),
    refundedCash: MoneyOut.openapi({ description: 'Cash the refunds returned to wallets' }),
    refundedSubsidy: MoneyOut.openapi({ description: "The platform's savings the refunds returned to it" }),
    earlierSalesRefundCount: z.number().int().openapi({ description: 'Of the refunds: those of sales made before the period' }),
    earlierSalesRefunded: MoneyOut,
    paidInCashCount: z.number().int().openapi({ description: 'Declined payments then paid in cash at the counter' }),
    paidInCash: MoneyOut,
    earlierSalesPaidInCashCount: z.number().int().openapi({
      description: 'Of those: declined sales made before the period (an earlier Z report, or an earlier day) whose cash was taken in it',
    }),
    earlierSalesPaidInCash: MoneyOut,
    topUpCount: z.number().int().openapi({ description: "Top-ups at the counter: cash taken and put on customers' wallets (POST /topups)" }),
    topUps: MoneyOut.openapi({ description: 'The cash those top-ups took: in the till, and in none of the sales figures' }),
    topUpReversalCount: z.number().int().openapi({ description: 'Counter top-ups a manager reversed in the period, whenever they were taken (POST /topups/{id}/reversal)' }),
    topUpsReversed: MoneyOut.openapi({ description: 'The cash those reversals paid back out of the till: it holds topUps − topUpsReversed of top-up cash' }),
    firstPaymentAt: Instant.nullable(),
    lastPaymentAt: Instant.nullable(),
    byCampaign: z.array(
      z.object({
        campaignId: z.string(),
        title: z.string(),
        rule: RuleOut.optional().openapi({
          description: "The campaign's rule, for naming it in the reader's language when its title only restates it; absent from Z reports closed before this field",
        }),
        funding: z.enum(['merchant', 'platform']),
        count: z.number().int(),
        refundedCount: z.number().int(),
        deduction: MoneyOut,
      }),
    ),
    queuedOfflineAtClose: z
      .object({ count: z.number().int(), amount: MoneyOut })
      .nullable()
      .openapi({ description: "A Z report's: what its closing tablet still held unsent" }),
    byCashier: z
      .array(
        z.object({
          cashierId: z.string(),
          handle: z.string().openapi({ description: "The cashier's handle when read (a Z report: when closed)" }),
          removed: z.boolean().openapi({ description: 'Removed from the shop by then' }),
          count: z.number().int(),
          declinedCount: z.number().int(),
          amount: MoneyOut,
          deduction: MoneyOut,
          charged: MoneyOut,
          settlement: MoneyOut,
          refundCount: z.number().int().openapi({ description: 'Refunds this cashier gave (whoever rang up the sale)' }),
          refunded: MoneyOut,
          refundedCash: MoneyOut,
          refundedSubsidy: MoneyOut,
          paidInCashCount: z.number().int().openapi({ description: 'Declined payments this cashier then took cash for' }),
          paidInCash: MoneyOut,
          topUpCount: z.number().int().openapi({ description: 'Top-ups this cashier took cash for' }),
          topUps: MoneyOut,
          topUpReversalCount: z.number().int().openapi({ description: 'Top-ups this manager reversed (whoever took them)' }),
          topUpsReversed: MoneyOut,
        }),
      )
      .nullable()
      .openapi({
        description:
          'The same figures for each cashier who rang up, refunded or took cash in the period, most charged first; each figure sums to the period\'s. A manager is answered every cashier\'s line; any other cashier only their own (none when they took nothing), which then does not sum to the period\'s. Null: a Z report closed before they were kept',
      }),
  })
  .openapi('ReportFigures');

const OfflineSalesOut = z.object({ count: z.number().int(), amount: MoneyOut });

export const DayReportOut = FiguresOut.extend({
  date: z.string().openapi({ example: '2026-12-02' }),
  offlineFromEarlierDays: OfflineSalesOut.openapi({
    description: "Of the day's payments: those a tablet took offline on an earlier day (scanned before the day began) that reached the server on this one, where they count",
  }),
  offlineCountedLater: OfflineSalesOut.openapi({
    description: 'Payments a tablet took offline on this day that reached the server on a later day: counted there, not in these figures',
  }),
  timeZone: z.string(),
  currency: z.string(),
  byHour: z.array(z.object({ hour: z.number().int(), count: z.number().int(), amount: MoneyOut })),
}).openapi('DayReport');

export const XReportOut = z
  .object({
    previousNumber: z.number().int().nullable(),
    openedAt: Instant.nullable(),
    takenAt: Instant,
    currency: z.string(),
    figures: FiguresOut,
    csv: z
      .object({
        filename: z.string().openapi({ example: 'x-report-2026-12-01T1350.csv' }),
        content: z.string().openapi({ description: 'The file format=csv gives (UTF-8 byte-order mark, CRLF lines)' }),
      })
      .optional()
      .openapi({ description: 'With include=csv: this report as its CSV file, the same figures and "Taken at", and the name to save it under' }),
  })
  .openapi('XReport');

export const ZReportOut = z
  .object({
    number: z.number().int(),
    previousNumber: z.number().int().nullable(),
    openedAt: Instant,
    closedAt: Instant,
    closedBy: z.string(),
    currency: z.string(),
    figures: FiguresOut,
  })
  .openapi('ZReport');

/** The platform statement as JSON: its figures, by campaign, and the first rows of its lists. */
function platformStatementView(from: string, to: string, read: PlatformStatementRead, currency: string) {
  const { figures } = read;
  const m = (amount: number) => ({ amount, currency });
  const at = (ms: number) => new Date(ms).toISOString();
  const campaign = (c: StatementCampaign | null) => (c === null || c.id === '' ? null : c);
  const fromPayments = figures.subsidy - figures.subsidyReturnedByRefunds;
  const fromLedger = figures.ledgerSubsidyIn - figures.ledgerSubsidyOut;
  return {
    from,
    to,
    payments: figures.payments,
    subsidy: m(figures.subsidy),
    subsidyReturnedByRefunds: m(figures.subsidyReturnedByRefunds),
    earlierSalesSubsidyReturned: m(figures.earlierSalesSubsidyReturned),
    platformFunded: m(fromPayments),
    ledger: { subsidyIn: m(figures.ledgerSubsidyIn), subsidyOut: m(figures.ledgerSubsidyOut), net: m(fromLedger) },
    reconciled: fromPayments === fromLedger,
    byCampaign: read.campaigns.map((c) => ({ campaign: { id: c.id, title: c.title, rule: c.rule }, uses: c.uses, saving: m(c.saving), subsidyReturned: m(c.subsidyReturned) })),
    list: {
      payments: read.payments.map((p) => ({
        id: p.id,
        settledAt: at(p.settledAt),
        customer: p.customer,
        campaign: campaign(p.campaign),
        amount: m(p.amount),
        saving: m(p.saving),
        subsidyReturned: m(p.subsidyReturned),
      })),
      earlierRefunds: read.earlierRefunds.map((r) => ({
        paymentId: r.paymentId,
        at: at(r.at),
        saleSettledAt: at(r.saleAt),
        customer: r.customer,
        campaign: campaign(r.campaign),
        subsidy: m(r.subsidy),
      })),
      morePayments: figures.payments - read.payments.length,
      moreEarlierRefunds: figures.earlierSalesRefunds - read.earlierRefunds.length,
    },
  };
}

/** How many payments (and refunds of earlier sales) the statement's screen lists; its file lists them all. */
const PLATFORM_SCREEN_ROWS = 100;
/** The most rows a statement's file lists, as the Day report's (DAY_CSV_ROWS_MAX): past it the file says so. */
const PLATFORM_CSV_ROWS_MAX = 100_000;

const StatementCampaignOut = z.object({
  id: z.string(),
  title: z.string(),
  rule: RuleOut.nullable().openapi({ description: "For naming it in the reader's language when its title only restates it" }),
});

export const PlatformStatementOut = z
  .object({
    from: z.string(),
    to: z.string(),
    payments: z.number().int(),
    subsidy: MoneyOut,
    subsidyReturnedByRefunds: MoneyOut,
    earlierSalesSubsidyReturned: MoneyOut.openapi({
      description:
        'Of subsidyReturnedByRefunds, what refunds of sales settled before the period gave back (those sales are in an earlier statement\'s subsidy)',
    }),
    platformFunded: MoneyOut,
    ledger: z.object({ subsidyIn: MoneyOut, subsidyOut: MoneyOut, net: MoneyOut }),
    reconciled: z.boolean(),
    byCampaign: z
      .array(
        z.object({
          campaign: StatementCampaignOut,
          uses: z.number().int().openapi({ description: "Payments of the period that used it (0: only refunds of an earlier period's sales)" }),
          saving: MoneyOut,
          subsidyReturned: MoneyOut.openapi({ description: "What the period's refunds of its sales (of any period) gave back to the platform" }),
        }),
      )
      .openapi({ description: 'The figures by campaign: uses and savings add up to payments and subsidy, subsidyReturned to subsidyReturnedByRefunds' }),
    list: z.object({
      payments: z.array(
        z.object({
          id: z.string(),
          settledAt: Instant,
          customer: z.string().nullable(),
          campaign: StatementCampaignOut.nullable(),
          amount: MoneyOut,
          saving: MoneyOut,
          subsidyReturned: MoneyOut.openapi({ description: "What the period's refunds of it gave back to the platform" }),
        }),
      ),
      earlierRefunds: z.array(
        z.object({
          paymentId: z.string(),
          at: Instant,
          saleSettledAt: Instant,
          customer: z.string().nullable(),
          campaign: StatementCampaignOut.nullable(),
          subsidy: MoneyOut,
        }),
      ),
      morePayments: z.number().int().openapi({ description: 'Payments of the period not in this list (format=csv lists them all)' }),
      moreEarlierRefunds: z.number().int(),
    }).openapi({ description: `The first ${PLATFORM_SCREEN_ROWS} payments in the order settled, and the first ${PLATFORM_SCREEN_ROWS} refunds of earlier sales that gave subsidy back` }),
  })
  .openapi('PlatformStatement');

/**
 * The day report counts payments in quarter hours since the day began, then gives each quarter to the clock hour
 * it starts in. Every zone's offset is a whole number of quarter hours, so a quarter never straddles two clock
 * hours, even after a change of half an hour (Lord Howe Island); whole hours since midnight did, from the change on.
 */
const SLOT_MS = 15 * 60_000;

export const reportRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/reports/daily',
    tags: ['reports'],
    summary: "A merchant's day: count, amount, coupon deductions, charged, settlement, refunds, by campaign and hour; as CSV (`format=csv`), those figures and the day's payments, a row each",
    security: bearer,
    middleware: [cashiersOnly],
    request: { query: FormatQuery.extend({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }) },
    responses: { 200: reportAnswer('The day\'s totals', DayReportOut), ...errorResponses },
  }),
  async (c) => {
    const auth = await requireCashier(c);
    const { db, config, clock } = c.get('deps');
    const zone = await shopTimeZone(db, auth.merchantId, config.timeZone);
    const query = c.req.valid('query');
    const date = query.date ?? dateIn(clock.now(), zone);
    if (!isValidDate(date)) throw invalid('date', 'date: not a calendar date.');
    const [from, to] = dayBounds(date, zone);
    // One read for everything the report says, as the X report's: its rows add up to its totals, its hours to its
    // sales, and its file's payments to its figures, though sales commit meanwhile.
    const read = await inReadSnapshot(db, async (trx) => {
      const figures = await periodFigures(trx, { merchantId: auth.merchantId, from, to });
      const offline = await offlineAcrossDays(trx, auth.merchantId, from, to, config.offlineWindowMs);
      if (query.format === 'csv') return { csv: true as const, figures, offline, payments: await dayPayments(trx, auth.merchantId, from, to), takenAt: clock.now() };
      // The slot is written with literals (server-computed integers), so PostgreSQL sees the SELECT and GROUP BY
      // expressions as the same expression.
      const slotOf = sql<number>`(payments.settled_at - ${sql.lit(from)}) / ${sql.lit(SLOT_MS)}`;
      const hourRows = await trx
        .selectFrom('payments')
        .where('payments.merchant_id', '=', auth.merchantId)
        .where('payments.settled_at', '>=', from)
        .where('payments.settled_at', '<', to)
        .where('payments.status', '<>', 'declined')
        .select([slotOf.as('slot'), sql<number>`count(*)`.as('count'), sql<number>`sum(payments.amount)`.as('amount')])
        .groupBy(slotOf)
        .execute();
      return { csv: false as const, figures, offline, hourRows };
    });
    const { figures, offline } = read;
    if (read.csv) {
      const { rows, earlierRefunds, paidInCash, topUps, cut } = read.payments;
      const day = { date, takenAt: read.takenAt, timeZone: zone, currency: config.currency };
      return csv(c, `day-report-${date}.csv`, dayCsv(day, figures, rows, earlierRefunds, paidInCash, topUps, cut, query.lang, csvCashiers(figures, auth), offline)) as never;
    }
    const { hourRows } = read;
    const money = (amount: number | string) => ({ amount: Number(amount), currency: config.currency });
    // Rows are quarter hours elapsed since the day began; the report's hours are the clock's. They differ on a day
    // the clocks change: of a 25-hour day's two 01:00 hours both count as 1, and a 23-hour day has no 02:00.
    const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0, amount: 0 }));
    for (const row of hourRows) {
      const bucket = byHour[localHour(from + Math.floor(Number(row.slot)) * SLOT_MS, zone)]!;
      bucket.count += Number(row.count);
      bucket.amount += Number(row.amount);
    }
    const offlineView = (f: { count: number; amount: number }) => ({ count: f.count, amount: money(f.amount) });
    return c.json(
      {
        date,
        timeZone: zone,
        currency: config.currency,
        ...figuresView(figures, config.currency, auth),
        offlineFromEarlierDays: offlineView(offline.fromEarlierDays),
        offlineCountedLater: offlineView(offline.countedLater),
        byHour: byHour.map((b) => ({ ...b, amount: money(b.amount) })),
      },
      200,
    );
  },
)
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/x',
      tags: ['reports'],
      summary:
        'X report: the figures since the last close, without closing (any time, any cashier of the shop); with `include=csv`, the same report as its CSV file too, from the same read',
      security: bearer,
      middleware: [cashiersOnly],
      request: { query: XQuery },
      responses: { 200: reportAnswer('Figures', XReportOut), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { db, config, clock } = c.get('deps');
      const query = c.req.valid('query');
      if (query.include === 'csv' && query.format === 'csv') throw invalid('include', 'include=csv adds the file to the JSON answer; format=csv is the file alone.');
      // One read for everything the report says: its figures add up, and its screen and its file are the same.
      const { figures, last, takenAt } = await inReadSnapshot(db, async (trx) => {
        const figures = await periodFigures(trx, { merchantId: auth.merchantId, zNumber: null });
        const last = await trx.selectFrom('z_reports').select(['number', 'closed_at']).where('merchant_id', '=', auth.merchantId).orderBy('number', 'desc').limit(1).executeTakeFirst();
        // One instant for the report, once it is read: the file's "Taken at", its name and the screen's say it.
        return { figures, last, takenAt: clock.now() };
      });
      const file = async () => {
        const zone = await shopTimeZone(db, auth.merchantId, config.timeZone);
        const period = { from: last?.closed_at ?? null, to: takenAt, toLabel: 'takenAt', timeZone: zone } as const;
        return { filename: xReportFilename(takenAt, zone), content: figuresCsv({ kind: 'x' }, figures, config.currency, period, query.lang, csvCashiers(figures, auth)) };
      };
      if (query.format === 'csv') {
        const { filename, content } = await file();
        return csv(c, filename, content) as never;
      }
      return c.json(
        {
          previousNumber: last?.number ?? null,
          openedAt: last ? new Date(last.closed_at).toISOString() : null,
          takenAt: new Date(takenAt).toISOString(),
          currency: config.currency,
          figures: figuresView(figures, config.currency, auth),
          ...(query.include === 'csv' ? { csv: await file() } : {}),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/z',
      tags: ['reports'],
      summary: 'Close the day (Z report): numbered, immutable; later payments go into the next one',
      security: bearer,
      middleware: [managersOnly],
      request: {
        headers: IdempotencyHeaders,
        body: jsonBody(
          z
            .object({
              // What the closing tablet still holds in its offline outbox: the server cannot know it otherwise.
              queuedOffline: z.object({ count: z.number().int().min(0).max(100_000), amount: MoneySchema }).strict().optional(),
            })
            .strict(),
        ),
      },
      responses: { 201: jsonResponse('Closed', z.object({ report: ZReportOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const body = c.req.valid('json');
      const { db, config, clock } = c.get('deps');
      if (body.queuedOffline) checkQueuedOffline(body.queuedOffline, config.currency);
      return idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], body, async (trx) => {
        const row = await closePeriod(trx, db.dialect, {
          merchantId: auth.merchantId,
          cashierId: auth.cashierId,
          now: clock.now(),
          id: newId('zr', clock.now()),
          queued: body.queuedOffline ? { count: body.queuedOffline.count, amount: body.queuedOffline.amount.amount } : null,
        });
        return { status: 201, body: { report: zView(row, config.currency, auth) } };
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/z',
      tags: ['reports'],
      summary: "The shop's closed days, newest first, one page at a time (`before`: the answer's `next`)",
      security: bearer,
      middleware: [cashiersOnly],
      request: {
        query: z.object({
          limit: pageLimit(30),
          before: z.coerce.number().int().min(1).max(1_000_001).optional(),
        }),
      },
      responses: { 200: jsonResponse('Reports', z.object({ reports: z.array(ZReportOut), next: z.number().nullable() })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { db, config } = c.get('deps');
      const { limit, before } = c.req.valid('query');
      // Paged, or a shop that closes every day could reprint only its last month: Z No. 1 dropped off the list.
      let query = db.kysely.selectFrom('z_reports').selectAll().where('merchant_id', '=', auth.merchantId).orderBy('number', 'desc').limit(limit + 1);
      if (before !== undefined) query = query.where('number', '<', before);
      const rows = await query.execute();
      const page = rows.slice(0, limit);
      const next = rows.length > limit ? page[page.length - 1]!.number : null;
      return c.json({ reports: page.map((r) => zView(r, config.currency, auth)), next }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/z/{number}',
      tags: ['reports'],
      summary: 'One closed day, as JSON or CSV',
      security: bearer,
      middleware: [cashiersOnly],
      request: { params: z.object({ number: z.coerce.number().int().min(1).max(1_000_000) }), query: FormatQuery },
      responses: { 200: reportAnswer('Report', z.object({ report: ZReportOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCashier(c);
      const { db, config } = c.get('deps');
      const row = await db.kysely.selectFrom('z_reports').selectAll().where('merchant_id', '=', auth.merchantId).where('number', '=', c.req.valid('param').number).executeTakeFirst();
      if (!row) throw notFound('report');
      const query = c.req.valid('query');
      if (query.format === 'csv') {
        const closer = await db.kysely.selectFrom('cashiers').select('handle').where('id', '=', row.closed_by).executeTakeFirst();
        const period = { from: row.opened_at, to: row.closed_at, toLabel: 'closedAt', closedBy: closer?.handle ?? row.closed_by, timeZone: await shopTimeZone(db, auth.merchantId, config.timeZone) } as const;
        const figures = storedFigures(row.figures);
        return csv(c, `z-report-${row.number}.csv`, figuresCsv({ kind: 'z', number: row.number }, figures, config.currency, period, query.lang, csvCashiers(figures, auth))) as never;
      }
      return c.json({ report: zView(row, config.currency, auth) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/platform',
      tags: ['reports'],
      summary:
        'What the platform funded for this shop in a period (platform coupons), reconciled against the ledger, by campaign and a row per payment; as CSV (`format=csv`), all the rows',
      security: bearer,
      middleware: [managersOnly],
      request: { query: FormatQuery.extend({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }) },
      responses: { 200: reportAnswer('Statement', PlatformStatementOut), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { from, to, format, lang } = c.req.valid('query');
      if (!isValidDate(from)) throw invalid('from', 'from: not a calendar date.');
      if (!isValidDate(to)) throw invalid('to', 'to: not a calendar date.');
      const { db, config, clock } = c.get('deps');
      const zone = await shopTimeZone(db, auth.merchantId, config.timeZone);
      const start = dayBounds(from, zone)[0];
      const end = dayBounds(to, zone)[1];
      if (end <= start) throw invalid('to', 'to must not come before from.');
      // One read, so that the rows and campaigns add up to the figures though sales commit meanwhile.
      const rows = format === 'csv' ? PLATFORM_CSV_ROWS_MAX : PLATFORM_SCREEN_ROWS;
      const read = await inReadSnapshot(db, (trx) => readPlatformStatement(trx, auth.merchantId, start, end, rows));
      const { figures } = read;
      if (format === 'csv') {
        const cut = read.payments.length < figures.payments || read.earlierRefunds.length < figures.earlierSalesRefunds;
        const input = { from, to, takenAt: clock.now(), timeZone: zone, currency: config.currency, ...read, cut };
        return csv(c, platformCsvFilename(from, to), platformStatementCsv(input, lang)) as never;
      }
      return c.json(platformStatementView(from, to, read, config.currency), 200);
    },
  );
