// The one transition table of an outbox entry. Every state change goes through
// `assertTransition`, so an impossible move (say succeeded -> queued, which would
// charge a customer twice) fails loudly instead of being written.
import type { OutboxState } from './types';

export const OUTBOX_TRANSITIONS: Readonly<Record<OutboxState, readonly OutboxState[]>> = {
	// Written first, before any send; waits for the network.
	queued: ['syncing'],
	// A request carrying the entry is in flight. A network failure, a 5xx, 408/429
	// or a lost answer sends it back to queued: retried later with the SAME key.
	syncing: ['succeeded', 'declined', 'queued'],
	succeeded: [],
	// Declined by the server (402) or refused as a request (4xx): kept and listed
	// until the cashier charges again with a fresh code, settles in cash, or notes it not paid (the customer left).
	declined: ['resolved'],
	// Back to declined only by the Undo of "Already paid — remove", seconds after it (entry.ts reopenEntry): no money
	// moved either way. Charged again or paid in cash, it stays resolved.
	resolved: ['declined']
};

export function canTransition(from: OutboxState, to: OutboxState): boolean {
	return OUTBOX_TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends Error {
	constructor(
		readonly from: OutboxState,
		readonly to: OutboxState
	) {
		super(`outbox entry cannot go from ${from} to ${to}`);
		this.name = 'IllegalTransitionError';
	}
}

export function assertTransition(from: OutboxState, to: OutboxState): void {
	if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/** States whose entries still owe the server a request (they count against the offline limits). */
export const PENDING_STATES: readonly OutboxState[] = ['queued', 'syncing'];
