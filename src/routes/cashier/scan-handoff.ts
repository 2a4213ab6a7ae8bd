/**
 * A code a handheld scanner read on another cashier page (Today, Day report; Campaigns and Staff once the cashier
 * says so) or at sign-in, handed to the counter, which the layout opens for it. Only the code and when it was
 * scanned cross: the counter takes it as a scan made then, with an empty amount, so it is charged only once the
 * cashier keys an amount for it. Handed down by context, not a module singleton.
 *
 * Kept as long as a sale kept away from the counter (KEPT_SALE_MS, two minutes), for the same reason: the server
 * judges a code at its scan time, and a scan of the last two minutes is a sale at the counter (api/payments/
 * scan-time.ts COUNTER_SALE_MS). Taken with the time it was read rather than the time the counter took it, the code
 * still pays once the customer's phone has moved on to a fresh one (each lives a minute), as a sign-in takes a
 * while. Kept longer, the customer may have paid otherwise and gone, and the next customer's amount would be
 * charged to a code nobody is showing.
 */
import { getContext, setContext } from 'svelte';
import { KEPT_SALE_MS } from './counter-draft';

export interface HandedCode {
	code: string;
	/** When the scanner read it, on the clock scans are stamped with (the server's, as the counter stamps them). */
	scannedAt: Date;
}

export class ScanHandoff {
	#held: { code: string; heldAtMs: number; scannedAtMs: number } | null = null;
	readonly #now: () => number;
	readonly #stamp: () => number;

	/**
	 * `now`: the tablet's clock, that times how long a code is held; `stamp`: the clock scans are stamped with (the
	 * server's, as the counter's `serverNow`). Apart, because the estimate of the server's clock may be corrected
	 * meanwhile (by the sign-in's answer): that must not make a code older or younger. A test gives its own.
	 */
	constructor(now: () => number = Date.now, stamp: () => number = now) {
		this.#now = now;
		this.#stamp = stamp;
	}

	/** A newer scan replaces one not yet taken: the customer at the counter is the one who scanned last. */
	hold(code: string): void {
		this.#held = { code, heldAtMs: this.#now(), scannedAtMs: this.#stamp() };
	}

	/** A code is held and still fresh (read at most KEPT_SALE_MS ago). */
	get holding(): boolean {
		return this.#held !== null && Math.abs(this.#now() - this.#held.heldAtMs) <= KEPT_SALE_MS;
	}

	/** The code waiting for the counter, once (a second call answers null); none once it is older than KEPT_SALE_MS. */
	take(): HandedCode | null {
		const fresh = this.holding;
		const held = this.#held;
		this.#held = null;
		return fresh && held ? { code: held.code, scannedAt: new Date(held.scannedAtMs) } : null;
	}
}

const KEY = Symbol('scan-handoff');
export const setScanHandoff = (h: ScanHandoff) => setContext(KEY, h);
export const getScanHandoff = () => getContext<ScanHandoff | undefined>(KEY);
