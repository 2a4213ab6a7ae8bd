/**
 * A code a handheld scanner read on another cashier page (Today, Day report; Campaigns and Staff once the cashier
 * says so), handed to the counter, which the layout opens for it. Only the code crosses: the counter takes it as a scan with an empty amount, so it
 * is charged only once the cashier keys an amount for it. Handed down by context, not a module singleton.
 */
import { getContext, setContext } from 'svelte';

export class ScanHandoff {
	#code: string | null = null;

	/** A newer scan replaces one not yet taken: the customer at the counter is the one who scanned last. */
	hold(code: string): void {
		this.#code = code;
	}

	/** The code waiting for the counter, once: a second call answers null. */
	take(): string | null {
		const code = this.#code;
		this.#code = null;
		return code;
	}
}

const KEY = Symbol('scan-handoff');
export const setScanHandoff = (h: ScanHandoff) => setContext(KEY, h);
export const getScanHandoff = () => getContext<ScanHandoff | undefined>(KEY);
