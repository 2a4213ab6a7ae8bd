/**
 * Which refunds the phone has not told the customer of yet. The live notice of a refund comes from the event stream,
 * which does not replay what was sent while it was down: a refund made while the phone was offline, asleep or closed
 * reached the balance with no word said. So the phone remembers the refunds it has seen (the newest page of the wallet's
 * refunds, as read) and compares each later read with them. Pure; history-kept.ts keeps what was seen on the phone.
 */
import type { WalletRefund } from '$lib/api/types';

/** A refund the phone has seen: its id, and when the shop made it (the server's clock, ISO 8601). */
export interface RefundSeen {
	id: string;
	at: string;
}

/**
 * The refunds remembered at most, newest first (a few kilobytes of the phone's storage). Those trimmed away are older
 * than every one remembered, so they are
 * never news again.
 */
export const REFUNDS_SEEN_MAX = 50;

/**
 * The refunds just read (`listed`, the newest page, newest first) that are news, and what is seen after this read.
 * `seen` null is the phone's first sight of the account: what it lists now happened before, and is not news. A refund
 * is news when it is not remembered and not older than the oldest one remembered (older ones were trimmed away, or
 * made before the first sight); with none remembered (the first sight found no refund), every refund listed is news.
 */
export function refundNews(seen: readonly RefundSeen[] | null, listed: readonly WalletRefund[]): { news: WalletRefund[]; seen: RefundSeen[] } {
	const ids = new Set(seen?.map((s) => s.id));
	const floorMs = seen && seen.length > 0 ? Math.min(...seen.map((s) => Date.parse(s.at))) : -Infinity;
	const news = seen === null ? [] : listed.filter((r) => !ids.has(r.id) && Date.parse(r.createdAt) >= floorMs);
	const all = [...listed.map((r) => ({ id: r.id, at: r.createdAt })), ...(seen ?? [])];
	const unique = all.filter((s, i) => all.findIndex((t) => t.id === s.id) === i);
	// Newest first, ties by id (time-ordered too), so that trimming drops the oldest.
	unique.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
	return { news, seen: unique.slice(0, REFUNDS_SEEN_MAX) };
}

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
