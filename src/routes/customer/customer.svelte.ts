/**
 * The signed-in customer's data: wallet, coupons and the payments that arrive live. One instance
 * per signed-in session, created by the customer layout and handed down by context.
 */
import { getContext, setContext, untrack } from 'svelte';
import { NetworkError, type ApiClient } from '$lib/api/client';
import { listenForPayments } from '$lib/api/events';
import { getCouponList, getWallet, retirePayCode } from '$lib/api/customer';
import type { GivenCoupon } from '$lib/api/distribution';
import type { Coupon, Payment, Wallet, WalletRefund } from '$lib/api/types';
import type { Money } from '$lib/money/money';
import { forgetOtherCustomers, loadCustomerSnapshot, phoneStorage, saveCustomerSnapshot, type CustomerSnapshot } from '$lib/offline/customer-cache';
import type { SessionStore } from '$lib/session/session.svelte';
import { signOutNoted } from '$lib/session/sign-outs-note';
import type { CustomerSession } from '$lib/api/types';

type PaymentListener = (payment: Payment) => void;

type BackOnlineListener = () => void;
/** `expiresAtMs`: when the code just made for this customer expires, on the server's clock. */
type PaycodeListener = (expiresAtMs: number) => void;

/** Signing out waits this long at most for the code on screen to be put away (offline it expires by itself). */
const SIGN_OUT_WAIT_MS = 3_000;
/** Payments told live and not yet folded into the kept history at most: past this, the history is read again. */
const LIVE_TO_FOLD_MAX = 20;
const CODE_ON_SCREEN_KEY = 'pos.customer.codeOnScreen';
const RESULT_ON_SCREEN_KEY = 'pos.customer.resultOnScreen';
function readCodeOnScreen(): string | null {
	try {
		return sessionStorage.getItem(CODE_ON_SCREEN_KEY);
	} catch {
		return null;
	}
}

/** A coupon of this customer's that the friend accepted just before a tap on its card: which tap. */
export interface AcceptedJustNow {
	couponId: string;
	tapped: 'takeBack' | 'copyAgain';
}

export class CustomerState {
	#wallet = $state<Wallet | null>(null);
	#coupons = $state<Coupon[] | null>(null);
	#given = $state<GivenCoupon[]>([]);
	/** A coupon the friend had just accepted when this customer tapped its card (ShareCoupon), said among the given. */
	#acceptedJustNow = $state<AcceptedJustNow | null>(null);
	#loadError = $state<unknown>(null);
	#live = $state(false);
	/**
	 * Whose wallet, coupons and gifts these are. A phone is shared: after one customer signs out and the next
	 * signs in, the first one's balance and coupons must not show, not even until the next read answers (or for
	 * as long as it fails, offline). Everything read is shown only while the signed-in customer is its owner.
	 */
	#owner = $state<string | null>(null);
	#offlineSince = $state<string | null>(null);
	#keptSince = $state<string | null>(null);
	#listeners = new Set<PaymentListener>();
	#backOnlineListeners = new Set<BackOnlineListener>();
	#paycodeListeners = new Set<PaycodeListener>();
	/** Numbers the reads of wallet and coupons: only the latest one started may show its answer. */
	#reads = 0;
	/** The number of the read whose wallet is shown (0: none yet, or the snapshot kept on the phone). */
	#walletRead = $state(0);
	/** The number of the latest read that answered, with the wallet or with an error. */
	#readAnswered = $state(0);
	#stopLive: (() => void) | null = null;
	#startedBefore = false;
	/**
	 * The history kept on the phone (for the history screen offline) is brought up to each wallet read
	 * (#bringHistoryUpTo): read again at first, after the network's return, after a refund, and whenever the balance
	 * moved by more than the payments told live explain (money added); those payments are folded into it instead.
	 */
	#historyStale = true;
	/** The balance (minor units) the kept history goes with: that of the wallet read it was brought up to. */
	#historyBalance: number | null = null;
	/** Payments told by the event stream since the kept history was last brought up to a wallet read. */
	#liveToFold: Payment[] = [];
	/**
	 * Refunds the shop made that the home screen tells of until the customer closes the notice or shows a code: told
	 * live, or missed while the phone was offline or the wallet closed and found by the refunds' read that brings the
	 * history up (takeWalletNews, history-kept.ts), each once. Newest first.
	 */
	#refundNews = $state<WalletRefund[]>([]);
	/**
	 * Charges no result screen of this phone showed (a late sale of an offline till, a code put away and charged while
	 * the customer was in the history), told as the refunds are, on the home screen and the history until closed or
	 * the next code. Newest first.
	 */
	#chargeNews = $state<Payment[]>([]);
	/** The payments this page showed as a result: never news (chargeShown). */
	#chargesShown = new Set<string>();
	/**
	 * What "Paid" screens showed of their payments' refunds (refundsShownOnResult): the amount refunded in all, by
	 * payment id. Those refunds are not news on the home screen (refund-news.ts notShownOnResult). Kept in this page
	 * only: the refunds' read that follows a refund keeps it as seen on the phone, never to be news after a reload.
	 */
	#refundsShown = new Map<string, number>();
	/** The refunds the last read listed (their newest page): which of them a "Paid" screen showed is told from these. */
	#refundsListed: WalletRefund[] = [];
	/** One bringing-up at a time: a fold must not land on a copy that a read under way is about to replace. */
	#historyWork: Promise<void> = Promise.resolve();
	/** The last code request: the next one goes when it has been answered (inTurn). */
	#codeRequests: Promise<unknown> = Promise.resolve();
	/**
	 * The code this page has on screen, kept here as well: sessionStorage may be blocked, and after a reload it holds
	 * the code of the page before, which nothing shows.
	 */
	#codeShown = $state<string | null>(null);
	/**
	 * The payment code on screen, if any (the code screen keeps it): put away before signing out, and after a
	 * reload, which drops the screen but not the code: kept in sessionStorage (this tab only) until then, so a
	 * reloaded page puts it away at once instead of leaving its coupon held for up to a minute.
	 */
	get codeOnScreen(): string | null {
		return this.#codeShown ?? readCodeOnScreen();
	}
	set codeOnScreen(code: string | null) {
		this.#codeShown = code;
		try {
			if (code) sessionStorage.setItem(CODE_ON_SCREEN_KEY, code);
			else sessionStorage.removeItem(CODE_ON_SCREEN_KEY);
		} catch {
			// Storage blocked: the code expires by itself.
		}
	}

	/**
	 * A code that pays is on this page's screen (not a leftover from before a reload): "Sign out" asks first then, as
	 * it would put the code away (a tap beside the language while the phone is held up to the scanner).
	 */
	get codeLive(): boolean {
		return this.#codeShown !== null;
	}

	/**
	 * The payment whose result is on screen (paid or declined), kept in sessionStorage (this tab only) with its
	 * customer, so a reload shows the result again instead of dropping the customer on the home screen wondering
	 * whether the payment went through. Only the id: the payment itself is read again.
	 */
	get resultOnScreen(): string | null {
		try {
			const kept = JSON.parse(sessionStorage.getItem(RESULT_ON_SCREEN_KEY) ?? 'null') as { customerId?: unknown; paymentId?: unknown } | null;
			const mine = kept !== null && kept.customerId === this.session.session?.customerId && typeof kept.paymentId === 'string';
			return mine ? (kept.paymentId as string) : null;
		} catch {
			return null;
		}
	}
	set resultOnScreen(paymentId: string | null) {
		try {
			const customerId = this.session.session?.customerId;
			if (paymentId && customerId) sessionStorage.setItem(RESULT_ON_SCREEN_KEY, JSON.stringify({ customerId, paymentId }));
			else sessionStorage.removeItem(RESULT_ON_SCREEN_KEY);
		} catch {
			// Storage blocked: a reload shows the home screen, as it did before.
		}
	}

	constructor(readonly session: SessionStore<CustomerSession>) {}

	get api(): ApiClient {
		return this.session.api;
	}
	/** Whether what was read belongs to the customer signed in now (see #owner). */
	get #ownedBySignedIn(): boolean {
		return this.#owner !== null && this.#owner === this.session.session?.customerId;
	}
	get wallet() {
		return this.#ownedBySignedIn ? this.#wallet : null;
	}
	get coupons() {
		return this.#ownedBySignedIn ? this.#coupons : null;
	}
	/** Coupons this customer shared and a friend claimed. */
	get given() {
		return this.#ownedBySignedIn ? this.#given : [];
	}
	/**
	 * The coupon whose "Take back" came too late, or whose "Copy link again" found the link used up: the friend had
	 * accepted it a moment before. Its card has left the list (the coupon is the friend's), and with it the card's own
	 * message, so the given list says what happened.
	 */
	get acceptedJustNow(): AcceptedJustNow | null {
		return this.#ownedBySignedIn ? this.#acceptedJustNow : null;
	}
	set acceptedJustNow(accepted: AcceptedJustNow | null) {
		this.#acceptedJustNow = accepted;
	}
	get refundNews(): WalletRefund[] {
		return this.#ownedBySignedIn ? this.#refundNews : [];
	}
	dismissRefundNews(): void {
		this.#refundNews = [];
	}
	get chargeNews(): Payment[] {
		return this.#ownedBySignedIn ? this.#chargeNews : [];
	}
	dismissChargeNews(): void {
		this.#chargeNews = [];
	}
	/** A result screen shows this payment: the customer sees it there, so it is no news (told already, it is dropped). */
	chargeShown(paymentId: string): void {
		this.#chargesShown.add(paymentId);
		this.#chargeNews = this.#chargeNews.filter((p) => p.id !== paymentId);
	}
	/**
	 * The "Paid" screen of `payment` says what its refunds gave back ("Refunded ¥25.00"): the customer has been told
	 * of them there, so the home screen they go to after "Done" does not tell them again. Refunds of it made later, and
	 * of other payments, are still news.
	 */
	refundsShownOnResult({ id, refunded }: Payment): void {
		if (refunded.amount <= (this.#refundsShown.get(id) ?? 0)) return;
		this.#refundsShown.set(id, refunded.amount);
		// News already read (after a reload, the refunds' read may answer before the result's): dropped now. The module
		// is loaded then, as it read them; the wallet's first load does not carry it.
		if (this.#refundNews.length === 0) return;
		import('./history-kept')
			.then(({ notShownOnResult }) => (this.#refundNews = notShownOnResult(this.#refundNews, this.#refundsListed, this.#refundsShown)))
			.catch(() => undefined);
	}
	get loadError() {
		return this.#loadError;
	}
	/** Whether the live stream is connected (results arrive without reloading). */
	get live() {
		return this.#live;
	}
	get currency(): string {
		return this.#wallet?.balance.currency ?? 'CNY';
	}

	/** How many reads of wallet and coupons have started so far: one numbered higher starts after now. */
	get readsStarted(): number {
		return this.#reads;
	}

	/**
	 * The balance as a read started after read number `readNo` gave it (readsStarted at the moment that
	 * matters, such as a payment's arrival): 'updating' while that read is out, null when it failed. A payment
	 * screen shows this, never the balance from before the payment it reports.
	 */
	balanceAfter(readNo: number): Money | 'updating' | null {
		if (this.#wallet && this.#walletRead > readNo) return this.#wallet.balance;
		return this.#readAnswered > readNo ? null : 'updating';
	}

	/** When the wallet and coupons shown are a snapshot kept on the phone (no network), its time. */
	get offlineSince(): string | null {
		return this.#offlineSince;
	}

	/** When the wallet and coupons shown are the snapshot kept on the phone while the first read is out, its time. */
	get keptSince(): string | null {
		return this.#keptSince;
	}

	/**
	 * Reads the wallet and coupons again. Resolves once a read started no earlier than this call has answered: when a
	 * later read supersedes this one (a live event's), its answer is waited for, so a caller that goes on to what the
	 * read shows (a top-up's dialog closing on the new balance) does not go on with the balance from before.
	 */
	refresh(): Promise<void> {
		const reading = this.#read();
		this.#latestRead = reading;
		return reading;
	}
	/** The latest read started (refresh): what a superseded one waits for. */
	#latestRead: Promise<void> = Promise.resolve();

	async #read(): Promise<void> {
		const customerId = this.session.session?.customerId;
		const read = ++this.#reads;
		// Untracked: the layout calls this from an effect, which would otherwise run again (and open another stream)
		// whenever what is read here changes.
		untrack(() => {
			if (customerId !== this.#owner) this.#forgetOwner(customerId ?? null);
			// Nothing to show yet: the snapshot kept on the phone shows at once, marked as such, while the read is out. On
			// a network that hangs rather than fails (a lift, a weak signal) the read fails only after REQUEST_TIMEOUT_MS.
			const kept = !this.#wallet && customerId ? loadCustomerSnapshot<Wallet, Coupon, GivenCoupon>(phoneStorage(), customerId) : null;
			if (kept) this.#keptSince = this.#showSnapshot(kept);
		});
		try {
			const [wallet, list] = await Promise.all([getWallet(this.api), getCouponList(this.api)]);
			// An older read answering late (a payment event, then a put-away code) must not win.
			if (read !== this.#reads) return this.#latestRead;
			this.#wallet = wallet;
			this.#walletRead = read;
			this.#readAnswered = read;
			this.#coupons = list.coupons;
			this.#given = list.given;
			this.#loadError = null;
			this.#offlineSince = this.#keptSince = null;
			// Kept on the phone so the screen still shows them with no network.
			if (customerId && this.mayKeep(customerId)) {
				saveCustomerSnapshot(phoneStorage(), customerId, { wallet, coupons: list.coupons, given: list.given, savedAt: new Date().toISOString() });
				const balanceMinor = wallet.balance.amount;
				this.#historyWork = this.#historyWork.then(() => this.#bringHistoryUpTo(customerId, balanceMinor));
			}
		} catch (e) {
			if (read !== this.#reads) return this.#latestRead;
			this.#readAnswered = read;
			this.#loadError = e;
			// The snapshot shown while waiting was shown for want of an answer; a server that answered with a fault gets
			// the screen it got before there was one (the error, with "Try again"), not figures that look current.
			if (this.#keptSince !== null && !(e instanceof NetworkError)) [this.#wallet, this.#coupons, this.#given] = [null, null, []];
			this.#keptSince = null;
			const snapshot = customerId && e instanceof NetworkError ? loadCustomerSnapshot<Wallet, Coupon, GivenCoupon>(phoneStorage(), customerId) : null;
			if (snapshot && !this.#wallet) this.#offlineSince = this.#showSnapshot(snapshot);
			else if (snapshot) this.#offlineSince ??= snapshot.savedAt;
		}
	}

	/** Shows the wallet, coupons and gifts kept on the phone; returns the time they date from, for the screen to say. */
	#showSnapshot(snapshot: CustomerSnapshot<Wallet, Coupon, GivenCoupon>): string {
		this.#wallet = snapshot.wallet;
		this.#coupons = snapshot.coupons;
		this.#given = snapshot.given ?? [];
		return snapshot.savedAt;
	}

	/**
	 * Whether what this customer's reads answered may be kept on the phone: only while they are the one signed in (a
	 * read that answers after "Sign out", or another's sign-in, must not write their wallet or history back). Keeping
	 * theirs, the phone forgets anyone else's.
	 */
	mayKeep = (customerId: string): boolean => {
		if (this.session.session?.customerId !== customerId) return false;
		forgetOtherCustomers(phoneStorage(), customerId);
		return true;
	};

	/**
	 * Brings the wallet's history kept on the phone (so the history opens offline) up to the balance just read: the
	 * payments told live since are folded in when they explain the balance, with no read at all; otherwise the newest
	 * page of each list is read again in the background (three requests).
	 */
	async #bringHistoryUpTo(customerId: string, balanceMinor: number): Promise<void> {
		if (customerId !== this.#owner) return;
		const live = this.#liveToFold.splice(0);
		const [stale, balanceBefore] = [this.#historyStale, this.#historyBalance];
		if (!stale && balanceBefore === balanceMinor && live.length === 0) return;
		this.#historyStale = false;
		this.#historyBalance = balanceMinor;
		try {
			const kept = await import('./history-kept');
			// Folded, the payments told live are the news to look through; every refund moves the history, live or missed
			// (folding gives up on one), and is read here with the payments.
			const folded = !stale && balanceBefore !== null && kept.foldIntoKept(customerId, live, balanceBefore, balanceMinor, this.mayKeep);
			const listed = folded ? { payments: live, refunds: null } : await kept.readHistoryToKeep(this.api, customerId, this.mayKeep);
			if (customerId !== this.#owner) return;
			const news = kept.takeWalletNews(customerId, listed, { refunds: this.#refundNews, charges: this.#chargeNews }, this.mayKeep);
			this.#refundsListed = listed.refunds ?? this.#refundsListed;
			this.#refundNews = kept.notShownOnResult(news.refunds, this.#refundsListed, this.#refundsShown);
			this.#chargeNews = news.charges.filter((p) => !this.#chargesShown.has(p.id));
		} catch {
			this.#historyStale = true; // what is kept stays; the next wallet read tries again
		}
	}

	/** Another customer signed in on this phone: nothing of the last one's is kept to show or to fall back on. */
	#forgetOwner(customerId: string | null): void {
		this.#owner = customerId;
		this.#wallet = null;
		this.#walletRead = 0;
		this.#coupons = null;
		this.#given = [];
		this.#acceptedJustNow = null;
		this.#loadError = null;
		this.#offlineSince = this.#keptSince = null;
		this.#historyStale = true;
		this.#historyBalance = null;
		this.#liveToFold = [];
		this.#refundNews = [];
		this.#chargeNews = [];
		this.#chargesShown = new Set();
		this.#refundsShown = new Map();
		this.#refundsListed = [];
	}

	/**
	 * Starts the live stream; each payment event refreshes the wallet and coupons and is passed on.
	 * Payments made while the stream was down never arrive as events (events.ts), and what was shown
	 * offline is a snapshot: when the stream opens again or the browser says the network is back,
	 * everything is read again (as the cashier's Today page does).
	 */
	start(): () => void {
		// A code left on screen by the page before a reload: nothing shows it now, so it must not pay. Looked for
		// once, when this page starts: a later start (the session renewed) may find this page's own code there.
		const leftOver = this.#startedBefore ? null : readCodeOnScreen();
		this.#startedBefore = true;
		if (leftOver) void this.putAwayCode(leftOver);
		this.#stopLive?.();
		let down = false;
		this.#stopLive = listenForPayments(this.api, {
			onStatus: (up) => {
				this.#live = up;
				if (up && down) this.#backOnline();
				down = !up;
			},
			onPayment: (p) => {
				// Folded into the kept history at the wallet read below. Past LIVE_TO_FOLD_MAX waiting (the reads keep
				// failing), the lists are read again instead.
				if (this.#liveToFold.push(p) > LIVE_TO_FOLD_MAX) [this.#historyStale, this.#liveToFold] = [true, []];
				for (const l of this.#listeners) l(p);
				// After the listeners: a result screen counts on this read for the balance after the payment.
				void this.refresh();
			},
			// Cash put on the wallet at a shop's counter: the balance read again (a balance the kept history does not
			// explain has the history read again, as for a refund).
			onTopUp: () => void this.refresh(),
			onPaycode: ({ expiresAt }) => {
				const expiresAtMs = Date.parse(expiresAt);
				if (Number.isFinite(expiresAtMs)) for (const l of this.#paycodeListeners) l(expiresAtMs);
			}
		});
		const onOnline = () => this.#backOnline();
		// Back in the app from another (the chat a share link went through, the phone's lock screen): what changed
		// meanwhile without a payment event (a friend accepted a shared coupon) is read again.
		const onVisible = () => {
			if (document.visibilityState === 'visible') void this.refresh();
		};
		// Losing the network mid-session: the read fails at once and the screen says "offline" with the
		// time of what it shows, before the customer taps "Show payment code" and meets an error instead.
		const onOffline = () => void this.refresh();
		globalThis.addEventListener?.('online', onOnline);
		globalThis.addEventListener?.('offline', onOffline);
		globalThis.document?.addEventListener('visibilitychange', onVisible);
		return () => {
			globalThis.document?.removeEventListener('visibilitychange', onVisible);
			globalThis.removeEventListener?.('online', onOnline);
			globalThis.removeEventListener?.('offline', onOffline);
			this.#stopLive?.();
			this.#stopLive = null;
			this.#live = false;
		};
	}

	#backOnline(): void {
		this.#historyStale = true; // a payment declined meanwhile changed no balance
		void this.refresh();
		for (const l of this.#backOnlineListeners) l();
	}

	/** Called when the network or the live stream comes back, for screens holding an error from before. */
	onBackOnline(listener: BackOnlineListener): () => void {
		this.#backOnlineListeners.add(listener);
		return () => this.#backOnlineListeners.delete(listener);
	}

	/**
	 * Runs code requests one after another, for every screen of this customer: two in flight at once can
	 * be issued by the server in the other order, and the later one retires the code on screen.
	 */
	inTurn<T>(request: () => Promise<T>): Promise<T> {
		const next = this.#codeRequests.then(request, request);
		this.#codeRequests = next.catch(() => undefined);
		return next;
	}

	/**
	 * Puts a code away on the server, then (`reload`) reads the coupons again, so the one it held shows
	 * as free only once it is. A code that can't be put away (no network) expires by itself within a
	 * minute, so a failure is not the customer's problem.
	 */
	async putAwayCode(code: string, reload = true): Promise<void> {
		if (this.codeOnScreen === code) this.codeOnScreen = null;
		await retirePayCode(this.api, code).catch(() => undefined);
		if (reload) void this.refresh();
	}

	/**
	 * Signing out: the customer's live code goes first, while the sign-in that may put it away is still valid.
	 * Whichever code it is, not only this tab's: another tab of this phone may show one (its sessionStorage is its
	 * own), and it would go on paying after "Sign out" until it expired. The server keeps one live code per customer.
	 */
	async putAwayCodeBeforeSignOut(waitMs: number): Promise<void> {
		this.codeOnScreen = null;
		const retired = this.api.del('/paycodes/current').catch(() => undefined);
		await Promise.race([retired, new Promise((r) => setTimeout(r, waitMs))]);
	}

	/**
	 * Sign this customer out of this phone, for the next person on it: the balance and history kept for offline use are
	 * forgotten, the live code put away (waiting at most SIGN_OUT_WAIT_MS: offline it expires by itself), then the
	 * session ended. Used by the customer's screens and by a claim page ("Not you?"). Noted first, until the server has
	 * heard of it (offline, it is sent later: sign-outs-later.ts); until then the token still works there.
	 */
	async signOut(): Promise<void> {
		forgetOtherCustomers(phoneStorage(), null);
		const { token, session } = this.session;
		// Noted before anything is sent, as the tablet's is, and forgotten once the server has answered: a phone gone
		// meanwhile (noted only after a failure, it noted nothing) starts signed out, and sends it then.
		await signOutNoted(this.session.storageKey, token, session?.expiresAt, async () => {
			await this.putAwayCodeBeforeSignOut(SIGN_OUT_WAIT_MS);
			return this.session.signOut();
		});
		// Again: a read that answered meanwhile found this customer still signed in, and kept what it read.
		forgetOtherCustomers(phoneStorage(), null);
	}

	onPayment(listener: PaymentListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** A payment code was made for this customer, here or on another phone (the live stream says when it expires). */
	onPaycodeMade(listener: PaycodeListener): () => void {
		this.#paycodeListeners.add(listener);
		return () => this.#paycodeListeners.delete(listener);
	}
}

const KEY = Symbol('customer');
export const setCustomer = (c: CustomerState) => setContext(KEY, c);
export const getCustomer = () => getContext<CustomerState>(KEY);
