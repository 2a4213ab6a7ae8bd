// The customer's last known wallet, coupons and wallet history, kept on the phone so the customer screens can still
// show them with no network ("as of 10:42"). Never used to decide anything about money: the server always has the
// last word, and the screens say the figures may be out of date. A phone is shared: only the customer signed in now
// has anything kept (forgetOtherCustomers), and signing out forgets it all.

/** One snapshot per customer on this phone; older than 30 days it is too stale to show. */
export const CUSTOMER_SNAPSHOT_MAX_AGE_MS = 30 * 24 * 60 * 60_000;
/** A phone keeps at most this many characters per snapshot (a few hundred coupons or history lines): localStorage is small. */
export const CUSTOMER_SNAPSHOT_MAX_BYTES = 200_000;

/** What is kept, each under its own key: a long history must not push the balance out of storage. */
export type CustomerSnapshotPart = 'wallet' | 'history' | 'refundsSeen';
const PREFIXES: Record<CustomerSnapshotPart, string> = {
	// The wallet's key from before the history was kept too: a phone updated keeps what it had.
	wallet: 'pos.customer-snapshot.',
	history: 'pos.customer-history.',
	// The refunds and charges the phone has told the customer of (wallet-news.ts): one missed offline is told once, not again.
	refundsSeen: 'pos.customer-refunds-seen.'
};

export interface CustomerSnapshot<Wallet, Coupon, Given = unknown> {
	wallet: Wallet;
	coupons: Coupon[];
	/** Coupons given to friends (absent in snapshots kept before they were). */
	given?: Given[];
	/** When the server sent these (ISO 8601). */
	savedAt: string;
}

export interface HistorySnapshot<Payment, TopUp, Refund> {
	payments: Payment[];
	topUps: TopUp[];
	refunds: Refund[];
	/** Older payments than those kept exist: the history page lists nothing older than the oldest payment kept. */
	morePayments: boolean;
	/** When the read that brought these was sent (ISO 8601): a read sent earlier does not replace them (history-kept.ts). */
	savedAt: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** Holds nothing and keeps nothing: the phone's storage where the browser blocks it. */
const NO_STORAGE: StorageLike = {
	length: 0,
	getItem: () => null,
	key: () => null,
	removeItem: () => undefined,
	setItem: () => {
		throw new Error('storage blocked');
	}
};

/**
 * The phone's localStorage, or storage that keeps nothing where the browser blocks it (site data blocked, some
 * private modes): there even reading `localStorage` throws, and "Sign out", which forgets what was kept before it
 * signs out, threw instead, leaving the customer signed in on a shared phone.
 */
export function phoneStorage(): StorageLike {
	try {
		return globalThis.localStorage ?? NO_STORAGE;
	} catch {
		return NO_STORAGE;
	}
}

type Kept = { savedAt: string };

/** Keeps one part for this customer; false when it could not be (too big, storage full or blocked). */
export function saveCustomerPart(storage: StorageLike, part: CustomerSnapshotPart, customerId: string, snapshot: Kept): boolean {
	const text = JSON.stringify(snapshot);
	if (text.length > CUSTOMER_SNAPSHOT_MAX_BYTES) return false;
	try {
		storage.setItem(PREFIXES[part] + customerId, text);
		return true;
	} catch {
		return false; // storage full or blocked: the screen simply has nothing to show offline
	}
}

/** The part kept for this customer, or null: none, unreadable, from the future or too old to show. */
export function loadCustomerPart<T extends Kept>(
	storage: StorageLike,
	part: CustomerSnapshotPart,
	customerId: string,
	now: number = Date.now()
): T | null {
	let parsed: T | null = null;
	try {
		const raw = storage.getItem(PREFIXES[part] + customerId);
		parsed = raw ? (JSON.parse(raw) as T) : null;
	} catch {
		return null;
	}
	if (!parsed || typeof parsed.savedAt !== 'string') return null;
	const age = now - Date.parse(parsed.savedAt);
	if (!(age >= 0 && age <= CUSTOMER_SNAPSHOT_MAX_AGE_MS)) return null;
	return parsed;
}

export function saveCustomerSnapshot<W, C>(storage: StorageLike, customerId: string, snapshot: CustomerSnapshot<W, C>): boolean {
	return saveCustomerPart(storage, 'wallet', customerId, snapshot);
}

export function loadCustomerSnapshot<W, C, G = unknown>(storage: StorageLike, customerId: string, now: number = Date.now()): CustomerSnapshot<W, C, G> | null {
	const kept = loadCustomerPart<CustomerSnapshot<W, C, G>>(storage, 'wallet', customerId, now);
	return kept && Array.isArray(kept.coupons) ? kept : null;
}

export function loadHistorySnapshot<P, T, R>(storage: StorageLike, customerId: string, now: number = Date.now()): HistorySnapshot<P, T, R> | null {
	const kept = loadCustomerPart<HistorySnapshot<P, T, R>>(storage, 'history', customerId, now);
	return kept && Array.isArray(kept.payments) && Array.isArray(kept.topUps) && Array.isArray(kept.refunds) ? kept : null;
}

/**
 * Forgets everything kept for every customer but `keep` (null: for all): on sign-out, when the session ends, and
 * each time the signed-in customer's data is kept, so a shared phone never holds the last customer's history.
 */
export function forgetOtherCustomers(storage: StorageLike, keep: string | null): void {
	try {
		const keys: string[] = [];
		for (let i = 0; i < storage.length; i++) keys.push(storage.key(i) ?? '');
		for (const key of keys) {
			const prefix = Object.values(PREFIXES).find((p) => key.startsWith(p));
			if (prefix && key.slice(prefix.length) !== keep) storage.removeItem(key);
		}
	} catch {
		// Storage blocked: nothing was kept either.
	}
}
