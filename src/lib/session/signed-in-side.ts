/**
 * Which side of the app this device is signed in to, read from where SessionStore keeps each role's sign-in: the
 * installed app opens at "/" (the manifest's start_url), and a phone signed in as a customer, or a till signed in
 * as a cashier, goes straight on to its side instead of asking every launch. Signed in to both (a demo device) or
 * neither: null, and "/" asks. Read before the landing page renders (its load), so it never flashes by. Plain
 * localStorage and no API client: this is in the landing page's first load.
 */

export type Side = 'customer' | 'cashier';

/**
 * Where SessionStore keeps a role's sign-in (its own default key, written out there too: importing this module
 * from it made a chunk of its own in every route's first load).
 */
export function sessionKey(role: string): string {
	return `pos.session.${role}`;
}

function signedIn(storage: Pick<Storage, 'getItem'>, role: Side): boolean {
	try {
		const raw = storage.getItem(sessionKey(role));
		const stored = raw ? (JSON.parse(raw) as { token?: unknown; session?: { role?: unknown } }) : null;
		return typeof stored?.token === 'string' && stored.session?.role === role;
	} catch {
		return false;
	}
}

/** The side to open instead of the chooser, or null to ask. */
export function signedInSide(storage: Pick<Storage, 'getItem'> | null): Side | null {
	if (!storage) return null;
	const customer = signedIn(storage, 'customer');
	const cashier = signedIn(storage, 'cashier');
	if (customer === cashier) return null;
	return customer ? 'customer' : 'cashier';
}
