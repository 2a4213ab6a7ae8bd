import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { requireCashier } from '../auth/sessions.js';
import { invalid } from '../http/errors.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, jsonResponse } from '../http/schemas.js';
import { dateIn, dayBounds, isValidDate } from './days.js';

const HOUR_MS = 3_600_000;

export const reportRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/reports/daily',
    tags: ['reports'],
    summary: "A merchant's day: count, amount, coupon deductions, charged, settlement, refunds, by campaign and hour",
    security: bearer,
    request: { query: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }) },
    responses: { 200: jsonResponse('The day\'s totals', z.object({}).passthrough()), ...errorResponses },
  }),
  async (c) => {
    const auth = await requireCashier(c);
    const { db, config, clock } = c.get('deps');
    const date = c.req.valid('query').date ?? dateIn(clock.now(), config.timeZone);
    if (!isValidDate(date)) throw invalid('date', 'date: not a calendar date.');
    const [from, to] = dayBounds(date, config.timeZone);
    const k = db.kysely;
    const inDay = k
      .selectFrom('payments')
      .where('payments.merchant_id', '=', auth.merchantId)
      .where('payments.settled_at', '>=', from)
      .where('payments.settled_at', '<', to);
    const totals = await inDay
      .select([
        sql<number>`coalesce(sum(case when status <> 'declined' then 1 else 0 end), 0)`.as('count'),
        sql<number>`coalesce(sum(case when status = 'declined' then 1 else 0 end), 0)`.as('declinedCount'),
        sql<number>`coalesce(sum(case when status <> 'declined' then amount else 0 end), 0)`.as('amount'),
        sql<number>`coalesce(sum(deduction), 0)`.as('deduction'),
        sql<number>`coalesce(sum(charged), 0)`.as('charged'),
        sql<number>`coalesce(sum(settlement), 0)`.as('settlement'),
      ])
      .executeTakeFirstOrThrow();
    const refunds = await k
      .selectFrom('refunds')
      .innerJoin('payments', 'payments.id', 'refunds.payment_id')
      .where('payments.merchant_id', '=', auth.merchantId)
      .where('refunds.created_at', '>=', from)
      .where('refunds.created_at', '<', to)
      .select([sql<number>`coalesce(sum(refunds.amount), 0)`.as('amount'), sql<number>`coalesce(sum(refunds.cash), 0)`.as('cash'), sql<number>`count(*)`.as('n')])
      .executeTakeFirstOrThrow();
    const byCampaign = await inDay
      .innerJoin('campaigns', 'campaigns.id', 'payments.campaign_id')
      .where('payments.status', '<>', 'declined')
      .groupBy(['campaigns.id', 'campaigns.title', 'campaigns.funding'])
      .select(['campaigns.id as campaignId', 'campaigns.title', 'campaigns.funding', sql<number>`count(*)`.as('count'), sql<number>`sum(payments.deduction)`.as('deduction')])
      .orderBy('campaigns.title')
      .execute();
    // The hour bucket is written with literals (server-computed integers), so PostgreSQL sees the SELECT and
    // GROUP BY expressions as the same expression.
    const hourOf = sql<number>`(payments.settled_at - ${sql.lit(from)}) / ${sql.lit(HOUR_MS)}`;
    const hourRows = await inDay
      .where('payments.status', '<>', 'declined')
      .select([hourOf.as('hour'), sql<number>`count(*)`.as('count'), sql<number>`sum(payments.amount)`.as('amount')])
      .groupBy(hourOf)
      .execute();
    const money = (amount: number | string) => ({ amount: Number(amount), currency: config.currency });
    const byHour = Array.from({ length: 24 }, (_, hour) => {
      const row = hourRows.find((r) => Math.floor(Number(r.hour)) === hour);
      return { hour, count: Number(row?.count ?? 0), amount: money(row?.amount ?? 0) };
    });
    return c.json(
      {
        date,
        timeZone: config.timeZone,
        currency: config.currency,
        count: Number(totals.count),
        declinedCount: Number(totals.declinedCount),
        amount: money(totals.amount),
        deduction: money(totals.deduction),
        charged: money(totals.charged),
        settlement: money(totals.settlement),
        refunded: money(refunds.amount),
        refundedCash: money(refunds.cash),
        refundCount: Number(refunds.n),
        byCampaign: byCampaign.map((r) => ({ campaignId: r.campaignId, title: r.title, funding: r.funding, count: Number(r.count), deduction: money(r.deduction) })),
        byHour,
      },
      200,
    );
  },
);
