// The customer's last known wallet and coupons, kept on the phone so the customer screen can still
// show them with no network ("as of 10:42"). Never used to decide anything about money: the
// server always has the last word, and the screen says the figures may be out of date.

/** One snapshot per customer on this phone; older than 30 days it is too stale to show. */
export const CUSTOMER_SNAPSHOT_MAX_AGE_MS = 30 * 24 * 60 * 60_000;
/** A phone keeps at most this many bytes of snapshot (a few hundred coupons): localStorage is small. */
export const CUSTOMER_SNAPSHOT_MAX_BYTES = 200_000;

const PREFIX = 'pos.customer-snapshot.';

export interface CustomerSnapshot<Wallet, Coupon> {
	wallet: Wallet;
	coupons: Coupon[];
	/** When the server sent these (ISO 8601). */
	savedAt: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function saveCustomerSnapshot<W, C>(
	storage: StorageLike,
	customerId: string,
	snapshot: CustomerSnapshot<W, C>
): boolean {
	const text = JSON.stringify(snapshot);
	if (text.length > CUSTOMER_SNAPSHOT_MAX_BYTES) return false;
	try {
		storage.setItem(PREFIX + customerId, text);
		return true;
	} catch {
		return false; // storage full or blocked: the screen simply has nothing to show offline
	}
}

export function loadCustomerSnapshot<W, C>(
	storage: StorageLike,
	customerId: string,
	now: number = Date.now()
): CustomerSnapshot<W, C> | null {
	let parsed: CustomerSnapshot<W, C> | null = null;
	try {
		const raw = storage.getItem(PREFIX + customerId);
		parsed = raw ? (JSON.parse(raw) as CustomerSnapshot<W, C>) : null;
	} catch {
		return null;
	}
	if (!parsed || typeof parsed.savedAt !== 'string' || !Array.isArray(parsed.coupons)) return null;
	const age = now - Date.parse(parsed.savedAt);
	if (!(age >= 0 && age <= CUSTOMER_SNAPSHOT_MAX_AGE_MS)) return null;
	return parsed;
}

/** Forgets the snapshot (on sign-out: the next person on this phone must not see it). */
export function clearCustomerSnapshot(storage: StorageLike, customerId: string): void {
	try {
		storage.removeItem(PREFIX + customerId);
	} catch {
		// nothing stored
	}
}
