/**
 * The wallet history kept on this phone, so the history screen still shows it with no network ("as of 14:32"). The
 * history screen keeps what it reads; the home screen has the newest page read in the background (readHistoryToKeep),
 * so the history opens offline even when it was not opened lately. Not in the customer's first load (README: a budget
 * of 80 KB gzipped): the home screen fetches this module when it first reads the history to keep.
 */
import type { ApiClient } from '$lib/api/client';
import { getPayments, getRefunds, getTopUps } from '$lib/api/customer';
import type { Payment, WalletRefund } from '$lib/api/types';
import { historyToKeep, uniqueById, withLivePayments, type HistoryLists, type TopUp } from '$lib/customer/history';
import { refundNews, type RefundSeen } from '$lib/customer/refund-news';
import { loadCustomerPart, loadHistorySnapshot, phoneStorage, saveCustomerPart, type HistorySnapshot } from '$lib/offline/customer-cache';

/** Whether this customer's data may be kept now: they are still the one signed in on this phone. */
export type MayKeep = (customerId: string) => boolean;

/**
 * Keeps the history as read from the server (its newest lines) for this customer, while they are signed in, dated by
 * when its read was sent (`sentAt`, ISO 8601): what the server had then, at least. Reads overlap (the history screen's
 * own, the home screen's after money was added, on a slow network): one sent before another, answering after it,
 * would put back a copy without what the later one brought (the top-up). Kept only when no later read's copy is.
 */
export function keepHistory(customerId: string, lists: HistoryLists, mayKeep: MayKeep, sentAt: string): void {
	const kept = keptHistory(customerId);
	if (kept && !sentNoEarlier(sentAt, kept.savedAt)) return;
	if (mayKeep(customerId)) saveCustomerPart(phoneStorage(), 'history', customerId, { ...historyToKeep(lists), savedAt: sentAt });
}

/** Whether a read sent at `sentAt` is no older than the copy kept at `keptAt` (both ISO 8601). */
export const sentNoEarlier = (sentAt: string, keptAt: string): boolean => Date.parse(sentAt) >= Date.parse(keptAt);

/** The history kept for this customer, or null (none, or too old). */
export const keptHistory = (customerId: string): HistorySnapshot<Payment, TopUp, WalletRefund> | null =>
	loadHistorySnapshot<Payment, TopUp, WalletRefund>(phoneStorage(), customerId);

/**
 * Reads the newest page of each list (payments, top-ups, refunds) and keeps them. Throws when it cannot read. Returns
 * the refunds read, for takeRefundNews.
 */
export async function readHistoryToKeep(api: ApiClient, customerId: string, mayKeep: MayKeep): Promise<WalletRefund[]> {
	const sentAt = new Date().toISOString();
	const [payments, topUps, refunds] = await Promise.all([getPayments(api), getTopUps(api), getRefunds(api)]);
	// A list with more pages: its older lines (and anything older than them) are left for the network.
	const more = payments.next !== null || topUps.next !== null || refunds.next !== null;
	keepHistory(customerId, { payments: payments.payments, topUps: topUps.topups, refunds: refunds.refunds, morePayments: more }, mayKeep, sentAt);
	return refunds.refunds;
}

// For CustomerState, which has this module loaded whenever it has refund news to filter.
export { notShownOnResult } from '$lib/customer/refund-news';

/** What is kept on the phone of the refunds seen, dated when it was last compared with a read. */
type RefundsSeenKept = { seen: RefundSeen[]; savedAt: string };

/**
 * The refunds to tell: those just read that this phone has not told its customer of (refund-news.ts), newest first,
 * above those still `told` on screen; and what it has seen after them, which is kept on the phone, so that a refund
 * told live, or before a reload, is not told again. `seen` is what this page saw so far (null at its start): where
 * storage is blocked, refunds are still told once while the page stays open. What is kept lasts as the wallet's copy
 * does (CUSTOMER_SNAPSHOT_MAX_AGE_MS, 30 days from the last read): a wallet not opened for longer is seen afresh, and
 * the refunds of that month are in its history, not told one by one.
 */
export function takeRefundNews(
	customerId: string,
	listed: readonly WalletRefund[],
	seen: readonly RefundSeen[] | null,
	told: readonly WalletRefund[],
	mayKeep: MayKeep
): { news: WalletRefund[]; seen: RefundSeen[] } {
	// The phone's copy first: another tab of it, or this one before a reload, may have told of more.
	const kept = loadCustomerPart<RefundsSeenKept>(phoneStorage(), 'refundsSeen', customerId)?.seen;
	const next = refundNews(Array.isArray(kept) ? kept : seen, listed);
	const keep: RefundsSeenKept = { seen: next.seen, savedAt: new Date().toISOString() };
	if (mayKeep(customerId)) saveCustomerPart(phoneStorage(), 'refundsSeen', customerId, keep);
	return { news: uniqueById([...next.news, ...told]), seen: next.seen };
}

/**
 * Folds the payments that arrived live into the history kept for this customer, instead of reading the three lists
 * again (withLivePayments): true when done. False when the caller must read them: nothing kept, an event that does not
 * carry enough (a refund), or a balance the payments do not explain (`balanceBeforeMinor`, the balance the kept copy
 * goes with, moved by more or less: money added on another phone meanwhile, or a payment the last read had already).
 */
export function foldIntoKept(customerId: string, live: readonly Payment[], balanceBeforeMinor: number, balanceNowMinor: number, mayKeep: MayKeep): boolean {
	const kept = keptHistory(customerId);
	const folded = kept && withLivePayments(kept, live);
	if (!folded || balanceBeforeMinor + folded.balanceChangeMinor !== balanceNowMinor) return false;
	// As of now: the kept copy and the payments told since, which the balance just read accounts for.
	keepHistory(customerId, folded.lists, mayKeep, new Date().toISOString());
	return true;
}
