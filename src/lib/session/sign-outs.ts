/**
 * Sign-outs the server has not heard of yet. Signing out offline forgot the token on the device, but the server kept
 * the session alive until it ran out (SESSION_TTL_MS, 12 h by default): the token still worked, and Staff and PINs
 * counted the tablet as signed in. So a sign-out is noted before DELETE /api/sessions/current is sent, and stays noted
 * until the server has answered it; it is sent again when the network returns, with its own token, never with the
 * sign-in of whoever uses the device next.
 *
 * Kept in localStorage beside the sign-in itself (SessionStore): where that token was kept already, and read at once
 * at start (the tablet's IndexedDB loads after the first paint). The note itself is sign-outs-note.ts (re-exported
 * here), which the customer's phone writes in its first load; the sending is this module, which the phone's first load
 * has no room for: there it loads only when a sign-out waits to be sent (routes/customer/sign-outs-later.ts). Used by
 * the cashier's layout (routes/cashier/session-upkeep.svelte.ts). A plain module, tested without a browser.
 */
import { ApiError, createApi } from '$lib/api/client';
import { serverNow } from '$lib/api/server-clock';
import { signOut } from '$lib/api/session';
import { keptSessionRanOut } from './check';
import { pendingSignOutsKey } from './sign-outs-key';
import { deviceStorage, forgetPendingSignOut, pendingSignOuts } from './sign-outs-note';

export { pendingSignOutsKey };
export {
	forgetPendingSignOut,
	forgetSignedOutSignIn,
	notePendingSignOut,
	PENDING_SIGN_OUTS_MAX,
	pendingSignOuts,
	signOutNoted,
	type PendingSignOut
} from './sign-outs-note';

/**
 * Whether an attempt to end a session settled it: the server ended it now (no error), or had ended it already (401:
 * signed out, run out, a new PIN). Anything else (no answer, a fault of the server's, a throttle) may end it next
 * time: it stays noted.
 */
export function signOutSettled(error: unknown): boolean {
	return error === null || (error instanceof ApiError && error.status === 401);
}

/** DELETE /api/sessions/current with `token`: a client of its own, so that its answer (a 401) touches no sign-in here. */
const endSession = (token: string) => signOut(createApi(() => token));

/**
 * Sends each sign-out noted beside the sign-in kept under `sessionKey`, one after another, with `end`. Those that have
 * run out by `nowMs` (the server's clock as the device knows it) are dropped unsent: the server refuses them already.
 * `current` is the token signed in now, which is never sent: only a sign-out noted here is. Stops at the first that
 * gets no answer: the network is not back. Two of these at once may send one twice: the second is answered 401, and
 * nothing changes.
 */
export async function sendPendingSignOuts(
	sessionKey: string,
	current: string | null,
	end: (token: string) => Promise<void> = endSession,
	nowMs = serverNow().getTime(),
	storage = deviceStorage()
): Promise<void> {
	if (!storage) return;
	const key = pendingSignOutsKey(sessionKey);
	for (const pending of pendingSignOuts(storage, key)) {
		if (pending.token === current) continue;
		if (keptSessionRanOut(pending.expiresAt, nowMs)) {
			forgetPendingSignOut(storage, key, pending.token);
			continue;
		}
		let error: unknown = null;
		try {
			await end(pending.token);
		} catch (e) {
			error = e;
		}
		if (signOutSettled(error)) forgetPendingSignOut(storage, key, pending.token);
		else if (!(error instanceof ApiError)) return;
	}
}
