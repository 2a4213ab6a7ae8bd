import { describe, expect, it } from 'vitest';
import { COUNTER_SALE_MS as SERVER_COUNTER_SALE_MS } from '../../../api/payments/scan-time.js';
import type { Payment, WalletRefund } from '../../../src/lib/api/types';
import { chargeNews, COUNTER_SALE_MS, notShownOnResult, REFUNDS_SEEN_MAX, refundNews, rungOffline } from '../../../src/lib/customer/wallet-news';

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

describe('charges the phone has not told of yet (no result screen showed them)', () => {
	function payment(id: string, settledAt: string, over: Partial<Payment> = {}): Payment {
		return {
			id,
			status: 'succeeded',
			reason: null,
			reasonDetail: null,
			amount: cny(5000),
			deduction: cny(500),
			charged: cny(4500),
			settlement: cny(4500),
			refunded: cny(0),
			refundedCash: cny(0),
			refundedSubsidy: cny(0),
			couponId: null,
			couponTitle: null,
			campaignId: null,
			funding: null,
			merchantId: 'mer_1',
			merchantName: 'Demo Café',
			cashierId: 'cas_1',
			customerId: 'cus_1',
			customerHandle: 'alice',
			scannedAt: settledAt,
			settledAt,
			...over
		};
	}
	const a = payment('pay_a', '2026-12-01T10:00:00.000Z');
	const b = payment('pay_b', '2026-12-02T10:00:00.000Z');
	const late = payment('pay_late', '2026-12-03T09:00:00.000Z', { scannedAt: '2026-12-02T14:02:00.000Z' });

	it('at the first sight nothing is news; a charge that landed since is, once', () => {
		const first = chargeNews(null, [b, a]);
		expect(first.news).toEqual([]);
		const next = chargeNews(first.seen, [late, b, a]);
		expect(ids(next.news)).toEqual(['pay_late']);
		expect(chargeNews(next.seen, [late, b, a]).news).toEqual([]);
	});

	it('a sale rung yesterday and sent this morning is dated by when it reached the wallet: news, not older than what was seen', () => {
		// Seen: b, settled on the 2nd at 10:00. The late sale was rung at 14:02 that day, after b, and sent on the 3rd.
		const { seen } = chargeNews(null, [b]);
		expect(ids(chargeNews(seen, [late, b]).news)).toEqual(['pay_late']);
		// Rung before b and sent after it: still news, as it reached the wallet after b did.
		const rungEarlier = payment('pay_early', '2026-12-03T09:00:00.000Z', { scannedAt: '2026-12-02T08:00:00.000Z' });
		expect(ids(chargeNews(seen, [rungEarlier, b]).news)).toEqual(['pay_early']);
	});

	it('declines moved no money: never news, never remembered', () => {
		const declined = payment('pay_declined', '2026-12-03T09:00:00.000Z', { status: 'declined', reason: 'INSUFFICIENT_FUNDS' });
		const { seen } = chargeNews([], [declined, a]);
		expect(ids(chargeNews([], [declined, a]).news)).toEqual(['pay_a']);
		expect(ids(seen)).toEqual(['pay_a']);
	});

	it('a charge refunded since is still the same charge: told once, by its id', () => {
		const { seen } = chargeNews(null, [b, a]);
		expect(chargeNews(seen, [{ ...b, status: 'refunded', refunded: cny(4500) }, a]).news).toEqual([]);
	});

	it('remembers the newest charges only, at most REFUNDS_SEEN_MAX, and none of them comes back as news', () => {
		const many = Array.from({ length: REFUNDS_SEEN_MAX + 5 }, (_, i) => payment(`pay_${String(i).padStart(3, '0')}`, new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString())).reverse();
		const { seen } = chargeNews([], many);
		expect(seen).toHaveLength(REFUNDS_SEEN_MAX);
		expect(chargeNews(seen, many).news).toEqual([]);
	});

	it('a sale sent more than a counter sale’s two minutes after its scan was rung offline; one sent at once was not', () => {
		expect(rungOffline(late)).toBe(true);
		expect(rungOffline(a)).toBe(false);
		expect(rungOffline({ scannedAt: '2026-12-01T10:00:00.000Z', settledAt: '2026-12-01T10:02:00.000Z' })).toBe(false);
		expect(rungOffline({ scannedAt: '2026-12-01T10:00:00.000Z', settledAt: '2026-12-01T10:02:00.001Z' })).toBe(true);
		expect(rungOffline({ scannedAt: null, settledAt: '2026-12-01T10:02:00.001Z' })).toBe(false);
	});

	it("the phone's two minutes are the server's (api/payments/scan-time.ts)", () => {
		expect(COUNTER_SALE_MS).toBe(SERVER_COUNTER_SALE_MS);
	});
});
