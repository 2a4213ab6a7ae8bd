// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { PosOfflineDb } from '../../../src/lib/offline/db';
import { recordIntent, type EnqueueOptions } from '../../../src/lib/offline/enqueue';
import { PAYMENT_AMOUNT_MAX_MINOR } from '../../../src/lib/money/money';
import { IDEMPOTENCY_KEY_PATTERN } from '../../../src/lib/offline/ids';
import { defaultOfflineLimits } from '../../../src/lib/offline/limits';
import { terminalId } from '../../../src/lib/offline/terminal';
import { cny, code, payment } from './fixtures';

const dbs: PosOfflineDb[] = [];
function freshDb(name = `enqueue-${Math.random()}`) {
	const db = new PosOfflineDb(name);
	dbs.push(db);
	return db;
}
afterEach(async () => {
	for (const db of dbs.splice(0)) await db.delete();
});

const options = (over: Partial<EnqueueOptions> = {}): EnqueueOptions => ({
	merchantId: 'm1',
	cashierId: 'c1',
	offline: true,
	limits: defaultOfflineLimits('CNY'),
	...over
});
const intent = (n: number, amount = 1_000) => ({ code: code(n), amount: cny(amount), scannedAt: new Date('2025-01-01T10:00:00Z') });

describe('writing a payment intent to the outbox', () => {
	it('stores the intent queued, with a fresh valid key, before anything is sent', async () => {
		const db = freshDb();
		const r = await recordIntent(db, intent(1, 1_250), options());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const stored = await db.outbox.get(r.entry.idempotencyKey);
		expect(stored).toMatchObject({
			state: 'queued',
			code: code(1),
			amount: cny(1_250),
			scannedAt: '2025-01-01T10:00:00.000Z',
			attempts: 0,
			merchantId: 'm1'
		});
		expect(r.entry.idempotencyKey).toMatch(IDEMPOTENCY_KEY_PATTERN);
	});

	it('numbers the intents 1, 2, 3 under one terminal id that survives reopening the database', async () => {
		const name = `enqueue-reopen-${Math.random()}`;
		const db = freshDb(name);
		const a = await recordIntent(db, intent(1), options());
		const b = await recordIntent(db, intent(2), options());
		const id = await terminalId(db);
		db.close();
		const again = freshDb(name);
		const c = await recordIntent(again, intent(3), options());
		const entries = [a, b, c].map((r) => (r.ok ? r.entry : null));
		expect(entries.map((e) => e?.sequence)).toEqual([1, 2, 3]);
		expect(new Set(entries.map((e) => e?.terminalId))).toEqual(new Set([id]));
		expect(await terminalId(again)).toBe(id);
	});

	it('gives concurrent intents distinct sequence numbers and keys', async () => {
		const db = freshDb();
		const results = await Promise.all(Array.from({ length: 20 }, (_, i) => recordIntent(db, intent(i), options())));
		const seqs = results.map((r) => (r.ok ? r.entry.sequence : -1)).sort((a, b) => a - b);
		expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		expect(new Set(results.map((r) => (r.ok ? r.entry.idempotencyKey : ''))).size).toBe(20);
	});

	it('refuses offline over a limit, says which, and stores nothing', async () => {
		const db = freshDb();
		const r = await recordIntent(db, intent(1, 50_001), options());
		expect(r).toMatchObject({ ok: false, reason: 'OFFLINE_PAYMENT_CAP' });
		for (let i = 0; i < 4; i++) await recordIntent(db, intent(i, 50_000), options());
		expect(await recordIntent(db, intent(9, 1), options())).toMatchObject({ ok: false, reason: 'OFFLINE_TOTAL_CAP' });
		expect(await db.outbox.count()).toBe(4);
	});

	it('counts only unsent entries of this merchant against the limits', async () => {
		const db = freshDb();
		const small = { ...defaultOfflineLimits('CNY'), countMax: 2 };
		await recordIntent(db, intent(1), options({ limits: small }));
		await recordIntent(db, intent(2), options({ limits: small, merchantId: 'other' }));
		expect((await recordIntent(db, intent(3), options({ limits: small }))).ok).toBe(true);
		expect(await recordIntent(db, intent(4), options({ limits: small }))).toMatchObject({ reason: 'OFFLINE_COUNT_CAP' });
		// Once paid, they no longer count.
		const rows = await db.outbox.filter((e) => e.merchantId === 'm1').toArray();
		await db.outbox.bulkPut(rows.map((e) => ({ ...e, state: 'succeeded' as const })));
		expect((await recordIntent(db, intent(5), options({ limits: small }))).ok).toBe(true);
	});

	it('refuses a second charge of a code this tablet still holds unsent, online or not; once answered, the server judges it', async () => {
		const db = freshDb();
		expect((await recordIntent(db, intent(1, 1_500), options())).ok).toBe(true);
		// The refusal names the sale already queued (its amount and scan), so the counter can say it is taken.
		const queued = { ok: false, reason: 'CODE_ALREADY_QUEUED', amount: cny(1_500), at: '2025-01-01T10:00:00.000Z' };
		expect(await recordIntent(db, intent(1, 1_600), options())).toEqual(queued);
		expect(await recordIntent(db, intent(1, 1_600), options({ offline: false }))).toEqual(queued);
		expect(await db.outbox.count()).toBe(1);
		// Another shop's till on the same tablet is another queue; another code is another payment.
		expect((await recordIntent(db, intent(1), options({ merchantId: 'other' }))).ok).toBe(true);
		expect((await recordIntent(db, intent(2), options())).ok).toBe(true);
		// Once the first was answered, a charge of the code again goes to the server, which says it is used.
		const first = (await db.outbox.filter((e) => e.merchantId === 'm1' && e.code === code(1)).toArray())[0]!;
		await db.outbox.put({ ...first, state: 'succeeded' });
		expect((await recordIntent(db, intent(1, 1_600), options({ offline: false }))).ok).toBe(true);
	});

	it('offline, refuses a code this till already has the server\'s answer for: paid, or declined (the code is used up either way)', async () => {
		const db = freshDb();
		const now = Date.parse('2025-01-01T10:05:00Z');
		const first = await recordIntent(db, intent(1, 400), options({ offline: false, now }));
		const second = await recordIntent(db, intent(2, 700), options({ offline: false, now }));
		if (!first.ok || !second.ok) throw new Error('not stored');
		await db.outbox.put({ ...first.entry, state: 'succeeded', payment: payment({ amount: cny(400), settledAt: '2025-01-01T10:01:00.000Z' }) });
		await db.outbox.put({ ...second.entry, state: 'resolved', payment: payment({ status: 'declined', reason: 'INSUFFICIENT_FUNDS', amount: cny(700), charged: cny(0), settledAt: '2025-01-01T10:02:00.000Z' }) });
		// The same screen shown again for the next sale: refused while the customer is still there, and nothing stored.
		expect(await recordIntent(db, intent(1, 900), options({ now: now + 60_000 }))).toEqual({
			ok: false,
			reason: 'CODE_ALREADY_USED',
			paid: true,
			amount: cny(400),
			at: '2025-01-01T10:01:00.000Z'
		});
		expect(await recordIntent(db, intent(2, 900), options({ now: now + 60_000 }))).toMatchObject({ ok: false, reason: 'CODE_ALREADY_USED', paid: false, amount: cny(700) });
		expect(await db.outbox.count()).toBe(2);
		// Online the server judges it (and says which sale used it); another code, or another shop's till, is another payment.
		expect((await recordIntent(db, intent(1, 900), options({ offline: false, now: now + 60_000 }))).ok).toBe(true);
		expect((await recordIntent(db, intent(2, 900), options({ merchantId: 'other', now: now + 60_000 }))).ok).toBe(true);
		expect((await recordIntent(db, intent(3, 900), options({ now: now + 60_000 }))).ok).toBe(true);
	});

	it('does not apply the offline limits online: the server answers at once', async () => {
		const db = freshDb();
		expect((await recordIntent(db, intent(1, 900_000), options({ offline: false }))).ok).toBe(true);
	});

	it('refuses a code that is not 18 digits and an amount outside 0.01..1,000,000.00', async () => {
		const db = freshDb();
		expect(await recordIntent(db, { ...intent(1), code: '12345' }, options())).toEqual({ ok: false, reason: 'INVALID_CODE' });
		expect(await recordIntent(db, intent(1, 0), options())).toEqual({ ok: false, reason: 'INVALID_AMOUNT' });
		expect(await recordIntent(db, intent(1, 100_000_001), options({ offline: false }))).toEqual({ ok: false, reason: 'INVALID_AMOUNT' });
		expect(await db.outbox.count()).toBe(0);
	});

	it('takes the ends of that range: 0.01 and 1,000,000.00 (PAYMENT_AMOUNT_MAX_MINOR)', async () => {
		const db = freshDb();
		expect((await recordIntent(db, intent(1, 1), options({ offline: false }))).ok).toBe(true);
		expect((await recordIntent(db, intent(2, PAYMENT_AMOUNT_MAX_MINOR), options({ offline: false }))).ok).toBe(true);
	});

	it('can store the intent already claimed for an immediate send', async () => {
		const db = freshDb();
		const r = await recordIntent(db, intent(1), options({ offline: false, claimForSendMs: 40_000, now: 1_000 }));
		expect(r).toMatchObject({ ok: true, entry: { state: 'syncing', attempts: 1, leaseUntil: 41_000 } });
	});
});
