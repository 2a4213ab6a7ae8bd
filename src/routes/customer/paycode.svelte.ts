/**
 * The payment-code screen as a state machine:
 *
 *   idle ──show──▶ issuing ──▶ showing ──(payment event)──▶ paid | declined
 *                    │            │ ▲ refresh before expiry (same coupon choice)
 *                    ▼            └─┘
 *                  failed ──show──▶ issuing
 *   any ──close──▶ idle   (the code is put away on the server: DELETE /api/paycodes/current)
 *   idle ──(payment, scanned while a closed code was shown, within CLOSED_GRACE_MS)──▶ paid | declined
 *
 * The code is refreshed REFRESH_LEAD_MS before it expires with a new POST /api/paycodes carrying
 * the same coupon choice; the server retires the old code. The countdown on screen counts to that
 * refresh, the moment the customer sees the code change. Both count the code's life from when its
 * request was sent, not from when the answer came: on a slow network the code is already that much
 * older, and must not seem to live longer than the server lets it. The result of a payment arrives on the
 * live stream (CustomerState.onPayment); the payments are read back only when the stream may have missed it: after
 * it was down, on waking, and before each new code, so a code already charged is never replaced as if unpaid.
 */
import { ApiError, NetworkError } from '$lib/api/client';
import { getPayment, getPayments, newPayCode } from '$lib/api/customer';
import { serverNow } from '$lib/api/server-clock';
import type { PayCode, Payment } from '$lib/api/types';
import { fromBeforeScreen, refreshDelayMs, refreshInMs, replacedAtMs, secondsUntil } from '$lib/customer/paycode';
import { COUNTER_SALE_MS, declinedForOtherCode } from '$lib/customer/stale-code';
import type { CustomerState } from './customer.svelte';

export type Phase = 'idle' | 'issuing' | 'showing' | 'paid' | 'declined' | 'failed';

/** A code screen closed (Close, Change): open from `since` to `until` (server time), closed at `at` (this phone's clock). */
interface ClosedScreen {
	since: number;
	until: number;
	at: number;
}

const TRANSITIONS: Record<Phase, Phase[]> = {
	// idle → paid | declined: the result on screen before a reload, shown again (restoreResult).
	idle: ['issuing', 'paid', 'declined'],
	issuing: ['showing', 'failed', 'idle', 'paid', 'declined'],
	showing: ['showing', 'paid', 'declined', 'idle', 'failed'],
	paid: ['idle', 'issuing'],
	declined: ['idle', 'issuing'],
	// failed → paid | declined: a code was charged while the phone, offline, gave up on replacing it (catchUp).
	failed: ['issuing', 'idle', 'paid', 'declined']
};

/** A replacement not here this long after its moment is late: the countdown then counts to the code's expiry. */
const LATE_GRACE_MS = 1_500;

/** After a failed refresh, try again this soon: the old code is still live for a few seconds. */
const RETRY_REFRESH_MS = 2_000;

/**
 * Close or Change tapped after the cashier scanned: the payment may settle later, judged at the time of its scan (the
 * till keys a long order first, or its first send went unanswered), for as long as the server takes such a sale at the
 * counter (COUNTER_SALE_MS), and it is still this screen's result: the customer was charged, and the home screen alone
 * would say nothing of it. Half a minute more for the settling and the network.
 */
const CLOSED_GRACE_MS = COUNTER_SALE_MS + 30_000;

/**
 * Before a new code, the payments are read back (catchUp) for at most this long: on a network that hangs, the code on
 * screen must still be replaced before it expires. A charge read later still shows (and puts the new code away).
 */
const CATCH_UP_BEFORE_REFRESH_MS = 3_000;

/** Payments read back after the stream was down: a code screen is open a few minutes at most. */
const CATCH_UP_PAYMENTS = 5;

/** The server's answer when the chosen coupon can't be held by a code (expired, used, shared meanwhile). */
const COUPON_NOT_AVAILABLE = 'COUPON_NOT_AVAILABLE';

export function isCouponRefused(e: unknown): e is ApiError {
	return e instanceof ApiError && e.code === COUPON_NOT_AVAILABLE;
}

export interface PayCodeFlowOptions {
	/** The coupon asked for can no longer be used: the screen forgets the choice and says why. */
	onCouponRefused?: (couponId: string) => void;
	/** A code was made (and the server retired the customer's other codes): the customer's other tabs are told. */
	onCodeMade?: () => void;
	/** The code here was retired by a newer one made on another phone (or a tab of another browser): it was put away. */
	onRetiredElsewhere?: () => void;
}

export class PayCodeFlow {
	#phase = $state<Phase>('idle');
	#code = $state<PayCode | null>(null);
	/**
	 * Local clock time the code expires: the server's expiresInMs counted from when its request was sent (#issuedAtMs).
	 * The server made the code somewhere between the sending and the answer; counted from the answer, a slow network
	 * would keep on screen a code the server has already retired. Counted from the sending, it can only seem to live
	 * shorter than it does, never longer.
	 */
	#expiresAtMs = $state(0);
	#now = $state(Date.now());
	#couponId = $state<string | null>(null);
	#result = $state<Payment | null>(null);
	#error = $state<unknown>(null);
	#refreshTrouble = $state(false);
	/**
	 * The browser says the phone is offline: the code on screen is not replaced, and a payment's result waits for the
	 * network. The till checks a code itself, so it still pays. (A request that failed while the browser says online,
	 * a server out of reach, is refreshTrouble.)
	 */
	#offline = $state(false);
	#staleAttempt = $state<Payment | null>(null);
	/** Whether the code on screen replaced an earlier one of this screen (a refresh), for a screen reader to hear. */
	#replaced = $state(false);
	/** The customer's reads started when the result arrived: its balance comes from a read started after. */
	#readsAtResult = 0;
	/** Local clock time the request for the code on screen was sent: its life and its replacement count from here. */
	#issuedAtMs = 0;
	/**
	 * The server's time when this screen's first code came (its expiresAt less what was left of its life): any payment
	 * settled since is one of this screen's codes. Kept until the screen is left, so a result missed while the live
	 * stream was down can be read back (catchUp).
	 */
	#openedAtServerMs: number | null = null;
	/**
	 * The codes put away by Close or Change within CLOSED_GRACE_MS: from when their screen opened to when it closed
	 * (server time), and when it closed on this phone's clock. A payment scanned after a Close is not its (a code made
	 * on another device). Several: a code scanned, then Change, then Close of the next one.
	 */
	#closed: ClosedScreen[] = [];
	#refreshTimer: ReturnType<typeof setTimeout> | undefined;
	#tick: ReturnType<typeof setInterval> | undefined;
	#generation = 0;
	/** Code requests of this screen not yet answered. */
	#asking = 0;
	/**
	 * The latest expiry (server ms) of the codes the live stream said were made while a request of this screen was
	 * out: one of them may be the code being asked for, so which is newer is judged when the answer comes (#issue).
	 */
	#madeWhileAsking: number | null = null;

	constructor(
		private readonly customer: CustomerState,
		private readonly options: PayCodeFlowOptions = {}
	) {}

	get phase() {
		return this.#phase;
	}
	get code() {
		return this.#code;
	}
	get couponId() {
		return this.#couponId;
	}
	get result() {
		return this.#result;
	}
	get error() {
		return this.#error;
	}
	/**
	 * Whether the countdown counts to the moment the code on screen stops working rather than to its replacement:
	 * the replacement failed (refreshTrouble), or it is late (a slow answer on a weak network, a phone just woken).
	 * A moment's grace first, so a replacement answered in the usual fraction of a second changes no words.
	 */
	get countsToExpiry(): boolean {
		if (!this.#code) return false;
		return this.#refreshTrouble || this.#offline || this.#now >= replacedAtMs(this.#issuedAtMs, this.#code.expiresInMs) + LATE_GRACE_MS;
	}
	/**
	 * The code on screen has expired and no new one has come yet: it must leave the screen, since it no longer pays
	 * (and a cashier who scanned it would be declined).
	 */
	get expired(): boolean {
		return this.#phase === 'showing' && this.#code !== null && this.#now >= this.#expiresAtMs;
	}
	/** Local clock time the countdown counts to: when the code is replaced, or when it stops working (countsToExpiry). */
	get #countdownEndMs(): number {
		if (!this.#code) return 0;
		return this.countsToExpiry ? this.#expiresAtMs : replacedAtMs(this.#issuedAtMs, this.#code.expiresInMs);
	}
	/** Seconds on the countdown: until the code is replaced, or until it stops working (countsToExpiry). */
	get secondsLeft(): number {
		return secondsUntil(this.#countdownEndMs, this.#now);
	}
	/** The length of the countdown, for its progress bar. */
	get lifetimeMs(): number {
		if (!this.#code) return 0;
		return this.countsToExpiry ? this.#code.expiresInMs : refreshDelayMs(this.#code.expiresInMs);
	}
	get msLeft(): number {
		return Math.max(0, this.#countdownEndMs - this.#now);
	}
	get refreshTrouble() {
		return this.#refreshTrouble;
	}
	get offline() {
		return this.#offline;
	}
	/** The browser's word on the network (CodeScreen listens for it). */
	setOnline(online: boolean): void {
		this.#offline = !online;
	}
	get staleAttempt() {
		return this.#staleAttempt;
	}
	get replaced() {
		return this.#replaced;
	}
	/** The balance after the payment on screen (CustomerState.balanceAfter): never the one from before it. */
	get balanceAfterResult() {
		return this.customer.balanceAfter(this.#readsAtResult);
	}

	#go(next: Phase) {
		if (!TRANSITIONS[this.#phase].includes(next)) {
			throw new Error(`pay code: no transition ${this.#phase} → ${next}`);
		}
		this.#phase = next;
	}

	/** Shows a code for this coupon choice (null: no coupon). */
	async show(couponId: string | null): Promise<void> {
		this.#stopTimers();
		this.#couponId = couponId;
		// A new choice never shows the previous code, even for a moment: it may be used up.
		this.#code = null;
		this.#result = null;
		this.#error = null;
		this.#staleAttempt = null;
		this.customer.resultOnScreen = null;
		this.#openedAtServerMs = null;
		this.#go('issuing');
		this.#tick = setInterval(() => (this.#now = Date.now()), 250);
		await this.#issue();
	}

	async #issue(): Promise<void> {
		const generation = ++this.#generation;
		this.#asking++;
		try {
			const couponId = this.#couponId;
			let sentAtMs = Date.now();
			// Timed when it goes, not when it is asked for: inTurn may hold it behind another tab's request.
			const code = await this.customer.inTurn(() => ((sentAtMs = Date.now()), newPayCode(this.customer.api, couponId)));
			if (generation !== this.#generation || !['issuing', 'showing'].includes(this.#phase)) {
				// Closed, changed or left while the code was being made: nobody shows it, so it must not
				// pay (and hold its coupon). The coupon list is read again when it is what is on screen.
				void this.customer.putAwayCode(code.code, this.#phase === 'idle');
				return;
			}
			// Another phone made a code after this one while it was on its way: this one is retired already.
			if (this.#madeWhileAsking !== null && this.#madeWhileAsking > Date.parse(code.expiresAt)) {
				this.#leaveCodeRetiredOnOtherDevice();
				return;
			}
			this.#replaced = this.#code !== null;
			this.#openedAtServerMs ??= Date.parse(code.expiresAt) - code.expiresInMs;
			this.#code = code;
			this.customer.codeOnScreen = code.code;
			this.#issuedAtMs = sentAtMs;
			this.#expiresAtMs = sentAtMs + code.expiresInMs;
			this.#now = Date.now();
			this.#refreshTrouble = false;
			this.#offline = false;
			this.#go('showing');
			this.options.onCodeMade?.();
			// Replaced when the countdown on screen reaches 0, counted as the expiry is: at once if a slow answer came
			// after that moment (the code may then be leaving the screen as expired, until the next one comes).
			this.#refreshTimer = setTimeout(() => void this.refresh(), refreshInMs(sentAtMs, code.expiresInMs, this.#now));
		} catch (e) {
			if (generation !== this.#generation) return;
			const stillLive = this.#phase === 'showing' && Date.now() < this.#expiresAtMs;
			const definite = e instanceof ApiError && e.status >= 400 && e.status < 500;
			if (stillLive && !definite) {
				// Keep the old code on screen while it works and try again shortly.
				this.#refreshTrouble = true;
				this.#refreshTimer = setTimeout(() => void this.refresh(), RETRY_REFRESH_MS);
				return;
			}
			const couponId = this.#couponId;
			if (isCouponRefused(e) && couponId) {
				// Every retry with this coupon would be refused the same way. The code on screen (if any) goes: its
				// coupon is over, and nobody shows it any more. Then the list is read again, so the coupon shows why.
				if (this.#phase === 'showing' && this.#code) void this.customer.putAwayCode(this.#code.code, true);
				else void this.customer.refresh();
				this.options.onCouponRefused?.(couponId);
			}
			this.#error = e;
			this.#stopTimers();
			this.#go('failed');
			// No network: reading the wallet fails as well and the home screen shows the offline banner.
			if (e instanceof NetworkError) void this.customer.refresh();
		} finally {
			if (--this.#asking === 0) this.#madeWhileAsking = null;
		}
	}

	/**
	 * The live stream says a code was made for this customer, expiring at `expiresAtMs` (server clock). Every code
	 * lives as long, so a later expiry is a later code, and the server keeps only the newest live: a code on screen
	 * that expires before it no longer pays (made on another phone, or in a tab of another browser) and is put away,
	 * saying why. This screen's own code comes as an event too, with exactly its own expiry: nothing happens. (Two
	 * codes made in the same millisecond are not told apart: the older one is then refused at the till.)
	 */
	codeMade(expiresAtMs: number): void {
		if (this.#asking > 0) {
			this.#madeWhileAsking = Math.max(this.#madeWhileAsking ?? expiresAtMs, expiresAtMs);
			return;
		}
		if (this.#phase !== 'showing' || !this.#code || expiresAtMs <= Date.parse(this.#code.expiresAt)) return;
		this.#leaveCodeRetiredOnOtherDevice();
	}

	/** A newer code made on another phone (the live stream's news) retired this one: put away, and the page says why. */
	#leaveCodeRetiredOnOtherDevice(): void {
		this.#leaveRetiredCode();
		this.options.onRetiredElsewhere?.();
	}

	/**
	 * A fresh code with the same coupon choice (also from the "new code" button). The payments are read back first: a
	 * charge the live stream did not bring (it can die without a word, and is given up only after a few heartbeats)
	 * shows as the result instead of a fresh code, which would have the customer ask for a second scan.
	 */
	async refresh(): Promise<void> {
		if (this.#phase !== 'showing') return;
		clearTimeout(this.#refreshTimer);
		const generation = this.#generation;
		await Promise.race([this.catchUp(), new Promise((r) => setTimeout(r, CATCH_UP_BEFORE_REFRESH_MS))]);
		// Paid, closed, or replaced meanwhile (another refresh): nothing more to do.
		if (this.#phase !== 'showing' || generation !== this.#generation) return;
		await this.#issue();
	}

	/**
	 * When the phone wakes up with a code that is about to expire, replace it at once. And a phone that slept may have
	 * missed the charge: its stream can look open and have carried nothing (a connection dropped without a word).
	 */
	onVisible(): void {
		void this.catchUp();
		if (this.#phase !== 'showing' || !this.#code) return;
		this.#now = Date.now();
		if (Date.now() >= replacedAtMs(this.#issuedAtMs, this.#code.expiresInMs)) void this.refresh();
	}

	/** A payment event from the live stream. */
	onPayment(p: Payment): void {
		// The shop refunded the payment whose "Paid" is on screen (the customer still at the counter): the result is that
		// payment as it is now, so the screen says what came back beside the balance, which the wallet read after this
		// event brings up (CustomerState.start). Left as it was, "Paid" stood over a balance it no longer explained.
		if (this.#phase === 'paid' && this.#result?.id === p.id) {
			if (p.status === 'refunded' || p.status === 'partially_refunded') this.#result = p;
			return;
		}
		const scannedOnClosed = this.#scannedOnClosed(p);
		const justClosed = this.#phase === 'idle' && scannedOnClosed;
		if (this.#phase !== 'showing' && this.#phase !== 'issuing' && !justClosed) return;
		// Refunds re-send their payment, as does the shop's cash record of a declined one: not a new result.
		if (p.status === 'refunded' || p.status === 'partially_refunded' || p.paidInCash) return;
		const at = Date.parse(p.settledAt ?? p.scannedAt ?? '') || Date.now();
		// Only attempts made while this screen was open (with a minute's allowance for clock skew).
		if (at < this.#issuedAtMs - 60_000) return;
		// A sale an offline till scanned before this screen's first code was made (an earlier code's, sent only now) is
		// settled now but is not this screen's: shown as its result, it would say "Paid" to a customer at another
		// counter and put away the code about to be scanned there. Judged as catchUp judges it, on the server's clock,
		// with an allowance for a till's clock (fromBeforeScreen). A scan of the code closed just before this screen
		// opened is still the customer's news (as on the home screen: justClosed, above).
		if (this.#phase !== 'idle' && this.#openedAtServerMs !== null && fromBeforeScreen(p, this.#openedAtServerMs) && !scannedOnClosed) return;
		if (declinedForOtherCode(p)) {
			this.#staleAttempt = p;
			return;
		}
		this.#showResult(p);
	}

	/**
	 * Back online (the live stream or the network returned): a payment made with this screen's code while the stream
	 * was down never arrives as an event, and the phone would go on showing a code the cashier has already charged
	 * (then a new one, as if nothing had happened). The customer's latest payments are read, and one scanned since
	 * the screen opened is shown as its result. Also after the screen gave up on a code for want of a network.
	 */
	async catchUp(): Promise<void> {
		const since = this.#openedAtServerMs;
		// Also on the home screen after a Close, or on the next code after a Change: a code put away may still be charged.
		const closed = this.#closed;
		if ((since === null && !this.#closedInGrace()) || !['showing', 'issuing', 'failed', 'idle'].includes(this.#phase)) return;
		let payments: Payment[];
		try {
			payments = (await getPayments(this.customer.api, null, CATCH_UP_PAYMENTS)).payments;
		} catch {
			return; // still offline: the next time the stream opens tries again
		}
		if (this.#openedAtServerMs !== since || this.#closed !== closed || !['showing', 'issuing', 'failed', 'idle'].includes(this.#phase)) return;
		// Scanned since: a sale of an earlier code that an offline till sent only now is settled since, but is not this
		// screen's (shown as its result, it would also put away the code a cashier is about to scan). Or scanned on a
		// code closed a moment ago (within CLOSED_GRACE_MS), as onPayment takes it.
		const missed = payments.find((p) => ((since !== null && !fromBeforeScreen(p, since)) || this.#scannedOnClosed(p)) && !declinedForOtherCode(p));
		if (!missed) return;
		this.#showResult(missed);
		// Its balance comes from a read started after the result (the stream's own read may have answered before it).
		void this.customer.refresh();
	}

	/** Codes put away within CLOSED_GRACE_MS: a payment of theirs may still come. */
	#closedInGrace(): boolean {
		const now = Date.now();
		return this.#closed.some((c) => now - c.at < CLOSED_GRACE_MS);
	}

	/** Whether `p` was scanned while a code put away within CLOSED_GRACE_MS was on this screen. */
	#scannedOnClosed(p: Payment): boolean {
		const scanned = Date.parse(p.scannedAt ?? '');
		const now = Date.now();
		return this.#closed.some((c) => now - c.at < CLOSED_GRACE_MS && scanned >= c.since && scanned <= c.until);
	}

	#showResult(p: Payment): void {
		this.#closed = [];
		this.#stopTimers();
		this.#openedAtServerMs = null;
		// The payment may be of an older code of this customer's (scanned before the phone replaced it, and sent
		// late): the code on screen leaves the screen with the result, so it stops paying too. Left live, it could
		// still be charged, unseen. For the code that was paid this changes nothing (a used code stays used).
		this.#putAwayShownCode(false);
		// The wallet is read again for every payment event, after its listeners (CustomerState.start).
		this.#readsAtResult = this.customer.readsStarted;
		this.#result = p;
		// Shown here, it is no news for the wallet's notice (CustomerState.chargeShown) after "Done".
		this.customer.chargeShown(p.id);
		// Used by this attempt, paid or declined: nothing is left on screen to put away.
		this.customer.codeOnScreen = null;
		this.customer.resultOnScreen = p.id;
		this.#error = null;
		// Read back late, it may have been refunded since: it was paid all the same.
		this.#go(p.status === 'declined' ? 'declined' : 'paid');
	}

	/**
	 * After a reload: the result that was on screen, shown again (read from the server, so it says what the payment
	 * is now). Nothing happens when none was, or when the customer has moved on meanwhile.
	 */
	async restoreResult(): Promise<void> {
		const paymentId = this.customer.resultOnScreen;
		if (!paymentId || this.#phase !== 'idle') return;
		let payment: Payment;
		try {
			payment = (await getPayment(this.customer.api, paymentId)).payment;
		} catch {
			return; // offline or gone: the home screen; the history has the payment
		}
		if (this.#phase !== 'idle' || this.customer.resultOnScreen !== paymentId) return;
		this.#result = payment;
		this.customer.chargeShown(payment.id);
		this.#couponId = payment.couponId;
		this.#issuedAtMs = Date.now();
		// Its balance is the one a read started from now gives (never one from before the payment).
		this.#readsAtResult = this.customer.readsStarted;
		this.#go(payment.status === 'declined' ? 'declined' : 'paid');
		void this.customer.refresh();
	}

	/** Back to the coupon list (Close, Change, Done): the code is off the screen, so it stops paying. */
	close(): void {
		const now = Date.now();
		const stillHeard = this.#closed.filter((c) => now - c.at < CLOSED_GRACE_MS);
		this.#closed =
			this.#phase === 'showing' && this.#openedAtServerMs !== null
				? [...stillHeard, { since: this.#openedAtServerMs, until: serverNow().getTime(), at: now }]
				: stillHeard;
		this.#putAwayShownCode(true);
		this.customer.resultOnScreen = null;
		this.#openedAtServerMs = null;
		this.#generation++;
		this.#stopTimers();
		this.#code = null;
		this.#result = null;
		this.#error = null;
		this.#staleAttempt = null;
		if (this.#phase !== 'idle') this.#go('idle');
	}

	/**
	 * Another tab of this customer made a code, which retired the one shown here on the server: it is put away
	 * here too (nothing to tell the server). True when a code was on screen. A code still being made here is
	 * left alone: it will be the newer one, and it tells the other tab in turn.
	 */
	retiredElsewhere(): boolean {
		if (this.#phase !== 'showing' || !this.#code) return false;
		this.#leaveRetiredCode();
		return true;
	}

	/** Back to the home screen from a code the server retired already (nothing to put away there). */
	#leaveRetiredCode(): void {
		if (this.#code && this.customer.codeOnScreen === this.#code.code) this.customer.codeOnScreen = null;
		this.#openedAtServerMs = null;
		this.#generation++;
		this.#stopTimers();
		this.#code = null;
		this.#staleAttempt = null;
		this.#go('idle');
	}

	/** After the network came back, a "couldn't make a code" from before is no longer news. */
	forgetFailure(): void {
		if (this.#phase !== 'failed') return;
		this.#error = null;
		this.#go('idle');
	}

	/**
	 * The code on screen stops paying (not awaited: offline it expires by itself). A code being made right
	 * now is put away when its answer comes (#issue), and one already used by a payment has nothing left.
	 */
	#putAwayShownCode(reload: boolean): void {
		if (this.#phase === 'showing' && this.#code) void this.customer.putAwayCode(this.#code.code, reload);
	}

	#stopTimers() {
		clearTimeout(this.#refreshTimer);
		clearInterval(this.#tick);
		this.#refreshTimer = undefined;
		this.#tick = undefined;
	}

	/**
	 * The page goes away (navigation, sign-out): a code still on screen goes with it, and so does a result (a reload
	 * runs no destroy, so the result it keeps is shown again; coming back later is a fresh start).
	 */
	destroy(): void {
		// No reload: the customer's data may be going too (sign-out, which puts the code away itself first).
		this.#putAwayShownCode(false);
		this.customer.resultOnScreen = null;
		this.#openedAtServerMs = null;
		this.#generation++;
		this.#stopTimers();
	}
}
