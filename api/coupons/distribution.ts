import { createRoute, z } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { authenticate, customersOnly, managersOnly, requireCustomer, requireManager } from '../auth/sessions.js';
import { inTransaction, type Executor } from '../db/tx.js';
import { ApiError, notFound } from '../http/errors.js';
import { idempotent, merchantKeyScope } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { CampaignStatsOut, CampaignSummaryOut, ClaimedCouponOut, ClaimLinkOut, ShareOut, ShareViewOut } from './schemas.js';
import { bearer, errorResponses, IdempotencyHeaders, IdSchema, jsonBody, jsonResponse } from '../http/schemas.js';
import { campaignRule } from './campaigns.js';
import { effectiveCouponState, nextCouponState, type CouponState } from './states.js';
import { assertWithinLimit, grantCoupon } from './store.js';
import { dateIn } from '../reports/days.js';

/**
 * How coupons reach customers (issue 8): claim links a manager prints as a poster, and sharing a coupon with
 * a contact. Stock and per-customer limits hold under concurrent claims because every claim goes through
 * grantCoupon's locked, conditional writes; a shared coupon has exactly one owner at every moment because the
 * hand-over is one conditional UPDATE of the share and one of the coupon, in one transaction.
 */

/** 128 random bits: unguessable, and short enough for a QR a phone camera reads from across a counter. */
const linkToken = () => randomBytes(16).toString('base64url');
const QUARTER_HOUR_MS = 15 * 60_000;
const TokenSchema = z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/);

/**
 * A claim link its shop withdrew (replaced it after it leaked). 410, as for a share taken back: the link is gone
 * for good, and the customer's page tells them to ask the shop for the current one. Coupons claimed through it
 * before stay valid: they are the customers', not the link's. (The column is `revoked_at`.)
 */
const linkWithdrawn = () => new ApiError(410, 'CLAIM_LINK_WITHDRAWN', 'The shop has replaced this claim link; ask the shop for the current one.');

/** A campaign its manager's shop issued; any other (or none) is 404, so a shop learns nothing of another's. */
async function shopCampaign(db: Executor, campaignId: string, merchantId: string) {
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', campaignId).executeTakeFirst();
  if (!campaign || campaign.issuer_merchant_id !== merchantId) throw notFound('campaign');
  return campaign;
}

async function campaignSummary(db: Executor, campaignId: string) {
  const c = await db.selectFrom('campaigns').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
  const merchants =
    c.all_merchants === 1
      ? ('all' as const)
      : await db
          .selectFrom('campaign_merchants')
          .innerJoin('merchants', 'merchants.id', 'campaign_merchants.merchant_id')
          .select(['merchants.id', 'merchants.name'])
          .where('campaign_merchants.campaign_id', '=', campaignId)
          .execute();
  return {
    id: c.id,
    title: c.title,
    rule: campaignRule(c),
    funding: c.funding,
    merchants,
    validFrom: new Date(c.valid_from).toISOString(),
    validUntil: new Date(c.valid_until).toISOString(),
    minimumSpend: c.minimum_spend === null ? null : { amount: c.minimum_spend, currency: c.currency },
    remaining: c.stock === null ? null : Math.max(0, c.stock - c.issued),
    shareable: c.shareable === 1,
  };
}

export const distributionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{id}/claim-links',
      tags: ['coupons'],
      summary: 'A claim link for a campaign (print it as a poster with its QR)',
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({}).strict()) },
      responses: { 201: jsonResponse('Link', z.object({ link: ClaimLinkOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const { db, clock } = c.get('deps');
      await shopCampaign(db.kysely, id, auth.merchantId);
      return idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { claimLink: id }, async (trx) => {
        const token = linkToken();
        await trx.insertInto('claim_links').values({ token, campaign_id: id, merchant_id: auth.merchantId, claims: 0, created_at: clock.now(), revoked_at: null }).execute();
        return { status: 201, body: { link: { token, path: `/claim/${token}`, campaign: await campaignSummary(trx, id) } } };
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{id}/claim-links/current',
      tags: ['coupons'],
      summary: "The campaign's live claim link, the newest not withdrawn (null when it has none yet): a poster shown again shows the same link",
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema }) },
      responses: { 200: jsonResponse('Link or null', z.object({ link: ClaimLinkOut.nullable() })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id } = c.req.valid('param');
      const { db } = c.get('deps');
      await shopCampaign(db.kysely, id, auth.merchantId);
      // Newest first, the token breaking a tie of the same millisecond, so every tablet reads the same one.
      const live = await db.kysely
        .selectFrom('claim_links')
        .select(['token'])
        .where('campaign_id', '=', id)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('token', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!live) return c.json({ link: null }, 200);
      return c.json({ link: { token: live.token, path: `/claim/${live.token}`, campaign: await campaignSummary(db.kysely, id) } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{id}/claim-links/{token}/replacement',
      tags: ['coupons'],
      summary: 'Replace a claim link that leaked: it is withdrawn and a new one made, in one transaction; coupons claimed through it stay',
      security: bearer,
      middleware: [managersOnly],
      request: { params: z.object({ id: IdSchema, token: TokenSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({}).strict()) },
      responses: { 201: jsonResponse('The new link', z.object({ link: ClaimLinkOut, replaced: z.object({ token: z.string(), withdrawnAt: z.string() }) })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireManager(c);
      const { id, token } = c.req.valid('param');
      const { db, clock } = c.get('deps');
      await shopCampaign(db.kysely, id, auth.merchantId);
      // A replacement, not a bare withdrawal: the poster always has a live link to show, and its first-link key
      // (poster-first-link:<id>) would answer a campaign left without one with the very link just withdrawn.
      // Withdrawing and making the successor in one transaction also leaves no moment in which another tablet
      // opening the poster finds no link and makes one of its own. To stop every link, the campaign is ended.
      return idempotent(c, merchantKeyScope(auth.merchantId), c.req.valid('header')['idempotency-key'], { replaceClaimLink: token, campaign: id }, async (trx) => {
        const now = clock.now();
        const old = await trx.selectFrom('claim_links').select(['campaign_id']).where('token', '=', token).executeTakeFirst();
        if (!old || old.campaign_id !== id) throw notFound('claim link');
        // Conditional, so that of two tablets replacing the same link at once only one makes a successor (the
        // other would withdraw that one, which nobody leaked). It takes the link's row lock before anything of
        // the campaign's, in the same order as a claim does (below), so the two never deadlock on PostgreSQL.
        const withdrawn = await trx.updateTable('claim_links').set({ revoked_at: now }).where('token', '=', token).where('revoked_at', 'is', null).executeTakeFirst();
        if (Number(withdrawn.numUpdatedRows) !== 1) {
          throw new ApiError(409, 'ALREADY_REPLACED', 'This link was already replaced; read the current one (GET …/claim-links/current).');
        }
        const fresh = linkToken();
        await trx.insertInto('claim_links').values({ token: fresh, campaign_id: id, merchant_id: auth.merchantId, claims: 0, created_at: now, revoked_at: null }).execute();
        return {
          status: 201,
          body: { link: { token: fresh, path: `/claim/${fresh}`, campaign: await campaignSummary(trx, id) }, replaced: { token, withdrawnAt: new Date(now).toISOString() } },
        };
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/claims/{token}',
      tags: ['coupons'],
      summary: 'What a claim link offers (no sign-in needed, so the poster can show it before the customer signs in)',
      request: { params: z.object({ token: TokenSchema }) },
      responses: { 200: jsonResponse('Offer', z.object({ campaign: CampaignSummaryOut, open: z.boolean() })), ...errorResponses },
    }),
    async (c) => {
      const { db, clock } = c.get('deps');
      const link = await db.kysely.selectFrom('claim_links').selectAll().where('token', '=', c.req.valid('param').token).executeTakeFirst();
      if (!link) throw notFound('claim link');
      // Withdrawn (it leaked, and the shop replaced it): the offer is not shown to whoever found the link.
      if (link.revoked_at !== null) throw linkWithdrawn();
      const campaign = await campaignSummary(db.kysely, link.campaign_id);
      const open = Date.parse(campaign.validUntil) > clock.now() && campaign.remaining !== 0;
      return c.json({ campaign, open }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{token}',
      tags: ['coupons'],
      summary: 'Claim a coupon from a link (one per customer unless the campaign allows more; stock holds)',
      security: bearer,
      middleware: [customersOnly],
      request: { params: z.object({ token: TokenSchema }), headers: IdempotencyHeaders, body: jsonBody(z.object({}).strict()) },
      responses: { 201: jsonResponse('Claimed', z.object({ coupon: ClaimedCouponOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { token } = c.req.valid('param');
      const { db, clock } = c.get('deps');
      return idempotent(c, `customer:${auth.customerId}`, c.req.valid('header')['idempotency-key'], { claim: token }, async (trx) => {
        const link = await trx.selectFrom('claim_links').selectAll().where('token', '=', token).executeTakeFirst();
        if (!link) throw notFound('claim link');
        // Counted first, and only while the link is live: on PostgreSQL this write waits for a replacement of the
        // link committing at this moment and then finds it withdrawn, so a claim never slips in after it. (The
        // link's row is locked before the campaign's, as the replacement does; the transaction rolls the count
        // back if the grant is refused.)
        const counted = await trx
          .updateTable('claim_links')
          .set((eb) => ({ claims: eb('claims', '+', 1) }))
          .where('token', '=', token)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(counted.numUpdatedRows) !== 1) throw linkWithdrawn();
        const couponId = await grantCoupon(trx, db.dialect, { campaignId: link.campaign_id, customerId: auth.customerId, now: clock.now(), source: 'claim', limitDefault: 1 });
        const campaign = await campaignSummary(trx, link.campaign_id);
        return { status: 201, body: { coupon: { id: couponId, campaignId: link.campaign_id, title: campaign.title, rule: campaign.rule, state: 'available', validUntil: campaign.validUntil } } };
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/coupons/{id}/shares',
      tags: ['coupons'],
      summary: 'Offer one of my coupons to a contact (campaigns that allow it); it cannot pay while offered',
      security: bearer,
      middleware: [customersOnly],
      request: { params: z.object({ id: IdSchema }), body: jsonBody(z.object({}).strict()) },
      responses: { 201: jsonResponse('Offered', z.object({ share: ShareOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { id } = c.req.valid('param');
      const { db, clock } = c.get('deps');
      const now = clock.now();
      const share = await inTransaction(db.kysely, async (trx) => {
        const row = await trx
          .selectFrom('coupons')
          .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
          .select(['coupons.customer_id', 'coupons.state', 'coupons.reserved_until', 'campaigns.valid_until', 'campaigns.shareable', 'campaigns.title'])
          .where('coupons.id', '=', id)
          // Locked on PostgreSQL: a code request reserving this coupon at this moment must not be overwritten by
          // the share (its code would hold a coupon on offer), nor the other way round.
          .$if(db.dialect === 'postgres', (query) => query.forUpdate('coupons'))
          .executeTakeFirst();
        if (!row || row.customer_id !== auth.customerId) throw notFound('coupon');
        if (row.shareable !== 1) throw new ApiError(409, 'NOT_SHAREABLE', 'Coupons of this campaign cannot be passed on.');
        if (effectiveCouponState(row, row.valid_until, now) !== 'available') {
          throw new ApiError(409, 'COUPON_NOT_AVAILABLE', 'Only an unused coupon that no payment code holds can be shared.');
        }
        const changed = await trx
          .updateTable('coupons')
          .set({ state: nextCouponState('available', 'share'), reserved_code_hash: null, reserved_until: null, updated_at: now })
          .where('id', '=', id)
          .where('state', 'in', ['available', 'reserved'])
          .executeTakeFirst();
        if (Number(changed.numUpdatedRows) !== 1) throw new ApiError(409, 'COUPON_NOT_AVAILABLE', 'This coupon changed meanwhile.');
        const token = linkToken();
        await trx.insertInto('coupon_shares').values({ token, coupon_id: id, from_customer_id: auth.customerId, to_customer_id: null, created_at: now, claimed_at: null, revoked_at: null }).execute();
        return { token, path: `/claim/s/${token}`, couponId: id, title: row.title, expiresAt: new Date(row.valid_until).toISOString() };
      });
      return c.json({ share }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/shares/{token}',
      tags: ['coupons'],
      summary: 'What a shared coupon is, who offers it, and whether it can still be claimed',
      request: { params: z.object({ token: TokenSchema }) },
      responses: { 200: jsonResponse('Share', z.object({ share: ShareViewOut })), ...errorResponses },
    }),
    async (c) => {
      const { db, clock } = c.get('deps');
      const share = await db.kysely
        .selectFrom('coupon_shares')
        .innerJoin('coupons', 'coupons.id', 'coupon_shares.coupon_id')
        .innerJoin('customers', 'customers.id', 'coupon_shares.from_customer_id')
        .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
        .select(['coupon_shares.claimed_at', 'coupon_shares.revoked_at', 'coupon_shares.to_customer_id', 'customers.handle', 'campaigns.id as campaignId', 'campaigns.valid_until'])
        .where('coupon_shares.token', '=', c.req.valid('param').token)
        .executeTakeFirst();
      if (!share) throw notFound('share');
      const status: z.infer<typeof ShareViewOut>['status'] = share.claimed_at !== null ? 'claimed' : share.revoked_at !== null ? 'taken_back' : share.valid_until <= clock.now() ? 'expired' : 'open';
      // The link is public; a signed-in customer who claimed it is told it is theirs (reloading the page after
      // accepting), not that "someone" took it. A missing or stale sign-in only leaves that out.
      const viewer = status === 'claimed' && c.req.header('authorization') ? await authenticate(c).catch(() => undefined) : undefined;
      const claimedByYou = viewer?.role === 'customer' && viewer.customerId === share.to_customer_id;
      return c.json({ share: { from: share.handle, status, claimedByYou, campaign: await campaignSummary(db.kysely, share.campaignId) } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/shares/{token}/claim',
      tags: ['coupons'],
      summary: 'Take a coupon a contact offered: it becomes yours, theirs no more',
      security: bearer,
      middleware: [customersOnly],
      request: { params: z.object({ token: TokenSchema }), body: jsonBody(z.object({}).strict()) },
      responses: { 201: jsonResponse('Claimed', z.object({ coupon: ClaimedCouponOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { token } = c.req.valid('param');
      const { db, clock } = c.get('deps');
      const now = clock.now();
      const coupon = await inTransaction(db.kysely, async (trx) => {
        const share = await trx.selectFrom('coupon_shares').selectAll().where('token', '=', token).executeTakeFirst();
        if (!share) throw notFound('share');
        if (share.to_customer_id === auth.customerId) {
          // Claimed already by this very customer (a double tap): the coupon as it is now. If it has left their
          // wallet since (shared on, say), saying "yours, available" would be false.
          const held = await trx
            .selectFrom('coupons')
            .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
            .select(['coupons.id', 'coupons.campaign_id', 'coupons.customer_id', 'coupons.state', 'coupons.reserved_until', 'campaigns.valid_until'])
            .where('coupons.id', '=', share.coupon_id)
            .executeTakeFirstOrThrow();
          if (held.customer_id !== auth.customerId) throw new ApiError(409, 'ALREADY_CLAIMED', 'You accepted this coupon earlier; it is no longer in your wallet.');
          return { id: held.id, campaign_id: held.campaign_id, state: effectiveCouponState(held, held.valid_until, now) };
        }
        if (share.from_customer_id === auth.customerId) throw new ApiError(409, 'OWN_SHARE', 'This is your own offer; send the link to a contact.');
        if (share.claimed_at !== null) throw new ApiError(409, 'ALREADY_CLAIMED', 'Someone else claimed this coupon first.');
        if (share.revoked_at !== null) throw new ApiError(410, 'SHARE_TAKEN_BACK', 'The sender took this offer back.');
        const campaign = await trx
          .selectFrom('coupons')
          .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
          .select(['campaigns.id', 'campaigns.valid_until', 'campaigns.per_customer_limit'])
          .where('coupons.id', '=', share.coupon_id)
          .executeTakeFirstOrThrow();
        if (campaign.valid_until <= now) throw new ApiError(410, 'SHARE_EXPIRED', 'This coupon has expired.');
        const taken = await trx
          .updateTable('coupon_shares')
          .set({ to_customer_id: auth.customerId, claimed_at: now })
          .where('token', '=', token)
          .where('claimed_at', 'is', null)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) !== 1) {
          // Someone got there between the read and this write (a claim, or the sender taking it back): say which.
          const current = await trx.selectFrom('coupon_shares').select(['revoked_at']).where('token', '=', token).executeTakeFirst();
          if (current?.revoked_at != null) throw new ApiError(410, 'SHARE_TAKEN_BACK', 'The sender took this offer back.');
          throw new ApiError(409, 'ALREADY_CLAIMED', 'Someone else claimed this coupon first.');
        }
        const moved = await trx
          .updateTable('coupons')
          .set({ customer_id: auth.customerId, state: nextCouponState('shared', 'unshare'), source: 'share', updated_at: now })
          .where('id', '=', share.coupon_id)
          .where('state', '=', 'shared')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new ApiError(409, 'ALREADY_CLAIMED', 'This coupon is no longer on offer.');
        // A shared coupon counts against the receiver's per-customer limit as a granted one does (grantCoupon): a shop
        // that allows one per customer means one in any wallet, however it got there; over it, all of the above rolls
        // back and the offer stays open. Counted after the move, which locked the coupon: payments lock a coupon
        // before its campaign, and so does this. A campaign without a limit has none here (a claim link's default
        // of one is for posters, not for a friend's gift).
        if (campaign.per_customer_limit !== null) await assertWithinLimit(trx, db.dialect, campaign.id, campaign.per_customer_limit, auth.customerId);
        const claimed = await trx.selectFrom('coupons').select(['id', 'campaign_id']).where('id', '=', share.coupon_id).executeTakeFirstOrThrow();
        return { ...claimed, state: 'available' as CouponState };
      });
      const campaign = await campaignSummary(db.kysely, coupon.campaign_id);
      return c.json({ coupon: { id: coupon.id, campaignId: coupon.campaign_id, title: campaign.title, rule: campaign.rule, state: coupon.state, validUntil: campaign.validUntil } }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/shares/{token}',
      tags: ['coupons'],
      summary: 'Take back an offer nobody has claimed yet',
      security: bearer,
      middleware: [customersOnly],
      request: { params: z.object({ token: TokenSchema }) },
      responses: { 204: { description: 'Taken back' }, ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { token } = c.req.valid('param');
      const { db, clock } = c.get('deps');
      const now = clock.now();
      await inTransaction(db.kysely, async (trx) => {
        const share = await trx.selectFrom('coupon_shares').selectAll().where('token', '=', token).executeTakeFirst();
        if (!share || share.from_customer_id !== auth.customerId) throw notFound('share');
        const revoked = await trx
          .updateTable('coupon_shares')
          .set({ revoked_at: now })
          .where('token', '=', token)
          .where('claimed_at', 'is', null)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(revoked.numUpdatedRows) !== 1) throw new ApiError(409, 'ALREADY_CLAIMED', 'This offer was already claimed or taken back.');
        await trx
          .updateTable('coupons')
          .set({ state: nextCouponState('shared', 'unshare'), updated_at: now })
          .where('id', '=', share.coupon_id)
          .where('state', '=', 'shared')
          .execute();
      });
      return c.body(null, 204);
    },
  )
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
        const date = dateIn(Number(q.quarter_no) * QUARTER_HOUR_MS, config.timeZone);
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
