import { z } from '@hono/zod-openapi';
import { MoneyOut } from '../money.js';

/**
 * What the coupon service answers, as the OpenAPI document describes it (the public contract, DESIGN.md). The
 * auth matrix (tests/api/matrix.test.ts) holds every successful answer to these, field by field, so the document
 * cannot drift from the views that build the answers (campaigns.ts campaignView and campaignSummary, routes.ts, claim-links.ts, shares.ts, campaign-stats.ts).
 */

const Minor = z.number().int();
const Instant = z.string().openapi({ description: 'An instant, ISO 8601 in UTC', example: '2026-12-31T16:00:00.000Z' });

export const RuleOut = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed'), off: Minor }),
    z.object({ kind: z.literal('percent'), percent: z.number().int(), cap: Minor.nullable() }),
    z.object({ kind: z.literal('threshold'), minimum: Minor, off: Minor }),
  ])
  .openapi('CouponRuleOut', { description: 'Amounts in minor units of the campaign\'s currency; a percent rounds down' });

export const MerchantsOut = z
  .union([z.literal('all'), z.array(z.object({ id: z.string(), name: z.string() }))])
  .openapi({ description: 'Where the coupon pays: "all" shops, or these' });

export const FundingOut = z.enum(['merchant', 'platform']).openapi({ description: 'Who pays for the saving: the shop, or the platform' });

export const CouponStateOut = z.enum(['available', 'reserved', 'redeemed', 'expired', 'shared']);

/** A customer's coupon (GET /api/coupons). */
export const CouponOut = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    title: z.string(),
    state: CouponStateOut,
    rule: RuleOut,
    funding: FundingOut,
    merchants: MerchantsOut,
    minimumSpend: MoneyOut.nullable(),
    validFrom: Instant,
    validUntil: Instant,
    reservedUntil: Instant.nullable().openapi({ description: 'While a payment code holds it: until the code expires' }),
    shareable: z.boolean(),
    shareToken: z.string().nullable().openapi({ description: 'While it is offered to a contact: the share link\'s token' }),
  })
  .openapi('Coupon');

/** A coupon the customer passed on and a contact claimed (GET /api/coupons, `given`). */
export const GivenCouponOut = z
  .object({ couponId: z.string(), title: z.string(), rule: RuleOut, to: z.string().openapi({ description: 'The handle of who claimed it' }), claimedAt: Instant })
  .openapi('GivenCoupon');

/** A campaign as its shop's manager sees it. */
export const CampaignOut = z
  .object({
    id: z.string(),
    title: z.string(),
    issuerMerchantId: z.string().nullable().openapi({ description: 'The shop that issued it; null for the platform\'s own' }),
    funding: FundingOut,
    rule: RuleOut,
    merchants: MerchantsOut,
    validFrom: Instant,
    validUntil: Instant,
    minimumSpend: MoneyOut.nullable(),
    stock: z.number().int().nullable(),
    issued: z.number().int(),
    perCustomerLimit: z.number().int().nullable(),
    budget: MoneyOut.nullable(),
    spent: MoneyOut,
    shareable: z.boolean(),
    planned: z
      .object({ validFrom: Instant, validUntil: Instant })
      .nullable()
      .openapi({
        description:
          'When it was ended before it began (validFrom and validUntil are then both the moment it was ended): the period it was planned for. Null for any other campaign, and for one cancelled before this was kept',
      }),
  })
  .openapi('Campaign');

/** A campaign as a customer is offered it (a claim link, a share, a campaign's page). */
export const CampaignSummaryOut = z
  .object({
    id: z.string(),
    title: z.string(),
    rule: RuleOut,
    funding: FundingOut,
    merchants: MerchantsOut,
    validFrom: Instant,
    validUntil: Instant,
    minimumSpend: MoneyOut.nullable(),
    currency: z.string().openapi({ description: 'The currency of the rule\'s amounts (ISO 4217), minimum spend or none', example: 'CNY' }),
    remaining: z.number().int().nullable().openapi({ description: 'Coupons left to claim; null without a stock' }),
    shareable: z.boolean(),
  })
  .openapi('CampaignSummary');

/** A coupon given by the manager (POST /api/campaigns/{id}/grants). */
export const GrantedCouponOut = z
  .object({ id: z.string(), campaignId: z.string(), title: z.string(), customer: z.string(), state: z.literal('available') })
  .openapi('GrantedCoupon');

/** A coupon a customer claimed through a claim link or a share. */
export const ClaimedCouponOut = z
  .object({ id: z.string(), campaignId: z.string(), title: z.string(), rule: RuleOut, state: CouponStateOut, validUntil: Instant })
  .openapi('ClaimedCoupon');

/** A campaign's claim link, printed as a QR on the counter. */
export const ClaimLinkOut = z
  .object({ token: z.string(), path: z.string().openapi({ example: '/claim/3q2-7wQkS0yJbXcZ5uKx1A' }), campaign: CampaignSummaryOut })
  .openapi('ClaimLink');

/** What a claim link offers, as its page shows it to whoever opens it (GET /api/claims/{token}). */
export const ClaimOfferOut = z
  .object({
    campaign: CampaignSummaryOut,
    open: z.boolean().openapi({ description: 'Whether the campaign still gives coupons: it runs and has stock left' }),
    limitReached: z.boolean().openapi({
      description: 'The signed-in customer already holds as many of its coupons as the campaign allows (one unless it says more; used ones count), so a claim would be refused as LIMIT_REACHED; false without a customer\'s sign-in',
    }),
  })
  .openapi('ClaimOffer');

/** A coupon a customer offers to a contact. */
export const ShareOut = z
  .object({ token: z.string(), path: z.string(), couponId: z.string(), title: z.string(), expiresAt: Instant })
  .openapi('Share');

/** A share as its link shows it to whoever opens it. */
export const ShareViewOut = z
  .object({
    from: z.string().openapi({ description: 'The handle of who offers it' }),
    status: z.enum(['open', 'claimed', 'taken_back', 'expired']),
    claimedByYou: z.boolean(),
    campaign: CampaignSummaryOut,
  })
  .openapi('ShareView');

/** A campaign's page for its manager. */
export const CampaignStatsOut = z
  .object({
    campaign: CampaignSummaryOut,
    issued: z.number().int(),
    claimed: z.number().int().openapi({ description: 'Of those issued, through claim links' }),
    available: z.number().int(),
    reserved: z.number().int(),
    redeemed: z.number().int(),
    expired: z.number().int(),
    shared: z.number().int(),
    remainingStock: z.number().int().nullable(),
    budget: MoneyOut.nullable(),
    remainingBudget: MoneyOut.nullable(),
    deduction: MoneyOut,
    byDay: z.array(z.object({ date: z.string().openapi({ example: '2026-12-02' }), redeemed: z.number().int(), deduction: MoneyOut })),
  })
  .openapi('CampaignStats');
