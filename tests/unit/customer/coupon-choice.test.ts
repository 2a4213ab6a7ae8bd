import { describe, expect, it } from 'vitest';
import { readChoice, saveChoice } from '$lib/customer/coupon-choice';

/** A Storage of the kind sessionStorage is, in memory. */
function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v),
		removeItem: (k: string) => void items.delete(k)
	};
}

describe('the coupon chosen on the home screen, kept across a reload of the tab', () => {
	it('comes back for the customer who chose it', () => {
		const s = memoryStorage();
		saveChoice(s, 'cus_alice', 'cpn_5off');
		expect(readChoice(s, 'cus_alice')).toBe('cpn_5off');
	});

	it('is no choice for another customer signing in on the phone', () => {
		const s = memoryStorage();
		saveChoice(s, 'cus_alice', 'cpn_5off');
		expect(readChoice(s, 'cus_carol')).toBe('');
	});

	it('"No coupon" forgets it', () => {
		const s = memoryStorage();
		saveChoice(s, 'cus_alice', 'cpn_5off');
		saveChoice(s, 'cus_alice', '');
		expect(readChoice(s, 'cus_alice')).toBe('');
		saveChoice(s, 'cus_alice', 'cpn_5off');
		saveChoice(s, 'cus_alice', null);
		expect(readChoice(s, 'cus_alice')).toBe('');
	});

	it('storage that is missing, blocked or holds something else is no choice, not an error', () => {
		expect(readChoice(null, 'cus_alice')).toBe('');
		const garbage = memoryStorage();
		garbage.setItem('pos.customer.couponChoice', '{not json');
		expect(readChoice(garbage, 'cus_alice')).toBe('');
		garbage.setItem('pos.customer.couponChoice', JSON.stringify({ customerId: 'cus_alice', couponId: 42 }));
		expect(readChoice(garbage, 'cus_alice')).toBe('');
		const blocked = {
			getItem: () => {
				throw new Error('SecurityError');
			},
			setItem: () => {
				throw new Error('QuotaExceededError');
			},
			removeItem: () => {
				throw new Error('SecurityError');
			}
		};
		expect(() => saveChoice(blocked, 'cus_alice', 'cpn_5off')).not.toThrow();
		expect(readChoice(blocked, 'cus_alice')).toBe('');
	});
});
