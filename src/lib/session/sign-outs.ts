/**
 * Sign-outs the server has not heard of yet. Signing out offline forgot the token on the device, but the server kept
 * the session alive until it ran out (SESSION_TTL_MS, 12 h by default): the token still worked, and Staff and PINs
 * counted the tablet as signed in. So a sign-out is noted before DELETE /api/sessions/current is sent, and stays noted
 * until the server has answered it; it is sent again when the network returns, with its own token, never with the
 * sign-in of whoever uses the device next.
 *
 * Kept in localStorage beside the sign-in itself (SessionStore): where that token was kept already, and read at once
 * at start (the tablet's IndexedDB loads after the first paint). Used by the cashier's layout, and by the customer's
 * phone, whose first load has no room to spare for it: there it loads only when a sign-out was not heard of, or one
 * waits to be sent (routes/customer/sign-outs-later.ts). A plain module, tested without a browser.
 */
import { ApiError, createApi } from '$lib/api/client';
import { serverNow } from '$lib/api/server-clock';
import { signOut } from '$lib/api/session';
import { keptSessionRanOut } from './check';
import { pendingSignOutsKey } from './sign-outs-key';

export { pendingSignOutsKey };

/** A sign-out to tell the server of: the ended sign-in's token, and when it runs out anyway. */
export interface PendingSignOut {
	token: string;
	expiresAt?: string;
}

/**
 * At most this many wait. A device signs out a few times a day; past this, the oldest is dropped: it runs out on the
 * server by itself within SESSION_TTL_MS, as every offline sign-out did before.
 */
export const PENDING_SIGN_OUTS_MAX = 10;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** localStorage, or null where the browser blocks it (reading the property itself throws then). */
function deviceStorage(): Store | null {
	try {
		return localStorage;
	} catch {
		return null;
	}
}

export function pendingSignOuts(storage: Store, key: string): PendingSignOut[] {
	try {
		const parsed = JSON.parse(storage.getItem(key) ?? '[]') as unknown;
		return Array.isArray(parsed) ? parsed.filter((p): p is PendingSignOut => typeof p?.token === 'string') : [];
	} catch {
		return [];
	}
}

function write(storage: Store, key: string, list: PendingSignOut[]): void {
	try {
		if (list.length === 0) storage.removeItem(key);
		else storage.setItem(key, JSON.stringify(list.slice(-PENDING_SIGN_OUTS_MAX)));
	} catch {
		// Storage full or blocked: the sign-out is sent once, as before, and otherwise runs out on the server.
	}
}

/** Notes a sign-out before it is sent (as the outbox notes a sale), so that no answer or a closed tab loses nothing. */
export function notePendingSignOut(storage: Store, key: string, signOut: PendingSignOut): void {
	write(storage, key, [...pendingSignOuts(storage, key).filter((p) => p.token !== signOut.token), signOut]);
}

/** The server has heard of it (or can never need to): read again first, as another tab may have changed the list. */
export function forgetPendingSignOut(storage: Store, key: string, token: string): void {
	write(storage, key, pendingSignOuts(storage, key).filter((p) => p.token !== token));
}

/**
 * Whether an attempt to end a session settled it: the server ended it now (no error), or had ended it already (401:
 * signed out, run out, a new PIN). Anything else (no answer, a fault of the server's, a throttle) may end it next
 * time: it stays noted.
 */
export function signOutSettled(error: unknown): boolean {
	return error === null || (error instanceof ApiError && error.status === 401);
}

/**
 * Signs out with `end` (SessionStore.signOut: it resolves with whether the server heard of it), noted first beside the
 * sign-in kept under `sessionKey`, and forgotten once the server has heard. With no token (signed out already) it only
 * signs out.
 */
export async function signOutNoted(
	sessionKey: string,
	token: string | null,
	expiresAt: string | undefined,
	end: () => Promise<boolean>,
	storage = deviceStorage()
): Promise<void> {
	const key = pendingSignOutsKey(sessionKey);
	if (storage && token) notePendingSignOut(storage, key, { token, expiresAt });
	const heard = await end();
	if (storage && token && heard) forgetPendingSignOut(storage, key, token);
}

/**
 * Notes a sign-out the server did not hear of (SessionStore.signOut resolved false) beside the sign-in kept under
 * `sessionKey`, once the attempt has failed: the phone's way, which loads this module only then. Unlike signOutNoted's
 * note, one the tab closes on before the answer is lost, and runs out on the server by itself.
 */
export function noteUnheardSignOut(sessionKey: string, signOut: PendingSignOut, storage = deviceStorage()): void {
	if (storage) notePendingSignOut(storage, pendingSignOutsKey(sessionKey), signOut);
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
