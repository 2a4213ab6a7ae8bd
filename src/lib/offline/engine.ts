// The sync engine: takes payments through the outbox and drains it. Plain TypeScript (no Svelte),
// so the same object serves the cashier screen and the tests; outbox.svelte.ts wraps it for views.
//
// Triggers: app start, the `online` event, the page becoming visible, a Background Sync message
// from the service worker, and a timer set to the earliest entry's backoff.
import { liveQuery } from 'dexie';
import { backoffDelayMs, SYNC_BACKOFF_MAX_MS } from './backoff';
import { OUTBOX_SYNC_MESSAGE, registerBackgroundSync } from './background-sync';
import type { PosOfflineDb } from './db';
import { drainOutbox, noteContact, SINGLE_LEASE_MS, type DrainReport } from './drain';
import { recordIntent, type EnqueueRefusal, type PaymentIntent } from './enqueue';
import { SINGLE_SEND_TIMEOUT_MS, SINGLE_SEND_UNREACHABLE_TIMEOUT_MS, sendOne, type Fetch, type HttpOptions } from './http';
import type { OfflineLimits } from './limits';
import type { SendOutcome } from './outcome';
import { asSender, browserLocks, heldLockNames, withDeclinedLock, withOutboxLock, type LockManagerLike } from './lock';
import { requestPersistentStorage, type PersistState } from './persist';
import { byState } from './queries';
import { pruneFinished, reopen, resolve as resolveInStore, resolveIfDeclined, settle } from './store';
import { readDeclined, type ReopenOutcome, type ResolveOutcome } from './entry';
import { PENDING_STATES } from './transitions';
import { startUnsentReports } from './unsent-report';
import type { AtCounter, CashierAuth, Money, OutboxEntry, Payment, Resolution, ServerError } from './types';

/** The timer never fires sooner than this after a drain, so a zero jitter cannot spin the loop. */
export const SYNC_TIMER_MIN_MS = 250;

export interface SyncEngineOptions {
	db: PosOfflineDb;
	/** The signed-in cashier, or null when signed out (nothing is sent then). */
	auth: () => CashierAuth | null;
	/** This merchant's offline limits (defaultOfflineLimits until the API serves them). */
	limits: () => OfflineLimits;
	fetch?: Fetch;
	baseUrl?: string;
	/** The Web Locks manager; null to use the in-page lock only. Defaults to the browser's. */
	locks?: LockManagerLike | null;
	/** navigator.onLine by default. */
	isOnline?: () => boolean;
	now?: () => number;
	random?: () => number;
	/**
	 * While started, tell the server what this tablet holds unsent (unsent-report.ts), for the manager's close on
	 * another tablet. The app's engine does (runtime.ts); tests of the queue leave their fake server out of it.
	 */
	reportUnsent?: boolean;
}

export interface SyncStatus {
	/** This tab holds the outbox lock and is sending. */
	syncing: boolean;
	/** Whether the server answered the last request: null before any. */
	reachable: boolean | null;
	/** The server refused the session: the queue waits until the cashier signs in again. */
	unauthorized: boolean;
	/** A payment is being written or sent right now. */
	charging: boolean;
	/** Sales this tab charges online at the counter: in the outbox (written down first) but never queued. */
	atCounter: AtCounter;
	persisted: PersistState | null;
	lastReport: DrainReport | null;
}

/** How many answered keys the counter remembers: far more than the live query can lag behind. */
const ANSWERED_KEYS_KEPT = 20;

export type ChargeResult =
	| { kind: 'succeeded'; entry: OutboxEntry; payment: Payment }
	| { kind: 'declined'; entry: OutboxEntry; payment: Payment }
	/**
	 * The server refused the request (a 4xx other than 408), the session (401) or the pace (429): nothing
	 * was charged, and the entry is out of the queue (resolved as seen at the counter, never sent again).
	 */
	| { kind: 'rejected'; entry: OutboxEntry; error: ServerError }
	/** Stored, not yet paid: sent by itself later. `cause` says why, for the words on screen. */
	| { kind: 'queued'; entry: OutboxEntry; cause: QueuedCause }
	/** Not stored: an offline limit, a malformed code or amount, or no signed-in cashier. */
	| { kind: 'refused'; refusal: EnqueueRefusal | { ok: false; reason: 'SIGNED_OUT' } };

/** Why a sale was queued: the tablet had no network, or the server gave no answer in time (or failed inside). */
export type QueuedCause = 'no-network' | 'no-answer';

export const IDLE_SYNC_STATUS: SyncStatus = {
	syncing: false,
	reachable: null,
	unauthorized: false,
	charging: false,
	atCounter: { codes: new Set(), answeredKeys: new Set() },
	persisted: null,
	lastReport: null
};

export class SyncEngine {
	readonly db: PosOfflineDb;
	readonly #options: SyncEngineOptions;
	readonly #locks: LockManagerLike | undefined;
	#status: SyncStatus = IDLE_SYNC_STATUS;
	#charging = 0;
	/** What status.atCounter shows, kept here and published whole on each change. */
	readonly #codesAtCounter = new Set<string>();
	#answeredAtCounter: string[] = [];
	#listeners = new Set<(status: SyncStatus) => void>();
	#running: Promise<void> | null = null;
	#again = false;
	#againForced = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#stopped = false;

	constructor(options: SyncEngineOptions) {
		this.db = options.db;
		this.#options = options;
		this.#locks = options.locks === null ? undefined : (options.locks ?? browserLocks());
	}

	get status(): SyncStatus {
		return this.#status;
	}

	/** True while a payment is taken or a sync runs: the moment not to reload for an update. */
	get busy(): boolean {
		return this.#status.charging || this.#status.syncing || this.#running !== null;
	}

	/** Resolves once no drain runs in this tab (for tests, and before reloading for an update). */
	async whenIdle(): Promise<void> {
		while (this.#running) await this.#running;
	}

	subscribe(listener: (status: SyncStatus) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Hooks the triggers up and drains once. Returns the function that unhooks them. */
	start(): () => void {
		this.#stopped = false;
		const onOnline = () => void this.sync(true);
		const onVisible = () => {
			if (document.visibilityState === 'visible') void this.sync(false);
		};
		const onMessage = (e: MessageEvent) => {
			if ((e.data as { type?: unknown } | null)?.type === OUTBOX_SYNC_MESSAGE) void this.sync(true);
		};
		const hasWindow = typeof window !== 'undefined';
		const sw = typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
		if (hasWindow) window.addEventListener('online', onOnline);
		if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
		sw?.addEventListener('message', onMessage);
		void requestPersistentStorage().then((persisted) => this.#set({ persisted }));
		// Paid and resolved entries older than 30 days leave the tablet; queued and declined ones never do.
		void pruneFinished(this.db, this.#now()).catch(() => undefined);
		void this.sync(true);
		// What this tablet holds unsent, told to the server for the manager's close on another tablet.
		const stopReports = this.#options.reportUnsent
			? startUnsentReports({
					db: this.db,
					auth: this.#options.auth,
					currency: () => this.#options.limits().totalMax.currency,
					atCounter: () => this.#status.atCounter,
					draining: () => this.#running !== null,
					onStatus: (listener) => this.subscribe(listener),
					isOnline: () => this.#isOnline(),
					fetch: this.#options.fetch,
					baseUrl: this.#options.baseUrl
				})
			: () => undefined;
		return () => {
			this.#stopped = true;
			stopReports();
			clearTimeout(this.#timer);
			if (hasWindow) window.removeEventListener('online', onOnline);
			if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
			sw?.removeEventListener('message', onMessage);
		};
	}

	/**
	 * Takes a payment: writes the intent to the outbox first, then (online) sends it at once
	 * through `POST /api/payments`. Offline, or when the answer does not come, it stays queued.
	 */
	async charge(intent: PaymentIntent): Promise<ChargeResult> {
		const auth = this.#options.auth();
		if (!auth) return { kind: 'refused', refusal: { ok: false, reason: 'SIGNED_OUT' } };
		const networkUp = this.#isOnline();
		// Marked before the entry is written, so the bar never counts this sale as queued, not even for a frame.
		const code = networkUp ? intent.code : null;
		let answeredKey: string | null = null;
		this.#charging++;
		if (code) this.#codesAtCounter.add(code);
		this.#publishCharging();
		try {
			// As a sender (lock.ts): should this page go before the answer comes, the next drain puts the sale back in
			// the queue at once, instead of after its lease.
			return await asSender(this.#locks, (sender) =>
				this.#chargeAs(sender, auth, intent, networkUp, (key) => {
					answeredKey = key;
				})
			);
		} finally {
			this.#charging--;
			if (code) this.#codesAtCounter.delete(code);
			if (answeredKey) this.#answeredAtCounter = [...this.#answeredAtCounter, answeredKey].slice(-ANSWERED_KEYS_KEPT);
			this.#publishCharging();
		}
	}

	async #chargeAs(
		sender: string | undefined,
		auth: CashierAuth,
		intent: PaymentIntent,
		networkUp: boolean,
		onAnswered: (key: string) => void
	): Promise<ChargeResult> {
		const recorded = await recordIntent(this.db, intent, {
			merchantId: auth.merchantId,
			cashierId: auth.cashierId,
			// The limits apply when the server is out of reach, whatever navigator.onLine says.
			offline: !networkUp || this.#status.reachable === false,
			limits: this.#options.limits(),
			claimForSendMs: networkUp ? SINGLE_LEASE_MS : undefined,
			sender,
			now: this.#now()
		});
		if (!recorded.ok) return { kind: 'refused', refusal: recorded };
		if (!networkUp) {
			void registerBackgroundSync();
			return { kind: 'queued', entry: recorded.entry, cause: 'no-network' };
		}

		const timeoutMs = this.#status.reachable === false ? SINGLE_SEND_UNREACHABLE_TIMEOUT_MS : SINGLE_SEND_TIMEOUT_MS;
		const sent = await sendOne(recorded.entry, this.#http(auth), timeoutMs);
		const outcome = atCounterVerdict(sent);
		const key = recorded.entry.idempotencyKey;
		const [after] = await settle(this.db, [{ idempotencyKey: key, outcome }], this.#now(), backoffDelayMs(0, this.#random()));
		let entry = after ?? (await this.db.outbox.get(key)) ?? recorded.entry;
		// The cashier sees this decline on screen with the customer in front of them: it does not
		// belong in the list of payments declined after sync, which waits for someone to act.
		if (entry.state === 'declined') {
			entry = await this.resolve(key, { kind: 'seen_at_counter', resolvedAt: new Date(this.#now()).toISOString() });
		}
		if (outcome.kind !== 'retry') onAnswered(key);
		if (outcome.kind === 'retry') {
			this.#set({ reachable: false });
			void registerBackgroundSync();
			void this.#schedule();
		} else {
			this.#set({ reachable: true, unauthorized: sent.kind === 'unauthorized' });
			// Not awaited: the time of contact is for the banner, the cashier should not wait for its write.
			void noteContact(this.db, this.#now()).catch(() => undefined);
			// The server is there: anything still queued from before goes now (not awaited: the
			// cashier has their answer). Not while it asks us to slow down, nor without a session.
			if (sent.kind !== 'unauthorized' && sent.kind !== 'rate_limited') void this.#drainIfWaiting(auth.merchantId);
		}
		return chargeResult(entry, 'no-answer');
	}

	#publishCharging(): void {
		this.#set({
			charging: this.#charging > 0,
			atCounter: { codes: new Set(this.#codesAtCounter), answeredKeys: new Set(this.#answeredAtCounter) }
		});
	}

	async #drainIfWaiting(merchantId: string): Promise<void> {
		if ((await byState(this.db, merchantId, 'queued').count()) > 0) await this.sync(true);
	}

	/** Drains the outbox (one tab at a time). Calls while a drain runs fold into one more round. */
	sync(force = false): Promise<void> {
		if (this.#running) {
			this.#again = true;
			this.#againForced ||= force;
			return this.#running;
		}
		this.#running = (async () => {
			try {
				let forced = force;
				do {
					this.#again = false;
					await this.#syncOnce(forced);
					forced = this.#againForced;
					this.#againForced = false;
				} while (this.#again && !this.#stopped);
			} finally {
				this.#running = null;
				this.#set({});
			}
		})();
		return this.#running;
	}

	/**
	 * Calls `listener` with the entry now and whenever it changes in the outbox (in this tab or
	 * another), until the returned function is called.
	 */
	watchEntry(idempotencyKey: string, listener: (entry: OutboxEntry | undefined) => void): () => void {
		const sub = liveQuery(() => this.db.outbox.get(idempotencyKey)).subscribe(listener);
		return () => sub.unsubscribe();
	}

	/**
	 * The sales of every shop this tablet still owes the server (queued or being sent), however many cashiers signed
	 * out since: what the sign-in screen says is waiting for a sign-in. `total` null when none wait.
	 */
	async waitingForSignIn(): Promise<{ count: number; total: Money | null; firstScannedAt: string | null }> {
		const rows = await this.db.outbox.where('state').anyOf([...PENDING_STATES]).toArray();
		if (rows.length === 0) return { count: 0, total: null, firstScannedAt: null };
		// The first scanned is the first the server would decline as too old: the sign-in screen says by when.
		const firstScannedAt = rows.map((e) => e.scannedAt).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
		return { count: rows.length, total: { amount: rows.reduce((sum, e) => sum + e.amount.amount, 0), currency: rows[0]!.amount.currency }, firstScannedAt };
	}

	/** The cashier settled a payment declined at sync. */
	resolve(idempotencyKey: string, resolution: Resolution): Promise<OutboxEntry> {
		return resolveInStore(this.db, idempotencyKey, resolution);
	}

	/**
	 * Runs `act` on the entry of the declined list `idempotencyKey`, read back now, while no other tab of this tablet
	 * acts on it; or, settled meanwhile (by another tab, or taken off by the sync), does not run it. `act` settles the
	 * entry with `settleDeclined` (not `resolve`, which would wait for this same lock).
	 */
	actOnDeclined<T>(idempotencyKey: string, act: (entry: OutboxEntry) => Promise<T>): Promise<{ kind: 'acted'; value: T } | { kind: 'sorted_elsewhere' }> {
		return withDeclinedLock(
			idempotencyKey,
			async () => {
				const read = readDeclined(await this.db.outbox.get(idempotencyKey));
				if (read.kind === 'sorted_elsewhere') return read;
				return { kind: 'acted' as const, value: await act(read.entry) };
			},
			this.#locks
		);
	}

	/** Settles an entry of the declined list, or says it was settled already (store.ts resolveIfDeclined). */
	settleDeclined(idempotencyKey: string, resolution: Resolution): Promise<ResolveOutcome> {
		return resolveIfDeclined(this.db, idempotencyKey, resolution);
	}

	/** Undo of "Already paid — remove": `before`, the entry as it was, back on the list (entry.ts reopenEntry). */
	reopen(before: OutboxEntry, removal: Resolution): Promise<ReopenOutcome> {
		return withDeclinedLock(before.idempotencyKey, () => reopen(this.db, before, removal), this.#locks);
	}

	async #syncOnce(force: boolean): Promise<void> {
		const auth = this.#options.auth();
		if (!auth || this.#stopped) return;
		if (!this.#isOnline()) return; // the `online` event brings us back
		try {
			const report = await withOutboxLock(async () => {
				this.#set({ syncing: true });
				try {
					return await asSender(this.#locks, (sender) =>
						drainOutbox({
							db: this.db,
							http: this.#http(auth),
							merchantId: auth.merchantId,
							force,
							now: this.#options.now,
							random: this.#options.random,
							sender,
							heldLocks: () => heldLockNames(this.#locks)
						})
					);
				} finally {
					this.#set({ syncing: false });
				}
			}, this.#locks);
			this.#set({
				lastReport: report,
				...(report.reachable === null ? {} : { reachable: report.reachable }),
				unauthorized: report.unauthorized
			});
		} catch (err) {
			// A database error must not stop the timer: log it and try again on the next trigger.
			console.error('outbox sync failed', err);
		}
		await this.#schedule();
	}

	/** Sets the timer to the earliest queued entry's retry time (at most SYNC_BACKOFF_MAX_MS away). */
	async #schedule(): Promise<void> {
		clearTimeout(this.#timer);
		const auth = this.#options.auth();
		if (!auth || this.#stopped || this.#status.unauthorized) return;
		let earliest = Infinity;
		await byState(this.db, auth.merchantId, 'queued').each((e) => {
			earliest = Math.min(earliest, e.nextAttemptAt);
		});
		if (earliest === Infinity) return;
		const delayMs = Math.min(SYNC_BACKOFF_MAX_MS, Math.max(SYNC_TIMER_MIN_MS, earliest - this.#now()));
		this.#timer = setTimeout(() => void this.sync(false), delayMs);
	}

	#http(auth: CashierAuth): HttpOptions {
		return {
			fetch: this.#options.fetch ?? ((input, init) => fetch(input, init)),
			baseUrl: this.#options.baseUrl ?? '',
			token: auth.token
		};
	}

	#isOnline(): boolean {
		if (this.#options.isOnline) return this.#options.isOnline();
		return typeof navigator === 'undefined' ? true : navigator.onLine;
	}

	#now(): number {
		return (this.#options.now ?? Date.now)();
	}

	#random(): () => number {
		return this.#options.random ?? Math.random;
	}

	#set(patch: Partial<SyncStatus>): void {
		this.#status = { ...this.#status, ...patch };
		for (const listener of this.#listeners) listener(this.#status);
	}
}

/**
 * How a sale at the counter reads an answer. With the customer in front of the cashier, two answers that
 * only mean "not now" for a queued entry are a plain no: a 401 (the session ended: the sale must not wait,
 * unpaid, for a sign-in nobody knows is needed) and a 429 (too many unknown codes: re-sending the code is
 * what the server asks us not to do). Both mean the server did nothing, so the sale is refused on screen,
 * taken out of the queue and kept only as history, like any other refusal answered at the counter.
 */
function atCounterVerdict(outcome: SendOutcome): SendOutcome {
	if (outcome.kind === 'rate_limited') return { kind: 'rejected', error: outcome.error };
	if (outcome.kind === 'unauthorized') {
		return { kind: 'rejected', error: { code: 'UNAUTHENTICATED', message: outcome.error, status: 401 } };
	}
	return outcome;
}

function chargeResult(entry: OutboxEntry, cause: QueuedCause): ChargeResult {
	if (entry.state === 'succeeded' && entry.payment) return { kind: 'succeeded', entry, payment: entry.payment };
	// A decline answered at once is already resolved as seen at the counter.
	const answered = entry.state === 'declined' || entry.state === 'resolved';
	if (answered && entry.payment) return { kind: 'declined', entry, payment: entry.payment };
	if (answered && entry.error) return { kind: 'rejected', entry, error: entry.error };
	return { kind: 'queued', entry, cause };
}
