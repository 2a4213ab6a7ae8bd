/**
 * The phone's way to $lib/session/sign-outs.ts, the tablet's: a sign-out the server did not hear of (offline, a fault of
 * the server's) is noted and sent when the network returns, with its own token. The module is not in /customer's first
 * load, which has no room for it (scripts/size.ts): it loads only once such a sign-out is to be noted, or one waits to
 * be sent, which a single read of localStorage tells. The service worker keeps it for offline, as every chunk.
 */
import type { PendingSignOut } from '$lib/session/sign-outs';
import { pendingSignOutsKept } from '$lib/session/sign-outs-key';

const load = () => import('$lib/session/sign-outs');

/**
 * Notes a sign-out of the sign-in kept under `sessionKey` that the server did not hear of. Should the module not load
 * (offline before the service worker kept it), the session runs out on the server by itself, as before.
 */
export async function noteUnheardSignOutLazily(sessionKey: string, signOut: PendingSignOut): Promise<void> {
	try {
		(await load()).noteUnheardSignOut(sessionKey, signOut);
	} catch {
		// Not loaded: nothing noted.
	}
}

/** Sends the sign-outs noted beside the sign-in kept under `sessionKey`, if any wait; `current`, signed in now, never. */
export function sendPendingSignOutsLazily(sessionKey: string, current: string | null): void {
	if (!pendingSignOutsKept(sessionKey)) return;
	load().then(
		(m) => m.sendPendingSignOuts(sessionKey, current),
		// Not loaded (the network went again): it is sent at the next start or return of the network.
		() => {}
	);
}
