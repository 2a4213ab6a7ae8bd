import { describe, expect, it } from 'vitest';
import { ApiError, IntentKeys, NetworkError } from '../../../src/lib/api/client';

describe("a form's idempotency keys", () => {
	it('sends the same intent again with the same key after a lost answer, so it cannot happen twice', () => {
		const keys = new IntentKeys();
		const first = keys.for('add dana');
		keys.ended(new NetworkError('offline'));
		expect(keys.for('add dana')).toBe(first);
	});

	it('takes a new key once the server answered, done or refused, and for another intent', () => {
		const keys = new IntentKeys();
		const first = keys.for('add dana');
		expect(keys.for('add ellis')).not.toBe(first);
		const second = keys.for('add dana');
		keys.ended();
		expect(keys.for('add dana')).not.toBe(second);
		const third = keys.for('add dana');
		keys.ended(new ApiError(409, 'HANDLE_TAKEN', 'taken'));
		expect(keys.for('add dana')).not.toBe(third);
	});
});
