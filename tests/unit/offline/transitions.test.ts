import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, IllegalTransitionError, OUTBOX_TRANSITIONS } from '../../../src/lib/offline/transitions';
import type { OutboxState } from '../../../src/lib/offline/types';

const ALL: OutboxState[] = ['queued', 'syncing', 'succeeded', 'declined', 'resolved'];

describe('outbox entry transitions', () => {
	it('allows exactly the moves of the lifecycle', () => {
		const allowed = ALL.flatMap((from) => ALL.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
		expect(allowed.sort()).toEqual(
			['queued->syncing', 'syncing->succeeded', 'syncing->declined', 'syncing->queued', 'declined->resolved', 'resolved->declined'].sort()
		);
	});

	it('never lets a paid entry be queued again (that would charge twice)', () => {
		expect(() => assertTransition('succeeded', 'queued')).toThrow(IllegalTransitionError);
		expect(() => assertTransition('succeeded', 'syncing')).toThrow(IllegalTransitionError);
	});

	it('never marks an entry paid without a request in flight', () => {
		expect(() => assertTransition('queued', 'succeeded')).toThrow(/queued to succeeded/);
	});

	it('keeps succeeded entries final, and lets a resolved one only go back on the declined list (an Undo), never to the queue', () => {
		expect(OUTBOX_TRANSITIONS.succeeded).toEqual([]);
		expect(OUTBOX_TRANSITIONS.resolved).toEqual(['declined']);
		expect(() => assertTransition('resolved', 'queued')).toThrow(IllegalTransitionError);
		expect(() => assertTransition('resolved', 'syncing')).toThrow(IllegalTransitionError);
	});

	it('lets a declined entry only be resolved, never retried with the same key', () => {
		expect(() => assertTransition('declined', 'queued')).toThrow(IllegalTransitionError);
		expect(() => assertTransition('declined', 'resolved')).not.toThrow();
	});
});
