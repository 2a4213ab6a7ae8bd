import { describe, expect, it } from 'vitest';
import { CounterDraftKeeper, KEPT_SALE_MS } from '../../../src/routes/cashier/counter-draft';
import type { CounterDraft } from '../../../src/routes/cashier/counter.svelte';

/** A sale kept while the cashier looks at Today: how long it comes back, and with which codes. */
describe('a sale kept away from the counter', () => {
	const start = Date.parse('2026-12-02T10:00:00Z');
	const code = (at: number, digits = '881234567890123456') => ({ code: digits, scannedAt: new Date(at), source: 'scanner' as const });
	const keeper = (clock: { now: number }) => new CounterDraftKeeper(() => clock.now);
	const sale = (pending: CounterDraft['pending'], held: CounterDraft['held'] = null): CounterDraft => ({ amountText: '38.5', pending, held });

	it('comes back as it was after a short look, once', () => {
		const clock = { now: start };
		const k = keeper(clock);
		const kept = sale(code(start - 10_000));
		k.keep(kept);
		clock.now += 90_000;
		expect(k.take()).toEqual(kept);
		expect(k.take()).toBeNull();
	});

	it('is dropped whole when the cashier was away longer than the time a sale at the counter takes', () => {
		const clock = { now: start };
		const k = keeper(clock);
		k.keep({ amountText: '38.5', pending: null, held: null });
		clock.now += KEPT_SALE_MS + 1;
		expect(k.take()).toBeNull();
	});

	it('is dropped whole when its customer\'s code was taken too long ago: the amount alone would go to the next code', () => {
		const clock = { now: start };
		const k = keeper(clock);
		k.keep(sale(code(start - KEPT_SALE_MS + 5_000)));
		clock.now += 10_000;
		expect(k.take()).toBeNull();
	});

	it('keeps the sale but not a next customer\'s code held too long', () => {
		const clock = { now: start };
		const k = keeper(clock);
		const pending = code(start - 1_000);
		k.keep(sale(pending, code(start - KEPT_SALE_MS - 1, '889999999999999999')));
		expect(k.take()).toEqual(sale(pending, null));
	});
});
