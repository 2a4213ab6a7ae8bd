/**
 * The note of a sign-out the server has not heard of yet (sign-outs.ts sends them): written before the sign-out is
 * sent, forgotten once the server has answered it, so that a device gone before the answer (a closed tab, a phone's
 * battery) still has it. Apart from sign-outs.ts, which sends them, so that the customer's phone can note one in its
 * first load, which has no room for the sending (scripts/size.ts, /customer): this module imports nothing that the
 * sign-in itself does not.
 */
import { pendingSignOutsKey } from './sign-outs-key';

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

export type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** localStorage, or null where the browser blocks it (reading the property itself throws then). */
export function deviceStorage(): Store | null {
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
		// Storage full or blocked: the sign-out is sent once, without a note to resend it, and otherwise runs out on the server.
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
 * Signs out with `end` (SessionStore.signOut, and on the phone the put-away of its code first: it resolves with whether
 * the server heard of it), noted first beside the sign-in kept under `sessionKey`, and forgotten once the server has
 * heard. With no token (signed out already) it only signs out.
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
 * Forgets the sign-in kept under `sessionKey` (SessionStore's `{token, session}`) when its own sign-out is noted: the
 * device went before the server answered it, and the sign-out asked for stands. The app then starts signed out, and the
 * note is sent as any other. Called before the kept sign-in is taken up (the phone's layout and the tablet's).
 */
export function forgetSignedOutSignIn(sessionKey: string, storage = deviceStorage()): void {
	if (!storage) return;
	try {
		const token = (JSON.parse(storage.getItem(sessionKey) ?? '{}') as { token?: unknown }).token;
		if (pendingSignOuts(storage, pendingSignOutsKey(sessionKey)).some((p) => p.token === token)) storage.removeItem(sessionKey);
	} catch {
		// Not readable: SessionStore reads it as nothing kept, or storage is blocked and nothing was kept.
	}
}
