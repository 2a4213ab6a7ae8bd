import { describe, expect, it } from 'vitest';
import type { WalletRefund } from '../../../src/lib/api/types';
import { REFUNDS_SEEN_MAX, refundNews } from '../../../src/lib/customer/refund-news';

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
