/**
 * Where the sign-outs the server has not heard of yet wait (sign-outs.ts), and whether any do. Apart from that module,
 * so that the phone can ask without loading it: its first load has no room for it (scripts/size.ts, /customer).
 */

/** Where the sign-outs of the sign-in kept under `sessionKey` (SessionStore's) wait. */
export const pendingSignOutsKey = (sessionKey: string) => `${sessionKey}.signed-out`;

/** Whether any sign-out waits beside the sign-in kept under `sessionKey`: one read of localStorage (none where it is blocked). */
export function pendingSignOutsKept(sessionKey: string): boolean {
	try {
		return localStorage.getItem(pendingSignOutsKey(sessionKey)) !== null;
	} catch {
		return false;
	}
}
