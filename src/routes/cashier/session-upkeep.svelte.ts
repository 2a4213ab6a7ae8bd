/**
 * Keeping the cashier's session true to the server's: the shop's clock on screen, the session read again while the
 * tablet is on screen and at each new page, and the sign-outs made offline sent once the network allows. Each is
 * called by the cashier layout as it starts, in its place among the layout's effects.
 */
import { onMount, untrack } from 'svelte';
import { afterNavigate } from '$app/navigation';
import type { I18n } from '$lib/i18n/i18n.svelte';
import { sendPendingSignOuts, signOutNoted } from '$lib/session/sign-outs';
import { whileOnScreen } from '$lib/ui/on-screen';
import type { CashierSessionStore } from './cashier.svelte';

/** A tablet signed out elsewhere shows the sign-in screen within the minute. One GET /api/me a minute per tablet is nothing beside its sales. */
const SESSION_REFRESH_MS = 60_000;

/**
 * Times on the cashier's screens are the shop's (its day, its reports and Z closes follow the server's
 * TIME_ZONE), not the tablet's, which may be left on UTC. Leaving the cashier side gives the device's zone back.
 */
export function followShopClock(i18n: I18n, session: CashierSessionStore): void {
	$effect.pre(() => {
		i18n.timeZone = session.session?.timeZone;
		return () => {
			i18n.timeZone = undefined;
		};
	});
}

/**
 * A manager may rename the shop or change its offline limits on another tablet, or sign this tablet out (a tablet
 * lost, or left signed in after a shift: Staff). This one reads its session again when it comes back to the screen,
 * when the network returns, and every minute while it stays on screen: it holds the limits in force before it next
 * loses the network, and a tablet signed out shows the sign-in screen within the minute, not only once someone
 * uses it (SESSION_REFRESH_MS).
 */
export function refreshWhileOnScreen(session: CashierSessionStore): void {
	$effect(() => {
		if (session.status !== 'signed-in') return;
		return whileOnScreen(() => void untrack(() => session.refresh()), SESSION_REFRESH_MS);
	});
}

/**
 * A sign-out made here offline reaches the server later (sign-outs.ts): until then its token still worked, and Staff
 * and PINs counted this tablet as signed in. Noted as it is made, it is sent again at start, when the network
 * returns, and at the next sign-in (the network works then), each with its own token: whoever is signed in stays.
 * Returns the sign-out itself, noted first.
 */
export function sendSignOutsLater(session: CashierSessionStore): () => Promise<void> {
	const endSignIn = () => signOutNoted(session.storageKey, session.token, session.session?.expiresAt, () => session.signOut());
	const sendSignOuts = () => void sendPendingSignOuts(session.storageKey, session.token);
	onMount(sendSignOuts);
	$effect(() => {
		window.addEventListener('online', sendSignOuts);
		return () => window.removeEventListener('online', sendSignOuts);
	});
	$effect(() => {
		if (session.status === 'signed-in') untrack(sendSignOuts);
	});
	return endSignIn;
}

/**
 * A manager's rights given or taken on another tablet show on the next page opened here (the Campaigns link, the
 * day's close), not only at the next timed read: a manager taken off kept the link for up to five minutes.
 * Not on the app's first page ('enter'): the session was just read at start. Not signed in, refresh() does nothing.
 */
export function refreshOnNavigation(session: CashierSessionStore): void {
	afterNavigate(({ type, from, to }) => {
		if (type !== 'enter' && from?.url.pathname !== to?.url.pathname) void session.refresh();
	});
}
