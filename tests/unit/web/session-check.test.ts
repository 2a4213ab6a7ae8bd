import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '$lib/api/client';
import { keptSessionRanOut, sessionCheck } from '$lib/session/check';

const customer = { role: 'customer' as const, customerId: 'c1', handle: 'alice', expiresAt: '2027-01-01T00:00:00Z' };
const cashier = { role: 'cashier' as const, merchantId: 'm1', handle: 'cashier-1' };

describe('the background check of a session kept on the device (GET /api/me)', () => {
	it('an answer for the same role confirms it, with what the server says of it now', () => {
		expect(sessionCheck({ session: customer }, 'customer')).toEqual({ kind: 'confirmed', session: customer });
		expect(sessionCheck({ session: cashier }, 'cashier')).toEqual({ kind: 'confirmed', session: cashier });
	});

	it('the server refusing the session (401, 403), or someone of another role, ends it', () => {
		expect(sessionCheck({ error: new ApiError(401, 'UNAUTHENTICATED', 'no') }, 'customer')).toEqual({ kind: 'ended' });
		expect(sessionCheck({ error: new ApiError(403, 'FORBIDDEN', 'no') }, 'cashier')).toEqual({ kind: 'ended' });
		expect(sessionCheck<{ role: string }>({ session: cashier }, 'customer')).toEqual({ kind: 'ended' });
	});

	it('no answer, a fault of the server, or a refusal that says nothing of the session keeps it as it is', () => {
		expect(sessionCheck({ error: new NetworkError(new Error('timeout')) }, 'customer')).toEqual({ kind: 'unknown' });
		expect(sessionCheck({ error: new ApiError(500, 'INTERNAL', 'boom') }, 'customer')).toEqual({ kind: 'unknown' });
		expect(sessionCheck({ error: new ApiError(503, 'UNAVAILABLE', 'busy') }, 'cashier')).toEqual({ kind: 'unknown' });
		expect(sessionCheck({ error: new ApiError(429, 'RATE_LIMITED', 'slow down') }, 'customer')).toEqual({ kind: 'unknown' });
		expect(sessionCheck({ error: new TypeError('cut off') }, 'customer')).toEqual({ kind: 'unknown' });
	});
});

describe('a session known to have run out (its expiresAt passed)', () => {
	const at = Date.parse('2027-01-01T00:00:00Z');
	it('ran out at its expiry and after; not a moment before', () => {
		expect(keptSessionRanOut(customer.expiresAt, at)).toBe(true);
		expect(keptSessionRanOut(customer.expiresAt, at + 1)).toBe(true);
		expect(keptSessionRanOut(customer.expiresAt, at - 1)).toBe(false);
	});

	it('no expiry kept, or one that is not a time, is not known to have run out: the server decides', () => {
		expect(keptSessionRanOut(undefined, at)).toBe(false);
		expect(keptSessionRanOut('tomorrow', at)).toBe(false);
		expect(keptSessionRanOut(12, at)).toBe(false);
	});
});
