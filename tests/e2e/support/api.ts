/** Direct API calls for test setup and for checking money moved as the screens say (through the API, not the UI). */
import { randomUUID } from 'node:crypto';

export interface Money {
	amount: number;
	currency: string;
}

async function call<T>(base: string, method: string, path: string, token?: string, body?: unknown, idem = false): Promise<{ status: number; data: T }> {
	const headers: Record<string, string> = {};
	if (token) headers.Authorization = `Bearer ${token}`;
	if (method !== 'GET') headers['Content-Type'] = 'application/json';
	if (idem) headers['Idempotency-Key'] = randomUUID();
	const res = await fetch(base + '/api' + path, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
	const text = await res.text();
	return { status: res.status, data: (text ? JSON.parse(text) : null) as T };
}

/** A POST that makes something (a campaign, a claim link: 201), with its own Idempotency-Key; its answer. */
export async function created<T = any>(base: string, token: string, path: string, body: unknown): Promise<T> {
	const { status, data } = await call<T>(base, 'POST', path, token, body, true);
	if (status !== 201) throw new Error(`POST ${path}: ${status} ${JSON.stringify(data)}`);
	return data;
}

/** A manager's POST that changes something (a cashier added or removed, a PIN set), with its own Idempotency-Key; its answer. */
export async function managed<T = any>(base: string, token: string, path: string, body: unknown = {}): Promise<T> {
	const { status, data } = await call<T>(base, 'POST', path, token, body, true);
	if (status >= 300) throw new Error(`POST ${path}: ${status} ${JSON.stringify(data)}`);
	return data;
}

export async function customerToken(base: string, handle: string, pin: string): Promise<string> {
	const { status, data } = await call<{ token: string }>(base, 'POST', '/sessions', undefined, { role: 'customer', handle, pin });
	if (status !== 201) throw new Error(`customer sign-in ${handle}: ${status}`);
	return data.token;
}

/** What GET /api/me answers a token: 200 while its session lives, 401 once it was signed out or ran out. */
export async function meStatus(base: string, token: string): Promise<number> {
	return (await call(base, 'GET', '/me', token)).status;
}

export async function cashierSession(base: string, merchant = 'demo-cafe', handle = 'cashier-1', pin = '1234') {
	const { status, data } = await call<Record<string, unknown> & { token: string }>(base, 'POST', '/sessions', undefined, {
		role: 'cashier',
		merchant,
		handle,
		pin
	});
	if (status !== 201) throw new Error(`cashier sign-in: ${status}`);
	return data;
}

export async function balance(base: string, token: string): Promise<number> {
	const { data } = await call<{ balance: Money }>(base, 'GET', '/wallet', token);
	return data.balance.amount;
}

export interface Coupon {
	id: string;
	title: string;
	state: string;
	rule: { kind: string };
	/** While the coupon is offered to a friend: the offer's link token. */
	shareToken?: string | null;
}

export async function coupons(base: string, token: string): Promise<Coupon[]> {
	return (await call<{ coupons: Coupon[] }>(base, 'GET', '/coupons', token)).data.coupons;
}

export async function payCode(base: string, token: string, couponId?: string): Promise<string> {
	const { status, data } = await call<{ code: string }>(base, 'POST', '/paycodes', token, couponId ? { couponId } : {});
	if (status !== 201) throw new Error(`paycode: ${status}`);
	return data.code;
}

export async function pay(base: string, cashierToken: string, code: string, amount: number) {
	return call<{ payment: { id: string; status: string; charged: Money } }>(
		base,
		'POST',
		'/payments',
		cashierToken,
		{ code, amount: { amount, currency: 'CNY' } },
		true
	);
}

/** A sale of `amount` to a demo customer, who shows their available coupon titled `couponTitle`; the payment's id. */
export async function payWithCoupon(base: string, cashierToken: string, handle: string, pin: string, couponTitle: string, amount: number): Promise<string> {
	const customer = await customerToken(base, handle, pin);
	const coupon = (await coupons(base, customer)).find((c) => c.title === couponTitle && c.state === 'available');
	if (!coupon) throw new Error(`${handle} holds no "${couponTitle}"`);
	const paid = await pay(base, cashierToken, await payCode(base, customer, coupon.id), amount);
	if (paid.status !== 201) throw new Error(`payment with "${couponTitle}": ${paid.status} ${JSON.stringify(paid.data)}`);
	return paid.data.payment.id;
}

/** A refund of a part of a payment (the whole of what is left when no amount is given), as a cashier; its id. */
export async function refund(base: string, cashierToken: string, paymentId: string, amount?: number): Promise<string> {
	const body = amount === undefined ? {} : { amount: { amount, currency: 'CNY' } };
	return (await created<{ refund: { id: string } }>(base, cashierToken, `/payments/${paymentId}/refunds`, body)).refund.id;
}

export async function refunds(base: string, token: string, paymentId: string) {
	return (await call<{ payment: { status: string; refunded: Money }; refunds: { cash: Money }[] }>(base, 'GET', `/payments/${paymentId}`, token)).data;
}

export async function dailyReport(base: string, cashierToken: string) {
	const d = new Date();
	const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
	return (await call<{ count: number; settlement: Money }>(base, 'GET', `/reports/daily?date=${date}`, cashierToken)).data;
}

/** Offers one of the customer's coupons to a friend: the share link's token. */
export async function shareCoupon(base: string, token: string, couponId: string): Promise<string> {
	const { status, data } = await call<{ share: { token: string } }>(base, 'POST', `/coupons/${couponId}/shares`, token, {}, true);
	if (status !== 201) throw new Error(`share: ${status}`);
	return data.share.token;
}

/** A friend accepts a share link. */
export async function claimShare(base: string, token: string, shareToken: string): Promise<number> {
	return (await call(base, 'POST', `/shares/${shareToken}/claim`, token, {}, true)).status;
}

/** The sender takes an offer back (from another phone, say). */
export async function takeBackShare(base: string, token: string, shareToken: string): Promise<number> {
	return (await call(base, 'DELETE', `/shares/${shareToken}`, token)).status;
}
