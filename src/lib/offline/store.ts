// Database moves of outbox entries: each one transaction that reads, applies a pure move from
// entry.ts, and writes. Nothing here deletes an entry because of an HTTP answer.
import type { PosOfflineDb } from './db';
import { claimEntry, releaseEntry, reopenEntry, resolveDeclined, resolveEntry, settleEntry, type ReopenOutcome, type ResolveOutcome } from './entry';
import type { SendOutcome } from './outcome';
import { byState } from './queries';
import type { OutboxEntry, Resolution } from './types';

/**
 * Claims up to `max` of the merchant's queued entries, oldest first, for one request: they
 * become `syncing` with a lease. `force` ignores their backoff (the network just came back).
 * `sender` is the lock the claimant holds while their answer may come (lock.ts `asSender`).
 */
export async function claimDue(
	db: PosOfflineDb,
	merchantId: string,
	options: { now: number; max: number; leaseMs: number; force: boolean; exclude?: ReadonlySet<string>; sender?: string }
): Promise<OutboxEntry[]> {
	return db.transaction('rw', db.outbox, async () => {
		const due = await byState(db, merchantId, 'queued')
			.filter((e) => !options.exclude?.has(e.idempotencyKey) && (options.force || e.nextAttemptAt <= options.now))
			.limit(options.max)
			.toArray();
		const claimed = due.map((e) => claimEntry(e, options.now, options.leaseMs, options.sender));
		await db.outbox.bulkPut(claimed);
		return claimed;
	});
}

/**
 * Puts back in the queue every `syncing` entry whose lease has run out: the tab that sent it
 * closed or crashed before the answer. Its key is kept; the next send gets the stored answer
 * if the first request did arrive.
 */
export async function releaseExpiredLeases(db: PosOfflineDb, now: number): Promise<number> {
	return db.transaction('rw', db.outbox, async () => {
		const stale = await db.outbox
			.where('state')
			.equals('syncing')
			.filter((e) => e.leaseUntil < now)
			.toArray();
		await db.outbox.bulkPut(stale.map((e) => releaseEntry(e, now, 'answer lost (tab closed while sending)')));
		return stale.length;
	});
}

/**
 * Puts back in the queue every `syncing` entry whose sender is gone: no one holds the lock it named (`heldLocks`
 * lists the locks held in every tab). Its page closed or reloaded while the request was out, and no answer can reach
 * it now; without this, the entry waited for its lease (up to 90 s) while the counter showed it queued and sent nothing.
 * Its key is kept: sent again, it gets the stored answer if the first request did arrive.
 */
export async function releaseAbandonedClaims(
	db: PosOfflineDb,
	now: number,
	heldLocks: () => Promise<ReadonlySet<string> | null>
): Promise<number> {
	const claimed = await db.outbox
		.where('state')
		.equals('syncing')
		.filter((e) => e.sender !== undefined)
		.toArray();
	if (claimed.length === 0) return 0;
	// Listed after the entries were read: a sender that wrote its name on one had taken its lock before, so it is
	// listed here unless it has finished (then the entry is answered or back in the queue) or its page has gone.
	const held = await heldLocks();
	if (!held) return 0;
	const abandoned = new Map(claimed.filter((e) => !held.has(e.sender!)).map((e) => [e.idempotencyKey, e.sender]));
	if (abandoned.size === 0) return 0;
	return db.transaction('rw', db.outbox, async () => {
		const current = await db.outbox.bulkGet([...abandoned.keys()]);
		// Only if still in the hands of the same gone sender (not answered, nor taken again by a live one meanwhile).
		const still = current.filter(
			(e): e is OutboxEntry => e !== undefined && e.state === 'syncing' && e.sender === abandoned.get(e.idempotencyKey)
		);
		await db.outbox.bulkPut(still.map((e) => releaseEntry(e, now, 'answer lost (the page sending it closed or reloaded)')));
		return still.length;
	});
}

/** Applies the server's answers (or a failure) to the entries of one request. */
export async function settle(
	db: PosOfflineDb,
	outcomes: readonly { idempotencyKey: string; outcome: SendOutcome }[],
	now: number,
	retryDelayMs: number
): Promise<OutboxEntry[]> {
	return db.transaction('rw', db.outbox, async () => {
		const current = await db.outbox.bulkGet(outcomes.map((o) => o.idempotencyKey));
		const changed: OutboxEntry[] = [];
		outcomes.forEach(({ outcome }, i) => {
			const entry = current[i];
			if (!entry) return; // pruned meanwhile: nothing left to update
			const next = settleEntry(entry, outcome, now, retryDelayMs);
			if (next) changed.push(next);
		});
		await db.outbox.bulkPut(changed);
		return changed;
	});
}

/** The cashier settled a declined entry (charged again with a fresh code, or took cash). */
export async function resolve(db: PosOfflineDb, idempotencyKey: string, resolution: Resolution): Promise<OutboxEntry> {
	return db.transaction('rw', db.outbox, async () => {
		const entry = await db.outbox.get(idempotencyKey);
		if (!entry) throw new Error(`no outbox entry ${idempotencyKey}`);
		const next = resolveEntry(entry, resolution);
		await db.outbox.put(next);
		return next;
	});
}

/**
 * The cashier settled an entry of the declined list; read back and written in one transaction, so an entry another
 * tab settled meanwhile is not settled twice (`sorted_elsewhere`).
 */
export async function resolveIfDeclined(db: PosOfflineDb, idempotencyKey: string, resolution: Resolution): Promise<ResolveOutcome> {
	return db.transaction('rw', db.outbox, async () => {
		const outcome = resolveDeclined(await db.outbox.get(idempotencyKey), resolution);
		if (outcome.kind === 'resolved') await db.outbox.put(outcome.entry);
		return outcome;
	});
}

/** Undo of "Already paid — remove": the entry put back as it was (entry.ts reopenEntry). */
export async function reopen(db: PosOfflineDb, before: OutboxEntry, removal: Resolution): Promise<ReopenOutcome> {
	return db.transaction('rw', db.outbox, async () => {
		const outcome = reopenEntry(await db.outbox.get(before.idempotencyKey), before, removal);
		if (outcome.kind === 'reopened') await db.outbox.put(outcome.entry);
		return outcome;
	});
}

/** Succeeded and resolved entries are kept this long for the cashier's history, then pruned. */
export const OUTBOX_KEEP_MS = 30 * 24 * 60 * 60_000;

/** Removes finished entries older than OUTBOX_KEEP_MS. Queued and declined ones are never pruned. */
export async function pruneFinished(db: PosOfflineDb, now: number): Promise<number> {
	const before = new Date(now - OUTBOX_KEEP_MS).toISOString();
	return db.outbox
		.where('state')
		.anyOf('succeeded', 'resolved')
		.filter((e) => (e.answeredAt ?? e.createdAt) < before)
		.delete();
}
