/** The Day report: one calendar date on the shop's clock, with its hours, and as a file its payments. */
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { cashiersOnly, requireCashier } from '../auth/sessions.js';
import { inReadSnapshot } from '../db/tx.js';
import { invalid } from '../http/errors.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses } from '../http/schemas.js';
import { shopTimeZone } from '../shop/facts.js';
import { periodFigures } from './closing.js';
import { dayCsv } from './csv.js';
import { dayPayments } from './day-payments.js';
import { dateIn, dayBounds, isValidDate, localHour } from './days.js';
import { offlineAcrossDays } from './offline-days.js';
import { DayReportOut, FormatQuery, reportAnswer } from './schemas.js';
import { csv, csvCashiers, figuresView } from './views.js';

/**
 * The day report counts payments in quarter hours since the day began, then gives each quarter to the clock hour
 * it starts in. Every zone's offset is a whole number of quarter hours, so a quarter never straddles two clock
 * hours, even after a change of half an hour (Lord Howe Island); whole hours since midnight did, from the change on.
 */
const SLOT_MS = 15 * 60_000;

export const dayRoutes = createRouter().openapi(
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
      const day = { date, takenAt: read.takenAt, timeZone: zone, currency: config.currency };
      return csv(c, `day-report-${date}.csv`, dayCsv(day, figures, read.payments, query.lang, csvCashiers(figures, auth), offline)) as never;
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
);
