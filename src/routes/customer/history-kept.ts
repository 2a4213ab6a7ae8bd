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
import { chargeNews, refundNews, type Seen } from '$lib/customer/wallet-news';
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
 * the payments and refunds read, for takeWalletNews.
 */
export async function readHistoryToKeep(api: ApiClient, customerId: string, mayKeep: MayKeep): Promise<{ payments: Payment[]; refunds: WalletRefund[] }> {
	const sentAt = new Date().toISOString();
	const [payments, topUps, refunds] = await Promise.all([getPayments(api), getTopUps(api), getRefunds(api)]);
	// A list with more pages: its older lines (and anything older than them) are left for the network.
	const more = payments.next !== null || topUps.next !== null || refunds.next !== null;
	keepHistory(customerId, { payments: payments.payments, topUps: topUps.topups, refunds: refunds.refunds, morePayments: more }, mayKeep, sentAt);
	return { payments: payments.payments, refunds: refunds.refunds };
}

// For CustomerState, which has this module loaded whenever it has refund news to filter.
export { notShownOnResult } from '$lib/customer/wallet-news';

/**
 * What is kept on the phone of what it has seen, dated when it was last compared with a read: the refunds (`seen`, so
 * named from before charges were told too) and the charges. A copy from before then has no `charges`: the charges
 * are seen afresh at its next read (none is news), as at the first sight of the account.
 */
type SeenKept = { seen?: Seen[]; charges?: Seen[]; savedAt: string };

/** What the phone has seen of the wallet's refunds and charges (each null before its first sight: wallet-news.ts). */
interface WalletSeen {
	refunds: Seen[] | null;
	charges: Seen[] | null;
}

/**
 * What this page has seen, and whose: what takeWalletNews compares with where the phone's storage keeps nothing (blocked),
 * so that each is still told once while the page stays open. Here rather than in CustomerState, out of the first load.
 */
let seenHere: { customerId: string; seen: WalletSeen } | null = null;

/** What to tell the customer of, newest first: refunds the shop made, charges no result screen showed. */
export interface WalletNews {
	refunds: WalletRefund[];
	charges: Payment[];
}

/**
 * What to tell: the refunds and charges just read (or the payments told live, `listed.refunds` null when no refund was
 * read) that this phone has not told its customer of (wallet-news.ts), newest first, above those still `told` on
 * screen; and what it has seen after them, which is kept on the phone, so that one told live, or before a reload, is
 * not told again. What is kept lasts as the wallet's copy does (CUSTOMER_SNAPSHOT_MAX_AGE_MS, 30 days
 * from the last read): a wallet not opened for longer is seen afresh, and what happened that month is in its history,
 * not told one by one. Seen per customer and per phone (another phone of theirs tells them again, as it shows the
 * wallet), and forgotten on sign-out with the rest of the wallet (forgetOtherCustomers).
 */
export function takeWalletNews(
	customerId: string,
	listed: { payments: readonly Payment[]; refunds: readonly WalletRefund[] | null },
	told: WalletNews,
	mayKeep: MayKeep
): WalletNews {
	const seen = seenHere?.customerId === customerId ? seenHere.seen : { refunds: null, charges: null };
	// The phone's copy first: another tab of it, or this one before a reload, may have told of more.
	const kept = loadCustomerPart<SeenKept>(phoneStorage(), 'refundsSeen', customerId);
	const refundsSeen = Array.isArray(kept?.seen) ? kept.seen : seen.refunds;
	const chargesSeen = Array.isArray(kept?.charges) ? kept.charges : seen.charges;
	const refunds = listed.refunds ? refundNews(refundsSeen, listed.refunds) : { news: [], seen: refundsSeen };
	const charges = chargeNews(chargesSeen, listed.payments);
	const keep: SeenKept = { ...(refunds.seen ? { seen: refunds.seen } : {}), charges: charges.seen, savedAt: new Date().toISOString() };
	if (mayKeep(customerId)) saveCustomerPart(phoneStorage(), 'refundsSeen', customerId, keep);
	seenHere = { customerId, seen: { refunds: refunds.seen, charges: charges.seen } };
	return { refunds: uniqueById([...refunds.news, ...told.refunds]), charges: uniqueById([...charges.news, ...told.charges]) };
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
