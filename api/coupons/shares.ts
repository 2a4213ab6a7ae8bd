import { createRoute, z } from '@hono/zod-openapi';
import { authenticate, customersOnly, requireCustomer } from '../auth/sessions.js';
import { inTransaction, type Tx } from '../db/tx.js';
import { customerKeyScope, idempotentIfKeyed } from '../http/idempotency.js';
import { ApiError, notFound } from '../http/errors.js';
import { createRouter } from '../http/router.js';
import { bearer, errorResponses, IdSchema, jsonBody, jsonResponse, OptionalIdempotencyHeaders } from '../http/schemas.js';
import { campaignSummary } from './campaigns.js';
import { linkToken, TokenSchema } from './link-tokens.js';
import { ClaimedCouponOut, ShareOut, ShareViewOut } from './schemas.js';
import { NEW_SHARE_COLUMNS, shareMoveColumns, shareStatus, storedShareState } from './share-states.js';
import { effectiveCouponState, nextCouponState, type CouponState } from './states.js';
import { assertWithinLimit } from './store.js';

/**
 * Sharing a coupon with a contact: the owner offers it by a link, the contact claims it. A shared coupon has
 * exactly one owner at every moment because the hand-over is one conditional UPDATE of the share and one of the
 * coupon, in one transaction. The share's own lifecycle (open, then claimed or taken back) is share-states.ts.
 *
 * Offering and claiming take an optional Idempotency-Key (optional: v1 of the public contract took none), scoped to
 * the customer like their top-ups and claims: a repeat after a lost answer gets the same link, or the same coupon,
 * instead of "not available" or the coupon as it is by then. Taking an offer back needs none: a repeat by its
 * sender finds it taken back already and answers 204 again, changing nothing.
 */
export const shareRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/coupons/{id}/shares',
      tags: ['coupons'],
      summary: 'Offer one of my coupons to a contact (campaigns that allow it); it cannot pay while offered',
      security: bearer,
      middleware: [customersOnly],
      request: { params: z.object({ id: IdSchema }), headers: OptionalIdempotencyHeaders, body: jsonBody(z.object({}).strict()) },
      responses: { 201: jsonResponse('Offered', z.object({ share: ShareOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { id } = c.req.valid('param');
      const { db, clock } = c.get('deps');
      const now = clock.now();
      return idempotentIfKeyed(c, customerKeyScope(auth.customerId), c.req.valid('header')['idempotency-key'], { share: id }, async (trx) => {
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
        await trx.insertInto('coupon_shares').values({ token, coupon_id: id, from_customer_id: auth.customerId, to_customer_id: null, created_at: now, ...NEW_SHARE_COLUMNS }).execute();
        const share = { token, path: `/claim/s/${token}`, couponId: id, title: row.title, expiresAt: new Date(row.valid_until).toISOString() };
        return { status: 201, body: { share } };
      }) as never;
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
      const status: z.infer<typeof ShareViewOut>['status'] = shareStatus(share, share.valid_until, clock.now());
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
      request: { params: z.object({ token: TokenSchema }), headers: OptionalIdempotencyHeaders, body: jsonBody(z.object({}).strict()) },
      responses: { 201: jsonResponse('Claimed', z.object({ coupon: ClaimedCouponOut })), ...errorResponses },
    }),
    async (c) => {
      const auth = await requireCustomer(c);
      const { token } = c.req.valid('param');
      const { db, clock } = c.get('deps');
      const now = clock.now();
      /** The claim's effect: the coupon it moved into the caller's wallet (or, to its own repeat, the coupon as it is now). */
      async function claim(trx: Tx): Promise<{ id: string; campaign_id: string; state: CouponState }> {
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
        const state = storedShareState(share);
        if (state === 'claimed') throw new ApiError(409, 'ALREADY_CLAIMED', 'Someone else claimed this coupon first.');
        if (state === 'taken_back') throw new ApiError(410, 'SHARE_TAKEN_BACK', 'The sender took this offer back.');
        const campaign = await trx
          .selectFrom('coupons')
          .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
          .select(['campaigns.id', 'campaigns.valid_until', 'campaigns.per_customer_limit'])
          .where('coupons.id', '=', share.coupon_id)
          .executeTakeFirstOrThrow();
        if (campaign.valid_until <= now) throw new ApiError(410, 'SHARE_EXPIRED', 'This coupon has expired.');
        const taken = await trx
          .updateTable('coupon_shares')
          .set({ to_customer_id: auth.customerId, ...shareMoveColumns('open', 'claim', now) })
          .where('token', '=', token)
          // Still open: neither claimed nor taken back.
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
      }

      return idempotentIfKeyed(c, customerKeyScope(auth.customerId), c.req.valid('header')['idempotency-key'], { claimShare: token }, async (trx) => {
        const coupon = await claim(trx);
        const campaign = await campaignSummary(trx, coupon.campaign_id);
        return { status: 201, body: { coupon: { id: coupon.id, campaignId: coupon.campaign_id, title: campaign.title, rule: campaign.rule, state: coupon.state, validUntil: campaign.validUntil } } };
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/shares/{token}',
      tags: ['coupons'],
      summary: 'Take back an offer nobody has claimed yet (one taken back already answers 204 again: a repeat changes nothing)',
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
        // Taken back already (a repeat after a lost answer, or the sender's other phone): done, nothing to change.
        if (storedShareState(share) === 'taken_back') return;
        const revoked = await trx
          .updateTable('coupon_shares')
          .set(shareMoveColumns('open', 'take_back', now))
          .where('token', '=', token)
          // Still open: neither claimed nor taken back.
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
  );
