import { createRoute, z } from '@hono/zod-openapi';
import { authenticate, customersOnly, managersOnly, requireCustomer, requireManager } from '../auth/sessions.js';
import { ApiError, notFound } from '../http/errors.js';
import { customerKeyScope, idempotent, merchantKeyScope } from '../http/idempotency.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdempotencyHeaders, IdSchema, jsonBody, jsonResponse } from '../http/schemas.js';
import { campaignSummary, shopCampaign } from './campaigns.js';
import { linkToken, TokenSchema } from './link-tokens.js';
import { ClaimedCouponOut, ClaimLinkOut, ClaimOfferOut } from './schemas.js';
import { CLAIM_LIMIT_DEFAULT, claimLimitReached, grantCoupon } from './store.js';

/**
 * Claim links: a manager prints a campaign's link as a poster, and a customer who scans it claims a coupon. Stock
 * and per-customer limits hold under concurrent claims because every claim goes through grantCoupon's locked,
 * conditional writes.
 */


/**
 * A claim link its shop withdrew (replaced it after it leaked). 410, as for a share taken back: the link is gone
 * for good, and the customer's page tells them to ask the shop for the current one. Coupons claimed through it
 * before stay valid: they are the customers', not the link's. (The column is `revoked_at`.)
 */
const linkWithdrawn = () => new ApiError(410, 'CLAIM_LINK_WITHDRAWN', 'The shop has replaced this claim link; ask the shop for the current one.');

export const claimLinkRoutes = createRouter()
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
      summary: 'What a claim link offers (no sign-in needed, so the poster can show it before the customer signs in); with a customer\'s token, also whether they hold as many as allowed',
      request: { params: z.object({ token: TokenSchema }) },
      responses: { 200: jsonResponse('Offer', ClaimOfferOut), ...errorResponses },
    }),
    async (c) => {
      const { db, clock } = c.get('deps');
      const link = await db.kysely.selectFrom('claim_links').selectAll().where('token', '=', c.req.valid('param').token).executeTakeFirst();
      if (!link) throw notFound('claim link');
      // Withdrawn (it leaked, and the shop replaced it): the offer is not shown to whoever found the link.
      if (link.revoked_at !== null) throw linkWithdrawn();
      const campaign = await campaignSummary(db.kysely, link.campaign_id);
      const open = Date.parse(campaign.validUntil) > clock.now() && campaign.remaining !== 0;
      // The link is public; a signed-in customer who already holds as many as the campaign allows is told so on
      // the page, not after tapping "Get the coupon". A missing or stale sign-in only leaves that out.
      const viewer = c.req.header('authorization') ? await authenticate(c).catch(() => undefined) : undefined;
      const limitReached = viewer?.role === 'customer' ? await claimLimitReached(db.kysely, link.campaign_id, viewer.customerId) : false;
      return c.json({ campaign, open, limitReached }, 200);
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
      return idempotent(c, customerKeyScope(auth.customerId), c.req.valid('header')['idempotency-key'], { claim: token }, async (trx) => {
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
        const couponId = await grantCoupon(trx, db.dialect, { campaignId: link.campaign_id, customerId: auth.customerId, now: clock.now(), source: 'claim', limitDefault: CLAIM_LIMIT_DEFAULT });
        const campaign = await campaignSummary(trx, link.campaign_id);
        return { status: 201, body: { coupon: { id: couponId, campaignId: link.campaign_id, title: campaign.title, rule: campaign.rule, state: 'available', validUntil: campaign.validUntil } } };
      }) as never;
    },
  );
