import { describe, expect, it } from 'vitest';
import { codeAgeMs, CounterDraftKeeper, KEPT_SALE_MS } from '../../../src/routes/cashier/counter-draft';
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

/** The sale kept across a reload of the page (an app update applied from Today), in the tab's storage. */
describe('a sale kept away from the counter, across a reload', () => {
	const start = Date.parse('2026-12-02T10:00:00Z');
	const code = (at: number) => ({ code: '881234567890123456', scannedAt: new Date(at), source: 'scanner' as const });
	const me = { merchantId: 'm1', cashierId: 'c1' };
	const tabStore = () => {
		const items = new Map<string, string>();
		return {
			getItem: (k: string) => items.get(k) ?? null,
			setItem: (k: string, v: string) => void items.set(k, v),
			removeItem: (k: string) => void items.delete(k),
			items
		};
	};
	const sale: CounterDraft = { amountText: '38.5', pending: code(start - 10_000), held: null };

	it('comes back in the reloaded page, once, as it was', () => {
		const clock = { now: start };
		const store = tabStore();
		new CounterDraftKeeper(() => clock.now, { store, owner: () => me }).keep(sale);
		clock.now += 30_000;
		const reloaded = new CounterDraftKeeper(() => clock.now, { store, owner: () => me });
		expect(reloaded.take()).toEqual(sale);
		expect(new CounterDraftKeeper(() => clock.now, { store, owner: () => me }).take()).toBeNull();
	});

	it('is not another cashier\'s to find after a reload', () => {
		const clock = { now: start };
		const store = tabStore();
		new CounterDraftKeeper(() => clock.now, { store, owner: () => me }).keep(sale);
		const other = new CounterDraftKeeper(() => clock.now, { store, owner: () => ({ merchantId: 'm1', cashierId: 'c2' }) });
		expect(other.take()).toBeNull();
	});

	it('is gone from the storage when dropped at sign-out, and after its two minutes', () => {
		const clock = { now: start };
		const store = tabStore();
		const k = new CounterDraftKeeper(() => clock.now, { store, owner: () => me });
		k.keep(sale);
		k.keep(null);
		expect(store.items.size).toBe(0);
		k.keep(sale);
		clock.now += KEPT_SALE_MS + 1;
		expect(new CounterDraftKeeper(() => clock.now, { store, owner: () => me }).take()).toBeNull();
	});

	it('ignores what it cannot read as a kept sale', () => {
		const store = tabStore();
		store.setItem('pos.cashier.keptSale', '{"keptAtMs":1,"owner":{"merchantId":"m1","cashierId":"c1"},"amountText":"1e9","pending":null,"held":null}');
		expect(new CounterDraftKeeper(() => 1, { store, owner: () => me }).take()).toBeNull();
		store.setItem('pos.cashier.keptSale', 'not json');
		expect(new CounterDraftKeeper(() => 1, { store, owner: () => me }).take()).toBeNull();
	});
});

describe('how old a code is', () => {
	const scannedAt = new Date(Date.parse('2026-12-03T10:00:00Z'));
	it('by the page’s own steady clock when the page took it: a wall clock set right meanwhile does not age it', () => {
		const code = { code: '123456789012', scannedAt, source: 'scanner' as const, takenAtMono: 5_000 };
		// Three minutes later on the (corrected) wall clock, one second later in fact.
		expect(codeAgeMs(code, scannedAt.getTime() + 3 * 60_000, 6_000)).toBe(1_000);
	});
	it('by its scan time when read back from storage (no steady reading survives a reload)', () => {
		const code = { code: '123456789012', scannedAt, source: 'scanner' as const };
		expect(codeAgeMs(code, scannedAt.getTime() + 3 * 60_000, 6_000)).toBe(3 * 60_000);
	});
});
