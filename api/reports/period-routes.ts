/**
 * The period report: a span of the shop's days (a month, most often), with the Day report's figures over all of them
 * and a row a day, for the owner reconciling the month with the bank.
 */
import { createRoute } from '@hono/zod-openapi';
import { cashiersOnly, requireCashier } from '../auth/sessions.js';
import { inReadSnapshot } from '../db/tx.js';
import { invalid } from '../http/errors.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses } from '../http/schemas.js';
import { shopTimeZone } from '../shop/facts.js';
import { figuresByDay, type DayFigures } from './by-day.js';
import { periodFigures } from './closing.js';
import { periodCsv } from './csv.js';
import { dateIn, datesSpanned, daysBetween, isValidDate } from './days.js';
import { PERIOD_DAYS_MAX, PeriodQuery, PeriodReportOut, reportAnswer } from './schemas.js';
import { csv, csvCashiers, figuresView } from './views.js';

/** A day's row as the API answers it: every amount a money object, and the day's cash in the till summed. */
function dayView(d: DayFigures, currency: string) {
  const m = (amount: number) => ({ amount, currency });
  return {
    date: d.date,
    count: d.count,
    amount: m(d.amount),
    deduction: m(d.deduction),
    charged: m(d.charged),
    settlement: m(d.settlement),
    refundCount: d.refundCount,
    refunded: m(d.refunded),
    refundedCash: m(d.refundedCash),
    refundedSubsidy: m(d.refundedSubsidy),
    tillCash: m(d.paidInCash + d.topUps - d.topUpsReversed),
    notPaidCount: d.notPaidCount,
    notPaid: m(d.notPaid),
  };
}

export const periodRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/reports/period',
    tags: ['reports'],
    summary: `A span of the shop's days (from and to included, at most ${PERIOD_DAYS_MAX}): the Day report's figures over all of them and a row a day; as CSV (\`format=csv\`), the same`,
    security: bearer,
    middleware: [cashiersOnly],
    request: { query: PeriodQuery },
    responses: { 200: reportAnswer('The period\'s totals and its days', PeriodReportOut), ...errorResponses },
  }),
  async (c) => {
    // Whoever may read a Day report may read its days together: any cashier of the shop, By cashier as the Day
    // report gives it to them (a manager every line, anyone else their own).
    const auth = await requireCashier(c);
    const { db, config, clock } = c.get('deps');
    const { from, to, format, lang } = c.req.valid('query');
    if (!isValidDate(from)) throw invalid('from', 'from: not a calendar date.');
    if (!isValidDate(to)) throw invalid('to', 'to: not a calendar date.');
    if (to < from) throw invalid('to', `to (${to}) comes before from (${from}).`);
    const zone = await shopTimeZone(db, auth.merchantId, config.timeZone);
    // A day not yet begun has no figures; one asked for is a mistake (a month picked a month ahead), not zeros.
    const today = dateIn(clock.now(), zone);
    if (to > today) throw invalid('to', `to (${to}) is after today on the shop's clock (${today}).`);
    const span = datesSpanned(from, to);
    if (span > PERIOD_DAYS_MAX) throw invalid('to', `A period is at most ${PERIOD_DAYS_MAX} days; ${from} to ${to} is ${span}.`);
    const days = daysBetween(from, to, zone, PERIOD_DAYS_MAX);
    const start = days[0]!.start;
    const end = days[days.length - 1]!.end;
    // One read for the figures and the days: summed, the days' rows are the figures, though sales commit meanwhile.
    const read = await inReadSnapshot(db, async (trx) => ({
      figures: await periodFigures(trx, { merchantId: auth.merchantId, from: start, to: end }),
      byDay: await figuresByDay(trx, auth.merchantId, days),
      takenAt: clock.now(),
    }));
    const { figures, byDay } = read;
    if (format === 'csv') {
      const period = { from, to, takenAt: read.takenAt, timeZone: zone, currency: config.currency };
      return csv(c, `period-report-${from}-to-${to}.csv`, periodCsv(period, figures, byDay, lang, csvCashiers(figures, auth))) as never;
    }
    return c.json(
      {
        from,
        to,
        timeZone: zone,
        currency: config.currency,
        ...figuresView(figures, config.currency, auth),
        byDay: byDay.map((d) => dayView(d, config.currency)),
      },
      200,
    );
  },
);
