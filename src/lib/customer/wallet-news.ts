/**
 * What happened to the wallet that the phone has not told its customer of yet: refunds the shop made, and charges
 * the phone did not show as a payment's result. The live notice of either comes from the event stream, which does not
 * replay what was sent while it was down, and a charge can land long after its scan: a sale rung on an offline till is
 * sent when the till is back online, up to a day later (OFFLINE_WINDOW_MS), and a code put away may still be charged
 * for two minutes (COUNTER_SALE_MS, stale-code.ts) while the customer is on another screen. Either reached the balance
 * with no word said. So the phone remembers what it has seen of each (the newest page of the wallet's refunds and of
 * its payments, as read) and compares each later read with it. Pure; history-kept.ts keeps what was seen on the phone.
 */
import type { Payment, WalletRefund } from '$lib/api/types';

/** A refund or a charge the phone has seen: its id, and when it reached the wallet (the server's clock, ISO 8601). */
export interface Seen {
	id: string;
	at: string;
}
export type RefundSeen = Seen;

/**
 * The refunds (and, apart, the charges) remembered at most, newest first (a few kilobytes of the phone's storage).
 * Those trimmed away are older than every one remembered, so they are never news again.
 */
export const REFUNDS_SEEN_MAX = 50;

/**
 * The items just read (`listed`, the newest page, newest first) that are news, and what is seen after this read. `seen`
 * null is the phone's first sight of the account: what it lists now happened before, and is not news. An item is news
 * when it is not remembered and not older than the oldest one remembered (older ones were trimmed away, or came before
 * the first sight); with none remembered (the first sight found none), every one listed is news.
 */
function newsAmong<T extends { id: string }>(seen: readonly Seen[] | null, listed: readonly T[], atOf: (item: T) => string): { news: T[]; seen: Seen[] } {
	const ids = new Set(seen?.map((s) => s.id));
	const floorMs = seen && seen.length > 0 ? Math.min(...seen.map((s) => Date.parse(s.at))) : -Infinity;
	const news = seen === null ? [] : listed.filter((r) => !ids.has(r.id) && Date.parse(atOf(r)) >= floorMs);
	const all = [...listed.map((r) => ({ id: r.id, at: atOf(r) })), ...(seen ?? [])];
	const unique = all.filter((s, i) => all.findIndex((t) => t.id === s.id) === i);
	// Newest first, ties by id (time-ordered too), so that trimming drops the oldest.
	unique.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
	return { news, seen: unique.slice(0, REFUNDS_SEEN_MAX) };
}

/** The refunds just read that are news (newsAmong), dated when the shop made them. */
export const refundNews = (seen: readonly Seen[] | null, listed: readonly WalletRefund[]): { news: WalletRefund[]; seen: Seen[] } =>
	newsAmong(seen, listed, (r) => r.createdAt);

/**
 * A charge to the wallet: a payment that took money (or a coupon) and was not declined, whatever was refunded of it
 * since. A decline moved no money (and a shop's cash record of one is the shop's: the phone is not told of it).
 */
export const isCharge = (p: Payment): boolean => p.status !== 'declined' && !p.paidInCash;

/**
 * The charges among the payments just read (or told live) that are news (newsAmong), dated when they reached the
 * wallet: settled, which for a sale rung offline is when its till sent it, not when it was rung (a day-old scan sent
 * this morning is this morning's news). A payment the phone showed as its result is news to no one: the caller
 * leaves those out.
 */
export const chargeNews = (seen: readonly Seen[] | null, listed: readonly Payment[]): { news: Payment[]; seen: Seen[] } =>
	newsAmong(seen, listed.filter(isCharge), (p) => p.settledAt ?? p.scannedAt ?? '');

/**
 * The server's COUNTER_SALE_MS (api/payments/scan-time.ts), mirrored as stale-code.ts mirrors it (imported from there,
 * it came out of the wallet's first load into a chunk of its own): how long after its scan a sale still reaches the
 * server as one at the counter. tests/unit/customer/wallet-news.test.ts holds the two equal.
 */
export const COUNTER_SALE_MS = 2 * 60_000;

/**
 * Whether a charge was rung at the shop's till well before it reached the wallet: sent later than a sale at the counter
 * is (COUNTER_SALE_MS, as the server counts it), so the till was offline, and the notice says when it was rung.
 */
export const rungOffline = (p: Pick<Payment, 'scannedAt' | 'settledAt'>): boolean =>
	Date.parse(p.settledAt ?? '') - Date.parse(p.scannedAt ?? '') > COUNTER_SALE_MS;

/**
 * `news` without the refunds a "Paid" screen has shown (the shop refunded the payment while its result was still on the
 * phone: "Refunded ¥25.00"), so that the home screen the customer goes to after "Done" does not tell them again.
 * `shown`: what each such screen said was refunded of its payment in all (minor units), by payment id. The payment
 * event that screen is told by names no refund, so which refunds it showed is told by their amounts: the payment's
 * refunds, oldest first, while their running total is within that amount. A part refund made after the customer left
 * the screen goes past it and is still news, as is any refund of another payment. `listed`: the newest page of the
 * wallet's refunds, which has the payment's earlier refunds that are no longer news.
 */
export function notShownOnResult(news: readonly WalletRefund[], listed: readonly WalletRefund[], shown: ReadonlyMap<string, number>): WalletRefund[] {
	const known = new Map([...listed, ...news].map((r) => [r.id, r]));
	const shownIds = new Set<string>();
	for (const [paymentId, refundedMinor] of shown) {
		const ofPayment = [...known.values()]
			.filter((r) => r.paymentId === paymentId)
			.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		let total = 0;
		for (const r of ofPayment) {
			total += r.amount.amount;
			if (total > refundedMinor) break;
			shownIds.add(r.id);
		}
	}
	return news.filter((r) => !shownIds.has(r.id));
}
