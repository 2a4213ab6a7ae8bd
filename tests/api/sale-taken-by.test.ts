/**
 * A sale keeps the cashier who took it. Offline, cashier-1's sales wait on the tablet; if cashier-1 signs out and
 * the manager signs in there before the network returns, the manager's session sends them. They must still be
 * cashier-1's on Today, in the day's CSV and in the Z report: the outbox names the taker (`takenBy`), and the
 * server takes that name only when it is a cashier of the same shop.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { balance, cny, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

describe.each(dialects)('the cashier a sale is recorded under on %s', (dialect) => {
  let api: TestApi;
  let owner: string;
  let alice: string;
  let cashierOne: string;
  let ownerId: string;
  let booksCashier: string;

  beforeAll(async () => {
    api = await startTestApi(dialect);
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    alice = await api.signIn('customer', 'alice', '1111');
    const k = api.deps.db.kysely;
    const idOf = async (merchant: string, handle: string) =>
      (
        await k
          .selectFrom('cashiers')
          .innerJoin('merchants', 'merchants.id', 'cashiers.merchant_id')
          .select('cashiers.id')
          .where('merchants.handle', '=', merchant)
          .where('cashiers.handle', '=', handle)
          .executeTakeFirstOrThrow()
      ).id;
    cashierOne = await idOf('demo-cafe', 'cashier-1');
    ownerId = await idOf('demo-cafe', 'owner');
    booksCashier = await idOf('demo-books', 'cashier-1');
  });
  useInvariantCheck(() => api);

  const scannedAt = () => new Date(api.clock.now() - 60_000).toISOString();
  const recordedCashier = async (paymentId: string) =>
    (await api.deps.db.kysely.selectFrom('payments').select('cashier_id').where('id', '=', paymentId).executeTakeFirstOrThrow()).cashier_id;

  it("a queued sale sent in the manager's session stays cashier-1's, in a batch and on its own", async () => {
    const batch = await api.request('POST', '/api/payments/batch', {
      token: owner,
      body: { items: [{ idempotencyKey: newKey(), code: await newCode(api, alice), amount: cny(300), scannedAt: scannedAt(), takenBy: cashierOne }] },
    });
    expect(batch.status).toBe(200);
    expect(batch.body.results[0].status).toBe('succeeded');
    expect(batch.body.results[0].payment).toMatchObject({ cashierId: cashierOne, cashierHandle: 'cashier-1' });
    expect(await recordedCashier(batch.body.results[0].payment.id)).toBe(cashierOne);

    const single = await pay(api, owner, await newCode(api, alice), 250, { scannedAt: scannedAt(), takenBy: cashierOne });
    expect(single.status).toBe(201);
    expect(single.body.payment).toMatchObject({ cashierId: cashierOne, cashierHandle: 'cashier-1' });

    // The day's list names cashier-1 for both.
    const today = await api.request('GET', '/api/payments?limit=5', { token: owner });
    const mine = today.body.payments.filter((p: any) => [batch.body.results[0].payment.id, single.body.payment.id].includes(p.id));
    expect(mine.map((p: any) => [p.cashierId, p.cashierHandle])).toEqual([
      [cashierOne, 'cashier-1'],
      [cashierOne, 'cashier-1'],
    ]);
  });

  it('without takenBy a sale is the signed-in cashier’s, as before', async () => {
    const res = await pay(api, owner, await newCode(api, alice), 120);
    expect(res.status).toBe(201);
    expect(res.body.payment).toMatchObject({ cashierId: ownerId, cashierHandle: 'owner' });
  });

  it("another shop's cashier or a made-up id is refused, and nothing is charged", async () => {
    const before = await balance(api, alice);
    const code = await newCode(api, alice);
    const single = await pay(api, owner, code, 400, { scannedAt: scannedAt(), takenBy: booksCashier });
    expect(single.status).toBe(422);
    expect(single.body.error.code).toBe('UNKNOWN_CASHIER');

    const key = newKey();
    const batch = await api.request('POST', '/api/payments/batch', {
      token: owner,
      body: {
        items: [
          { idempotencyKey: key, code, amount: cny(400), scannedAt: scannedAt(), takenBy: 'csh_made_up' },
          { idempotencyKey: newKey(), code: await newCode(api, alice), amount: cny(150), scannedAt: scannedAt(), takenBy: cashierOne },
        ],
      },
    });
    expect(batch.status).toBe(200);
    expect(batch.body.results[0]).toMatchObject({ idempotencyKey: key, status: 'error', error: { code: 'UNKNOWN_CASHIER' } });
    // The other item of the batch is not held back by it.
    expect(batch.body.results[1]).toMatchObject({ status: 'succeeded', payment: { cashierId: cashierOne } });
    expect(await balance(api, alice)).toBe(before - 150);
  });

  it('a cashier removed since the sale still gets it: it was theirs', async () => {
    const k = api.deps.db.kysely;
    const removed = await k.updateTable('cashiers').set({ removed_at: api.clock.now() }).where('id', '=', cashierOne).executeTakeFirst();
    expect(Number(removed.numUpdatedRows)).toBe(1);
    try {
      const res = await pay(api, owner, await newCode(api, alice), 180, { scannedAt: scannedAt(), takenBy: cashierOne });
      expect(res.status).toBe(201);
      expect(res.body.payment.cashierId).toBe(cashierOne);
      // But not a scan made after they left: nobody can put a new sale on a departed cashier's name.
      api.clock.advance(120_000);
      const after = await pay(api, owner, await newCode(api, alice), 180, { scannedAt: new Date(api.clock.now() - 1_000).toISOString(), takenBy: cashierOne });
      expect([after.status, after.body.error?.code]).toEqual([422, 'UNKNOWN_CASHIER']);
    } finally {
      await k.updateTable('cashiers').set({ removed_at: null }).where('id', '=', cashierOne).execute();
    }
  });

  it("a colleague is named only for a scan with its time, as a queued sale is: a live sale is the sender's", async () => {
    const res = await pay(api, owner, await newCode(api, alice), 75, { takenBy: cashierOne });
    expect([res.status, res.body.error?.code]).toEqual([422, 'UNKNOWN_CASHIER']);
    // Naming oneself is always fine.
    expect((await pay(api, owner, await newCode(api, alice), 75, { takenBy: ownerId })).status).toBe(201);
  });

  it('sent again with the same key, the first answer comes back whoever is named', async () => {
    const key = newKey();
    const code = await newCode(api, alice);
    const at = scannedAt();
    const first = await pay(api, owner, code, 90, { scannedAt: at, takenBy: cashierOne }, key);
    expect(first.status).toBe(201);
    const again = await pay(api, owner, code, 90, { scannedAt: at }, key);
    expect(again.status).toBe(201);
    expect(again.body.payment.id).toBe(first.body.payment.id);
    expect(again.body.payment.cashierId).toBe(cashierOne);
  });
});
