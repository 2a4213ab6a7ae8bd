/**
 * The phone's way to $lib/session/sign-outs.ts, the tablet's: a sign-out the server did not hear of (offline, a fault of
 * the server's, the phone gone before the answer) is sent when the network returns, with its own token. It is noted
 * before it is sent (customer.signOut, with sign-outs-note.ts, in the first load); the sending module is not in
 * /customer's first load, which has no room for it (scripts/size.ts): it loads only once a sign-out waits to be sent,
 * which a single read of localStorage tells. The service worker keeps it for offline, as every chunk.
 */
import { pendingSignOutsKept } from '$lib/session/sign-outs-key';

const load = () => import('$lib/session/sign-outs');

/** Sends the sign-outs noted beside the sign-in kept under `sessionKey`, if any wait; `current`, signed in now, never. */
export function sendPendingSignOutsLazily(sessionKey: string, current: string | null): void {
	if (!pendingSignOutsKept(sessionKey)) return;
	load().then(
		(m) => m.sendPendingSignOuts(sessionKey, current),
		// Not loaded (the network went again): it is sent at the next start or return of the network.
		() => {}
	);
}
