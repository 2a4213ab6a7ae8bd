/**
 * The top-up and PIN dialogs are not in the customer's first load (README: a budget of 80 KB gzipped; the top-up
 * dialog with its choices is ~2 KB of it): they are fetched when the wallet opens (preloadDialogs), so a tap opens
 * them at once, and the service worker precaches them for the installed app.
 */

import { fetchOnce } from './fetch-once';

export const loadTopUp = fetchOnce(async () => (await import('./TopUp.svelte')).default);
export const loadChangePin = fetchOnce(async () => (await import('./ChangePin.svelte')).default);
/**
 * The coupons given to friends, under the coupon list: not a dialog, but left out of the first load the same way
 * (most wallets have given none, and the home screen is whole without it while it comes).
 */
export const loadGivenCoupons = fetchOnce(async () => (await import('./GivenCoupons.svelte')).default);
/**
 * The notices of charges no result screen showed (a sale an offline till sent late) and of refunds the shop made (told
 * live, or missed while the phone was away): only ever after a read over the network, which can fetch them too; fetched
 * with the dialogs, so that they show with the balance they explain.
 */
export const loadWalletNews = fetchOnce(async () => (await import('./WalletNews.svelte')).default);
/**
 * The words of a refund that gave nothing back (the coupon had paid all of it), said on the "Paid" screen too: they are
 * the refund notice's (refund-words.ts, which RefundNews.svelte imports: WalletNews.svelte), so they come with it.
 */
export const loadRefundWords = fetchOnce(() => import('$lib/customer/refund-words'));

/**
 * The "Paid" or "Payment declined" screen: not needed until the cashier charges a code, which is seconds after the
 * wallet opens at the soonest, so it is fetched with the dialogs (~1.9 KB of the first load's budget). Should the fetch
 * fail, the page shows the result's heading and Done without it (routes/customer/+page.svelte).
 */
export const loadPaymentResult = fetchOnce(async () => (await import('./PaymentResult.svelte')).default);

/** Starts the fetches early; a failure here is met again, and said, when the customer taps. */
export function preloadDialogs(): void {
	loadPaymentResult().catch(() => undefined);
	loadTopUp().catch(() => undefined);
	loadChangePin().catch(() => undefined);
	loadWalletNews().catch(() => undefined);
}

