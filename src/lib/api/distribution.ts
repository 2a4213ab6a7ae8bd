/**
 * Issue 8: coupons reaching customers (claim links, posters, sharing between friends) and the
 * manager's end-of-day close (X and Z reports). Shapes follow the team brief's issue-8 routes.
 */
import { getCampaigns, getDailyReport } from './cashier';
import type { ApiClient } from './client';
import type { Campaign, Coupon, CouponRule, DailyReport, Money } from './types';
import { instantToWallClock } from '$lib/time/wall-clock';
import type { Lang } from '$lib/i18n/i18n.svelte';

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

export interface ReportFigures {
	count: number;
	declinedCount: number;
	amount: Money;
	deduction: Money;
	deductionMerchantFunded: Money;
	deductionPlatformFunded: Money;
	charged: Money;
	settlement: Money;
	refundCount: number;
	refunded: Money;
	refundedCash: Money;
	refundedSubsidy: Money;
	/**
	 * Of the refunds, those of sales made before the period (an earlier Z report's) and the part of them refunded;
	 * absent from a server older than these fields.
	 */
	earlierSalesRefundCount?: number;
	earlierSalesRefunded?: Money;
	/** Declined payments the customer then paid in cash at the counter, and that cash. */
	paidInCashCount: number;
	paidInCash: Money;
	firstPaymentAt: string | null;
	lastPaymentAt: string | null;
	byCampaign: { campaignId: string; title: string; funding: 'merchant' | 'platform'; count: number; refundedCount?: number; deduction: Money }[];
	queuedOfflineAtClose: { count: number; amount: Money } | null;
}

/** The day's report with its coupon savings split by who paid for them (GET /api/reports/daily has both). */
export type DayReport = DailyReport & Pick<ReportFigures, 'deductionMerchantFunded' | 'deductionPlatformFunded' | 'earlierSalesRefundCount' | 'earlierSalesRefunded'>;
export const getDayReport = async (api: ApiClient, date: string) => (await getDailyReport(api, date)) as DayReport;

export interface XReport {
	previousNumber: number | null;
	/** The last close; null in the shop's first period (no Z report yet). */
	openedAt: string | null;
	takenAt: string;
	currency: string;
	figures: ReportFigures;
}

export interface ZReport {
	number: number;
	previousNumber: number | null;
	openedAt: string;
	closedAt: string;
	closedBy: string;
	currency: string;
	figures: ReportFigures;
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
export const shareCoupon = async (api: ApiClient, couponId: string) =>
	(await api.post<{ share: Share }>(`/coupons/${enc(couponId)}/shares`, {})).share;
export const getShare = async (api: ApiClient, token: string) =>
	(await api.get<{ share: ShareOffer }>(`/shares/${enc(token)}`)).share;
export const claimShare = (api: ApiClient, token: string) =>
	api.post<{ coupon: Coupon }>(`/shares/${enc(token)}/claim`, {});
export const takeBackShare = (api: ApiClient, token: string) => api.del(`/shares/${enc(token)}`);

// End of day.
export const getXReport = (api: ApiClient) => api.get<XReport>('/reports/x');
/** The key is made once per close intent, so a retried close never closes twice. */
export const closeDay = async (
	api: ApiClient,
	idempotencyKey: string,
	queuedOffline?: { count: number; amount: Money }
) => (await api.post<{ report: ZReport }>('/reports/z', queuedOffline ? { queuedOffline } : {}, { idempotencyKey })).report;
export const getZReport = async (api: ApiClient, n: number) =>
	(await api.get<{ report: ZReport }>(`/reports/z/${n}`)).report;

/** The full URL a poster's QR and a share message carry. */
export const absoluteUrl = (path: string, origin = location.origin) => new URL(path, origin).toString();

/**
 * A Z report as CSV, fetched with the session's token (a plain link could not send the
 * Authorization header) and handed to the browser as a file download. `lang`: the language on screen, which the
 * file's headings and labels are written in (its numbers and dates are the same in every language).
 */
export function downloadZReportCsv(api: ApiClient, n: number, lang: Lang): Promise<void> {
	return downloadCsv(api, `/api/reports/z/${n}?format=csv&lang=${lang}`, `z-report-${n}.csv`);
}

/**
 * The X report's file name: when it was taken on the shop's clock ("x-report-2026-12-01T1350.csv" at 13:50 in
 * Shanghai), as the manager will look for it, not in UTC. `timeZone`: the shop's.
 */
export function xReportFilename(takenAt: string, timeZone: string): string {
	return `x-report-${instantToWallClock(new Date(takenAt), timeZone).replace(':', '')}.csv`;
}

/** The X report as the CSV file the Z report gives: the figures since the last close, as of now. */
export function downloadXReportCsv(api: ApiClient, takenAt: string, timeZone: string, lang: Lang): Promise<void> {
	return downloadCsv(api, `/api/reports/x?format=csv&lang=${lang}`, xReportFilename(takenAt, timeZone));
}

/** The Day report as a file for the accountant: the day's figures and its payments, a row each (`date`: YYYY-MM-DD). */
export function downloadDayReportCsv(api: ApiClient, date: string, lang: Lang): Promise<void> {
	return downloadCsv(api, `/api/reports/daily?date=${date}&format=csv&lang=${lang}`, `day-report-${date}.csv`);
}

async function downloadCsv(api: ApiClient, path: string, filename: string): Promise<void> {
	const res = await fetch(path, {
		headers: { Accept: 'text/csv', ...(api.token ? { Authorization: `Bearer ${api.token}` } : {}) }
	});
	if (!res.ok) throw new Error(`HTTP ${res.status}`);
	const url = URL.createObjectURL(await res.blob());
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	// Revoked a moment later: some browsers read the URL after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
