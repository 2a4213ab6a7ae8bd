/**
 * The counter: one sale at a time, as an explicit state machine.
 *
 *   entry ─(code taken, amount > 0)─▶ sending ─▶ succeeded ─(next sale)─▶ entry
 *     │ ▲                                │   ├─▶ declined ─(new code / back)─▶ entry | camera
 *     ▼ │                                │   ├─▶ rejected ─(back)─▶ entry
 *    camera ─(code read)─▶ sending       │   └─▶ unknown ─(retry, SAME key)─▶ sending
 *
 * The amount is the text the cashier keyed (see $lib/money/entry.ts) and becomes integer minor
 * units only when a charge is made. A code taken before the amount waits (`pendingCode`) until
 * the cashier presses Charge. Each charge gets its Idempotency-Key once, in newCharge(); "Retry"
 * after an unknown outcome resends that same request.
 */
import type { ApiError } from '$lib/api/client';
import type { Payment } from '$lib/api/types';
import { chargePayment, newCharge, type ChargeRequest } from '$lib/cashier/charge';
import { press, toMinor, type EntryKey } from '$lib/money/entry';
import { minorPerMajor } from '$lib/money/money';
import type { CashierSessionStore } from './cashier.svelte';

export type CounterPhase = 'entry' | 'camera' | 'sending' | 'succeeded' | 'declined' | 'rejected' | 'unknown';

const TRANSITIONS: Record<CounterPhase, CounterPhase[]> = {
	entry: ['camera', 'sending', 'entry'],
	camera: ['entry', 'sending'],
	sending: ['succeeded', 'declined', 'rejected', 'unknown'],
	succeeded: ['entry'],
	declined: ['entry', 'camera'],
	rejected: ['entry'],
	unknown: ['sending', 'entry']
};

export type CodeSource = 'camera' | 'scanner' | 'typed';

export interface PendingCode {
	code: string;
	scannedAt: Date;
	source: CodeSource;
}

export class Counter {
	#phase = $state<CounterPhase>('entry');
	#amountText = $state('');
	#pending = $state<PendingCode | null>(null);
	#charge = $state<ChargeRequest | null>(null);
	#payment = $state<Payment | null>(null);
	#error = $state<ApiError | null>(null);
	#attempts = $state(0);

	constructor(private readonly session: CashierSessionStore) {}

	get phase() {
		return this.#phase;
	}
	get amountText() {
		return this.#amountText;
	}
	get pending() {
		return this.#pending;
	}
	get charge() {
		return this.#charge;
	}
	get payment() {
		return this.#payment;
	}
	get error() {
		return this.#error;
	}
	/** How many times the current charge was sent (1 + retries). */
	get attempts() {
		return this.#attempts;
	}
	get currency(): string {
		return this.session.session?.currency ?? 'CNY';
	}
	get fractionDigits(): number {
		return Math.round(Math.log10(minorPerMajor(this.currency)));
	}
	get amountMinor(): number {
		return toMinor(this.#amountText, this.fractionDigits);
	}
	get canCharge(): boolean {
		return this.amountMinor > 0 && this.#pending !== null && this.#phase === 'entry';
	}

	#go(next: CounterPhase) {
		if (!TRANSITIONS[this.#phase].includes(next)) throw new Error(`counter: no transition ${this.#phase} → ${next}`);
		this.#phase = next;
	}

	press(key: EntryKey): void {
		if (this.#phase !== 'entry') return;
		this.#amountText = press(this.#amountText, key, this.fractionDigits);
	}

	/** Quick amount buttons set the amount outright (minor units). */
	setAmountMinor(minor: number): void {
		if (this.#phase !== 'entry') return;
		const per = minorPerMajor(this.currency);
		const whole = Math.floor(minor / per);
		const frac = minor % per;
		this.#amountText = frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(this.fractionDigits, '0')}`;
	}

	/** Restores the amount text (the keyboard wedge undoes digits a scanner typed into the amount). */
	restoreAmountText(text: string): void {
		if (this.#phase === 'entry') this.#amountText = text;
	}

	openCamera(): void {
		if (this.#phase === 'declined') {
			this.#resetCharge();
		}
		this.#go('camera');
	}

	closeCamera(): void {
		if (this.#phase === 'camera') this.#go('entry');
	}

	/** A payment code arrived (camera, handheld scanner or typed). Charges at once when the amount is set. */
	async takeCode(code: string, source: CodeSource): Promise<void> {
		if (this.#phase === 'declined') this.#resetCharge();
		if (this.#phase === 'declined' || this.#phase === 'rejected') this.#go('entry');
		if (this.#phase !== 'entry' && this.#phase !== 'camera') return; // busy with a charge: ignore
		this.#pending = { code, scannedAt: new Date(), source };
		if (this.amountMinor > 0) {
			await this.submit();
		} else if (this.#phase === 'camera') {
			this.#go('entry');
		}
	}

	/** Makes the charge (with its one Idempotency-Key) from the pending code and the amount, and sends it. */
	async submit(): Promise<void> {
		const pending = this.#pending;
		if (!pending || this.amountMinor <= 0) return;
		if (this.#phase !== 'entry' && this.#phase !== 'camera') return;
		this.#charge = newCharge(pending.code, { amount: this.amountMinor, currency: this.currency }, pending.scannedAt);
		this.#attempts = 0;
		await this.#send();
	}

	/** Sends the same charge again after an unknown outcome: same key, so it is charged at most once. */
	async retry(): Promise<void> {
		if (this.#phase !== 'unknown' || !this.#charge) return;
		await this.#send();
	}

	async #send(): Promise<void> {
		const charge = this.#charge;
		if (!charge) return;
		this.#go('sending');
		this.#attempts++;
		this.#error = null;
		const outcome = await chargePayment(this.session.api, charge);
		switch (outcome.kind) {
			case 'succeeded':
				this.#payment = outcome.payment;
				this.#go('succeeded');
				break;
			case 'declined':
				this.#payment = outcome.payment;
				this.#go('declined');
				break;
			case 'rejected':
				this.#error = outcome.error;
				this.#go('rejected');
				break;
			case 'unknown':
				this.#go('unknown');
				break;
		}
	}

	/** After a success: a clean counter for the next customer. */
	nextSale(): void {
		this.#resetCharge();
		this.#amountText = '';
		this.#go('entry');
	}

	/** Back to entry keeping the amount (after a decline or a refused request). */
	backToEntry(): void {
		this.#resetCharge();
		if (this.#phase !== 'entry') this.#go('entry');
	}

	/**
	 * Gives up waiting on an unknown outcome. The charge may have gone through; the screen sends
	 * the cashier to today's payments to check before taking the money another way.
	 */
	abandon(): void {
		if (this.#phase !== 'unknown') return;
		this.#resetCharge();
		this.#go('entry');
	}

	clearPending(): void {
		this.#pending = null;
	}

	#resetCharge() {
		this.#pending = null;
		this.#charge = null;
		this.#payment = null;
		this.#error = null;
		this.#attempts = 0;
	}
}
