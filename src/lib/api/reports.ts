/**
 * The reports of a shop's takings: the Day report (any cashier), the X report of the open period and the Z reports
 * that close it (managers), and their CSV files. The shapes are GET /api/reports/*'s (the OpenAPI document's
 * ReportFigures, DayReport, XReport, ZReport and PlatformStatement).
 */
import type { ApiClient } from './client';
import type { CouponRule, Money } from './types';
import type { Lang } from '$lib/i18n/i18n.svelte';

/**
 * What a period took, the shop's or one cashier's: the figures both give, in one place, so that a figure added to
 * the shop's report is added to the cashier's line too (the cashiers' add up to the shop's).
 */
export interface TakingsFigures {
	count: number;
	declinedCount: number;
	amount: Money;
	deduction: Money;
	charged: Money;
	settlement: Money;
	refundCount: number;
	refunded: Money;
	refundedCash: Money;
	refundedSubsidy: Money;
	/** Declined payments the customer then paid in cash at the counter, and that cash. */
	paidInCashCount: number;
	paidInCash: Money;
	/** Top-ups at the counter: cash taken and put on customers' wallets; absent from a server older than them. */
	topUpCount?: number;
	topUps?: Money;
	/** Top-ups a manager reversed in the period (whenever taken): cash paid back out; absent from a server older than them. */
	topUpReversalCount?: number;
	topUpsReversed?: Money;
	/**
	 * Declined sales the customer left without paying, noted so at the counter in the period (a cashier's: those they
	 * noted), and what they asked: no cash, in none of the other figures. Absent from a server older than these fields.
	 */
	notPaidCount?: number;
	notPaid?: Money;
}

export interface ReportFigures extends TakingsFigures {
	deductionMerchantFunded: Money;
	deductionPlatformFunded: Money;
	/**
	 * Of the refunds, those of sales made before the period (an earlier Z report's) and the part of them refunded;
	 * absent from a server older than these fields.
	 */
	earlierSalesRefundCount?: number;
	earlierSalesRefunded?: Money;
	/**
	 * How many sales those refunds were of, each once (a sale refunded in four parts is one); absent from a server
	 * older than the field, null in a Z report closed before it.
	 */
	earlierSalesRefundedSaleCount?: number | null;
	/**
	 * Of the cash taken for declined payments, that taken for sales made before the period (an earlier day's, or an
	 * earlier Z report's) and how much; absent from a server older than these fields.
	 */
	earlierSalesPaidInCashCount?: number;
	earlierSalesPaidInCash?: Money;
	firstPaymentAt: string | null;
	lastPaymentAt: string | null;
	/** `rule` is absent from Z reports closed before the API kept it (and from older servers). */
	byCampaign: {
		campaignId: string;
		title: string;
		rule?: CouponRule;
		funding: 'merchant' | 'platform';
		count: number;
		refundedCount?: number;
		deduction: Money;
	}[];
	queuedOfflineAtClose: { count: number; amount: Money } | null;
	/**
	 * The same figures for each cashier who rang up, refunded or took cash in the period, most charged first; they add
	 * up to the shop's. A refund is the cashier's who gave it. Null (or absent, from an older server): a Z report closed
	 * before they were kept.
	 */
	byCashier?: CashierFigures[] | null;
}

export interface CashierFigures extends TakingsFigures {
	cashierId: string;
	/** As when read; a Z report's, as when it was closed. */
	handle: string;
	removed: boolean;
}

/** A shop's day (GET /api/reports/daily): the figures the X and Z reports give, for the shop's calendar day, and its hours. */
export type DayReport = Omit<ReportFigures, 'queuedOfflineAtClose'> & {
	date: string;
	/** Of the day's sales, those a tablet took offline on an earlier day: they count on the day they reached the server. */
	offlineFromEarlierDays: { count: number; amount: Money };
	/** Sales taken offline on this day that reached the server on a later day: counted there, not here. */
	offlineCountedLater: { count: number; amount: Money };
	timeZone: string;
	currency: string;
	byHour: { hour: number; count: number; amount: Money }[];
};

/**
 * A span of the shop's days (GET /api/reports/period; any cashier, as the Day report): the figures over all of them,
 * and a row a day, each what that day's Day report says; summed, the rows are the figures.
 */
export type PeriodReport = Omit<ReportFigures, 'queuedOfflineAtClose'> & {
	from: string;
	to: string;
	timeZone: string;
	currency: string;
	byDay: PeriodDay[];
};

/** One day of a period report: the Day report's figures of that day the owner checks against the bank. */
export interface PeriodDay {
	date: string;
	count: number;
	amount: Money;
	deduction: Money;
	charged: Money;
	settlement: Money;
	refundCount: number;
	refunded: Money;
	refundedCash: Money;
	refundedSubsidy: Money;
	/** Paid in cash after a decline, plus top-ups in cash, less top-ups reversed. */
	tillCash: Money;
	/** Declined sales noted on the day as not paid (the customer left); absent from a server older than these fields. */
	notPaidCount?: number;
	notPaid?: Money;
}

export interface XReport {
	previousNumber: number | null;
	/** The last close; null in the shop's first period (no Z report yet). */
	openedAt: string | null;
	takenAt: string;
	currency: string;
	figures: ReportFigures;
}

/** An X report with its CSV file, read together (GET /api/reports/x?include=csv): `csv` is this report's file. */
export interface XReportWithCsv extends XReport {
	csv: { filename: string; content: string };
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

/**
 * What the platform funded for the shop through its coupons in a period of shop days (GET /api/reports/platform,
 * managers): the savings of its coupons less what refunds gave back, and the same sum as the ledger moved it.
 */
export interface PlatformStatement {
	from: string;
	to: string;
	/** Payments that used one of the platform's coupons. */
	payments: number;
	subsidy: Money;
	/** What the period's refunds gave back to the platform, of any sale. */
	subsidyReturnedByRefunds: Money;
	/** Of that, what refunds of sales from before the period gave back (their subsidy is not in `subsidy`). */
	earlierSalesSubsidyReturned: Money;
	/** subsidy − subsidyReturnedByRefunds: what the platform pays the shop for the period (below zero: the shop pays back). */
	platformFunded: Money;
	ledger: { subsidyIn: Money; subsidyOut: Money; net: Money };
	/** The payments' sum and the ledger's agree to the fen. */
	reconciled: boolean;
	/** By campaign: uses and savings add up to `payments` and `subsidy`, subsidyReturned to subsidyReturnedByRefunds. */
	byCampaign: { campaign: StatementCampaign; uses: number; saving: Money; subsidyReturned: Money }[];
	/**
	 * The first payments (in the order settled) and refunds of earlier sales that gave subsidy back; `more…`: how many
	 * the list leaves out, which the statement's CSV holds.
	 */
	list: {
		payments: StatementPayment[];
		earlierRefunds: StatementEarlierRefund[];
		morePayments: number;
		moreEarlierRefunds: number;
	};
}

/** A campaign as the statement names it (by its rule when its title only restates it). */
export interface StatementCampaign {
	id: string;
	title: string;
	rule: CouponRule | null;
}

/** A payment with a platform coupon settled in the period, and what the period's refunds of it gave back. */
export interface StatementPayment {
	id: string;
	settledAt: string;
	customer: string | null;
	campaign: StatementCampaign | null;
	amount: Money;
	saving: Money;
	subsidyReturned: Money;
}

/** A refund in the period of a sale from before it, which gave the platform back `subsidy`. */
export interface StatementEarlierRefund {
	paymentId: string;
	at: string;
	saleSettledAt: string;
	customer: string | null;
	campaign: StatementCampaign | null;
	subsidy: Money;
}

/** What another tablet of the shop last said it holds unsent, or that it has gone silent (GET /api/tablets/unsent, managers). */
export interface TabletUnsent {
	terminalId: string;
	/** The cashier signed in on that tablet when it said so. */
	handle: string;
	count: number;
	amount: Money;
	oldestQueuedAt: string | null;
	/** When the server heard it (ISO 8601). */
	heardAt: string;
	/**
	 * Still signed in, but not heard from since `heardAt` (12 minutes or more): it may be offline, taking sales that no
	 * figure holds. Listed so even when it last said it holds none (count 0).
	 */
	silent: boolean;
	/**
	 * Its sign-in ran out (expired, not signed out) at this time (ISO 8601), while it may hold sales taken offline
	 * before then: listed when it had gone silent before then or last said it holds some; null otherwise.
	 */
	signInRanOutAt: string | null;
}

export const getPlatformStatement = (api: ApiClient, from: string, to: string) =>
	api.get<PlatformStatement>(`/reports/platform?from=${from}&to=${to}`);
export const getDayReport = (api: ApiClient, date: string) => api.get<DayReport>(`/reports/daily?date=${date}`);
export const getPeriodReport = (api: ApiClient, from: string, to: string) => api.get<PeriodReport>(`/reports/period?from=${from}&to=${to}`);
export const getXReport = (api: ApiClient) => api.get<XReport>('/reports/x');
/** The key is made once per close intent, so a retried close never closes twice. */
export const closeDay = async (
	api: ApiClient,
	idempotencyKey: string,
	queuedOffline?: { count: number; amount: Money }
) => (await api.post<{ report: ZReport }>('/reports/z', queuedOffline ? { queuedOffline } : {}, { idempotencyKey })).report;
export const getZReport = async (api: ApiClient, n: number) =>
	(await api.get<{ report: ZReport }>(`/reports/z/${n}`)).report;


/**
 * A Z report as CSV, fetched with the session's token (a plain link could not send the
 * Authorization header) and handed to the browser as a file download. `lang`: the language on screen, which the
 * file's headings and labels are written in (its numbers and dates are the same in every language).
 */
export function downloadZReportCsv(api: ApiClient, n: number, lang: Lang): Promise<void> {
	return downloadCsv(api, `/api/reports/z/${n}?format=csv&lang=${lang}`, `z-report-${n}.csv`);
}

/**
 * The X report as of now and, from the same read, as the CSV file the Z report gives, saved under the server's
 * name for it: when it was taken on the shop's clock ("x-report-2026-12-01T1350.csv"), the time the file says
 * (named by the tablet's clock, the two could differ). The answer is the report the file is: the screen shows it,
 * and file and screen hold the same sales, "Taken at" and minute. Fetched apart (the file, then the screen read
 * again), a sale at another till between the two reads was in one and not the other.
 */
export async function downloadXReportCsv(api: ApiClient, lang: Lang): Promise<XReport> {
	const { csv, ...report } = await api.get<XReportWithCsv>(`/reports/x?include=csv&lang=${lang}`);
	saveFile(new Blob([csv.content], { type: 'text/csv;charset=utf-8' }), csv.filename);
	return report;
}

/** The Day report as a file for the accountant: the day's figures and its payments, a row each (`date`: YYYY-MM-DD). */
export function downloadDayReportCsv(api: ApiClient, date: string, lang: Lang): Promise<void> {
	return downloadCsv(api, `/api/reports/daily?date=${date}&format=csv&lang=${lang}`, `day-report-${date}.csv`);
}

/** A period report as a file: its figures, By cashier, and a row a day (saved as "period-report-2026-11-01-to-2026-11-30.csv"). */
export function downloadPeriodReportCsv(api: ApiClient, from: string, to: string, lang: Lang): Promise<void> {
	return downloadCsv(api, `/api/reports/period?from=${from}&to=${to}&format=csv&lang=${lang}`, `period-report-${from}-to-${to}.csv`);
}

/**
 * The platform statement of a period as a file: its figures, by campaign, and every payment and refund of an earlier
 * sale, a row each (the screen lists only the first). Saved as "platform-statement-2026-11-01-to-2026-11-30.csv".
 */
export function downloadPlatformStatementCsv(api: ApiClient, from: string, to: string, lang: Lang): Promise<void> {
	return downloadCsv(api, `/api/reports/platform?from=${from}&to=${to}&format=csv&lang=${lang}`, `platform-statement-${from}-to-${to}.csv`);
}

/** Fetches a file and saves it under the name the server gives it (`filename` when it gives none). */
async function downloadCsv(api: ApiClient, path: string, filename: string): Promise<void> {
	const res = await fetch(path, {
		headers: { Accept: 'text/csv', ...(api.token ? { Authorization: `Bearer ${api.token}` } : {}) }
	});
	if (!res.ok) throw new Error(`HTTP ${res.status}`);
	const named = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1];
	saveFile(await res.blob(), named ?? filename);
}

/** Hands a file to the browser as a download. */
function saveFile(file: Blob, filename: string): void {
	const url = URL.createObjectURL(file);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	// Revoked a moment later: some browsers read the URL after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
