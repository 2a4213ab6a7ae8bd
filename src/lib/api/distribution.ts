/**
 * Issue 8: coupons reaching customers (claim links, posters, sharing between friends) and a campaign's figures for
 * its manager. The reports (Day, X and Z) are in reports.ts.
 */
import { getCampaigns } from './cashier';
import type { ApiClient } from './client';
import type { Campaign, Coupon, CouponRule, Money } from './types';

/**
 * A campaign as its manager reads it (GET /api/campaigns, POST /api/campaigns): the rule with every condition
 * and limit, and how much of its stock and budget is used. `Campaign` relies only on what the counter needs.
 */
export interface CampaignView extends Campaign {
	funding: 'merchant' | 'platform';
	validFrom: string;
	validUntil: string;
	minimumSpend: Money | null;
	/** Coupons it may give out in all, and how many it has; null: no limit. */
	stock: number | null;
	issued: number;
	perCustomerLimit: number | null;
	/** Savings it may pay for in all, and what it has paid; null: no limit. */
	budget: Money | null;
	spent: Money;
	shareable: boolean;
	/**
	 * When it was ended before it began (validFrom and validUntil are then both that moment): the period it was
	 * planned for. Null otherwise, and for one cancelled before the server kept it (absent from older servers).
	 */
	planned?: { validFrom: string; validUntil: string } | null;
}

/** The campaigns of the manager's shop with their conditions and limits, newest first. */
export const getCampaignViews = async (api: ApiClient) => (await getCampaigns(api)) as CampaignView[];

/** A campaign as a claim or share landing page shows it (no sign-in needed to read it). */
export interface OfferCampaign {
	id: string;
	title: string;
	rule: CouponRule;
	funding: 'merchant' | 'platform';
	merchants: 'all' | { id: string; name: string }[];
	validFrom: string;
	validUntil: string;
	minimumSpend: Money | null;
	/** The currency of the rule's amounts, said with or without a minimum spend (absent from servers older than this field). */
	currency?: string;
	remaining?: number | null;
	shareable?: boolean;
}

export interface ClaimLink {
	token: string;
	path: string;
	campaign: OfferCampaign;
}

export interface ClaimOffer {
	campaign: OfferCampaign;
	open: boolean;
	/** The customer signed in here holds as many as the campaign allows already (false when read signed out). */
	limitReached: boolean;
}

export type ShareStatus = 'open' | 'claimed' | 'taken_back' | 'expired';

export interface ShareOffer {
	from: string;
	status: ShareStatus;
	/** Claimed, by the customer signed in here. */
	claimedByYou?: boolean;
	campaign: OfferCampaign;
}

export interface Share {
	token: string;
	path: string;
	couponId: string;
	title: string;
	expiresAt: string;
}

export interface GivenCoupon {
	couponId: string;
	title: string;
	/** Its rule, so the sender's screen names it in their language (absent from servers older than this field). */
	rule?: CouponRule;
	to: string;
	claimedAt: string;
}

export interface CampaignStats {
	campaign: Campaign;
	issued: number;
	claimed: number;
	available: number;
	reserved: number;
	redeemed: number;
	expired: number;
	shared: number;
	remainingStock: number | null;
	budget: Money | null;
	remainingBudget: Money | null;
	deduction: Money;
	byDay: { date: string; redeemed: number; deduction: Money }[];
}

const enc = encodeURIComponent;

// Manager: claim links and campaign figures.
export const createClaimLink = (api: ApiClient, campaignId: string, idempotencyKey: string) =>
	api.post<{ link: ClaimLink }>(`/campaigns/${enc(campaignId)}/claim-links`, {}, { idempotencyKey });
/** The campaign's newest live claim link, or null before its first. */
export const getCurrentClaimLink = (api: ApiClient, campaignId: string) =>
	api.get<{ link: ClaimLink | null }>(`/campaigns/${enc(campaignId)}/claim-links/current`);
/**
 * Replaces a claim link that leaked: the server withdraws it (its page and QR then tell whoever opens them to ask
 * the shop) and makes the campaign's new current link in the same transaction. Coupons claimed through it stay.
 */
export const replaceClaimLink = async (api: ApiClient, campaignId: string, token: string, idempotencyKey: string) =>
	(await api.post<{ link: ClaimLink }>(`/campaigns/${enc(campaignId)}/claim-links/${enc(token)}/replacement`, {}, { idempotencyKey })).link;
export const getCampaignStats = (api: ApiClient, campaignId: string) =>
	api.get<CampaignStats>(`/campaigns/${enc(campaignId)}/stats`);

/** Moves a campaign's end, raises its stock or budget; answers the campaign as it now stands. */
export const changeCampaign = async (api: ApiClient, campaignId: string, change: { validUntil?: string; stock?: number; budget?: Money }, idempotencyKey: string) =>
	(await api.request<{ campaign: CampaignView }>('PATCH', `/campaigns/${enc(campaignId)}`, { body: change, idempotencyKey })).data.campaign;
/** Ends a campaign now: its unused coupons expire, its claim links and grants are refused. Reopened by a later end. */
export const endCampaign = async (api: ApiClient, campaignId: string, idempotencyKey: string) =>
	(await api.post<{ campaign: CampaignView }>(`/campaigns/${enc(campaignId)}/end`, {}, { idempotencyKey })).campaign;

// Customer: claiming from a link, and sharing with a friend.
export const getClaim = (api: ApiClient, token: string) => api.get<ClaimOffer>(`/claims/${enc(token)}`);
export const claimCoupon = (api: ApiClient, token: string, idempotencyKey: string) =>
	api.post<{ coupon: Coupon }>(`/claims/${enc(token)}`, {}, { idempotencyKey });
export const shareCoupon = async (api: ApiClient, couponId: string, idempotencyKey: string) =>
	(await api.post<{ share: Share }>(`/coupons/${enc(couponId)}/shares`, {}, { idempotencyKey })).share;
export const getShare = async (api: ApiClient, token: string) =>
	(await api.get<{ share: ShareOffer }>(`/shares/${enc(token)}`)).share;
export const claimShare = (api: ApiClient, token: string, idempotencyKey: string) =>
	api.post<{ coupon: Coupon }>(`/shares/${enc(token)}/claim`, {}, { idempotencyKey });
export const takeBackShare = (api: ApiClient, token: string) => api.del(`/shares/${enc(token)}`);

/** The full URL a poster's QR and a share message carry. */
export const absoluteUrl = (path: string, origin = location.origin) => new URL(path, origin).toString();
