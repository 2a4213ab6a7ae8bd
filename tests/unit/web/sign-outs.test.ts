import { describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '$lib/api/client';
import {
	forgetPendingSignOut,
	notePendingSignOut,
	PENDING_SIGN_OUTS_MAX,
	pendingSignOuts,
	pendingSignOutsKey,
	sendPendingSignOuts,
	signOutNoted
} from '$lib/session/sign-outs';
import { pendingSignOutsKept } from '$lib/session/sign-outs-key';
import { forgetSignedOutSignIn } from '$lib/session/sign-outs-note';

const SESSION_KEY = 'pos.session.cashier';
const KEY = pendingSignOutsKey(SESSION_KEY);
const NOW = Date.parse('2026-12-04T12:00:00Z');
const LATER = '2026-12-04T20:00:00.000Z';
const EARLIER = '2026-12-04T08:00:00.000Z';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { raw: Map<string, string> } {
	const raw = new Map<string, string>();
	return {
		raw,
		getItem: (k) => raw.get(k) ?? null,
		setItem: (k, v) => void raw.set(k, v),
		removeItem: (k) => void raw.delete(k)
	};
}

/** A server that answers each token as `answers` says (no entry: it ends the session), recording what was sent. */
function server(answers: Record<string, unknown> = {}) {
	const sent: string[] = [];
	return {
		sent,
		end: async (token: string) => {
			sent.push(token);
			if (token in answers) throw answers[token];
		}
	};
}

describe('sign-outs the server has not heard of', () => {
	it('are noted once each, newest last, and at most PENDING_SIGN_OUTS_MAX are kept (the oldest dropped)', () => {
		const storage = memoryStorage();
		notePendingSignOut(storage, KEY, { token: 'a', expiresAt: LATER });
		notePendingSignOut(storage, KEY, { token: 'a', expiresAt: LATER });
		expect(pendingSignOuts(storage, KEY)).toEqual([{ token: 'a', expiresAt: LATER }]);
		for (let i = 0; i < PENDING_SIGN_OUTS_MAX + 2; i++) notePendingSignOut(storage, KEY, { token: `t${i}` });
		const kept = pendingSignOuts(storage, KEY).map((p) => p.token);
		expect(kept).toHaveLength(PENDING_SIGN_OUTS_MAX);
		expect(kept.at(-1)).toBe(`t${PENDING_SIGN_OUTS_MAX + 1}`);
		expect(kept).not.toContain('a');
	});

	it('forgetting the last one leaves nothing in storage; what is not a list reads as none', () => {
		const storage = memoryStorage();
		notePendingSignOut(storage, KEY, { token: 'a' });
		forgetPendingSignOut(storage, KEY, 'a');
		expect(storage.raw.has(KEY)).toBe(false);
		storage.setItem(KEY, '{"token":"a"}');
		expect(pendingSignOuts(storage, KEY)).toEqual([]);
		storage.setItem(KEY, 'not json');
		expect(pendingSignOuts(storage, KEY)).toEqual([]);
	});

	it('sent with their own tokens: ended now or already (401) they are forgotten; a fault of the server keeps one for next time', async () => {
		const storage = memoryStorage();
		for (const token of ['ended-now', 'ended-before', 'server-busy']) notePendingSignOut(storage, KEY, { token, expiresAt: LATER });
		const s = server({ 'ended-before': new ApiError(401, 'UNAUTHENTICATED', 'gone'), 'server-busy': new ApiError(503, 'UNAVAILABLE', 'busy') });
		await sendPendingSignOuts(SESSION_KEY, null, s.end, NOW, storage);
		expect(s.sent).toEqual(['ended-now', 'ended-before', 'server-busy']);
		expect(pendingSignOuts(storage, KEY).map((p) => p.token)).toEqual(['server-busy']);
	});

	it('no answer (still offline) keeps it and stops there: the others wait for the network too', async () => {
		const storage = memoryStorage();
		notePendingSignOut(storage, KEY, { token: 'first', expiresAt: LATER });
		notePendingSignOut(storage, KEY, { token: 'second', expiresAt: LATER });
		const s = server({ first: new NetworkError(new TypeError('Failed to fetch')) });
		await sendPendingSignOuts(SESSION_KEY, null, s.end, NOW, storage);
		expect(s.sent).toEqual(['first']);
		expect(pendingSignOuts(storage, KEY).map((p) => p.token)).toEqual(['first', 'second']);
	});

	it('one that has run out is dropped unsent (the server refuses it already); the token signed in now is never sent', async () => {
		const storage = memoryStorage();
		notePendingSignOut(storage, KEY, { token: 'ran-out', expiresAt: EARLIER });
		notePendingSignOut(storage, KEY, { token: 'signed-in-now', expiresAt: LATER });
		const s = server();
		await sendPendingSignOuts(SESSION_KEY, 'signed-in-now', s.end, NOW, storage);
		expect(s.sent).toEqual([]);
		expect(pendingSignOuts(storage, KEY).map((p) => p.token)).toEqual(['signed-in-now']);
	});

	it('a sign-out is noted before it is sent: answered, it is forgotten; unanswered, it stays for later', async () => {
		const storage = memoryStorage();
		let seenNoted: string[] = [];
		await signOutNoted(
			SESSION_KEY,
			'answered',
			LATER,
			async () => {
				seenNoted = pendingSignOuts(storage, KEY).map((p) => p.token);
				return true;
			},
			storage
		);
		expect(seenNoted).toEqual(['answered']);
		expect(pendingSignOuts(storage, KEY)).toEqual([]);
		await signOutNoted(
			SESSION_KEY,
			'offline',
			LATER,
			async () => false,
			storage
		);
		expect(pendingSignOuts(storage, KEY)).toEqual([{ token: 'offline', expiresAt: LATER }]);
	});

	it('a sign-in kept with its own sign-out noted (the device went before the answer) is forgotten before it is taken up; others stay', () => {
		const storage = memoryStorage();
		const keep = (token: string) => storage.setItem(SESSION_KEY, JSON.stringify({ token, session: { role: 'customer' } }));
		keep('gone-mid-sign-out');
		notePendingSignOut(storage, KEY, { token: 'gone-mid-sign-out', expiresAt: LATER });
		forgetSignedOutSignIn(SESSION_KEY, storage);
		expect(storage.raw.has(SESSION_KEY)).toBe(false);
		// The note stays, to be sent.
		expect(pendingSignOuts(storage, KEY).map((p) => p.token)).toEqual(['gone-mid-sign-out']);
		// Someone signed in since (a sign-out of another token noted): their sign-in stays.
		keep('next-customer');
		forgetSignedOutSignIn(SESSION_KEY, storage);
		expect(storage.raw.has(SESSION_KEY)).toBe(true);
		// Nothing noted, or a kept sign-in that is not JSON: nothing is touched.
		storage.removeItem(KEY);
		forgetSignedOutSignIn(SESSION_KEY, storage);
		storage.setItem(SESSION_KEY, 'not json');
		forgetSignedOutSignIn(SESSION_KEY, storage);
		expect(storage.getItem(SESSION_KEY)).toBe('not json');
	});

	it('whether any wait is read without the module: the key is there only while one waits; blocked storage reads as none', () => {
		const storage = memoryStorage();
		vi.stubGlobal('localStorage', storage);
		try {
			expect(pendingSignOutsKept(SESSION_KEY)).toBe(false);
			notePendingSignOut(storage, KEY, { token: 'offline' });
			expect(pendingSignOutsKept(SESSION_KEY)).toBe(true);
			forgetPendingSignOut(storage, KEY, 'offline');
			expect(pendingSignOutsKept(SESSION_KEY)).toBe(false);
			vi.stubGlobal('localStorage', {
				getItem: () => {
					throw new DOMException('blocked', 'SecurityError');
				}
			});
			expect(pendingSignOutsKept(SESSION_KEY)).toBe(false);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
