import { describe, expect, it } from 'vitest';
import type { WalletRefund } from '../../../src/lib/api/types';
import { notShownOnResult, REFUNDS_SEEN_MAX, refundNews } from '../../../src/lib/customer/refund-news';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
function refund(id: string, at: string): WalletRefund {
	return {
		id,
		paymentId: `pay_${id}`,
		amount: cny(500),
		cash: cny(500),
		subsidy: cny(0),
		createdAt: at,
		couponReturned: false,
		merchantName: 'Demo Café',
		paymentSettledAt: '2026-12-01T10:00:00.000Z',
		paymentCharged: cny(3000)
	};
}
const ids = (rs: { id: string }[]) => rs.map((r) => r.id);

describe('refunds the phone has not told of yet', () => {
	const a = refund('ref_a', '2026-12-01T10:00:00.000Z');
	const b = refund('ref_b', '2026-12-02T10:00:00.000Z');
	const c = refund('ref_c', '2026-12-03T10:00:00.000Z');

	it('at the first sight of an account, nothing it lists is news, and all of it is seen', () => {
		const first = refundNews(null, [b, a]);
		expect(first.news).toEqual([]);
		expect(ids(first.seen)).toEqual(['ref_b', 'ref_a']);
	});

	it('a refund made since is news once: the same list read again tells nothing', () => {
		const { seen } = refundNews(null, [b, a]);
		const next = refundNews(seen, [c, b, a]);
		expect(ids(next.news)).toEqual(['ref_c']);
		expect(refundNews(next.seen, [c, b, a]).news).toEqual([]);
	});

	it('a first sight with no refund at all: every later refund is news', () => {
		const { seen } = refundNews(null, []);
		expect(seen).toEqual([]);
		expect(ids(refundNews(seen, [b, a]).news)).toEqual(['ref_b', 'ref_a']);
	});

	it('a refund older than every one seen is not news (made before the first sight, or trimmed away)', () => {
		const { seen } = refundNews(null, [c, b]);
		expect(refundNews(seen, [c, b, a]).news).toEqual([]);
	});

	it('remembers the newest refunds only, at most REFUNDS_SEEN_MAX, and none of them comes back as news', () => {
		const many = Array.from({ length: REFUNDS_SEEN_MAX + 5 }, (_, i) => refund(`ref_${String(i).padStart(3, '0')}`, new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString())).reverse();
		const { seen } = refundNews([], many);
		expect(seen).toHaveLength(REFUNDS_SEEN_MAX);
		expect(seen[0].id).toBe(many[0].id);
		expect(refundNews(seen, many).news).toEqual([]);
	});
});

describe('refunds already shown on the "Paid" screen are not news on the home screen', () => {
	const of = (id: string, paymentId: string, amount: number, at: string, cash = amount): WalletRefund => ({
		...refund(id, at),
		paymentId,
		amount: cny(amount),
		cash: cny(cash)
	});
	const whole = of('ref_whole', 'pay_shown', 3000, '2026-12-05T10:01:00.000Z', 2500);
	const other = of('ref_other', 'pay_older', 500, '2026-12-05T10:00:30.000Z');

	it('the refund the "Paid" screen said is dropped; a refund of another payment stays news', () => {
		const shown = new Map([['pay_shown', 3000]]);
		expect(ids(notShownOnResult([whole, other], [whole, other], shown))).toEqual(['ref_other']);
	});

	it('with nothing shown, every refund stays news', () => {
		expect(ids(notShownOnResult([whole, other], [whole, other], new Map()))).toEqual(['ref_whole', 'ref_other']);
	});

	it('a part refund made after the screen was left is still news; those it showed, counted by their amounts, are not', () => {
		const first = of('ref_1', 'pay_shown', 500, '2026-12-05T10:01:00.000Z');
		const second = of('ref_2', 'pay_shown', 300, '2026-12-05T10:02:00.000Z');
		const later = of('ref_3', 'pay_shown', 200, '2026-12-05T10:09:00.000Z');
		// The screen said ¥8.00 refunded in all: the ¥5.00 and the ¥3.00, not the ¥2.00 made after "Done".
		const shown = new Map([['pay_shown', 800]]);
		expect(ids(notShownOnResult([later, second, first], [later, second, first], shown))).toEqual(['ref_3']);
		// The first was told earlier: listed, no longer news, it still counts towards what the screen showed.
		expect(ids(notShownOnResult([later, second], [later, second, first], shown))).toEqual(['ref_3']);
	});

	it('a refund that gave nothing back counts by its amount too (the coupon had paid all of it)', () => {
		const nothingBack = of('ref_zero', 'pay_shown', 500, '2026-12-05T10:01:00.000Z', 0);
		expect(notShownOnResult([nothingBack], [nothingBack], new Map([['pay_shown', 500]]))).toEqual([]);
	});
});
