import { beforeAll, describe, expect, it } from 'vitest';
import { dateIn } from '../../api/reports/days.js';
import { cny, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const HOUR = 3_600_000;

/**
 * The platform statement for a period lists the savings of the period's own sales, then what refunds gave back: of
 * those sales, and apart, of sales from before the period (`earlierSalesSubsidyReturned`), whose savings are in an
 * earlier statement. In one line the two read as if the period's own sales had been refunded, and the total could
 * not be followed from the savings above it. A period whose refunds give back more than its sales' savings owes the
 * platform: the statement's total is below zero and still matches the ledger.
 */
describe.each(dialects)('the platform statement and refunds of earlier sales on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let manager: string;
  let alice: string;
  let bob: string;
  const signInAll = async () => {
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    alice = await api.signIn('customer', 'alice', '1111');
    bob = await api.signIn('customer', 'bob', '2222');
  };
  beforeAll(async () => {
    api = await startTestApi(dialect);
    await signInAll();
  });
  useInvariantCheck(() => api);

  const refund = async (paymentId: string, amount: number) =>
    expect((await api.request('POST', `/api/payments/${paymentId}/refunds`, { token: cafe, key: newKey(), body: { amount: cny(amount) } })).status).toBe(201);
  const statement = async (from: string, to: string) => {
    const res = await api.request('GET', `/api/reports/platform?from=${from}&to=${to}`, { token: manager });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('says apart what refunds of earlier sales gave back, and a period that owes the platform adds up below zero', async () => {
    // Day 1: ¥5 off by the platform on ¥10.01.
    const earlier = await pay(api, cafe, await newCode(api, bob, await couponId(api, bob, 'fixed')), 1_001);
    expect(earlier.status).toBe(201);
    const day1 = dateIn(api.clock.now(), 'UTC');

    // Day 2: 15% off ¥100 by the platform (¥15), half of it refunded (¥7.50 back); day 1's sale refunded in full (¥5 back).
    api.clock.advance(25 * HOUR);
    await signInAll();
    const day2 = dateIn(api.clock.now(), 'UTC');
    const own = await pay(api, cafe, await newCode(api, alice, await couponId(api, alice, 'percent')), 10_000);
    expect(own.status).toBe(201);
    await refund(own.body.payment.id, 5_000);
    await refund(earlier.body.payment.id, 1_001);

    expect(await statement(day2, day2)).toMatchObject({
      payments: 1,
      subsidy: cny(1_500),
      subsidyReturnedByRefunds: cny(1_250),
      earlierSalesSubsidyReturned: cny(500),
      platformFunded: cny(250),
      ledger: { net: cny(250) },
      reconciled: true
    });
    // Over both days the day-1 sale is the period's own.
    expect(await statement(day1, day2)).toMatchObject({
      payments: 2,
      subsidy: cny(2_000),
      subsidyReturnedByRefunds: cny(1_250),
      earlierSalesSubsidyReturned: cny(0),
      platformFunded: cny(750),
      reconciled: true
    });

    // Day 3: no sales, the rest of day 2's refunded: the shop pays the platform back ¥7.50.
    api.clock.advance(25 * HOUR);
    await signInAll();
    const day3 = dateIn(api.clock.now(), 'UTC');
    await refund(own.body.payment.id, 5_000);
    expect(await statement(day3, day3)).toMatchObject({
      payments: 0,
      subsidy: cny(0),
      subsidyReturnedByRefunds: cny(750),
      earlierSalesSubsidyReturned: cny(750),
      platformFunded: cny(-750),
      ledger: { subsidyIn: cny(0), subsidyOut: cny(750), net: cny(-750) },
      reconciled: true
    });
  });
});
