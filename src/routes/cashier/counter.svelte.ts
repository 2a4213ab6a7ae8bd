/**
 * The counter: one sale at a time, as an explicit state machine.
 *
 *   entry ─(code taken, amount > 0)─▶ sending ─▶ succeeded ─(next sale, or a key of its amount)─▶ entry
 *     │ ▲                                │   ├─▶ declined ─(new code / back / cancel / a key of an amount)─▶ entry | camera
 *     ▼ │                                │   ├─▶ rejected ─(back, a key, a new code)─▶ entry
 *    camera ─(code read)─▶ sending       │   └─▶ queued ─(next sale)─▶ entry
 *                                                         └─(sent while on screen)─▶ succeeded | declined
 *
 * The amount is the text the cashier keyed (see $lib/money/entry.ts) and becomes integer minor
 * units only when a charge is made. A code taken before the amount waits (`pending`) until
 * the cashier presses Charge. Each charge goes through the tablet's outbox ($lib/offline), which
 * gives it its Idempotency-Key when it writes it: with no network (or no answer) the charge is
 * `queued`, not yet paid, and the outbox sends it by itself, with that same key, when it can.
 * Over an offline limit the charge is refused (`rejected` with a `refusal`) and nothing is saved.
 * The outbox code loads after the counter is on screen: a charge waits for it (in `sending`).
 *
 * A code that arrives while a charge is being sent (the next customer in the queue scanned early) is held, not
 * dropped: it becomes the pending code of the next sale, which starts with an empty amount. So a held code is
 * charged only for an amount keyed after it was taken, never for the sale that was in flight.
 *
 * The code of the sale just charged, read again by the scanner (see rereads.ts), is the same customer: while its charge
 * is on its way, on its paid or queued result, and once the next sale is begun, it is never taken as a new sale's code.
 */
import { ApiError } from '$lib/api/client';
import type { Money, Payment } from '$lib/api/types';
import { chargePayment, newCharge, type ChargeOutcome, type ChargeRequest } from '$lib/cashier/charge';
import type { QueuedCause, SyncEngine } from '$lib/offline/engine';
import { pressAmount, quickAmount, toMinor, type EntryKey } from '$lib/money/entry';
import { takenNow } from '$lib/scan/typed-start';
import { fractionDigits } from '$lib/money/money';
import type { CashierSessionStore } from './cashier.svelte';
import { codeAgeMs, KEPT_SALE_MS } from './counter-draft';
import { forgetLastOutcome, keepLastOutcome, lastOutcome, tabStorage } from './last-outcome';
import { rereadOf } from './rereads';

export type CounterPhase = 'entry' | 'camera' | 'sending' | 'succeeded' | 'declined' | 'rejected' | 'queued';

const TRANSITIONS: Record<CounterPhase, CounterPhase[]> = {
	// entry → succeeded, entry → queued: a paid or queued result reopened when the code of its sale is read again
	// (`reopenOutcome`).
	// entry → declined: a decline left by a key that proved to be a scan's first digit, put back (`reopenDeclined`).
	// entry → rejected: a charge not sent, its code taken too long ago (`submit`).
	entry: ['camera', 'sending', 'entry', 'succeeded', 'queued', 'rejected', 'declined'],
	camera: ['entry', 'sending'],
	sending: ['succeeded', 'declined', 'rejected', 'queued'],
	succeeded: ['entry'],
	declined: ['entry', 'camera'],
	rejected: ['entry'],
	queued: ['entry', 'succeeded', 'declined']
};

export type CodeSource = 'camera' | 'scanner' | 'typed';

/** Refusals for the offline limits alone ("… or wait for the network"): the sale itself is fine to charge online. */
const OFFLINE_LIMITS: readonly string[] = ['OFFLINE_PAYMENT_CAP', 'OFFLINE_TOTAL_CAP', 'OFFLINE_COUNT_CAP'];

export interface PendingCode {
	code: string;
	scannedAt: Date;
	source: CodeSource;
	/**
	 * performance.now() when this page took it (a typed code: when its typing began, as `scannedAt`); absent for a code
	 * taken elsewhere (a kept draft read back after a reload). Its age is measured by it where present: see `codeAgeMs`.
	 */
	takenAtMono?: number;
}

/** A sale being entered, kept while the cashier is on another page (see counter-draft.ts). */
export interface CounterDraft {
	amountText: string;
	pending: PendingCode | null;
	held: PendingCode | null;
}

/** A declined sale as the counter held it, kept by `nextSale` for `reopenDeclined`. */
interface LeftDeclined {
	payment: Payment;
	charge: ChargeRequest | null;
	pending: PendingCode | null;
	held: PendingCode | null;
	amountText: string;
	replaces: string | null;
	sameCodeAgain: boolean;
	leftPaid: LeftPaid | null;
}

/** The paid sale the last `nextSale` left, for `reopenOutcome` and `rereadsOutcome`. */
interface LeftPaid {
	payment: Payment;
	charge: ChargeRequest;
}

/** The queued sale the last `nextSale` left, for `reopenOutcome`. */
interface LeftQueued {
	charge: ChargeRequest;
	cause: QueuedCause;
	idempotencyKey: string;
}

export class Counter {
	#phase = $state<CounterPhase>('entry');
	#amountText = $state('');
	/** The amount is a quick amount, untouched by any key since: see `press`. */
	#amountIsQuick = false;
	#pending = $state<PendingCode | null>(null);
	/** A code taken while a charge was being sent: the next sale's code (see `nextSale`). */
	#held = $state<PendingCode | null>(null);
	/** The declined sale on screen is being noted as paid in cash (its form open or sending): see `takeCode`. */
	#notingCash = false;
	#charge = $state<ChargeRequest | null>(null);
	#payment = $state<Payment | null>(null);
	#error = $state<ApiError | null>(null);
	#refusal = $state<Extract<ChargeOutcome, { kind: 'refused' }>['refusal'] | null>(null);
	#queuedCause = $state<QueuedCause>('no-network');
	/** Follows a queued charge in the outbox, so its answer shows if it comes while it is on screen. */
	#unwatch: (() => void) | null = null;
	/** The queued charge on screen's Idempotency-Key, as `#follow` follows it. */
	#queuedKey: string | null = null;
	/** A queued charge that was declined while on screen: the next charge from this screen settles it. */
	#replaces: string | null = null;
	#sameCodeAgain = $state(false);
	/** The paid sale the last `nextSale` left, for `reopenOutcome` and `rereadsOutcome`. */
	#leftPaid: LeftPaid | null = null;
	/** The queued sale the last `nextSale` left, for `reopenOutcome`. */
	#leftQueued: LeftQueued | null = null;
	/** The last sale's code read again while the next sale was being entered (`takeCode`): said until that sale changes. */
	#lastPaidAgain = $state<Payment | null>(null);
	/** The declined sale the last `nextSale` left, whole, for `reopenDeclined`. */
	#leftDeclined: LeftDeclined | null = null;

	/**
	 * `engine` resolves with the sync engine once the outbox code is loaded (at once after that).
	 * `signedOut` is called when the server refused the session for a charge: that sale was not taken.
	 */
	constructor(
		private readonly session: CashierSessionStore,
		private readonly engine: () => Promise<SyncEngine>,
		private readonly signedOut: (notCharged: Money) => void = () => undefined
	) {
		// Reloaded right after a paid sale: its result comes back on screen until the next sale.
		const signedIn = session.session;
		const kept = lastOutcome(tabStorage(), signedIn?.merchantId && signedIn.cashierId ? { merchantId: signedIn.merchantId, cashierId: signedIn.cashierId } : null);
		if (kept) {
			this.#payment = kept;
			this.#phase = 'succeeded';
		}
	}

	get phase() {
		return this.#phase;
	}
	get amountText() {
		return this.#amountText;
	}
	get pending() {
		return this.#pending;
	}
	/** The code held for the next sale, taken while a charge was being sent. */
	get held() {
		return this.#held;
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
	/** Why the tablet would not take the charge (an offline limit): nothing was saved. */
	get refusal() {
		return this.#refusal;
	}
	/** Why the charge on screen is queued: no network, or no answer from the server. */
	get queuedCause(): QueuedCause {
		return this.#queuedCause;
	}
	get currency(): string {
		return this.session.session?.currency ?? 'CNY';
	}
	get fractionDigits(): number {
		return fractionDigits(this.currency);
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

	/**
	 * True when `key`, pressed while the last sale's outcome (paid, queued, or declined) is on screen, starts the next
	 * sale with it: the cashier keys the next amount straight away, as scanning the next code already does. A declined
	 * sale is given up so, as "Cancel sale" gives it up; not while it is being noted as paid in cash (the form is the
	 * cashier's). Backspace and Clear have nothing to act on there.
	 */
	startsNextSale(key: EntryKey): boolean {
		const outcomeShown = this.#phase === 'succeeded' || this.#phase === 'queued' || (this.#phase === 'declined' && !this.#notingCash);
		return outcomeShown && key !== 'back' && key !== 'clear';
	}

	/**
	 * The declined sale on screen given up from the keyboard (Escape), as "Cancel sale" gives it up. False, and nothing
	 * done, when no decline is on screen or it is being noted as paid in cash.
	 */
	cancelDeclined(): boolean {
		if (this.#phase !== 'declined' || this.#notingCash) return false;
		this.nextSale();
		return true;
	}

	/**
	 * Applies a key to the amount (by `pressAmount`'s rules: a digit after a quick amount starts a new one). True when the
	 * amount refused it (past the maximum, a third decimal).
	 */
	press(key: EntryKey): boolean {
		this.leaveRefusal();
		this.#lastPaidAgain = null;
		if (this.startsNextSale(key)) this.nextSale();
		if (this.#phase !== 'entry') return false;
		const pressed = pressAmount({ text: this.#amountText, quick: this.#amountIsQuick }, key, this.fractionDigits);
		this.#amountText = pressed.text;
		this.#amountIsQuick = pressed.quick;
		return pressed.refused;
	}

	/**
	 * Keying after a refused charge goes on from it, with no OK to find first; OK does the same. When the amount was
	 * what was refused (an offline cap), the first key starts a new amount, as in a selected field, and the customer's
	 * code, which nothing used, stays taken: the cashier retypes and charges (OK threw the code away, and the customer
	 * had to show it again).
	 */
	leaveRefusal(): void {
		if (this.#phase !== 'rejected') return;
		const reason = this.#refusal?.reason;
		const sameSale = this.#sameSaleQueued();
		const code = this.#pending;
		const amount = this.#amountText;
		this.backToEntry();
		if (reason === 'OFFLINE_PAYMENT_CAP' || reason === 'OFFLINE_TOTAL_CAP') {
			this.#amountText = '';
			this.#pending = code;
		} else if (reason === 'OFFLINE_COUNT_CAP') {
			// Not the amount's fault: it stays, as a selected field's text (the next key replaces it), and so does the code.
			this.#amountText = amount;
			this.#amountIsQuick = true;
			this.#pending = code;
		} else if (sameSale) {
			this.#amountText = '';
		} else {
			// The code's fault (used, unreadable): the code is gone, the amount stays for a fresh one, as a selected
			// field's text. Appended to, "10" keyed again for the retry made ¥1,010.00 (cashier review).
			this.#amountIsQuick = this.#amountText !== '';
		}
	}

	/**
	 * The refusal on screen is of a code already queued on this tablet with the very amount keyed: the same sale tried
	 * again, which is taken already. Its amount must not stay for the next code: the refusal once sent the cashier for
	 * a fresh code, which was charged that amount at its scan, and the customer paid twice (cashier review). Another
	 * amount is another purchase's (the next customer's, keyed before the wrong code was scanned), and stays for its code.
	 */
	#sameSaleQueued(): boolean {
		const refusal = this.#refusal;
		return refusal?.reason === 'CODE_ALREADY_QUEUED' && refusal.amount.amount === this.amountMinor;
	}

	/**
	 * Escape at the counter: the amount is cleared first (a mistyped amount, the customer's code kept), and with no
	 * amount left, the code taken is given up too, as "Discard" does. One Escape used to leave the code, and the next
	 * customer's amount was charged to the last customer's code (cashier review). False when there was nothing to clear.
	 */
	escape(): boolean {
		if (this.#phase !== 'entry') return false;
		this.#lastPaidAgain = null;
		if (this.#amountText !== '') {
			this.#amountText = '';
			this.#amountIsQuick = false;
			return true;
		}
		if (this.#pending === null) return false;
		this.clearPending();
		return true;
	}

	/**
	 * The network is back: a sale refused only for being offline (over the offline limits: one payment's, the
	 * total's, the count's, which say "or wait for the network") can now be charged as it is. The counter returns to
	 * the sale with its amount and code, and Charge is there to tap; before, the refusal stayed on screen with Charge
	 * greyed out until the cashier tapped OK, which also threw the customer's code away.
	 */
	onlineAgain(): void {
		if (this.#phase !== 'rejected') return;
		if (!OFFLINE_LIMITS.includes(this.#refusal?.reason ?? '')) return;
		const code = this.#pending;
		this.backToEntry();
		// A code taken longer ago than a sale at the counter takes is not put back (submit would refuse it): the amount is.
		this.#pending = code && codeAgeMs(code) <= KEPT_SALE_MS ? code : null;
	}

	/** Quick amount buttons set the amount outright (minor units). */
	setAmountMinor(minor: number): void {
		this.leaveRefusal();
		this.#lastPaidAgain = null;
		if (this.startsNextSale('0')) this.nextSale();
		if (this.#phase !== 'entry') return;
		const quick = quickAmount(minor, this.fractionDigits);
		this.#amountText = quick.text;
		this.#amountIsQuick = quick.quick;
	}

	/** The sale being entered, if any (an amount keyed or a code taken), to keep while the counter is closed. */
	draft(): CounterDraft | null {
		if (this.#phase !== 'entry' || (this.#amountText === '' && !this.#pending && !this.#held)) return null;
		return { amountText: this.#amountText, pending: this.#pending, held: this.#held };
	}

	/**
	 * The sale still to finish as the cashier taps Sign out: the one being entered (`draft`), or one refused or declined
	 * with its amount still keyed, whose customer is still there (a new code charges it). None once it is paid, queued,
	 * or noted as paid in cash. Not `draft` itself: a refused or declined sale is not kept while the counter is closed.
	 */
	unfinished(): CounterDraft | null {
		const refusedOrDeclined = this.#phase === 'rejected' || (this.#phase === 'declined' && !this.#payment?.paidInCash);
		if (refusedOrDeclined && this.#amountText !== '') return { amountText: this.#amountText, pending: null, held: this.#held };
		return this.draft();
	}

	/** Puts back a sale kept by `draft`, on a counter with nothing else on it. */
	restoreDraft(draft: CounterDraft): void {
		if (this.#phase !== 'entry') return;
		this.#amountText = draft.amountText;
		this.#pending = draft.pending;
		this.#held = draft.held;
		this.#amountIsQuick = false;
	}

	/** Restores the amount text (the keyboard wedge undoes digits a scanner typed into the amount). */
	restoreAmountText(text: string): void {
		if (this.#phase === 'entry') this.#amountText = text;
		this.#amountIsQuick = false;
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

	/**
	 * True when `code` is that of the sale whose outcome is on screen (paid, queued, or declined), or, while the next
	 * sale is being entered, the code the last sale just paid with (rereads.ts): a scanner reading it again (a
	 * stand-mounted one, with the phone still under it) brings the same customer, not a new sale. Charged again, it
	 * would be declined as used, replacing the real reason (balance too low), taking the paid or queued result away,
	 * or, over the next customer's amount, declined as "most likely paid already" for a sale nobody had paid.
	 */
	rereadsOutcome(code: string): boolean {
		return rereadOf(code, { phase: this.#phase, chargeCode: this.#charge?.code ?? null, lastPaidCode: this.#leftPaid?.charge.code ?? null }) !== null;
	}

	/**
	 * The sale the last customer paid (its payment), when their code was just read again over the next sale (see
	 * `takeCode`): the counter says so, and the next sale's amount waits for its own code. Gone once that sale changes
	 * (a key, a code taken or given up, a charge).
	 */
	get lastPaidAgain(): Payment | null {
		return this.#phase === 'entry' ? this.#lastPaidAgain : null;
	}

	/**
	 * The code of the declined sale on screen when the cashier typed it and it names no customer (CODE_UNKNOWN): most
	 * likely a digit mistyped. The counter puts it back in the field for the cashier to fix, not to type all 18 again.
	 * A scanned code is not: a scanner reads what the phone shows, and the cashier then types a code off the phone.
	 */
	get mistypedCode(): string | null {
		if (this.#phase !== 'declined' || this.#payment?.reason !== 'CODE_UNKNOWN') return null;
		return this.#pending?.source === 'typed' ? this.#pending.code : null;
	}

	/** The declined sale's own code was read again: it is used up, and the declined screen says a new one is needed. */
	get sameCodeAgain(): boolean {
		return this.#sameCodeAgain;
	}

	/**
	 * A payment code arrived (camera, handheld scanner or typed). Charges at once when the amount is set. `taken`:
	 * when it was read, for a code read elsewhere and handed over (sign-in, another page), or when the cashier began
	 * typing it ($lib/scan/typed-start.ts); now, by default.
	 */
	async takeCode(code: string, source: CodeSource, taken?: Pick<PendingCode, 'scannedAt' | 'takenAtMono'>): Promise<void> {
		if (this.rereadsOutcome(code)) {
			if (this.#phase === 'declined') this.#sameCodeAgain = true;
			// The last customer's code, over the next sale: not charged (it paid already), and said, so the cashier
			// does not wait for an answer, nor think the next customer has paid.
			if (this.#phase === 'entry' && this.#leftPaid) this.#lastPaidAgain = this.#leftPaid.payment;
			return;
		}
		this.#lastPaidAgain = null;
		// The held code scanned again (the next customer shows it once more, the last charge having been declined
		// or refused meanwhile): it starts that customer's own sale, with no amount yet. Taken as a new code for the
		// declined sale instead, it would be charged the declined customer's amount, and then come back as held.
		if (this.#held?.code === code && this.#phase !== 'sending') {
			this.nextSale();
			return;
		}
		// On the server's clock: a tablet whose own clock is minutes off would have every scan refused.
		const pending: PendingCode = { code, source, ...(taken ?? takenNow()) };
		// A declined sale the customer paid in cash is over: a code now is the next customer's, with no amount yet.
		if (this.#phase === 'declined' && this.#payment?.paidInCash) this.nextSale();
		// While the last sale is being finished (its charge in flight, or its decline being noted as paid in cash),
		// a code is the next customer's: held for the next sale. Taken now, it would be charged that sale's amount.
		// A scanner that read the code being charged twice brings nothing new.
		if (this.#phase === 'sending' || (this.#phase === 'declined' && this.#notingCash)) {
			if (code !== this.#charge?.code) this.#held = pending;
			return;
		}
		if (this.#phase === 'declined') this.#resetCharge();
		if (this.#phase === 'rejected') {
			if (this.#sameSaleQueued()) this.#amountText = '';
			// The refusal is of the last try: left on, the next charge's error read as it, and onlineAgain acted on it.
			this.#refusal = null;
			this.#error = null;
		}
		if (this.#phase === 'declined' || this.#phase === 'rejected') this.#go('entry');
		if (this.#phase !== 'entry' && this.#phase !== 'camera') return; // an outcome on screen: the page starts the next sale first
		this.#pending = pending;
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
		// A code taken before the amount and left on the counter (the customer paid another way and went) would be
		// charged the next customer's amount, minutes later: the server takes a scan that old as one made offline and
		// pays it. Past the time a sale at the counter takes, as a sale kept away from the counter, it is not charged.
		if (this.#phase === 'entry' && codeAgeMs(pending) > KEPT_SALE_MS) {
			this.#pending = null;
			this.#error = new ApiError(0, 'CODE_TAKEN_TOO_LONG_AGO', 'The code was taken too long ago to be this sale’s.');
			this.#go('rejected');
			return;
		}
		this.#charge = newCharge(pending.code, { amount: this.amountMinor, currency: this.currency }, pending.scannedAt, pending.source === 'typed');
		await this.#send();
	}

	async #send(): Promise<void> {
		const charge = this.#charge;
		if (!charge) return;
		this.#go('sending');
		this.#error = null;
		this.#refusal = null;
		let engine: SyncEngine;
		try {
			engine = await this.engine();
		} catch {
			// The outbox code could not be loaded (the app's files are not reachable): nothing was saved
			// or sent. The next charge tries to load it again.
			this.#error = new ApiError(0, 'OUTBOX_UNAVAILABLE', 'The outbox could not be loaded.');
			this.#go('rejected');
			return;
		}
		const outcome = await chargePayment(engine, charge);
		const replaces = this.#replaces;
		this.#replaces = null;
		if (replaces && outcome.kind !== 'refused' && outcome.kind !== 'rejected') {
			// The declined offline payment is settled by this new charge (whatever its answer, which is
			// shown now or listed in its own right), so it leaves the list of declined payments.
			await engine
				.resolve(replaces, { kind: 'charged_again', idempotencyKey: outcome.idempotencyKey, resolvedAt: new Date().toISOString() })
				.catch(() => undefined); // already resolved from the list: nothing to do
		}
		switch (outcome.kind) {
			case 'succeeded':
				this.#payment = outcome.payment;
				keepLastOutcome(tabStorage(), outcome.payment);
				this.#go('succeeded');
				break;
			case 'declined':
				this.#payment = outcome.payment;
				this.#go('declined');
				break;
			case 'rejected':
				this.#error = outcome.error;
				this.#go('rejected');
				if (outcome.error.code === 'UNAUTHENTICATED') this.signedOut(charge.amount);
				break;
			case 'refused':
				this.#refusal = outcome.refusal;
				// A code refused as such (queued already, used already, malformed) is of no further use on this screen.
				if (['CODE_ALREADY_QUEUED', 'CODE_ALREADY_USED', 'INVALID_CODE'].includes(outcome.refusal.reason)) this.#pending = null;
				this.#go('rejected');
				break;
			case 'queued':
				this.#queuedCause = outcome.cause;
				this.#queuedKey = outcome.idempotencyKey;
				this.#go('queued');
				this.#follow(engine, outcome.idempotencyKey);
				break;
		}
	}

	/**
	 * A clean counter for the next customer (after a paid or queued result, a declined sale paid in cash or given up,
	 * or the held code read again), with the code held for them if one was scanned during the last charge. The amount
	 * is empty: the held code waits for the cashier to key one and charge.
	 *
	 * `byKey`: a key of the next amount left the outcome, and may yet prove to be a scan's first digit: a decline so
	 * left is kept for `reopenDeclined`. One given up otherwise ("Cancel sale", Escape) is gone: a scan later must not
	 * bring it back.
	 */
	nextSale(byKey = false): void {
		this.#leftDeclined =
			byKey && this.#phase === 'declined' && this.#payment
				? {
						payment: this.#payment,
						charge: this.#charge,
						pending: this.#pending,
						held: this.#held,
						amountText: this.#amountText,
						replaces: this.#replaces,
						sameCodeAgain: this.#sameCodeAgain,
						leftPaid: this.#leftPaid
					}
				: null;
		this.#leftPaid = this.#phase === 'succeeded' && this.#payment && this.#charge ? { payment: this.#payment, charge: this.#charge } : null;
		this.#leftQueued =
			this.#phase === 'queued' && this.#charge && this.#queuedKey ? { charge: this.#charge, cause: this.#queuedCause, idempotencyKey: this.#queuedKey } : null;
		forgetLastOutcome(tabStorage());
		this.#replaces = null;
		this.#resetCharge();
		this.#pending = this.#held;
		this.#held = null;
		this.#amountText = '';
		this.#amountIsQuick = false;
		this.#go('entry');
	}

	/** The declined screen's "Paid in cash" form opened or sent (true) or closed (false). */
	notingCash(noting: boolean): void {
		this.#notingCash = noting;
	}

	discardHeld(): void {
		this.#held = null;
	}

	/**
	 * The declined sale's customer tops up with cash first (balance too low): back to entry with the sale's amount kept,
	 * to charge with the code the top-up reads (`takeAfterTopUp`: their declined one is used up, the new one is not). A queued charge that was declined stays to
	 * be settled by that next charge, as by a new code scanned here.
	 *
	 * False, and nothing done, when no decline is on screen, or it is paid in cash or being noted so (the form open or
	 * its note on its way): that note lands whatever the screen does, and the amount kept would then be charged to the
	 * wallet after the top-up, the customer paying twice. The page opens the top-up only on true.
	 */
	keepForTopUp(): boolean {
		if (this.#phase !== 'declined' || this.#payment?.paidInCash || this.#notingCash) return false;
		this.#resetCharge();
		this.#go('entry');
		this.#amountIsQuick = false;
		return true;
	}

	/**
	 * A code the top-up kept (scanned while it was being finished) becomes the sale's code, waiting for the cashier to
	 * charge: not charged at once, as a scan here would be, since no one saw it meet this amount.
	 */
	keepCode(code: PendingCode): void {
		if (this.#phase === 'entry') this.#pending = code;
	}

	/**
	 * The top-up opened from a decline (`keepForTopUp`) is done: the code it read, which a top-up never uses up, becomes
	 * the kept sale's code (charged when the cashier charges: `submit`), with its scan time, so the two minutes a code
	 * taken at the counter pays for run from that scan. `held`, a code scanned while the top-up was being finished, is
	 * the next sale's, as one scanned while a charge is sent.
	 */
	takeAfterTopUp(code: PendingCode, held: PendingCode | null): void {
		if (this.#phase !== 'entry') return;
		this.#pending = code;
		if (held && held.code !== code.code) this.#held = held;
	}

	/**
	 * Undoes the `nextSale` that left a paid or queued result, when the code now taken is that sale's own, read again by
	 * the scanner whose digit left the result (see the counter page; rereads.ts `scanLeftOutcome`). Only while nothing of
	 * a new sale was entered (nor taken: a code held for it is the next customer's, now waiting). A queued sale is
	 * followed again, so its answer, come meanwhile or later, takes its place on screen.
	 */
	reopenOutcome(code: string): boolean {
		if (this.#phase !== 'entry' || this.#pending || this.#amountText !== '') return false;
		const paid = this.#leftPaid;
		const queued = this.#leftQueued;
		const left = paid?.charge.code === code ? paid : queued?.charge.code === code ? queued : null;
		if (!left) return false;
		this.#leftQueued = null;
		this.#charge = left.charge;
		if (left === paid) {
			this.#leftPaid = null;
			this.#payment = paid.payment;
			keepLastOutcome(tabStorage(), paid.payment);
			this.#go('succeeded');
			return true;
		}
		const { charge, cause, idempotencyKey } = left as LeftQueued;
		this.#queuedCause = cause;
		this.#queuedKey = idempotencyKey;
		this.#go('queued');
		void this.engine()
			.then((engine) => {
				if (this.#phase === 'queued' && this.#charge === charge) this.#follow(engine, idempotencyKey);
			})
			.catch(() => undefined); // the outbox is loaded: it queued this sale
		return true;
	}

	/**
	 * Undoes the `nextSale` that left a declined sale, when the key that left it proves to be a scan's first digit (see
	 * the counter page): the customer showing a new code after adding money, whose digits reach the page before its
	 * Enter. The decline comes back as it was, and the code is then taken on it as ever (charged the declined amount,
	 * or "the same code" said). Only while nothing of a new sale was entered.
	 */
	reopenDeclined(): boolean {
		const left = this.#leftDeclined;
		if (!left || this.#phase !== 'entry' || this.#amountText !== '') return false;
		this.#leftDeclined = null;
		this.#payment = left.payment;
		this.#charge = left.charge;
		this.#pending = left.pending;
		this.#held = left.held;
		this.#amountText = left.amountText;
		this.#amountIsQuick = false;
		this.#replaces = left.replaces;
		this.#sameCodeAgain = left.sameCodeAgain;
		this.#leftPaid = left.leftPaid;
		this.#go('declined');
		return true;
	}

	/** Back to entry keeping the amount (after a decline or a refused request). */
	backToEntry(): void {
		this.#replaces = null;
		this.#resetCharge();
		if (this.#phase !== 'entry') this.#go('entry');
	}

	/**
	 * The declined sale on screen was paid in cash instead, as the server now records (`payment` carries the note).
	 * A queued charge declined while on screen is also in the outbox's declined list: the cash settles it there too,
	 * so the cashier is not asked about it again.
	 */
	paidInCash(payment: Payment): void {
		if (this.#phase !== 'declined' || this.#payment?.id !== payment.id || !payment.paidInCash) return;
		this.#payment = payment;
		const replaces = this.#replaces;
		this.#replaces = null;
		if (!replaces) return;
		const resolution = { kind: 'settled_in_cash', note: payment.paidInCash.note, resolvedAt: new Date().toISOString() } as const;
		void this.engine()
			.then((engine) => engine.resolve(replaces, resolution))
			.catch(() => undefined); // already settled from the list: nothing to do
	}

	/** While a queued charge is on screen, its answer (once the outbox sends it) replaces it. */
	#follow(engine: SyncEngine, idempotencyKey: string) {
		this.#unwatch?.();
		this.#unwatch = engine.watchEntry(idempotencyKey, (entry) => {
			if (this.#phase !== 'queued' || !entry?.payment) return;
			if (entry.state !== 'succeeded' && entry.state !== 'declined') return;
			this.#payment = entry.payment;
			if (entry.state === 'succeeded') keepLastOutcome(tabStorage(), entry.payment);
			if (entry.state === 'declined') this.#replaces = idempotencyKey;
			this.#go(entry.state);
		});
	}

	/** The cashier discards the code taken. Not while it is being charged: its charge is on its way, whatever the screen says. */
	clearPending(): void {
		if (this.#phase === 'sending') return;
		this.#pending = null;
		this.#lastPaidAgain = null;
	}

	#resetCharge() {
		this.#sameCodeAgain = false;
		this.#lastPaidAgain = null;
		this.#unwatch?.();
		this.#unwatch = null;
		this.#queuedKey = null;
		this.#refusal = null;
		this.#pending = null;
		this.#charge = null;
		this.#payment = null;
		this.#error = null;
	}
}
