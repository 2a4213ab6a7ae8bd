import { describe, expect, it } from 'vitest';
import { signedInSide } from '../../../src/lib/session/signed-in-side';

/** localStorage as SessionStore leaves it, for the roles given. */
function storageWith(entries: Record<string, string>): Pick<Storage, 'getItem'> {
	return { getItem: (key) => entries[key] ?? null };
}
const customer = { 'pos.session.customer': JSON.stringify({ token: 't1', session: { role: 'customer', customerId: 'c1', handle: 'alice' } }) };
const cashier = { 'pos.session.cashier': JSON.stringify({ token: 't2', session: { role: 'cashier', merchantId: 'm1', handle: 'cashier-1' } }) };

describe('where the installed app goes from "/"', () => {
	it('a device signed in as a customer goes to the wallet, one signed in as a cashier to the counter', () => {
		expect(signedInSide(storageWith(customer))).toBe('customer');
		expect(signedInSide(storageWith(cashier))).toBe('cashier');
	});

	it('signed in to neither, or to both (a demo device), asks', () => {
		expect(signedInSide(storageWith({}))).toBeNull();
		expect(signedInSide(storageWith({ ...customer, ...cashier }))).toBeNull();
		expect(signedInSide(null)).toBeNull();
	});

	it('a stored sign-in that is not one (broken JSON, no token, another role under the key) counts for nothing', () => {
		expect(signedInSide(storageWith({ 'pos.session.customer': '{not json' }))).toBeNull();
		expect(signedInSide(storageWith({ 'pos.session.customer': JSON.stringify({ session: { role: 'customer' } }) }))).toBeNull();
		expect(signedInSide(storageWith({ 'pos.session.customer': cashier['pos.session.cashier'] }))).toBeNull();
		expect(signedInSide(storageWith({ ...cashier, 'pos.session.customer': 'null' }))).toBe('cashier');
	});
});
