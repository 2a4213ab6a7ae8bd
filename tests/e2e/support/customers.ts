/** Customers a test makes for itself, so that tests sharing a file's server never share a wallet. */
import { randomUUID } from 'node:crypto';
import { customerToken } from './api';

/**
 * Signs up `handle` (PIN 4826) and tops their wallet up with `balance` minor units (0: an empty wallet, where any
 * charge is declined as the balance is too low). Returns the customer's token.
 */
export async function newCustomer(base: string, handle: string, balance: number): Promise<string> {
	const made = await fetch(`${base}/api/customers`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ handle, pin: '4826' })
	});
	if (made.status !== 201) throw new Error(`sign-up ${handle}: ${made.status}`);
	const token = await customerToken(base, handle, '4826');
	if (balance > 0) await topUp(base, token, balance);
	return token;
}

/** Puts `amount` minor units into the wallet of the customer whose token this is. */
export async function topUp(base: string, token: string, amount: number): Promise<void> {
	const topped = await fetch(`${base}/api/wallet/topups`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID() },
		body: JSON.stringify({ amount: { amount, currency: 'CNY' } })
	});
	if (topped.status !== 201) throw new Error(`top-up: ${topped.status}`);
}

/** A handle no other test of the run has: `prefix` and a few random letters (handles are a-z 0-9 . _ -). */
export const uniqueHandle = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
