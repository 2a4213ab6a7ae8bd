// Draining the outbox: claim due entries in rounds of at most 500 (one batch request each, so an
// entry is only marked in flight when its request is about to leave), send, apply each answer.
// Runs only while holding the outbox lock (see engine.ts), so one tab sends each entry. It first puts
// back in the queue what a sender no longer there took out (its lease ran out, or its lock is free).
import { backoffDelayMs } from './backoff';
import type { PosOfflineDb, SyncRow } from './db';
import { GAPS_KEPT_MAX, unexplainedGaps, type SequenceRange } from './gaps';
import {
	BATCH_SEND_TIMEOUT_MS,
	OUTBOX_BATCH_MAX,
	SINGLE_SEND_TIMEOUT_MS,
	sendBatch,
	sendOne,
	type HttpOptions
} from './http';
import type { SendOutcome } from './outcome';
import { claimDue, releaseAbandonedClaims, releaseExpiredLeases, settle } from './store';
import type { OutboxEntry } from './types';

/**
 * A claimed entry's lease outlives the longest request by 30 s, so that an entry is only taken
 * from a tab that is really gone (its request cannot still be waiting for an answer). Where the
 * browser lists its locks, a sender that is gone is seen at once (lock.ts, `asSender`): the lease
 * is what is left for browsers without the Web Locks API.
 */
export const BATCH_LEASE_MS = BATCH_SEND_TIMEOUT_MS + 30_000;
export const SINGLE_LEASE_MS = SINGLE_SEND_TIMEOUT_MS + 30_000;
/** One drain sends at most 20 batches (10,000 entries), then yields the lock to other work. */
export const DRAIN_BATCHES_MAX = 20;

export interface DrainDeps {
	db: PosOfflineDb;
	http: HttpOptions;
	merchantId: string;
	/** Ignore the entries' backoff: the network just came back or the app just started. */
	force: boolean;
	now?: () => number;
	random?: () => number;
	/** The lock this drain holds while it sends (lock.ts `asSender`), written on the entries it claims. */
	sender?: string;
	/** The locks held now in every tab: entries whose sender's lock is not among them are put back at once. */
	heldLocks?: () => Promise<ReadonlySet<string> | null>;
}

export interface DrainReport {
	/** Entries sent at least once in this drain. */
	sent: number;
	succeeded: number;
	declined: number;
	/** Entries put back in the queue for later. */
	requeued: number;
	/** True if the server answered, false if it could not be reached, null if nothing was sent. */
	reachable: boolean | null;
	/** The session token was refused: the cashier must sign in again before the queue moves. */
	unauthorized: boolean;
}

export async function drainOutbox(deps: DrainDeps): Promise<DrainReport> {
	const now = deps.now ?? Date.now;
	const random = deps.random ?? Math.random;
	const report: DrainReport = { sent: 0, succeeded: 0, declined: 0, requeued: 0, reachable: null, unauthorized: false };
	await releaseExpiredLeases(deps.db, now());
	if (deps.heldLocks) await releaseAbandonedClaims(deps.db, now(), deps.heldLocks);

	// Entries tried in this drain are not claimed again by it, even when forced: one try each.
	const tried = new Set<string>();
	let force = deps.force;
	for (let round = 0; round < DRAIN_BATCHES_MAX; round++) {
		const claimed = await claimDue(deps.db, deps.merchantId, {
			now: now(),
			max: OUTBOX_BATCH_MAX,
			leaseMs: BATCH_LEASE_MS,
			force,
			exclude: tried,
			sender: deps.sender
		});
		if (claimed.length === 0) break;
		for (const e of claimed) tried.add(e.idempotencyKey);
		report.sent += claimed.length;

		const outcomes = await sendClaimed(claimed, deps.http);
		const delayMs = backoffDelayMs(Math.max(...claimed.map((e) => e.attempts)) - 1, random);
		const changed = await settle(deps.db, outcomes, now(), delayMs);
		for (const e of changed) {
			if (e.state === 'succeeded') report.succeeded++;
			else if (e.state === 'declined') report.declined++;
			else if (e.state === 'queued') report.requeued++;
		}
		// Any answer but a transient failure means the server is there (a 401 too, and a 429 "wait a minute").
		const answered = outcomes.some((o) => o.outcome.kind !== 'retry');
		if (answered) {
			report.reachable = true;
			// The server is back: what waits on an old backoff goes now (backoff resets on success).
			force = true;
			await noteContact(deps.db, now(), outcomes.gaps);
		} else {
			report.reachable ??= false;
			break;
		}
		if (outcomes.some((o) => o.outcome.kind === 'unauthorized')) {
			report.unauthorized = true;
			break;
		}
	}
	return report;
}

type Outcomes = { idempotencyKey: string; outcome: SendOutcome }[] & { gaps?: SequenceRange[] };

/**
 * One batch request. When the server refuses the batch as a whole (a 4xx: one malformed item, or
 * an API without the batch route), each entry goes alone through `POST /api/payments`, so that
 * every entry gets its own verdict and one bad item never marks 499 good ones as failed.
 */
async function sendClaimed(claimed: OutboxEntry[], http: HttpOptions): Promise<Outcomes> {
	const answer = await sendBatch(claimed, http);
	if (answer.kind === 'answered') {
		const out: Outcomes = claimed.map((e) => ({
			idempotencyKey: e.idempotencyKey,
			outcome: answer.outcomes.get(e.idempotencyKey)!
		}));
		out.gaps = answer.gaps;
		return out;
	}
	if (answer.outcome.kind !== 'rejected') {
		return claimed.map((e) => ({ idempotencyKey: e.idempotencyKey, outcome: answer.outcome }));
	}
	const out: Outcomes = [];
	for (const entry of claimed) {
		const outcome = await sendOne(entry, http);
		out.push({ idempotencyKey: entry.idempotencyKey, outcome });
		if (outcome.kind === 'retry' || outcome.kind === 'unauthorized') {
			// The server went away: the rest wait too, untried.
			for (const rest of claimed.slice(out.length)) out.push({ idempotencyKey: rest.idempotencyKey, outcome });
			break;
		}
	}
	return out;
}

/** Records that the server answered: the time, and the sequence gaps it reported (if any). */
export async function noteContact(db: PosOfflineDb, now: number, gaps?: SequenceRange[]): Promise<void> {
	await db.transaction('rw', db.meta, db.outbox, async () => {
		const prev = (await db.meta.get('sync')) as SyncRow | undefined;
		let kept = prev?.gaps ?? [];
		if (gaps && gaps.length === 0) kept = [];
		else if (gaps) {
			const held = (await db.outbox.toArray()).map((e) => e.sequence).sort((a, b) => a - b);
			kept = unexplainedGaps(gaps, held).slice(0, GAPS_KEPT_MAX);
		}
		await db.meta.put({ key: 'sync', lastSyncAt: new Date(now).toISOString(), gaps: kept });
	});
}
