// Pure moves of one outbox entry. Each returns a new entry (the old one is not touched) and
// goes through the transition table, so the database code only reads, calls these, and writes.
import type { SendOutcome } from './outcome';
import { assertTransition } from './transitions';
import type { AtCounter, OutboxEntry, Resolution } from './types';

/** What the counter knows when it writes a payment down: the entry's own fields, and the time. */
export type NewEntryInput = Pick<
	OutboxEntry,
	'idempotencyKey' | 'terminalId' | 'sequence' | 'merchantId' | 'cashierId' | 'code' | 'amount' | 'scannedAt'
> & { now: number; typed?: boolean };

export function newEntry(input: NewEntryInput): OutboxEntry {
	const entry: OutboxEntry = {
		idempotencyKey: input.idempotencyKey,
		terminalId: input.terminalId,
		sequence: input.sequence,
		merchantId: input.merchantId,
		cashierId: input.cashierId,
		code: input.code,
		amount: { amount: input.amount.amount, currency: input.amount.currency },
		scannedAt: input.scannedAt,
		createdAt: new Date(input.now).toISOString(),
		state: 'queued',
		attempts: 0,
		nextAttemptAt: input.now,
		leaseUntil: 0,
		lastError: null
	};
	return input.typed ? { ...entry, typed: true } : entry;
}

/** queued -> syncing: a request carrying this entry is about to leave, sent by the holder of `sender`'s lock. */
export function claimEntry(entry: OutboxEntry, now: number, leaseMs: number, sender?: string): OutboxEntry {
	assertTransition(entry.state, 'syncing');
	const claimed: OutboxEntry = { ...withoutSender(entry), state: 'syncing', attempts: entry.attempts + 1, leaseUntil: now + leaseMs };
	return sender === undefined ? claimed : { ...claimed, sender };
}

/** The entry without the name of the lock its sender held: it is no longer in anyone's hands. */
function withoutSender(entry: OutboxEntry): OutboxEntry {
	if (entry.sender === undefined) return entry;
	const { sender: _sender, ...rest } = entry;
	return rest;
}

/**
 * syncing -> queued without a verdict: the tab that sent it died, or the request failed in a
 * way that says nothing about the payment. The key stays; the next send may find the first
 * request's stored answer.
 */
export function releaseEntry(entry: OutboxEntry, nextAttemptAt: number, reason: string): OutboxEntry {
	assertTransition(entry.state, 'queued');
	return { ...withoutSender(entry), state: 'queued', leaseUntil: 0, nextAttemptAt, lastError: reason };
}

/**
 * Waiting in the queue or going out with it: what the cashier's "3 queued" counts. Not a sale this tab sends
 * at once as the cashier charges (`atCounter`, held in memory: after a reload nothing is being sent at the
 * counter, and an entry left mid-send counts as queued again).
 */
export function isQueued(entry: OutboxEntry, atCounter: AtCounter): boolean {
	if (entry.state === 'queued') return true;
	return entry.state === 'syncing' && !atCounter.codes.has(entry.code) && !atCounter.answeredKeys.has(entry.idempotencyKey);
}

/**
 * Applies the server's answer. Returns null when the answer changes nothing: the entry already
 * has its verdict (a late duplicate answer for the same key), or a transient failure arrives for
 * an entry that is no longer in flight.
 */
export function settleEntry(
	entry: OutboxEntry,
	outcome: SendOutcome,
	now: number,
	retryDelayMs: number
): OutboxEntry | null {
	const answeredAt = new Date(now).toISOString();
	if (outcome.kind === 'retry' || outcome.kind === 'unauthorized') {
		if (entry.state !== 'syncing') return null;
		return releaseEntry(entry, now + retryDelayMs, outcome.error);
	}
	// "Wait, then ask again": no verdict on the payment, so the entry waits in the queue like after a failure.
	if (outcome.kind === 'rate_limited') {
		if (entry.state !== 'syncing') return null;
		return releaseEntry(entry, now + retryDelayMs, `${outcome.error.status ?? 429} ${outcome.error.code}`);
	}
	// A verdict. If the lease ran out and the entry went back to the queue meanwhile, the
	// verdict still belongs to it (same key, same answer), so take it from queued too.
	let current = entry;
	if (current.state === 'queued') {
		assertTransition(current.state, 'syncing');
		current = { ...current, state: 'syncing' };
	}
	if (current.state !== 'syncing') return null;
	const settled = { ...withoutSender(current), leaseUntil: 0, lastError: null, answeredAt };
	switch (outcome.kind) {
		case 'succeeded':
			assertTransition(current.state, 'succeeded');
			return { ...settled, state: 'succeeded', payment: outcome.payment };
		case 'declined':
			assertTransition(current.state, 'declined');
			return {
				...settled,
				state: 'declined',
				payment: outcome.payment,
				...(outcome.error ? { error: outcome.error } : {})
			};
		case 'rejected':
			assertTransition(current.state, 'declined');
			return { ...settled, state: 'declined', error: outcome.error };
	}
}

/**
 * declined -> resolved: the cashier charged again with a fresh code, took cash, found it paid already, or saw the
 * customer leave without paying.
 */
export function resolveEntry(entry: OutboxEntry, resolution: Resolution): OutboxEntry {
	assertTransition(entry.state, 'resolved');
	if (resolution.kind === 'settled_in_cash' && resolution.note.trim() === '') {
		throw new Error('settling in cash needs a note');
	}
	// Only a code the shop's own paid sale used up says the sale was paid already; on any other decline nothing was.
	if (resolution.kind === 'already_paid' && entry.payment?.reasonDetail !== 'USED_HERE') {
		throw new Error('only a code already used at this shop can mark a sale as already paid');
	}
	return { ...entry, state: 'resolved', resolution };
}

/**
 * A declined entry read back at the moment the cashier acts on it, from the list they see. Another tab of this tablet
 * may have settled it meanwhile (its list had it too), and the list here not have caught up yet: that is an expected
 * outcome, named, and nothing is done twice. Gone from the outbox is the same: only a finished entry is ever removed
 * (pruned), so gone means settled. Queued, in flight or paid, it was never on the declined list: an assertion.
 */
export type DeclinedRead = { kind: 'declined'; entry: OutboxEntry } | { kind: 'sorted_elsewhere' };

export function readDeclined(entry: OutboxEntry | undefined): DeclinedRead {
	if (entry === undefined || entry.state === 'resolved') return { kind: 'sorted_elsewhere' };
	assertTransition(entry.state, 'resolved');
	return { kind: 'declined', entry };
}

/** What resolving an entry of the declined list came to; `before` is the entry as it was, for an Undo. */
export type ResolveOutcome = { kind: 'resolved'; entry: OutboxEntry; before: OutboxEntry } | { kind: 'sorted_elsewhere' };

/** declined -> resolved, for an entry read back now (`resolveEntry`), or nothing where it was settled meanwhile. */
export function resolveDeclined(entry: OutboxEntry | undefined, resolution: Resolution): ResolveOutcome {
	const read = readDeclined(entry);
	if (read.kind === 'sorted_elsewhere') return read;
	return { kind: 'resolved', entry: resolveEntry(read.entry, resolution), before: read.entry };
}

export type ReopenOutcome = { kind: 'reopened'; entry: OutboxEntry } | { kind: 'sorted_elsewhere' };

/**
 * resolved -> declined: the Undo of "Already paid — remove", the one move back. A wrong tap at a busy counter took off
 * the list a sale that was not paid; Undo puts back `before`, the entry exactly as it was, where the entry still
 * holds that removal (`removal`, compared by its time) or was pruned meanwhile. Anything else (put back already, by
 * another Undo) changes nothing. Charged again or paid in cash cannot be undone: money moved, or cash was recorded on
 * the server.
 */
export function reopenEntry(current: OutboxEntry | undefined, before: OutboxEntry, removal: Resolution): ReopenOutcome {
	if (removal.kind !== 'already_paid') throw new Error('only "Already paid — remove" can be undone');
	if (before.state !== 'declined') throw new Error(`an undo puts back a declined entry, not a ${before.state} one`);
	if (current !== undefined) {
		if (current.idempotencyKey !== before.idempotencyKey) throw new Error('an undo puts back the same entry');
		const same = current.resolution?.kind === removal.kind && current.resolution.resolvedAt === removal.resolvedAt;
		if (current.state !== 'resolved' || !same) return { kind: 'sorted_elsewhere' };
		assertTransition(current.state, 'declined');
	}
	return { kind: 'reopened', entry: before };
}
