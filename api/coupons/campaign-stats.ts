import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { managersOnly, requireManager } from '../auth/sessions.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdSchema, jsonResponse } from '../http/schemas.js';
import { dateIn } from '../reports/days.js';
import { shopTimeZone } from '../shop/facts.js';
import { campaignSummary, shopCampaign } from './campaigns.js';
import { CampaignStatsOut } from './schemas.js';
import { effectiveCouponState } from './states.js';

const QUARTER_HOUR_MS = 15 * 60_000;

/** A campaign's page for its manager: how its coupons stand, and what they took off, day by day. */
export const campaignStatsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{id}/stats',
      tags: ['coupons'],
      summary: "A campaign's page for its manager: issued, claimed, reserved, redeemed, stock and budget left, deductions by day",
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }) },
      responses: { 200: jsonResponse('Stats', CampaignStatsOut), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const { db, clock, config } = c.get('deps');
      const now = clock.now();
      const campaign = await shopCampaign(db.kysely, id, auth.merchantId);
      const zone = await shopTimeZone(db, auth.merchantId, config.timeZone);
      // Counted in the database, a row per kind of coupon, not a row per coupon: a campaign may have issued a
      // hundred thousand, and this page must not hold the server's one thread while it reads them all. Both reads
      // find the campaign's coupons by the coupons_campaign index and its payments through them (by primary key),
      // so their cost follows the campaign's size, not the size of the payments table.
      const kinds = await db.kysely
        .selectFrom('coupons')
        .leftJoin('payments', 'payments.id', 'coupons.redeemed_payment_id')
        .select((eb) => [
          'coupons.state',
          sql<number>`case when coupons.reserved_until is null or coupons.reserved_until <= ${now} then 1 else 0 end`.as('lapsed_kind'),
          sql<number>`case when payments.status = 'refunded' then 1 else 0 end`.as('refunded_kind'),
          eb.fn.countAll<number | string>().as('n'),
        ])
        .where('coupons.campaign_id', '=', id)
        .groupBy(['coupons.state', 'lapsed_kind', 'refunded_kind'])
        .execute();
      const counts = { available: 0, reserved: 0, redeemed: 0, expired: 0, shared: 0 };
      for (const kind of kinds) {
        const reservedUntil = Number(kind.lapsed_kind) === 1 ? now : now + 1;
        const state = effectiveCouponState({ state: kind.state, reserved_until: reservedUntil }, campaign.valid_until, now);
        // Refunded in full after the campaign ended: the coupon stays spent (it cannot come back to a campaign that
        // is over), but its use was undone, so it counts where the deductions below do: as expired, not as used.
        counts[state === 'redeemed' && Number(kind.refunded_kind) === 1 ? 'expired' : state] += Number(kind.n);
      }
      // A use is a payment that redeemed one of the campaign's coupons and still stands. A full refund undoes it:
      // the coupon is available again and the budget has its deduction back (coupons/store.ts returnCoupon), so
      // the page counts it nowhere. A partial refund keeps the use. Summed per quarter hour in the database, then
      // per day in the shop's time zone here: every zone's offset, and every daylight-saving change, falls on a
      // quarter hour, so a quarter hour never spans two local days.
      const quarters = await db.kysely
        .selectFrom('coupons')
        .innerJoin('payments', 'payments.id', 'coupons.redeemed_payment_id')
        .select((eb) => [
          sql<number | string>`payments.settled_at / ${sql.lit(QUARTER_HOUR_MS)}`.as('quarter_no'),
          eb.fn.countAll<number | string>().as('n'),
          eb.fn.sum<number | string>('payments.deduction').as('deduction'),
        ])
        .where('coupons.campaign_id', '=', id)
        .where('payments.campaign_id', '=', id)
        .where('payments.status', 'not in', ['declined', 'refunded'])
        .groupBy('quarter_no')
        .execute();
      const byDay = new Map<string, { date: string; redeemed: number; deduction: number }>();
      let deduction = 0;
      for (const q of quarters) {
        const date = dateIn(Number(q.quarter_no) * QUARTER_HOUR_MS, zone);
        const day = byDay.get(date) ?? { date, redeemed: 0, deduction: 0 };
        day.redeemed += Number(q.n);
        day.deduction += Number(q.deduction);
        deduction += Number(q.deduction);
        byDay.set(date, day);
      }
      const m = (amount: number) => ({ amount, currency: campaign.currency });
      const claimed = await db.kysely.selectFrom('claim_links').select(sql<number>`coalesce(sum(claims), 0)`.as('n')).where('campaign_id', '=', id).executeTakeFirstOrThrow();
      return c.json(
        {
          campaign: await campaignSummary(db.kysely, id),
          issued: campaign.issued,
          claimed: Number(claimed.n),
          ...counts,
          remainingStock: campaign.stock === null ? null : campaign.stock - campaign.issued,
          budget: campaign.budget === null ? null : m(campaign.budget),
          remainingBudget: campaign.budget === null ? null : m(campaign.budget - campaign.spent),
          deduction: m(deduction),
          byDay: [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date)).map((d) => ({ ...d, deduction: m(d.deduction) })),
        },
        200,
      );
    },
  );
