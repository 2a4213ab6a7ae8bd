// Shared test data for the offline library's tests.
import type { Payment } from '../../../src/lib/offline/types';

export const cny = (amount: number) => ({ amount, currency: 'CNY' });

export function payment(overrides: Partial<Payment> = {}): Payment {
	const amount = overrides.amount ?? cny(1_000);
	return {
		id: 'pay_1',
		status: 'succeeded',
		reason: null,
		reasonDetail: null,
		amount,
		deduction: cny(0),
		charged: amount,
		settlement: amount,
		refunded: cny(0),
		refundedCash: cny(0),
		refundedSubsidy: cny(0),
		couponId: null,
		couponTitle: null,
		campaignId: null,
		funding: null,
		merchantId: 'm1',
		merchantName: 'Demo Café',
		cashierId: 'c1',
		customerId: 'cust1',
		customerHandle: 'alice',
		scannedAt: '2025-01-01T10:00:00.000Z',
		settledAt: '2025-01-01T10:00:01.000Z',
		...overrides
	};
}

/** An 18-digit code that differs by its last digits. */
export const code = (n: number) => `880000000000${String(n).padStart(6, '0')}`;
