/**
 * The cashier's screens name a coupon in their reader's language when its title only restates its rule ("¥10 off
 * orders of ¥50 or more" reads 满¥50减¥10 on a Chinese tablet), as the customer's do. For that the payment answer
 * carries its coupon's rule (`couponRule`), wherever a payment is answered, and the reports' rows by campaign carry
 * the campaign's (`rule`), a Z report's kept with its figures.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const THRESHOLD = { kind: 'threshold', minimum: 5000, off: 1000 };
const PERCENT = { kind: 'percent', percent: 15, cap: 2000 };

describe.each(dialects)("a coupon's rule in the answers the cashier reads, on %s", (dialect) => {
  let api: TestApi;
  let cashier: string;
  let manager: string;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    api = await startTestApi(dialect);
    cashier = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    alice = await api.signIn('customer', 'alice', '1111');
    bob = await api.signIn('customer', 'bob', '2222');
  });
  useInvariantCheck(() => api);

  it('a payment with a coupon answers its rule, as made, replayed, read alone and listed; one without, null', async () => {
    const key = newKey();
    const code = await newCode(api, alice, await couponId(api, alice, 'threshold'));
    const made = await pay(api, cashier, code, 6000, {}, key);
    expect(made.status).toBe(201);
    expect(made.body.payment.couponRule).toEqual(THRESHOLD);

    const replayed = await pay(api, cashier, code, 6000, {}, key);
    expect(replayed.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replayed.body.payment.couponRule).toEqual(THRESHOLD);

    const read = await api.request('GET', `/api/payments/${made.body.payment.id}`, { token: cashier });
    expect(read.body.payment.couponRule).toEqual(THRESHOLD);

    const plain = await pay(api, cashier, await newCode(api, alice), 300);
    expect(plain.body.payment.couponRule).toBeNull();

    const list = await api.request('GET', '/api/payments?limit=10', { token: cashier });
    const byId = new Map(list.body.payments.map((p: any) => [p.id, p.couponRule]));
    expect(byId.get(made.body.payment.id)).toEqual(THRESHOLD);
    expect(byId.get(plain.body.payment.id)).toBeNull();
  });

  it('a queued sale synced in a batch, and a coupon declined below its minimum, answer the rule too', async () => {
    const batch = await api.request('POST', '/api/payments/batch', {
      token: cashier,
      body: {
        items: [
          {
            idempotencyKey: newKey(),
            code: await newCode(api, bob, await couponId(api, bob, 'percent')),
            amount: { amount: 4000, currency: 'CNY' },
            scannedAt: new Date(api.clock.now() - 30_000).toISOString(),
          },
        ],
      },
    });
    expect(batch.body.results[0].status).toBe('succeeded');
    expect(batch.body.results[0].payment.couponRule).toEqual(PERCENT);

    const below = await pay(api, cashier, await newCode(api, bob, await couponId(api, bob, 'threshold')), 2000);
    expect(below.status).toBe(402);
    expect(below.body.payment.reasonDetail).toBe('BELOW_MINIMUM');
    expect(below.body.payment.couponRule).toEqual(THRESHOLD);
  });

  it('the Day, X and Z reports give each campaign row its rule', async () => {
    const rules = (figures: any) => Object.fromEntries(figures.byCampaign.map((c: any) => [c.title, c.rule]));
    const expected = { '¥10 off orders of ¥50 or more': THRESHOLD, '15% off, at most ¥20': PERCENT };

    const day = await api.request('GET', '/api/reports/daily', { token: cashier });
    expect(day.status).toBe(200);
    expect(rules(day.body)).toEqual(expected);
    const x = await api.request('GET', '/api/reports/x', { token: cashier });
    expect(rules(x.body.figures)).toEqual(expected);

    const z = await api.request('POST', '/api/reports/z', { token: manager, key: newKey(), body: {} });
    expect(z.status).toBe(201);
    expect(rules(z.body.report.figures)).toEqual(expected);
    // Kept with the closed figures: read again later, the Z report still has them.
    const again = await api.request('GET', `/api/reports/z/${z.body.report.number}`, { token: cashier });
    expect(rules(again.body.report.figures)).toEqual(expected);
  });
});
