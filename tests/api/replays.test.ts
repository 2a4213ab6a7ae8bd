import { beforeAll, describe, expect, it } from 'vitest';
import { balance, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A payment's Idempotency-Key is checked by the unique key on the payment row rather than looked up before
 * every new payment (payments/settle.ts SettleOptions): whatever the first attempt of a repeat does, it must
 * be undone, and the repeat must answer exactly what the first request answered.
 */
describe.each(dialects)('repeated payment requests on %s', (dialect) => {
  let api: TestApi;
  let alice: string;
  let bob: string;
  let cafe: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    alice = await api.signIn('customer', 'alice', '1111');
    bob = await api.signIn('customer', 'bob', '2222');
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
  });
  useInvariantCheck(() => api);

  it('a key reused for another live code is refused, and that code, its coupon and the wallet stay untouched', async () => {
    const key = newKey();
    const first = await pay(api, cafe, await newCode(api, alice), 1000, {}, key);
    expect(first.status).toBe(201);
    const before = await balance(api, alice);
    const coupon = await couponId(api, alice, 'fixed');
    const code = await newCode(api, alice, coupon);

    const reused = await pay(api, cafe, code, 2000, {}, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await balance(api, alice)).toBe(before);

    // The code still pays, with its coupon, exactly once.
    const paid = await pay(api, cafe, code, 2000);
    expect(paid.status).toBe(201);
    expect(paid.body.payment.deduction.amount).toBe(500);
    expect(await balance(api, alice)).toBe(before - 1500);
  });

  it('a sale sent without its scan time and retried with one (an offline batch, or the route again) is the same sale: one payment, charged once', async () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    // Sent alone without scannedAt (the server's time is taken), its answer lost, then queued and synced with it.
    const key = newKey();
    const code = await newCode(api, bob);
    const before = await balance(api, bob);
    const first = await pay(api, cafe, code, 1200, {}, key);
    expect(first.status).toBe(201);
    const batch = await api.request('POST', '/api/payments/batch', {
      token: cafe,
      body: { terminalId: 'retry-with-scan-time', items: [{ idempotencyKey: key, code, amount: { amount: 1200, currency: 'CNY' }, scannedAt: iso(api.clock.now() - 1_000) }] },
    });
    expect(batch.status).toBe(200);
    expect(batch.body.results[0]).toMatchObject({ status: 'succeeded', payment: { id: first.body.payment.id } });
    // The other way round: sent with its scan time (by a till whose clock runs two seconds ahead of the server's,
    // so the payment keeps the server's time), retried without.
    const second = newKey();
    const code2 = await newCode(api, bob);
    const withTime = await pay(api, cafe, code2, 800, { scannedAt: iso(api.clock.now() + 2_000) }, second);
    expect(withTime.status).toBe(201);
    const again = await pay(api, cafe, code2, 800, {}, second);
    expect([again.status, again.body.payment.id, again.headers.get('idempotent-replayed')]).toEqual([201, withTime.body.payment.id, 'true']);
    expect(await balance(api, bob)).toBe(before - 1200 - 800);
    // Another amount under that key is still another request.
    const other = await pay(api, cafe, code2, 900, {}, second);
    expect([other.status, other.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    expect(await balance(api, bob)).toBe(before - 2000);
  });

  it("one key for a payment and for a refund is refused either way round: the shop's keys share one scope", async () => {
    const paymentKey = newKey();
    const paid = await pay(api, cafe, await newCode(api, alice), 1000, {}, paymentKey);
    expect(paid.status).toBe(201);
    const refundPath = `/api/payments/${paid.body.payment.id}/refunds`;
    const refundWithPaymentKey = await api.request('POST', refundPath, { token: cafe, key: paymentKey, body: { amount: { amount: 100, currency: 'CNY' } } });
    expect(refundWithPaymentKey.status).toBe(409);
    expect(refundWithPaymentKey.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect((await api.request('GET', `/api/payments/${paid.body.payment.id}`, { token: cafe })).body.payment.refunded.amount).toBe(0);

    const refundKey = newKey();
    expect((await api.request('POST', refundPath, { token: cafe, key: refundKey, body: { amount: { amount: 100, currency: 'CNY' } } })).status).toBe(201);
    const before = await balance(api, alice);
    const code = await newCode(api, alice);
    // Alone, in a crowd (settled together), and in an offline batch: refused, and the code still pays afterwards.
    const alone = await pay(api, cafe, code, 700, {}, refundKey);
    const bobsCode = await newCode(api, bob);
    const bobBefore = await balance(api, bob);
    const crowd = await Promise.all([pay(api, cafe, code, 700, {}, refundKey), pay(api, cafe, bobsCode, 300)]);
    const batch = await api.request('POST', '/api/payments/batch', {
      token: cafe,
      body: { terminalId: 'till-keys', items: [{ idempotencyKey: refundKey, code, amount: { amount: 700, currency: 'CNY' }, scannedAt: new Date(api.clock.now()).toISOString() }] },
    });
    for (const refused of [alone, crowd[0]]) {
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    }
    expect(crowd[1].status).toBe(201);
    expect(batch.body.results[0]).toMatchObject({ status: 'error', error: { code: 'IDEMPOTENCY_MISMATCH' } });
    expect([await balance(api, alice), await balance(api, bob)]).toEqual([before, bobBefore - 300]);
    expect((await pay(api, cafe, code, 700)).status).toBe(201);
  });

  it('a payment and a refund sent at the same instant with one key: one of them is done, the other refused', async () => {
    for (let round = 0; round < 5; round++) {
      const paid = await pay(api, cafe, await newCode(api, alice), 1000);
      const code = await newCode(api, bob);
      const [aliceBefore, bobBefore] = [await balance(api, alice), await balance(api, bob)];
      const key = newKey();
      const [payment, refund] = await Promise.all([
        pay(api, cafe, code, 600, {}, key),
        api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key, body: { amount: { amount: 100, currency: 'CNY' } } }),
      ]);
      const done = [payment, refund].filter((r) => r.status === 201);
      const refused = [payment, refund].filter((r) => r.status === 409);
      expect(done, `round ${round}: ${payment.status} / ${refund.status}`).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(['IN_PROGRESS', 'IDEMPOTENCY_MISMATCH']).toContain(refused[0]!.body.error.code);
      // What the wallets show is what the one that was done did.
      const paymentDone = payment.status === 201;
      expect([await balance(api, alice), await balance(api, bob)]).toEqual([aliceBefore + (paymentDone ? 0 : 100), bobBefore - (paymentDone ? 600 : 0)]);
    }
  });

  it('an offline batch item and a refund sent at the same instant with one key: one is done, the other held back', async () => {
    for (let round = 0; round < 6; round++) {
      const paid = await pay(api, cafe, await newCode(api, alice), 1000);
      const code = await newCode(api, bob);
      const [aliceBefore, bobBefore] = [await balance(api, alice), await balance(api, bob)];
      const key = newKey();
      const item = { idempotencyKey: key, code, amount: { amount: 600, currency: 'CNY' }, scannedAt: new Date(api.clock.now()).toISOString() };
      const refundFirst = round % 2 === 0;
      const send = [
        () => api.request('POST', '/api/payments/batch', { token: cafe, body: { terminalId: `till-same-key-${round}`, items: [item] } }),
        () => api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key, body: { amount: { amount: 100, currency: 'CNY' } } }),
      ];
      const [batch, refund] = refundFirst ? (await Promise.all([send[1]!(), send[0]!()])).reverse() : await Promise.all([send[0]!(), send[1]!()]);
      const itemDone = batch!.body.results[0].status === 'succeeded';
      const refundDone = refund!.status === 201;
      expect([itemDone, refundDone].filter(Boolean), `round ${round}: item ${JSON.stringify(batch!.body.results[0].error)} / refund ${refund!.status}`).toHaveLength(1);
      if (!itemDone) expect(['IN_PROGRESS', 'IDEMPOTENCY_MISMATCH']).toContain(batch!.body.results[0].error.code);
      if (!refundDone) expect(['IN_PROGRESS', 'IDEMPOTENCY_MISMATCH']).toContain(refund!.body.error.code);
      expect([await balance(api, alice), await balance(api, bob)]).toEqual([aliceBefore + (refundDone ? 100 : 0), bobBefore - (itemDone ? 600 : 0)]);
    }
  });

  it('a repeat answers the stored decline even after unknown codes have been throttled', async () => {
    const key = newKey();
    const unknown = '880000000000123456';
    const first = await pay(api, cafe, unknown, 700, {}, key);
    expect(first.status).toBe(402);
    expect(first.body.payment.reason).toBe('CODE_UNKNOWN');

    // Guessing on: the till is refused once it passes the limit for unknown codes.
    let throttled = false;
    for (let i = 0; i < 30 && !throttled; i++) {
      const guess = await pay(api, cafe, `8800000000009${String(i).padStart(5, '0')}`, 100);
      throttled = guess.status === 429;
    }
    expect(throttled).toBe(true);

    const repeat = await pay(api, cafe, unknown, 700, {}, key);
    expect(repeat.status).toBe(402);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.body.payment.id).toBe(first.body.payment.id);
    expect(repeat.body.payment.reason).toBe('CODE_UNKNOWN');
  });

  it('concurrent new payments and repeats of settled ones each get their own answer', async () => {
    const customers = await Promise.all(['bob', 'carol'].map((h, i) => api.signIn('customer', h, ['2222', '3333'][i]!)));
    const settled = [];
    for (const token of customers) settled.push({ key: newKey(), code: await newCode(api, token) });
    for (const s of settled) expect((await pay(api, cafe, s.code, 300, {}, s.key)).status).toBe(201);
    const fresh = await Promise.all(customers.map((t) => newCode(api, t)));
    const before = await Promise.all(customers.map((t) => balance(api, t)));

    // Two repeats and two new payments arrive together (on PostgreSQL they share one transaction).
    const answers = await Promise.all([
      pay(api, cafe, settled[0]!.code, 300, {}, settled[0]!.key),
      pay(api, cafe, fresh[0]!, 111),
      pay(api, cafe, settled[1]!.code, 300, {}, settled[1]!.key),
      pay(api, cafe, fresh[1]!, 222),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers[0]!.headers.get('idempotent-replayed')).toBe('true');
    expect(answers[2]!.headers.get('idempotent-replayed')).toBe('true');
    expect(answers[1]!.headers.get('idempotent-replayed')).toBeNull();
    expect(await Promise.all(customers.map((t) => balance(api, t)))).toEqual([before[0]! - 111, before[1]! - 222]);
  });
});
