import { beforeAll, describe, expect, it } from 'vitest';
import { cny, dialects, newKey, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

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
