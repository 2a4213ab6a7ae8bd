/** The platform statement: what the platform funded for the shop over a span of days, reconciled against the ledger. */
import { createRoute, z } from '@hono/zod-openapi';
import { managersOnly, requireManager } from '../auth/sessions.js';
import { inReadSnapshot } from '../db/tx.js';
import { invalid } from '../http/errors.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses } from '../http/schemas.js';
import { shopTimeZone } from '../shop/facts.js';
import { dayBounds, isValidDate } from './days.js';
import { platformCsvFilename, platformStatementCsv } from './platform-csv.js';
import { readPlatformStatement, type PlatformStatementRead, type StatementCampaign } from './platform-statement.js';
import { FormatQuery, PLATFORM_SCREEN_ROWS, PlatformStatementOut, reportAnswer } from './schemas.js';
import { csv } from './views.js';

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

/** The most rows a statement's file lists, as the Day report's (DAY_CSV_ROWS_MAX): past it the file says so. */
const PLATFORM_CSV_ROWS_MAX = 100_000;

export const platformRoutes = createRouter().openapi(
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
