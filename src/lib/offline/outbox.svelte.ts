// The outbox as the cashier screen sees it: a small state class with private $state and a
// read-only surface. Create one per signed-in cashier session and hand it down by context.
// Subscriptions (the engine's status, Dexie liveQueries) start when a view first reads a value
// inside an effect and stop when no view reads them (createSubscriber).
import { liveQuery, type Subscription } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';
import { online } from 'svelte/reactivity/window';
import type { SyncRow } from './db';
import { gapCount } from './gaps';
import { IDLE_SYNC_STATUS, type SyncEngine, type SyncStatus } from './engine';
import type { PersistState } from './persist';
import { isQueued } from './entry';
import { readOutboxView, type OutboxView } from './queries';
import type { OutboxEntry } from './types';

/** The declined list shows at most this many entries (the oldest first): a screen, not a report. */
export const DECLINED_LIST_MAX = 100;
/**
 * How many answered sales are kept in memory, the latest: a screen needs them only until the server's own list
 * has them (a moment), and every online sale passes through the outbox too.
 */
export const ANSWERED_KEPT_MAX = 100;

export class OutboxState {
	readonly #merchantId: () => string | null;
	// Raw state: each value is replaced whole by its subscription, never mutated in place.
	#status = $state.raw<SyncStatus>(IDLE_SYNC_STATUS);
	#pending = $state.raw<OutboxEntry[]>([]);
	#declined = $state.raw<OutboxEntry[]>([]);
	#answered = $state.raw<OutboxEntry[]>([]);
	/** Whether IndexedDB has been read once: before, an empty list only means not read yet. */
	#read = $state(false);
	/** Keys seen in the queue whose answer has not been read yet. */
	readonly #watched = new Set<string>();
	#sync = $state.raw<SyncRow | null>(null);
	readonly #subscribe: () => void;

	readonly #db: SyncEngine['db'];

	/** `merchantId` is read when the subscriptions start: views of another merchant remount after sign-in. */
	constructor(engine: SyncEngine, merchantId: () => string | null) {
		this.#merchantId = merchantId;
		this.#status = engine.status;
		const db = engine.db;
		this.#db = db;
		this.#subscribe = createSubscriber(() => {
			const merchant = merchantId() ?? '';
			const offStatus = engine.subscribe((status) => (this.#status = status));
			const subs: Subscription[] = [
				// The queue, the declined list and the answers in one read: see readOutboxView.
				liveQuery(() => readOutboxView(db, merchant, this.#watched, DECLINED_LIST_MAX)).subscribe((view) => this.#apply(view)),
				liveQuery(() => db.meta.get('sync')).subscribe(
					(row) => (this.#sync = row && row.key === 'sync' ? row : null)
				)
			];
			return () => {
				offStatus();
				for (const s of subs) s.unsubscribe();
			};
		});
	}

	#apply(view: OutboxView): void {
		for (const key of view.gone) this.#watched.delete(key);
		for (const e of view.answered) this.#watched.delete(e.idempotencyKey);
		for (const e of view.pending) this.#watched.add(e.idempotencyKey);
		if (view.answered.length > 0) {
			const fresh = new Set(view.answered.map((e) => e.idempotencyKey));
			const kept = this.#answered.filter((e) => !fresh.has(e.idempotencyKey));
			this.#answered = [...kept, ...view.answered].slice(-ANSWERED_KEPT_MAX);
		}
		this.#pending = view.pending;
		this.#declined = view.declined;
		this.#read = true;
	}

	/**
	 * Reads the outbox again now. The live query sees every change written through the app, in any tab, but a moment
	 * later; a view that found an entry it showed already settled (`sorted_elsewhere`) reads it at once, so the
	 * entry's buttons go with it.
	 */
	async refresh(): Promise<void> {
		this.#apply(await readOutboxView(this.#db, this.#merchantId() ?? '', this.#watched, DECLINED_LIST_MAX));
	}

	/** The browser says it has a network (navigator.onLine). */
	get networkOnline(): boolean {
		return online.current ?? true;
	}

	/** The server can be reached: network up and the last request answered (or none yet). */
	get online(): boolean {
		this.#subscribe();
		return this.networkOnline && this.#status.reachable !== false;
	}

	/** Payments taken but not yet paid (queued or being sent), oldest first. */
	get pending(): readonly OutboxEntry[] {
		this.#subscribe();
		return this.#pending;
	}

	/** Payments queued on this tablet, not yet paid, oldest first; a sale being sent at once at the counter is not one. */
	get queued(): readonly OutboxEntry[] {
		this.#subscribe();
		return this.#pending.filter((e) => isQueued(e, this.#status.atCounter));
	}

	get queuedCount(): number {
		return this.queued.length;
	}

	get syncing(): boolean {
		this.#subscribe();
		return this.#status.syncing;
	}

	/** When the server last answered (ISO 8601), or null. */
	get lastSyncAt(): string | null {
		this.#subscribe();
		return this.#sync?.lastSyncAt ?? null;
	}

	/**
	 * Sales seen in the queue (or being sent) while a view watched, once the server answered them, the latest last
	 * (at most ANSWERED_KEPT_MAX): with the payment it answered, paid or declined, or the error it refused the
	 * request with. They leave `pending` in the same update as they arrive here, so a view showing both never
	 * shows a sale twice, or not at all.
	 */
	get answered(): readonly OutboxEntry[] {
		this.#subscribe();
		return this.#answered;
	}

	/** Whether the lists above were read from IndexedDB yet (they are empty until then). */
	get read(): boolean {
		this.#subscribe();
		return this.#read;
	}

	/** Payments the server declined or refused at sync, waiting for the cashier to resolve them. */
	get declined(): readonly OutboxEntry[] {
		this.#subscribe();
		return this.#declined;
	}

	/** 'granted', 'denied' or 'unsupported' once asked; null before the answer. */
	get storagePersisted(): PersistState | null {
		this.#subscribe();
		return this.#status.persisted;
	}

	/** The server refused the session: sign in again to let the queue move. */
	get needsSignIn(): boolean {
		this.#subscribe();
		return this.#status.unauthorized;
	}

	/** Requests of this tablet the server never received and the tablet no longer holds. */
	get lostCount(): number {
		this.#subscribe();
		return gapCount(this.#sync?.gaps ?? []);
	}

	/** A payment is being taken or a sync runs: not the moment to reload for an update. */
	get busy(): boolean {
		this.#subscribe();
		return this.#status.charging || this.#status.syncing;
	}

	get merchantId(): string | null {
		return this.#merchantId();
	}
}
