/**
 * The wallet history kept on this phone, so the history screen still shows it with no network ("as of 14:32"). The
 * history screen keeps what it reads; the home screen has the newest page read in the background (readHistoryToKeep),
 * so the history opens offline even when it was not opened lately. Not in the customer's first load (README: a budget
 * of 80 KB gzipped): the home screen fetches this module when it first reads the history to keep.
 */
import type { ApiClient } from '$lib/api/client';
import { getPayments, getRefunds, getTopUps } from '$lib/api/customer';
import type { Payment, WalletRefund } from '$lib/api/types';
import { historyToKeep, withLivePayments, type HistoryLists, type TopUp } from '$lib/customer/history';
import { loadHistorySnapshot, phoneStorage, saveCustomerPart, type HistorySnapshot } from '$lib/offline/customer-cache';

/** Whether this customer's data may be kept now: they are still the one signed in on this phone. */
export type MayKeep = (customerId: string) => boolean;

/** Keeps the history as just read from the server (its newest lines) for this customer, while they are signed in. */
export function keepHistory(customerId: string, lists: HistoryLists, mayKeep: MayKeep): void {
	if (mayKeep(customerId)) saveCustomerPart(phoneStorage(), 'history', customerId, { ...historyToKeep(lists), savedAt: new Date().toISOString() });
}

/** The history kept for this customer, or null (none, or too old). */
export const keptHistory = (customerId: string): HistorySnapshot<Payment, TopUp, WalletRefund> | null =>
	loadHistorySnapshot<Payment, TopUp, WalletRefund>(phoneStorage(), customerId);

/** Reads the newest page of each list (payments, top-ups, refunds) and keeps them. Throws when it cannot read. */
export async function readHistoryToKeep(api: ApiClient, customerId: string, mayKeep: MayKeep): Promise<void> {
	const [payments, topUps, refunds] = await Promise.all([getPayments(api), getTopUps(api), getRefunds(api)]);
	// A list with more pages: its older lines (and anything older than them) are left for the network.
	const more = payments.next !== null || topUps.next !== null || refunds.next !== null;
	keepHistory(customerId, { payments: payments.payments, topUps: topUps.topups, refunds: refunds.refunds, morePayments: more }, mayKeep);
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
	keepHistory(customerId, folded.lists, mayKeep);
	return true;
}
