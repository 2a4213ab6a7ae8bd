/**
 * This customer's other tabs and windows, told when this one makes a payment code: the server keeps one live
 * code per customer, so a new code here retires the one another tab shows, which would otherwise keep counting
 * down on a code that no longer pays. BroadcastChannel reaches tabs of this origin in this browser only;
 * where it is missing, the other tab's code is still refused when scanned ("an older code").
 */
const CHANNEL_NAME = 'pos.customer.paycodes';

interface CodeMade {
	kind: 'codeMade';
	customerId: string;
}

function isCodeMade(data: unknown): data is CodeMade {
	return typeof data === 'object' && data !== null && (data as CodeMade).kind === 'codeMade' && typeof (data as CodeMade).customerId === 'string';
}

export class OtherTabs {
	readonly #channel: BroadcastChannel | null;

	/** `onCodeMadeElsewhere` runs when another tab of the same customer made a code (never for this tab's own). */
	constructor(
		private readonly customerId: string,
		onCodeMadeElsewhere: () => void
	) {
		this.#channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
		this.#channel?.addEventListener('message', (e: MessageEvent) => {
			// Another customer signed in in another tab: their codes are theirs, not this one's.
			if (isCodeMade(e.data) && e.data.customerId === this.customerId) onCodeMadeElsewhere();
		});
	}

	codeMade(): void {
		this.#channel?.postMessage({ kind: 'codeMade', customerId: this.customerId } satisfies CodeMade);
	}

	close(): void {
		this.#channel?.close();
	}
}
