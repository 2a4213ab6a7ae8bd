/** The reports' requests and answers, as zod schemas: what the OpenAPI document says of them, field by field. */
import { z } from '@hono/zod-openapi';
import { RuleOut } from '../coupons/schemas.js';
import { MoneyOut } from '../money.js';
import { CSV_LANGS } from './csv-words.js';

/** A report's answer: JSON, or with `format=csv` the same report as a CSV file. */
export const reportAnswer = <T extends z.ZodType>(description: string, schema: T) => ({
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
export const FormatQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  lang: z.enum(CSV_LANGS).default('en').openapi({ description: "The CSV's language: its headings and labels, not its numbers, dates or ids" }),
});

/**
 * The X report's query: `include=csv` puts the report's CSV file (and its name) in the JSON answer beside the
 * figures. The app's "Download CSV" asks for it, so the file it saves and the report it shows are one read: a file
 * fetched on its own and a screen read again beside it could each hold a sale the other did not.
 */
export const XQuery = FormatQuery.extend({
  include: z.enum(['csv']).optional().openapi({ description: 'csv: the JSON answer carries the same report as its CSV file (`csv`), in `lang`' }),
});

export const Instant = z.string().openapi({ description: 'An instant, ISO 8601 in UTC' });

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
    earlierSalesRefundedSaleCount: z.number().int().nullable().openapi({
      description: 'The sales those refunds were of, each counted once (a sale refunded in parts is one); null in a Z report closed before it was counted',
    }),
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
    notPaidCount: z.number().int().openapi({
      description: 'Declined sales the customer left without paying, noted so at the counter in the period (POST /payments/{id}/not-paid): no cash, in none of the other figures',
    }),
    notPaid: MoneyOut.openapi({ description: 'What those sales asked (their A), summed: written off, not in the till' }),
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
          notPaidCount: z.number().int().openapi({
            description: 'Declined sales this cashier wrote off as not paid, the customer having left (POST /payments/{id}/not-paid): no cash, in none of the other figures',
          }),
          notPaid: MoneyOut.openapi({ description: 'What those sales asked (their A), summed: not in the till' }),
        }),
      )
      .nullable()
      .openapi({
        description:
          'The same figures for each cashier who rang up, refunded, took cash or noted a sale not paid in the period, most charged first; each figure sums to the period\'s. A manager is answered every cashier\'s line; any other cashier only their own (none when they took nothing), which then does not sum to the period\'s. Null: a Z report closed before they were kept',
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

/** The most days a period report covers: a quarter (the longest three months, July to September, have 92). */
export const PERIOD_DAYS_MAX = 92;

const ShopDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The period report's query: its first and last shop day, both included. */
export const PeriodQuery = FormatQuery.extend({
  from: ShopDate.openapi({ description: 'The first day of the period, on the shop\'s clock', example: '2026-11-01' }),
  to: ShopDate.openapi({
    description: `The last day of the period (included): on or after from, not after today on the shop's clock, at most ${PERIOD_DAYS_MAX} days in all`,
    example: '2026-11-30',
  }),
});

export const PeriodReportOut = FiguresOut.extend({
  from: z.string().openapi({ example: '2026-11-01' }),
  to: z.string().openapi({ example: '2026-11-30' }),
  timeZone: z.string(),
  currency: z.string(),
  byDay: z
    .array(
      z.object({
        date: z.string().openapi({ example: '2026-11-01' }),
        count: z.number().int(),
        amount: MoneyOut,
        deduction: MoneyOut,
        charged: MoneyOut,
        settlement: MoneyOut,
        refundCount: z.number().int(),
        refunded: MoneyOut,
        refundedCash: MoneyOut,
        refundedSubsidy: MoneyOut,
        tillCash: MoneyOut.openapi({ description: 'Cash the day put in the till: paid in cash after a decline, plus top-ups in cash, less top-ups reversed' }),
        notPaidCount: z.number().int().openapi({ description: 'Declined sales noted on the day as not paid, the customer having left: none of it in the till' }),
        notPaid: MoneyOut.openapi({ description: 'What those sales asked (their A), summed' }),
      }),
    )
    .openapi({ description: "Every day of the period, first to last, as that day's Day report gives each figure: summed, they are the period's" }),
}).openapi('PeriodReport');

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

/** How many payments (and refunds of earlier sales) the statement's screen lists; its file lists them all. */
export const PLATFORM_SCREEN_ROWS = 100;

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
