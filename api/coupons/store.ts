import { sql } from 'kysely';
import { OFFLINE_WINDOW_MS_DEFAULT } from '../config.js';
import type { DialectName } from '../db/connect.js';
import { firstRow, prepared } from '../db/prepared.js';
import type { Executor } from '../db/tx.js';
import { ApiError, notFound } from '../http/errors.js';
import { newId } from '../ids.js';
import { campaignMerchantIds, campaignRule, campaignRuleSelection } from './campaigns.js';
import { nextCouponState, reserveRefusal, type CouponState } from './states.js';
import type { CouponFacts } from './verify.js';

/**
 * The coupon service's storage: reservations for payment codes, redemption, return on refund, grants.
 * Verification itself is pure (verify.ts); this module gathers its facts and writes its outcome.
 */

/** Reserve a customer's coupon for a new payment code until the code expires (the coupon-using request). */
export async function reserveCoupon(
  db: Executor,
  input: { customerId: string; couponId: string; codeHash: string; until: number; now: number },
): Promise<void> {
  const row = await firstRow(couponToReserve(db, { couponId: input.couponId }));
  const refusal = reserveRefusal(row, input.customerId, input.now);
  if (refusal === 'not_found') throw notFound('coupon');
  if (refusal === 'not_yet_valid') throw new ApiError(409, 'COUPON_NOT_AVAILABLE', 'This coupon is not valid yet.', 'couponId');
  if (refusal !== null) {
    throw new ApiError(409, 'COUPON_NOT_AVAILABLE', `This coupon is ${refusal === 'reserved' ? 'held by another code' : refusal}.`, 'couponId');
  }
  await reserve(db, { couponId: input.couponId, codeHash: input.codeHash, until: input.until, now: input.now });
}

/**
 * Locked on PostgreSQL: a payment may be redeeming this coupon right now (an offline sale of an older code that
 * held it). Unlocked, the read would see it still available, the write would wait for the payment's lock and then
 * write 'reserved' over 'redeemed', and the coupon would pay twice (tests/api/races.test.ts).
 */
const couponToReserve = prepared<{ couponId: string }>()((db, p, dialect) => {
  const query = db
    .selectFrom('coupons')
    .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
    .select(['coupons.customer_id', 'coupons.state', 'coupons.reserved_until', 'campaigns.valid_from', 'campaigns.valid_until'])
    .where('coupons.id', '=', p('couponId'));
  return dialect === 'postgres' ? query.forUpdate('coupons') : query;
});
const reserve = prepared<{ couponId: string; codeHash: string; until: number; now: number }>()((db, p) =>
  db
    .updateTable('coupons')
    .set({ state: nextCouponState('available', 'reserve'), reserved_code_hash: p('codeHash'), reserved_until: p('until'), updated_at: p('now') })
    .where('id', '=', p('couponId')),
);

/** Release whatever the given codes hold (a code retired, expired, or its payment declined). */
export async function releaseCouponsOfCodes(db: Executor, codeHashes: readonly string[], now: number): Promise<void> {
  if (codeHashes.length === 0) return;
  if (codeHashes.length === 1) {
    await releaseCouponOfCode(db, { codeHash: codeHashes[0]!, now });
    return;
  }
  await db
    .updateTable('coupons')
    .set({ state: nextCouponState('reserved', 'release'), reserved_code_hash: null, reserved_until: null, updated_at: now })
    // `state || ''`, not `state`: given an index on state, SQLite read every reserved coupon through it instead
    // of looking the codes up in the index on reserved_code_hash.
    .where(sql`state || ''`, '=', 'reserved')
    .where('reserved_code_hash', 'in', codeHashes)
    .execute();
}

/** The common case of the above, one code (a payment declined, a code retired), as a prepared statement. */
const releaseCouponOfCode = prepared<{ codeHash: string; now: number }>()((db, p) =>
  db
    .updateTable('coupons')
    .set({ state: nextCouponState('reserved', 'release'), reserved_code_hash: null, reserved_until: null, updated_at: p('now') })
    .where('state', '=', 'reserved')
    .where('reserved_code_hash', '=', p('codeHash')),
);

/** Everything verification needs about a coupon, read under lock (PostgreSQL) so the decision stays true until commit. */
export async function couponFacts(
  db: Executor,
  dialect: DialectName,
  couponId: string,
  codeHash: string,
): Promise<(CouponFacts & { campaignId: string; funding: 'merchant' | 'platform'; title: string; currency: string }) | undefined> {
  // The coupon and its campaign in one statement. On PostgreSQL the coupon row is locked; the campaign only when
  // it has a budget, whose `spent` decides the answer. Unlimited campaigns stay lock-free, so a popular coupon
  // does not serialise every payment that uses it.
  const row = await firstRow(couponWithCampaign(db, { couponId }));
  if (!row) return undefined;
  const coupon = row;
  let campaign = row;
  if (dialect === 'postgres' && row.budget !== null) {
    const locked = await db.selectFrom('campaigns').select(['budget', 'spent']).where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
    campaign = { ...row, ...locked };
  }
  return {
    campaignId: campaign.id,
    funding: campaign.funding,
    title: campaign.title,
    currency: campaign.currency,
    ownerId: coupon.customer_id,
    state: coupon.state,
    reservedForThisCode: coupon.reserved_code_hash === codeHash,
    reservedUntil: coupon.reserved_until,
    rule: campaignRule(campaign),
    validFrom: campaign.valid_from,
    validUntil: campaign.valid_until,
    allMerchants: campaign.all_merchants === 1,
    merchantIds: campaign.all_merchants === 1 ? [] : await campaignMerchantIds(db, campaign.id),
    minimumSpend: campaign.minimum_spend,
    budget: campaign.budget,
    spent: campaign.spent,
  };
}

/** A coupon with what verification needs of its campaign (here and in payments/group-statements.ts). */
export const couponAndCampaign = (db: Executor) =>
  db
    .selectFrom('coupons')
    .innerJoin('campaigns', 'campaigns.id', 'coupons.campaign_id')
    .select([
      'coupons.customer_id',
      'coupons.state',
      'coupons.reserved_code_hash',
      'coupons.reserved_until',
      'campaigns.id',
      'campaigns.funding',
      'campaigns.title',
      'campaigns.currency',
      ...campaignRuleSelection,
      'campaigns.valid_from',
      'campaigns.valid_until',
      'campaigns.all_merchants',
      'campaigns.minimum_spend',
      'campaigns.budget',
      'campaigns.spent',
    ]);

const couponWithCampaign = prepared<{ couponId: string }>()((db, p, dialect) => {
  const query = couponAndCampaign(db).where('coupons.id', '=', p('couponId'));
  return dialect === 'postgres' ? query.forUpdate('coupons') : query;
});

const redeem = prepared<{ couponId: string; state: CouponState; paymentId: string; now: number }>()((db, p) =>
  db
    .updateTable('coupons')
    .set({ state: p('state'), redeemed_payment_id: p('paymentId'), reserved_code_hash: null, reserved_until: null, updated_at: p('now') })
    .where('id', '=', p('couponId')),
);

export async function redeemCoupon(
  db: Executor,
  input: { couponId: string; from: CouponState; paymentId: string; campaignId: string; deduction: number; budgeted: boolean; now: number },
): Promise<void> {
  // The transition is checked here, where the state is known; the statement only writes its result.
  await redeem(db, { couponId: input.couponId, state: nextCouponState(input.from === 'reserved' ? 'reserved' : 'available', 'redeem'), paymentId: input.paymentId, now: input.now });
  if (input.budgeted && input.deduction > 0) {
    await db
      .updateTable('campaigns')
      .set((eb) => ({ spent: eb('spent', '+', input.deduction) }))
      .where('id', '=', input.campaignId)
      .execute();
  }
}

/**
 * A full refund gives the coupon back if it is still valid; its deduction is returned to the campaign budget. The
 * coupon's row is written before the campaign's, in the order a payment locks them (couponFacts).
 */
export async function returnCoupon(
  db: Executor,
  input: { couponId: string; campaignId: string; deduction: number; now: number },
): Promise<boolean> {
  const campaign = await db.selectFrom('campaigns').select(['valid_until', 'budget']).where('id', '=', input.campaignId).executeTakeFirstOrThrow();
  let returned = false;
  if (campaign.valid_until > input.now) {
    const result = await db
      .updateTable('coupons')
      .set({ state: nextCouponState('redeemed', 'refund'), redeemed_payment_id: null, updated_at: input.now })
      .where('id', '=', input.couponId)
      .where('state', '=', 'redeemed')
      .executeTakeFirst();
    returned = Number(result.numUpdatedRows) === 1;
  }
  if (campaign.budget !== null && input.deduction > 0) {
    await db
      .updateTable('campaigns')
      .set((eb) => ({ spent: eb('spent', '-', input.deduction) }))
      .where('id', '=', input.campaignId)
      .execute();
  }
  return returned;
}

/**
 * A campaign that ended is running again: a coupon whose payment was refunded in full meanwhile stayed spent, as
 * returnCoupon gives back only a coupon still valid; now it is the customer's to use again, as it would have been
 * had the refund come while the campaign ran. (The refund gave its deduction back to the budget already.)
 */
export async function returnCouponsRefundedWhileEnded(db: Executor, campaignId: string, now: number): Promise<void> {
  await db
    .updateTable('coupons')
    .set({ state: nextCouponState('redeemed', 'refund'), redeemed_payment_id: null, updated_at: now })
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'redeemed')
    .where((eb) => eb.exists(eb.selectFrom('payments').select('payments.id').whereRef('payments.id', '=', 'coupons.redeemed_payment_id').where('payments.status', '=', 'refunded')))
    .execute();
}

/** How many coupons of the campaign the customer holds, in any state: a used one counts towards a limit. */
async function heldOfCampaign(db: Executor, campaignId: string, customerId: string): Promise<number> {
  const held = await db
    .selectFrom('coupons')
    .select(sql<number>`count(*)`.as('n'))
    .where('campaign_id', '=', campaignId)
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(held.n);
}

/** Refuses when the customer holds more than `limit` coupons of the campaign (in any state: a used one counts). */
async function assertHeldAtMost(db: Executor, campaignId: string, limit: number, customerId: string): Promise<void> {
  if ((await heldOfCampaign(db, campaignId, customerId)) > limit) {
    throw new ApiError(409, 'LIMIT_REACHED', 'This customer already holds as many of these coupons as allowed.');
  }
}

/**
 * The per-customer limit for a coupon that has just come to a customer other than by a grant (a share claimed,
 * counted among theirs already). On PostgreSQL the campaign's row is locked first, as grantCoupon locks it, so
 * two coupons coming to one customer at the same moment are counted one after the other.
 */
export async function assertWithinLimit(db: Executor, dialect: DialectName, campaignId: string, limit: number, customerId: string): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('campaigns').select('id').where('id', '=', campaignId).forUpdate().execute();
  await assertHeldAtMost(db, campaignId, limit, customerId);
}

/** A claim link gives one coupon per customer unless the campaign says otherwise: a poster is not a tap. */
export const CLAIM_LIMIT_DEFAULT = 1;

/**
 * Whether a claim would be refused as LIMIT_REACHED for this customer now: the claim page says so before the tap
 * rather than after it. Read without a lock, as a hint; the claim itself is still decided by grantCoupon.
 */
export async function claimLimitReached(db: Executor, campaignId: string, customerId: string): Promise<boolean> {
  const campaign = await db.selectFrom('campaigns').select('per_customer_limit').where('id', '=', campaignId).executeTakeFirstOrThrow();
  const limit = campaign.per_customer_limit ?? CLAIM_LIMIT_DEFAULT;
  return (await heldOfCampaign(db, campaignId, customerId)) >= limit;
}

/**
 * Give one coupon of a campaign to a customer. Stock and the per-customer limit are enforced by conditional
 * writes (and a CHECK on the table), so fifty concurrent grants against a stock of five make exactly five.
 */
export async function grantCoupon(
  db: Executor,
  dialect: DialectName,
  input: { campaignId: string; customerId: string; now: number; source?: 'grant' | 'claim'; limitDefault?: number },
): Promise<string> {
  let q = db.selectFrom('campaigns').selectAll().where('id', '=', input.campaignId);
  if (dialect === 'postgres') q = q.forUpdate();
  const campaign = await q.executeTakeFirst();
  if (!campaign) throw notFound('campaign');
  if (campaign.valid_until <= input.now) throw new ApiError(409, 'CAMPAIGN_ENDED', 'This campaign has ended.');
  if (campaign.stock !== null && campaign.issued >= campaign.stock) {
    throw new ApiError(409, 'OUT_OF_STOCK', 'No coupons of this campaign are left.');
  }
  // A claim link passes CLAIM_LIMIT_DEFAULT: one coupon per customer unless the campaign says otherwise.
  const perCustomerLimit = campaign.per_customer_limit ?? input.limitDefault ?? null;
  // Counted before the new one is made: at most limit − 1 held.
  if (perCustomerLimit !== null) await assertHeldAtMost(db, input.campaignId, perCustomerLimit - 1, input.customerId);
  await db.updateTable('campaigns').set((eb) => ({ issued: eb('issued', '+', 1) })).where('id', '=', input.campaignId).execute();
  const id = newId('cpn', input.now);
  await db
    .insertInto('coupons')
    .values({
      id,
      campaign_id: input.campaignId,
      customer_id: input.customerId,
      state: 'available',
      reserved_code_hash: null,
      reserved_until: null,
      redeemed_payment_id: null,
      granted_at: input.now,
      updated_at: input.now,
      source: input.source ?? 'grant',
    })
    .execute();
  return id;
}

/**
 * A row is deleted this long after it stops mattering, not at that instant: a margin, so that a sweep does not
 * delete a row a request under way may still read.
 */
const SWEEP_MARGIN_MS = 3_600_000;

/**
 * The sweeper, every half minute (server.ts SWEEP_INTERVAL_MS): deletes payment codes, sessions and event tickets
 * that can no longer matter, and writes down what effectiveCouponState already tells readers (lapsed reservations
 * are available again). Readers never depend on it having run. It lives with the coupons because releasing their
 * reservations is the one state it writes (through nextCouponState); the rest it only deletes.
 */
export async function sweepExpiredRows(db: Executor, now: number, offlineWindowMs = OFFLINE_WINDOW_MS_DEFAULT): Promise<void> {
  // Codes, sessions and event tickets that can no longer matter are deleted, so these tables stay the size of
  // the live traffic, not of all history. A code is kept for the offline window (a queued scan may still
  // arrive for it), and the margin.
  await db.deleteFrom('paycodes').where('expires_at', '<', now - offlineWindowMs - SWEEP_MARGIN_MS).execute();
  // A cashier's session is kept for the offline window past its end: the manager is told of a tablet whose sign-in
  // ran out while it may hold sales (reports/tablet-unsent.ts), until those sales would be declined as too old, and
  // only the row says whether it ran out or was signed out. A customer's goes with the margin alone.
  await db.deleteFrom('sessions').where('role', '=', 'customer').where('expires_at', '<', now - SWEEP_MARGIN_MS).execute();
  await db.deleteFrom('sessions').where('role', '!=', 'customer').where('expires_at', '<', now - offlineWindowMs - SWEEP_MARGIN_MS).execute();
  await db.deleteFrom('event_tickets').where('expires_at', '<', now - SWEEP_MARGIN_MS).execute();
  await db
    .updateTable('coupons')
    .set({ state: nextCouponState('reserved', 'release'), reserved_code_hash: null, reserved_until: null, updated_at: now })
    .where('state', '=', 'reserved')
    .where('reserved_until', '<=', now)
    .execute();
  // `expired` is never written: it is derived from the campaign's validity when read (effectiveCouponState),
  // so a queued offline payment scanned before the end is judged by its scan time whether or not this ran.
}
