import { describe, expect, it } from 'vitest';
import { checkOfflineLimits, defaultOfflineLimits, limitsOf } from '../../../src/lib/offline/limits';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const limits = defaultOfflineLimits('CNY'); // 500.00 each, 2,000.00 in total, 50 payments

describe('offline limits', () => {
	it('takes a payment of exactly the per-payment cap and refuses one fen more', () => {
		expect(checkOfflineLimits([], cny(50_000), limits)).toEqual({ ok: true });
		expect(checkOfflineLimits([], cny(50_001), limits)).toEqual({
			ok: false,
			reason: 'OFFLINE_PAYMENT_CAP',
			limit: cny(50_000)
		});
	});

	it('refuses when the unsent total would pass 2,000.00, and says how much waits', () => {
		const pending = [cny(50_000), cny(50_000), cny(50_000), cny(40_000)];
		expect(checkOfflineLimits(pending, cny(10_000), limits)).toEqual({ ok: true });
		expect(checkOfflineLimits(pending, cny(10_001), limits)).toMatchObject({
			ok: false,
			reason: 'OFFLINE_TOTAL_CAP',
			pending: cny(190_000)
		});
	});

	it('refuses the 51st unsent payment', () => {
		const pending = Array.from({ length: 49 }, () => cny(100));
		expect(checkOfflineLimits(pending, cny(100), limits)).toEqual({ ok: true });
		expect(checkOfflineLimits([...pending, cny(100)], cny(100), limits)).toEqual({
			ok: false,
			reason: 'OFFLINE_COUNT_CAP',
			limit: 50
		});
	});

	it('uses the merchant’s own limits when given', () => {
		const strict = { perPaymentMax: cny(1_000), totalMax: cny(1_500), countMax: 2 };
		expect(checkOfflineLimits([], cny(1_001), strict)).toMatchObject({ reason: 'OFFLINE_PAYMENT_CAP' });
		expect(checkOfflineLimits([cny(1_000)], cny(600), strict)).toMatchObject({ reason: 'OFFLINE_TOTAL_CAP' });
		expect(checkOfflineLimits([cny(1), cny(1)], cny(1), strict)).toMatchObject({ reason: 'OFFLINE_COUNT_CAP' });
	});

	it('refuses to compare money in different currencies or fractional amounts', () => {
		expect(() => checkOfflineLimits([], { amount: 100, currency: 'USD' }, limits)).toThrow(/currency|USD/);
		expect(() => checkOfflineLimits([], cny(10.5), limits)).toThrow(RangeError);
		expect(() => checkOfflineLimits([cny(0.1)], cny(10), limits)).toThrow(RangeError);
	});
});

describe('the shop’s own limits from its session', () => {
	it('uses the limits the server sends, and the defaults when it sends none', () => {
		expect(limitsOf('CNY', { paymentMax: cny(10_000), totalMax: cny(30_000), countMax: 5 })).toEqual({
			perPaymentMax: cny(10_000),
			totalMax: cny(30_000),
			countMax: 5
		});
		expect(limitsOf('CNY', undefined)).toEqual(defaultOfflineLimits('CNY'));
	});
});
