/**
 * A sale being entered at the counter (the amount keyed, the customer's code taken) when the cashier opens another
 * cashier page (Today, to look up a payment): kept here, and put back when the counter opens again. It used to be
 * gone, and the cashier keyed it and asked for the code again. In memory only, and dropped at sign-out: it is this
 * cashier's sale. Made by the cashier layout, handed down by context, as the scan handoff is.
 *
 * Kept for a look-up, not for good: two minutes (the server's time for a sale at the counter) after the customer's
 * code was taken, or after the cashier left the counter, the sale is dropped. By then the customer may have paid
 * otherwise and gone, and the next customer's code scanned onto a silently restored amount would be charged it.
 *
 * Kept in the tab's sessionStorage too, so that a reload within those two minutes does not lose it: the app's update
 * ("A new version of the app is ready", Reload) waits while a sale is keyed at the counter, but applied from Today it
 * reloaded the page and the sale kept for the cashier's return was gone. The tab's storage, not the tablet's: it is
 * this tab's sale, and it names the cashier whose sale it is, so another cashier signed in here never finds it.
 */
import { getContext, setContext } from 'svelte';
import { serverNow } from '$lib/api/server-clock';
import type { CounterDraft as Draft, PendingCode } from './counter.svelte';

/** How long a sale is kept away from the counter, and how old its customer's code may be when it comes back. */
export const KEPT_SALE_MS = 2 * 60_000;

/**
 * How long ago a code was taken. By the page's own monotonic clock when this page took it: a wall clock set right
 * meanwhile (network time, a learned server offset) would otherwise age a code taken a second ago by minutes, and the
 * counter refuse it as one left on the counter. A code read back from storage has only its scan time, on the
 * server's clock as this device knows it.
 */
export function codeAgeMs(code: PendingCode, nowServerMs = serverNow().getTime(), nowMono = performance.now()): number {
	return code.takenAtMono !== undefined ? nowMono - code.takenAtMono : nowServerMs - code.scannedAt.getTime();
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Whose sale it is: kept with it, and checked when it is taken. */
export interface DraftOwner {
	merchantId: string;
	cashierId: string;
}

const STORAGE_KEY = 'pos.cashier.keptSale';

interface Stored {
	keptAtMs: number;
	owner: DraftOwner;
	amountText: string;
	pending: StoredCode | null;
	held: StoredCode | null;
}
interface StoredCode {
	code: string;
	scannedAtMs: number;
	source: PendingCode['source'];
}

export class CounterDraftKeeper {
	#draft: Draft | null = null;
	#owner: DraftOwner | null = null;
	#keptAtMs = 0;
	readonly #now: () => number;
	readonly #store: Store | null;
	readonly #owners: () => DraftOwner | null;

	/**
	 * `now`: the clock codes are stamped with (the server's, as the counter's `serverNow`); a test gives its own.
	 * `store`: where the sale outlives a reload (the tab's sessionStorage); `owner`: the cashier signed in now.
	 */
	constructor(now: () => number = Date.now, options: { store?: Store | null; owner?: () => DraftOwner | null } = {}) {
		this.#now = now;
		this.#store = options.store ?? null;
		this.#owners = options.owner ?? (() => null);
		const stored = readStored(this.#store);
		if (stored) {
			this.#draft = { amountText: stored.amountText, pending: codeOf(stored.pending), held: codeOf(stored.held) };
			this.#owner = stored.owner;
			this.#keptAtMs = stored.keptAtMs;
		}
	}

	/** The counter on screen, read for where its sale stands (`begun`); none while another page is open. */
	#onCounter: (() => Draft | null) | null = null;

	/** The counter, while on screen, says where its sale stands: read by `begun`. Returns the way to stop. */
	follow(read: () => Draft | null): () => void {
		this.#onCounter = read;
		return () => {
			if (this.#onCounter === read) this.#onCounter = null;
		};
	}

	/**
	 * The sale begun and not charged, without taking it: the one on the counter on screen, or the one kept while the
	 * cashier is on another page (while the counter would still take it back). Signing out asks first when there is one.
	 */
	get begun(): Draft | null {
		if (this.#onCounter) return this.#onCounter();
		return this.#fresh(this.#draft);
	}

	keep(draft: Draft | null): void {
		this.#draft = draft;
		this.#owner = this.#owners();
		this.#keptAtMs = this.#now();
		const owner = this.#owner;
		try {
			if (draft && owner) {
				const kept: Stored = { keptAtMs: this.#keptAtMs, owner, amountText: draft.amountText, pending: storedCode(draft.pending), held: storedCode(draft.held) };
				this.#store?.setItem(STORAGE_KEY, JSON.stringify(kept));
			} else this.#store?.removeItem(STORAGE_KEY);
		} catch {
			// Storage full or blocked: the sale is kept in memory only, and a reload loses it.
		}
	}

	/**
	 * The kept sale, once (a second call answers null); none after KEPT_SALE_MS, no code taken longer ago, and none
	 * that another cashier kept.
	 */
	take(): Draft | null {
		const draft = this.#draft;
		const owner = this.#owner;
		this.#draft = null;
		try {
			this.#store?.removeItem(STORAGE_KEY);
		} catch {
			// Nothing kept there.
		}
		return this.#fresh(draft, owner);
	}

	/** `draft` as the counter would take it back now: null when too old, or another cashier's. */
	#fresh(draft: Draft | null, owner = this.#owner): Draft | null {
		const now = this.#now();
		if (!draft || Math.abs(now - this.#keptAtMs) > KEPT_SALE_MS) return null;
		const current = this.#owners();
		if (owner && current && (owner.merchantId !== current.merchantId || owner.cashierId !== current.cashierId)) return null;
		const fresh = (code: Draft['pending']) => (code && codeAgeMs(code, now) <= KEPT_SALE_MS ? code : null);
		// A sale whose code has aged out is dropped whole: its amount alone would be charged to the next code scanned.
		if (draft.pending && !fresh(draft.pending)) return null;
		return { ...draft, held: fresh(draft.held) };
	}
}

function storedCode(code: PendingCode | null): StoredCode | null {
	return code ? { code: code.code, scannedAtMs: code.scannedAt.getTime(), source: code.source } : null;
}

function codeOf(code: StoredCode | null): PendingCode | null {
	return code ? { code: code.code, scannedAt: new Date(code.scannedAtMs), source: code.source } : null;
}

const SOURCES: readonly PendingCode['source'][] = ['camera', 'scanner', 'typed'];

/** The sale kept in `store`, or null (none, or not in the shape this version writes: it is not guessed at). */
function readStored(store: Store | null): Stored | null {
	let value: unknown;
	try {
		value = JSON.parse(store?.getItem(STORAGE_KEY) ?? 'null');
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const v = value as Partial<Stored>;
	const isCode = (c: unknown): c is StoredCode | null =>
		c === null ||
		(typeof c === 'object' &&
			typeof (c as StoredCode).code === 'string' &&
			/^\d+$/.test((c as StoredCode).code) &&
			Number.isFinite((c as StoredCode).scannedAtMs) &&
			SOURCES.includes((c as StoredCode).source));
	const owner = v.owner;
	if (typeof v.keptAtMs !== 'number' || !Number.isFinite(v.keptAtMs)) return null;
	if (!owner || typeof owner.merchantId !== 'string' || typeof owner.cashierId !== 'string') return null;
	if (typeof v.amountText !== 'string' || !/^\d*(\.\d*)?$/.test(v.amountText)) return null;
	if (!isCode(v.pending) || !isCode(v.held)) return null;
	return { keptAtMs: v.keptAtMs, owner: { merchantId: owner.merchantId, cashierId: owner.cashierId }, amountText: v.amountText, pending: v.pending, held: v.held };
}

const KEY = Symbol('counter-draft');
export const setCounterDraft = (k: CounterDraftKeeper) => setContext(KEY, k);
export const getCounterDraft = () => getContext<CounterDraftKeeper | undefined>(KEY);
