import { beforeAll, describe, expect, it } from 'vitest';
import { backfillRefundHistory } from '../../api/db/migrations.js';
import { balance, cny, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/** A wallet's top-ups, listed for the customer beside the payments, so the balance can be followed line by line. */
describe.each(dialects)('a wallet’s top-ups on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect);
  });
  useInvariantCheck(() => api);

  it('lists the customer’s own top-ups, newest first, a page at a time, and nobody else’s', async () => {
    expect((await api.request('POST', '/api/customers', { body: { handle: 'erin', pin: '5555' } })).status).toBe(201);
    const erin = await api.signIn('customer', 'erin', '5555');
    const bob = await api.signIn('customer', 'bob', '2222');
    const amounts = [5_000, 2_000, 10_000];
    for (const amount of amounts) {
      api.clock.advance(60_000);
      expect((await api.request('POST', '/api/wallet/topups', { token: erin, key: newKey(), body: { amount: cny(amount) } })).status).toBe(201);
    }
    await api.request('POST', '/api/wallet/topups', { token: bob, key: newKey(), body: { amount: cny(777) } });

    const first = await api.request('GET', '/api/wallet/topups?limit=2', { token: erin });
    expect(first.status).toBe(200);
    expect(first.body.topups.map((t: any) => t.amount)).toEqual([cny(10_000), cny(2_000)]);
    expect(Date.parse(first.body.topups[0].at)).toBeGreaterThan(Date.parse(first.body.topups[1].at));
    const rest = await api.request('GET', `/api/wallet/topups?limit=2&before=${first.body.next}`, { token: erin });
    expect([rest.body.topups.map((t: any) => t.amount), rest.body.next]).toEqual([[cny(5_000)], null]);
    // What they add up to is the balance of a wallet that has only been topped up.
    const wallet = await api.request('GET', '/api/wallet', { token: erin });
    expect(wallet.body.balance).toEqual(cny(17_000));

    const bobs = await api.request('GET', '/api/wallet/topups', { token: bob });
    expect(bobs.body.topups.map((t: any) => t.amount)).toContainEqual(cny(777));
    expect(bobs.body.topups.map((t: any) => t.amount)).not.toContainEqual(cny(10_000));
    const cashier = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    expect((await api.request('GET', '/api/wallet/topups', { token: cashier })).status).toBe(403);
  });
});

/**
 * A wallet's refunds, listed for the customer on the day each was made (GET /api/wallet/refunds), so a balance
 * that went up today is explained by a line dated today, not only by a note on last week's payment.
 */
describe.each(dialects)('a wallet’s refunds on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect);
  });
  useInvariantCheck(() => api);

  it('lists each refund when it was made, with its shop, its payment and the coupon it gave back, a page at a time', async () => {
    let carol = await api.signIn('customer', 'carol', '3333');
    let cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    let books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    const start = await balance(api, carol);
    // 15.00 at the café with ¥5 off: 10.00 from the wallet (carol holds 20.00).
    const coffee = await pay(api, cafe, await newCode(api, carol, await couponId(api, carol, 'fixed')), 1_500);
    expect(coffee.status).toBe(201);
    // 5.00 at the bookshop with 15% off: 4.25 from the wallet.
    const book = await pay(api, books, await newCode(api, carol, await couponId(api, carol, 'percent')), 500);
    expect(book.status).toBe(201);

    // A week later: part of the coffee, then the book in full, then the rest of the coffee (its coupon comes back).
    api.clock.advance(7 * 86_400_000);
    // Everyone signs in again: a session lasts a shift, not a week.
    [carol, cafe, books] = [await api.signIn('customer', 'carol', '3333'), await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe'), await api.signIn('cashier', 'cashier-1', '4321', 'demo-books')];
    const refund = async (token: string, id: string, amount?: number) => {
      api.clock.advance(60_000);
      const res = await api.request('POST', `/api/payments/${id}/refunds`, { token, key: newKey(), body: amount ? { amount: cny(amount) } : {} });
      expect(res.status).toBe(201);
      return res.body.refund;
    };
    const first = await refund(cafe, coffee.body.payment.id, 500);
    const bookBack = await refund(books, book.body.payment.id);
    const rest = await refund(cafe, coffee.body.payment.id);
    // 5.00 of 15.00 returns 5 × 10 ÷ 15 = 3.33; the rest the exact remainder, 6.67. The refunds' own answers say
    // whether the coupon came back too.
    expect([first.cash, rest.cash, bookBack.cash]).toEqual([cny(333), cny(667), cny(425)]);
    expect([first.couponReturned, rest.couponReturned, bookBack.couponReturned]).toEqual([false, true, true]);

    const page1 = await api.request('GET', '/api/wallet/refunds?limit=2', { token: carol });
    expect(page1.status).toBe(200);
    const page2 = await api.request('GET', `/api/wallet/refunds?limit=2&before=${page1.body.next}`, { token: carol });
    expect(page2.body.next).toBeNull();
    const listed = [...page1.body.refunds, ...page2.body.refunds];
    expect(listed.map((r: any) => r.id)).toEqual([rest.id, bookBack.id, first.id]);
    expect(listed[0]).toEqual({
      ...rest,
      merchantName: 'Demo Café',
      paymentSettledAt: coffee.body.payment.settledAt,
      paymentAmount: cny(1_500),
      paymentCharged: cny(1_000),
    });
    expect(listed.map((r: any) => [r.merchantName, r.cash.amount, r.couponReturned])).toEqual([
      ['Demo Café', 667, true],
      ['Demo Books', 425, true],
      ['Demo Café', 333, false],
    ]);
    // Dated when each was made, a week after the payment it refunds.
    for (const r of listed) expect(Date.parse(r.createdAt) - Date.parse(r.paymentSettledAt)).toBeGreaterThan(7 * 86_400_000);
    // The history adds up: what the payments took, less what the refunds gave back, is what the wallet lost.
    const charged = coffee.body.payment.charged.amount + book.body.payment.charged.amount;
    expect(await balance(api, carol)).toBe(start - charged + listed.reduce((sum: number, r: any) => sum + r.cash.amount, 0));

    // Nobody else's, and only customers have a wallet.
    const bob = await api.signIn('customer', 'bob', '2222');
    expect((await api.request('GET', '/api/wallet/refunds', { token: bob })).body).toEqual({ refunds: [], next: null });
    expect((await api.request('GET', '/api/wallet/refunds', { token: cafe })).status).toBe(403);
    expect((await api.request('GET', '/api/wallet/refunds?limit=201', { token: carol })).status).toBe(400);

    // Refunds made before the history listed them get their customer and coupon from the migration's backfill.
    await api.deps.db.kysely.updateTable('refunds').set({ customer_id: null, coupon_returned: 0 }).execute();
    await backfillRefundHistory(api.deps.db.kysely);
    expect((await api.request('GET', '/api/wallet/refunds', { token: carol })).body.refunds).toEqual(listed);
  });

  it('lists a refund that gave back no cash, only the coupon: a payment the coupon covered in full', async () => {
    const alice = await api.signIn('customer', 'alice', '1111');
    const cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const free = await pay(api, cafe, await newCode(api, alice, await couponId(api, alice, 'fixed')), 500);
    expect(free.body.payment.charged).toEqual(cny(0));
    const back = await api.request('POST', `/api/payments/${free.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: {} });
    expect(back.status).toBe(201);
    const listed = (await api.request('GET', '/api/wallet/refunds', { token: alice })).body.refunds;
    expect(listed.map((r: any) => [r.paymentId, r.cash, r.couponReturned])).toEqual([[free.body.payment.id, cny(0), true]]);
  });
});
