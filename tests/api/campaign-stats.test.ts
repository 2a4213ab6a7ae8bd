import { beforeAll, describe, expect, it } from 'vitest';
import { cny, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const DAY_MS = 86_400_000;
const dateInShanghai = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * A campaign's page (GET /api/campaigns/{id}/stats) with every kind of coupon at once: used on two local days,
 * used and partly refunded, used and refunded in full, declined, offered to a friend, held by a live code, held by a
 * code that lapsed. The page counts them in the database by kind (api/coupons/campaign-stats.ts); each kind must land
 * where a manager expects.
 */
describe.each(dialects)("a campaign's page on %s", (dialect) => {
  let api: TestApi;
  let manager: string;
  let till: string;
  const customers: string[] = [];

  beforeAll(async () => {
    api = await startTestApi(dialect, { timeZone: 'Asia/Shanghai' });
    // 23:40 in Shanghai (15:40 UTC) on some day ahead: the first use falls before local midnight, the next after.
    const now = api.clock.now();
    const target = Math.ceil((now - (15 * 60 + 40) * 60_000) / DAY_MS) * DAY_MS + (15 * 60 + 40) * 60_000;
    api.clock.advance(target - now);
    manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    till = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    for (let i = 0; i < 7; i++) {
      const handle = `stats-${dialect}-${i}`;
      expect((await api.request('POST', '/api/customers', { body: { handle, pin: '123456' } })).status).toBe(201);
      const token = await api.signIn('customer', handle, '123456');
      expect((await api.request('POST', '/api/wallet/topups', { token, key: newKey(), body: { amount: cny(10_000) } })).status).toBe(201);
      customers.push(token);
    }
  });
  useInvariantCheck(() => api);

  it('counts used, held, lapsed and returned coupons where they belong, and the uses by local day', async () => {
    const made = await api.request('POST', '/api/campaigns', {
      token: manager,
      key: newKey(),
      body: { title: 'Every kind', rule: { kind: 'fixed', off: 300 }, shareable: true, validUntil: new Date(api.clock.now() + 7 * DAY_MS).toISOString() },
    });
    expect(made.status).toBe(201);
    const campaignId = made.body.campaign.id as string;
    const link = await api.request('POST', `/api/campaigns/${campaignId}/claim-links`, { token: manager, key: newKey(), body: {} });
    const coupons: string[] = [];
    for (const token of customers) {
      const claimed = await api.request('POST', `/api/claims/${link.body.link.token}`, { token, key: newKey(), body: {} });
      expect(claimed.status).toBe(201);
      coupons.push(claimed.body.coupon.id);
    }
    const [usedLate, usedAfterMidnight, refundedInFull, lapsed, held, offered, declined] = [0, 1, 2, 3, 4, 5, 6];
    const firstDay = dateInShanghai(api.clock.now());

    const late = await pay(api, till, await newCode(api, customers[usedLate]!, coupons[usedLate]), 1500);
    expect(late.body.payment.deduction).toEqual(cny(300));
    const returned = await pay(api, till, await newCode(api, customers[refundedInFull]!, coupons[refundedInFull]), 1200);
    expect((await api.request('POST', `/api/payments/${returned.body.payment.id}/refunds`, { token: till, key: newKey(), body: {} })).status).toBe(201);
    // Offered to a friend, not yet claimed: the coupon is shared, neither used nor free.
    expect((await api.request('POST', `/api/coupons/${coupons[offered]}/shares`, { token: customers[offered], body: {} })).status).toBe(201);
    // Declined (more than the wallet holds): nothing was used, and the coupon is the customer's again.
    const refused = await pay(api, till, await newCode(api, customers[declined]!, coupons[declined]), 50_000);
    expect(refused.body.payment.status).toBe('declined');
    // A code that holds its coupon, never paid: when the code lapses, the coupon is the customer's to use again.
    await newCode(api, customers[lapsed]!, coupons[lapsed]);

    api.clock.advance(30 * 60_000); // 00:10 the next day
    const secondDay = dateInShanghai(api.clock.now());
    expect(secondDay).not.toBe(firstDay);
    const next = await pay(api, till, await newCode(api, customers[usedAfterMidnight]!, coupons[usedAfterMidnight]), 2000);
    expect((await api.request('POST', `/api/payments/${next.body.payment.id}/refunds`, { token: till, key: newKey(), body: { amount: cny(500) } })).status).toBe(201);
    await newCode(api, customers[held]!, coupons[held]);

    const stats = await api.request('GET', `/api/campaigns/${campaignId}/stats`, { token: manager });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ issued: 7, claimed: 7, redeemed: 2, reserved: 1, available: 3, expired: 0, shared: 1, deduction: cny(600) });
    expect(stats.body.byDay).toEqual([
      { date: firstDay, redeemed: 1, deduction: cny(300) },
      { date: secondDay, redeemed: 1, deduction: cny(300) },
    ]);

    // After the campaign ends: what was still unused has expired, the held and the offered coupons with it; the uses stay.
    api.clock.advance(8 * DAY_MS);
    manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe'); // the morning's session has expired by then
    const ended = await api.request('GET', `/api/campaigns/${campaignId}/stats`, { token: manager });
    expect(ended.body).toMatchObject({ issued: 7, redeemed: 2, reserved: 0, available: 0, shared: 0, expired: 5, deduction: cny(600) });
    expect(ended.body.byDay).toHaveLength(2);
  });
});
