import { beforeAll, describe, expect, it } from 'vitest';
import { balance, cny, couponId, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A till offline scans a customer's code with a coupon; the customer's phone, still showing a code, makes a fresh
 * one every ~50 s, and the fresh code reserves the same coupon. When the till syncs, the sale it took (the code was
 * live when scanned) pays with its coupon: the cashier was told the sale was taken, and the customer has left. It
 * was declined NOT_AVAILABLE ("the coupon is no longer available"), as the coupon was held by the newer code
 * (cashier review, session 57). The newer code, scanned after, finds the coupon used, with its customer there.
 */
describe.each(dialects)('an offline sale whose customer’s phone made a newer code with the same coupon, on %s', (dialect) => {
  let api: TestApi;
  let alice: string;
  let bob: string;
  let cafe: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    ({ alice, bob, cafe } = await signInDemo(api, 'alice', 'bob', 'cafe'));
  });
  useInvariantCheck(() => api);

  /** A code with the coupon, scanned now; then the phone's next two codes with the same coupon, 50 s apart. */
  async function scannedThenReplaced(token: string, coupon: string) {
    const scanned = await newCode(api, token, coupon);
    const scannedAt = new Date(api.clock.now()).toISOString();
    api.clock.advance(50_000);
    await newCode(api, token, coupon);
    api.clock.advance(50_000);
    const shownNow = await newCode(api, token, coupon);
    api.clock.advance(10_000);
    return { scanned, scannedAt, shownNow };
  }

  const couponState = async (token: string, id: string) =>
    (await api.request('GET', '/api/coupons', { token })).body.coupons.find((c: any) => c.id === id)?.state;

  it('synced alone (POST /api/payments with its scan time), it pays with the coupon; the newer code then finds it used', async () => {
    const coupon = await couponId(api, alice, 'fixed'); // ¥5 off
    const { scanned, scannedAt, shownNow } = await scannedThenReplaced(alice, coupon);
    expect(await couponState(alice, coupon)).toBe('reserved');
    const before = await balance(api, alice);

    const synced = await pay(api, cafe, scanned, 3000, { scannedAt });
    expect(synced.status).toBe(201);
    const p = synced.body.payment;
    expect(p).toMatchObject({ status: 'succeeded', couponId: coupon, customerHandle: 'alice' });
    expect([p.amount.amount, p.deduction.amount, p.charged.amount]).toEqual([3000, 500, 2500]);
    expect(await balance(api, alice)).toBe(before - 2500);
    expect(await couponState(alice, coupon)).toBe('redeemed');

    // The code on the phone now: its coupon went with the sale taken first, and nothing more is charged.
    const later = await pay(api, cafe, shownNow, 3000);
    expect(later.status).toBe(402);
    expect(later.body.payment).toMatchObject({ status: 'declined', reason: 'COUPON_NOT_APPLICABLE', reasonDetail: 'NOT_AVAILABLE' });
    expect(await balance(api, alice)).toBe(before - 2500);
  });

  it('synced in a batch with another such sale (settled together), each pays with its coupon', async () => {
    const aliceCoupon = await couponId(api, alice, 'threshold'); // ¥10 off orders of ¥50 or more
    const bobCoupon = await couponId(api, bob, 'percent'); // 15% off, at most ¥20
    const first = await scannedThenReplaced(alice, aliceCoupon);
    const second = await scannedThenReplaced(bob, bobCoupon);
    const [aliceBefore, bobBefore] = [await balance(api, alice), await balance(api, bob)];

    const batch = await api.request('POST', '/api/payments/batch', {
      token: cafe,
      key: newKey(),
      body: {
        terminalId: `t-${newKey()}`,
        items: [
          { idempotencyKey: newKey(), sequence: 1, code: first.scanned, amount: cny(6000), scannedAt: first.scannedAt },
          { idempotencyKey: newKey(), sequence: 2, code: second.scanned, amount: cny(4000), scannedAt: second.scannedAt },
        ],
      },
    });
    expect(batch.status).toBe(200);
    const [a, b] = batch.body.results.map((r: any) => r.payment);
    expect(a).toMatchObject({ status: 'succeeded', couponId: aliceCoupon });
    expect([a.deduction.amount, a.charged.amount]).toEqual([1000, 5000]);
    expect(b).toMatchObject({ status: 'succeeded', couponId: bobCoupon });
    expect([b.deduction.amount, b.charged.amount]).toEqual([600, 3400]);
    expect(await balance(api, alice)).toBe(aliceBefore - 5000);
    expect(await balance(api, bob)).toBe(bobBefore - 3400);
    expect(await couponState(alice, aliceCoupon)).toBe('redeemed');
    expect(await couponState(bob, bobCoupon)).toBe('redeemed');
  });
});
