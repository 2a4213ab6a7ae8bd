import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../api/db/tx.js';
import { externalAccountId } from '../../api/ledger/system-accounts.js';
import { postTransfers } from '../../api/ledger/transfers.js';
import { balance, cny, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * The coupon-using payment flow through the public HTTP contract, with the demo data: the customer picks a
 * coupon and gets a code, the cashier sends the full amount, the coupon service decides the deduction, the
 * wallet pays the rest. Every decline reason of DESIGN.md is reached here through the API.
 */
describe.each(dialects)('payment flow on %s', (dialect) => {
  let api: TestApi;
  let alice: string;
  let bob: string;
  let carol: string;
  let cafe: string;
  let books: string;
  beforeAll(async () => {
    // Sessions last long here because the tests move the clock by a day to reach the offline window.
    api = await startTestApi(dialect, { sessionTtlMs: 30 * 86_400_000, customerSessionIdleMs: 30 * 86_400_000, customerSessionMaxMs: 30 * 86_400_000 });
    alice = await api.signIn('customer', 'alice', '1111');
    bob = await api.signIn('customer', 'bob', '2222');
    carol = await api.signIn('customer', 'carol', '3333');
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
  });
  useInvariantCheck(() => api);

  it('charges A − D for a threshold coupon and shows the same figures to both sides', async () => {
    const before = await balance(api, alice);
    const code = await newCode(api, alice, await couponId(api, alice, 'threshold'));
    const res = await pay(api, cafe, code, 6000);
    expect(res.status).toBe(201);
    const p = res.body.payment;
    expect([p.amount.amount, p.deduction.amount, p.charged.amount, p.settlement.amount]).toEqual([6000, 1000, 5000, 5000]);
    expect(p).toMatchObject({ status: 'succeeded', funding: 'merchant', customerHandle: 'alice', merchantName: 'Demo Café', couponTitle: '¥10 off orders of ¥50 or more' });
    expect(await balance(api, alice)).toBe(before - 5000);
    const seen = await api.request('GET', `/api/payments/${p.id}`, { token: alice });
    expect(seen.body.payment.charged.amount).toBe(5000);
    const coupons = await api.request('GET', '/api/coupons', { token: alice });
    expect(coupons.body.coupons.find((c: any) => c.id === p.couponId).state).toBe('redeemed');
  });

  it('a platform-funded coupon pays the merchant the full amount: C from the wallet, D from the platform', async () => {
    const before = await balance(api, bob);
    const code = await newCode(api, bob, await couponId(api, bob, 'percent'));
    const res = await pay(api, books, code, 20000);
    expect(res.status).toBe(201);
    // 15% of 200.00 is 30.00, capped at 20.00.
    expect(res.body.payment.deduction.amount).toBe(2000);
    expect(res.body.payment.charged.amount).toBe(18000);
    expect(res.body.payment.settlement.amount).toBe(20000);
    expect(await balance(api, bob)).toBe(before - 18000);
  });

  it('without a coupon the whole amount is charged', async () => {
    const before = await balance(api, bob);
    const res = await pay(api, cafe, await newCode(api, bob), 1234);
    expect(res.status).toBe(201);
    expect(res.body.payment.deduction.amount).toBe(0);
    expect(await balance(api, bob)).toBe(before - 1234);
  });

  it('a deduction larger than the amount charges zero, never below', async () => {
    const token = await api.signIn('customer', 'carol', '3333');
    const code = await newCode(api, token, await couponId(api, token, 'fixed'));
    const before = await balance(api, token);
    const res = await pay(api, cafe, code, 300);
    expect(res.status).toBe(201);
    expect(res.body.payment.deduction.amount).toBe(300);
    expect(res.body.payment.charged.amount).toBe(0);
    expect(await balance(api, token)).toBe(before);
  });

  it('declines CODE_UNKNOWN for an 18-digit string that is no live code, and 400 for anything not 18 digits', async () => {
    const res = await pay(api, cafe, '880000000000000000', 100);
    expect(res.status).toBe(402);
    expect(res.body.payment).toMatchObject({ status: 'declined', reason: 'CODE_UNKNOWN' });
    expect(res.body.error.code).toBe('CODE_UNKNOWN');
    for (const bad of ['12345', '8800000000000000001', '88000000000000000a']) {
      const r = await pay(api, cafe, bad, 100);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('INVALID_REQUEST');
    }
  });

  it('declines CODE_USED for a second attempt with the same code, and a declined attempt uses the code too', async () => {
    const code = await newCode(api, alice);
    expect((await pay(api, cafe, code, 100)).status).toBe(201);
    const again = await pay(api, cafe, code, 100);
    expect(again.status).toBe(402);
    expect(again.body.payment.reason).toBe('CODE_USED');

    const poor = await newCode(api, carol);
    const declined = await pay(api, cafe, poor, 99_999);
    expect(declined.body.payment.reason).toBe('INSUFFICIENT_FUNDS');
    const retry = await pay(api, cafe, poor, 100);
    expect(retry.body.payment.reason).toBe('CODE_USED');
  });

  it('declines CODE_EXPIRED after the code lived its 60 s, and for a code retired by a newer one', async () => {
    const old = await newCode(api, alice);
    api.clock.advance(60_001);
    const late = await pay(api, cafe, old, 100);
    expect(late.status).toBe(402);
    expect(late.body.payment.reason).toBe('CODE_EXPIRED');

    const first = await newCode(api, alice);
    const second = await newCode(api, alice);
    expect((await pay(api, cafe, first, 100)).body.payment.reason).toBe('CODE_EXPIRED');
    expect((await pay(api, cafe, second, 100)).status).toBe(201);
  });

  it('an old code held up at a till names no customer to that shop; one scanned live and paid elsewhere after does', async () => {
    // Alice paid at the café; someone holds a photo of that code up at the bookshop, and of an expired one.
    const used = await newCode(api, alice);
    expect((await pay(api, cafe, used, 600)).status).toBe(201);
    const photo = await pay(api, books, used, 100);
    const expiredCode = await newCode(api, alice, await couponId(api, alice, 'percent'));
    api.clock.advance(60_001);
    const expired = await pay(api, books, expiredCode, 100);
    const batch = await api.request('POST', '/api/payments/batch', {
      token: books,
      body: { terminalId: `old-${newKey()}`, items: [{ idempotencyKey: newKey(), sequence: 1, code: used, amount: cny(100), scannedAt: new Date(api.clock.now()).toISOString() }] },
    });
    const stale = [photo.body.payment, expired.body.payment, batch.body.results[0].payment];
    expect(stale.map((p: any) => p.reason)).toEqual(['CODE_USED', 'CODE_EXPIRED', 'CODE_USED']);
    for (const p of stale) expect([p.customerId, p.customerHandle, p.couponId]).toEqual([null, null, null]);
    // The expired code held a coupon; Alice's own view of that attempt names it (and her).
    const own = await api.request('GET', `/api/payments/${expired.body.payment.id}`, { token: alice });
    expect(own.body.payment.couponId).not.toBeNull();
    // Nor later, in the shop's list or the payment itself.
    const list = await api.request('GET', '/api/payments?limit=10', { token: books });
    const listed = list.body.payments.filter((p: any) => p.id === photo.body.payment.id || p.id === expired.body.payment.id);
    // Both attempts are on the list (else the check below would look at nothing), and neither names alice.
    expect(listed.map((p: any) => p.id).sort()).toEqual([photo.body.payment.id, expired.body.payment.id].sort());
    for (const p of listed) expect([p.customerId, p.customerHandle]).toEqual([null, null]);
    const one = await api.request('GET', `/api/payments/${photo.body.payment.id}`, { token: books });
    expect(one.body.payment.customerHandle).toBeNull();
    // Alice herself sees the attempt on her old code, and where it was made.
    const hers = await api.request('GET', `/api/payments/${photo.body.payment.id}`, { token: alice });
    expect(hers.body.payment).toMatchObject({ reason: 'CODE_USED', customerHandle: 'alice', merchantName: 'Demo Books' });

    // A till offline scanned Bob's live code; Bob then paid with it at the café. The bookshop's sale, synced,
    // is declined, and the shop is told who it was, since he stood at its counter.
    const code = await newCode(api, bob);
    const scannedAt = new Date(api.clock.now()).toISOString();
    api.clock.advance(5_000);
    expect((await pay(api, cafe, code, 300)).status).toBe(201);
    const synced = await pay(api, books, code, 700, { scannedAt });
    expect(synced.body.payment).toMatchObject({ reason: 'CODE_USED', reasonDetail: 'USED_AFTER_SCAN', customerHandle: 'bob' });
  });

  it('a code used at a shop and shown there again names its customer to that shop: answer, batch, list, detail', async () => {
    // Bob paid at the café; his code is read again there (a second scan, or Bob holding up a screenshot of it).
    const code = await newCode(api, bob);
    expect((await pay(api, cafe, code, 300)).status).toBe(201);
    const before = await balance(api, bob);
    const key = newKey();
    const again = await pay(api, cafe, code, 400, {}, key);
    expect(again.status).toBe(402);
    expect(again.body.payment).toMatchObject({ reason: 'CODE_USED', reasonDetail: 'USED_HERE', customerHandle: 'bob', customerId: expect.any(String) });
    // The same request again answers the same, and nothing moved.
    const replay = await pay(api, cafe, code, 400, {}, key);
    expect(replay.body.payment).toEqual(again.body.payment);
    expect(await balance(api, bob)).toBe(before);
    // Today's list and the payment's detail name him too.
    const list = await api.request('GET', '/api/payments?limit=20', { token: cafe });
    expect(list.body.payments.find((p: any) => p.id === again.body.payment.id)).toMatchObject({ customerHandle: 'bob', reasonDetail: 'USED_HERE' });
    const one = await api.request('GET', `/api/payments/${again.body.payment.id}`, { token: cafe });
    expect(one.body.payment.customerHandle).toBe('bob');
    // Bob sees it in his history as he saw every attempt on his code.
    const his = await api.request('GET', `/api/payments/${again.body.payment.id}`, { token: bob });
    expect(his.body.payment).toMatchObject({ reason: 'CODE_USED', customerHandle: 'bob', merchantName: 'Demo Café' });

    // A queued sale synced later: alone in its batch (settled as a group), and after the code's own sale in the
    // same batch (settled step by step).
    const alone = await api.request('POST', '/api/payments/batch', {
      token: cafe,
      body: { terminalId: `t-${newKey()}`, items: [{ idempotencyKey: newKey(), sequence: 1, code, amount: cny(100), scannedAt: new Date(api.clock.now()).toISOString() }] },
    });
    expect(alone.body.results[0].payment).toMatchObject({ reason: 'CODE_USED', reasonDetail: 'USED_HERE', customerHandle: 'bob' });
    const fresh = await newCode(api, bob);
    const scannedAt = new Date(api.clock.now()).toISOString();
    const both = await api.request('POST', '/api/payments/batch', {
      token: cafe,
      body: {
        terminalId: `t-${newKey()}`,
        items: [
          { idempotencyKey: newKey(), sequence: 1, code: fresh, amount: cny(200), scannedAt },
          { idempotencyKey: newKey(), sequence: 2, code: fresh, amount: cny(200), scannedAt },
        ],
      },
    });
    expect(both.body.results.map((r: any) => r.status)).toEqual(['succeeded', 'declined']);
    expect(both.body.results[1].payment).toMatchObject({ reason: 'CODE_USED', reasonDetail: 'USED_HERE', customerHandle: 'bob' });

    // Another shop was never shown that code by Bob: held up there, it still names no one.
    const elsewhere = await pay(api, books, code, 100);
    expect(elsewhere.body.payment).toMatchObject({ reason: 'CODE_USED', reasonDetail: null, customerHandle: null, customerId: null });
    // Carol's code declined for her balance at the café (the café saw her then), read again there: hers too.
    const carols = await newCode(api, carol);
    expect((await pay(api, cafe, carols, 1_000_000)).body.payment).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', customerHandle: 'carol' });
    expect((await pay(api, cafe, carols, 100)).body.payment).toMatchObject({ reason: 'CODE_USED', reasonDetail: 'USED_HERE', customerHandle: 'carol' });
    // A code first held up after it expired (no name then) names no one the second time either.
    const expiring = await newCode(api, alice);
    api.clock.advance(60_001);
    expect((await pay(api, books, expiring, 100)).body.payment).toMatchObject({ reason: 'CODE_EXPIRED', customerHandle: null });
    expect((await pay(api, books, expiring, 100)).body.payment).toMatchObject({ reason: 'CODE_USED', reasonDetail: null, customerHandle: null });
  });

  it('a code used at a shop and shown there again says which of its sales used it, and whether that one was paid', async () => {
    // Bob paid ¥3.00 at the café; the same code read again there, online and from a queued sale.
    const code = await newCode(api, bob);
    const first = await pay(api, cafe, code, 300);
    expect(first.status).toBe(201);
    const usedBy = { paymentId: first.body.payment.id, status: 'succeeded', amount: cny(300), settledAt: first.body.payment.settledAt, paidInCash: false };
    const again = await pay(api, cafe, code, 400);
    expect(again.body.payment).toMatchObject({ reasonDetail: 'USED_HERE', codeUsedBy: usedBy });
    const queued = await api.request('POST', '/api/payments/batch', {
      token: cafe,
      body: { terminalId: `t-${newKey()}`, items: [{ idempotencyKey: newKey(), sequence: 1, code, amount: cny(100), scannedAt: new Date(api.clock.now()).toISOString() }] },
    });
    expect(queued.body.results[0].payment.codeUsedBy).toEqual(usedBy);
    // Today's list and the payment's detail say it too; the sale that was paid has none.
    const list = await api.request('GET', '/api/payments?limit=20', { token: cafe });
    expect(list.body.payments.find((p: any) => p.id === again.body.payment.id).codeUsedBy).toEqual(usedBy);
    expect(list.body.payments.find((p: any) => p.id === first.body.payment.id).codeUsedBy).toBeNull();
    expect((await api.request('GET', `/api/payments/${again.body.payment.id}`, { token: cafe })).body.payment.codeUsedBy).toEqual(usedBy);

    // Carol's code declined for her balance, read again: the sale that used it up was declined, not paid; once it is
    // noted as paid in cash, it says so.
    const carols = await newCode(api, carol);
    const short = await pay(api, cafe, carols, 1_000_000);
    expect(short.body.payment.reason).toBe('INSUFFICIENT_FUNDS');
    expect((await pay(api, cafe, carols, 100)).body.payment.codeUsedBy).toMatchObject({ paymentId: short.body.payment.id, status: 'declined', paidInCash: false });
    expect((await api.request('POST', `/api/payments/${short.body.payment.id}/paid-in-cash`, { token: cafe, key: newKey(), body: { note: 'cash' } })).status).toBe(201);
    expect((await pay(api, cafe, carols, 100)).body.payment.codeUsedBy).toMatchObject({ paymentId: short.body.payment.id, paidInCash: true });

    // Held up at another shop, a used code says nothing of where it was used, nor any other decline.
    const elsewhere = await pay(api, books, code, 100);
    expect(elsewhere.body.payment).toMatchObject({ reason: 'CODE_USED', reasonDetail: null, codeUsedBy: null });
    expect(first.body.payment.codeUsedBy).toBeNull();
  });

  it('a code put away by the customer stops paying at once and frees its coupon', async () => {
    const coupon = await couponId(api, alice, 'percent');
    const code = await newCode(api, alice, coupon);
    expect((await api.request('DELETE', '/api/paycodes/current', { token: alice })).status).toBe(204);
    const coupons = await api.request('GET', '/api/coupons', { token: alice });
    expect(coupons.body.coupons.find((c: any) => c.id === coupon).state).toBe('available');
    const res = await pay(api, cafe, code, 1000);
    expect(res.status).toBe(402);
    expect(res.body.payment.reason).toBe('CODE_EXPIRED');
    expect((await api.request('DELETE', '/api/paycodes/current', { token: alice })).status).toBe(204);
  });

  it('putting away a named code leaves a newer one live: a late "put away" cannot stop the code on screen', async () => {
    const older = await newCode(api, alice);
    const newer = await newCode(api, alice);
    expect((await api.request('DELETE', `/api/paycodes/current?code=${older}`, { token: alice })).status).toBe(204);
    expect((await pay(api, cafe, newer, 1000)).status).toBe(201);

    const shown = await newCode(api, alice);
    expect((await api.request('DELETE', `/api/paycodes/current?code=${shown}`, { token: alice })).status).toBe(204);
    const res = await pay(api, cafe, shown, 1000);
    expect(res.body.payment.reason).toBe('CODE_EXPIRED');
    const bad = await api.request('DELETE', '/api/paycodes/current?code=12345', { token: alice });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_REQUEST');
  });

  it('declines INSUFFICIENT_FUNDS when the wallet is short, moves nothing and gives the coupon back', async () => {
    const before = await balance(api, carol);
    const coupon = await couponId(api, carol, 'percent');
    const res = await pay(api, books, await newCode(api, carol, coupon), 50_000);
    expect(res.status).toBe(402);
    expect(res.body.payment.reason).toBe('INSUFFICIENT_FUNDS');
    expect(res.body.payment.charged.amount).toBe(0);
    expect(await balance(api, carol)).toBe(before);
    const coupons = await api.request('GET', '/api/coupons', { token: carol });
    expect(coupons.body.coupons.find((c: any) => c.id === coupon).state).toBe('available');
  });

  it('a decline for a balance too low names the customer and says by how much the wallet fell short, to the shop too', async () => {
    const before = await balance(api, carol);
    // With the coupon (15% off, at most ¥20): short of the charge A − D, not of the order.
    const coupon = await couponId(api, carol, 'percent');
    const withCoupon = await pay(api, books, await newCode(api, carol, coupon), 50_000);
    expect(withCoupon.body.payment).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', customerHandle: 'carol', shortBy: cny(50_000 - 2_000 - before) });
    // ¥40.00 more than her balance, online and from a queued sale (a batch is decided in memory, group-plan.ts).
    const online = await pay(api, cafe, await newCode(api, carol), before + 4_000);
    expect(online.body.payment).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', customerHandle: 'carol', shortBy: cny(4_000) });
    const queued = await api.request('POST', '/api/payments/batch', {
      token: cafe,
      body: { terminalId: `t-${newKey()}`, items: [{ idempotencyKey: newKey(), sequence: 1, code: await newCode(api, carol), amount: cny(before + 1), scannedAt: new Date(api.clock.now()).toISOString() }] },
    });
    expect(queued.body.results[0].payment).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', shortBy: cny(1) });
    // Kept from the decision for the customer, whose own detail says it. The shop's records do not: kept there, any
    // cashier could read the customer's balance off it (amount − saving − shortfall) for good, Today's list, the
    // sale's detail and the live stream alike. Only the till's own answer to the charge says it.
    const list = await api.request('GET', '/api/payments?limit=20', { token: cafe });
    expect(list.body.payments.find((p: any) => p.id === online.body.payment.id)).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', shortBy: null });
    expect((await api.request('GET', `/api/payments/${online.body.payment.id}`, { token: cafe })).body.payment.shortBy).toBeNull();
    expect((await api.request('GET', `/api/payments/${online.body.payment.id}`, { token: carol })).body.payment.shortBy).toEqual(cny(4_000));
    // Any other payment, paid or declined for another reason, has none.
    const paid = await pay(api, cafe, await newCode(api, carol), 100);
    expect(paid.body.payment.shortBy).toBeNull();
    const stale = await newCode(api, carol);
    api.clock.advance(60_001);
    expect((await pay(api, cafe, stale, before + 4_000)).body.payment).toMatchObject({ reason: 'CODE_EXPIRED', customerHandle: null, shortBy: null });
  });

  it('declines COUPON_NOT_APPLICABLE / BELOW_MINIMUM for a threshold coupon under its minimum, never dropping it silently', async () => {
    const before = await balance(api, bob);
    const coupon = await couponId(api, bob, 'threshold');
    const res = await pay(api, cafe, await newCode(api, bob, coupon), 4999);
    expect(res.status).toBe(402);
    expect(res.body.payment).toMatchObject({ reason: 'COUPON_NOT_APPLICABLE', reasonDetail: 'BELOW_MINIMUM' });
    expect(await balance(api, bob)).toBe(before);
    // It says what the coupon needs, so the cashier can tell the customer: to the till, in the shop's records and to
    // the customer alike.
    expect(res.body.payment.couponMinimum).toEqual(cny(5000));
    const seen = await Promise.all([cafe, bob].map((token) => api.request('GET', `/api/payments/${res.body.payment.id}`, { token })));
    expect(seen.map((r) => r.body.payment.couponMinimum)).toEqual([cny(5000), cny(5000)]);
    // The reservation is released at once: the customer can use the coupon with a fresh code.
    const again = await pay(api, cafe, await newCode(api, bob, coupon), 5000);
    expect(again.status).toBe(201);
    expect(again.body.payment.deduction.amount).toBe(1000);
    // A paid sale has none.
    expect(again.body.payment.couponMinimum).toBeNull();
  });

  it("a coupon refused below its campaign's own minimum spend says that minimum, online and in an offline sync and its replay", async () => {
    const manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    // ¥8 off, on orders of ¥30.00 or more: the campaign's minimum spend, not its rule's.
    const created = await api.request('POST', '/api/campaigns', { token: manager, key: newKey(), body: { title: 'Lunch 8 off', rule: { kind: 'fixed', off: 800 }, minimumSpend: cny(3000), validUntil: new Date(api.clock.now() + 86_400_000).toISOString() } });
    expect(created.status).toBe(201);
    const grant = async () => (await api.request('POST', `/api/campaigns/${created.body.campaign.id}/grants`, { token: manager, key: newKey(), body: { customer: 'alice' } })).body.coupon.id as string;
    const online = await pay(api, cafe, await newCode(api, alice, await grant()), 2500);
    expect(online.body.payment).toMatchObject({ reasonDetail: 'BELOW_MINIMUM', couponMinimum: cny(3000) });
    const item = { idempotencyKey: newKey(), sequence: 1, code: await newCode(api, alice, await grant()), amount: cny(2500), scannedAt: new Date(api.clock.now()).toISOString() };
    const body = { terminalId: `below-minimum-${newKey()}`, items: [item] };
    const synced = await api.request('POST', '/api/payments/batch', { token: cafe, body });
    const resent = await api.request('POST', '/api/payments/batch', { token: cafe, body });
    expect([synced, resent].map((r) => r.body.results[0].payment.couponMinimum)).toEqual([cny(3000), cny(3000)]);
    const listed = await api.request('GET', '/api/payments?limit=100', { token: cafe });
    expect(listed.body.payments.find((p: any) => p.id === online.body.payment.id).couponMinimum).toEqual(cny(3000));
  });

  it('declines NO_DEDUCTION (not BELOW_MINIMUM: it has no minimum) for an order too small for a percent coupon to take anything off, and keeps the coupon', async () => {
    const manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const until = new Date(api.clock.now() + 86_400_000).toISOString();
    const created = await api.request('POST', '/api/campaigns', { token: manager, key: newKey(), body: { title: '15% off', rule: { kind: 'percent', percent: 15 }, validUntil: until } });
    const granted = await api.request('POST', `/api/campaigns/${created.body.campaign.id}/grants`, { token: manager, key: newKey(), body: { customer: 'bob' } });
    const coupon = granted.body.coupon.id as string;
    const before = await balance(api, bob);
    const res = await pay(api, cafe, await newCode(api, bob, coupon), 6); // 15% of 0.06 is 0.009: nothing off
    expect(res.status).toBe(402);
    expect(res.body.payment).toMatchObject({ reason: 'COUPON_NOT_APPLICABLE', reasonDetail: 'NO_DEDUCTION', deduction: cny(0), charged: cny(0) });
    expect(res.body.error.message).toContain('NO_DEDUCTION');
    expect(await balance(api, bob)).toBe(before);
    const coupons = await api.request('GET', '/api/coupons', { token: bob });
    expect(coupons.body.coupons.find((c: any) => c.id === coupon).state).toBe('available');
  });

  it('declines COUPON_NOT_APPLICABLE / WRONG_MERCHANT for a shop coupon used at another shop', async () => {
    const coupon = await couponId(api, carol, 'threshold');
    const res = await pay(api, books, await newCode(api, carol, coupon), 5000);
    expect(res.body.payment).toMatchObject({ reason: 'COUPON_NOT_APPLICABLE', reasonDetail: 'WRONG_MERCHANT' });
  });

  it('a coupon refused as not for this shop names the shops it is for, to the shop and to the customer, online and in a sync', async () => {
    const coupon = await couponId(api, carol, 'threshold'); // Demo Café's only
    const online = await pay(api, books, await newCode(api, carol, coupon), 5000);
    expect(online.body.payment).toMatchObject({ reasonDetail: 'WRONG_MERCHANT', merchantName: 'Demo Books', couponShops: ['Demo Café'] });
    const seenByShop = await api.request('GET', `/api/payments/${online.body.payment.id}`, { token: books });
    const seenByCustomer = await api.request('GET', `/api/payments/${online.body.payment.id}`, { token: carol });
    // The whole list: on the test's stopped clock carol's payments share a millisecond, and ids within one are in no
    // set order, so the newest five need not hold this one.
    const listed = await api.request('GET', '/api/payments?limit=100', { token: carol });
    expect([seenByShop, seenByCustomer].map((r) => r.body.payment.couponShops)).toEqual([['Demo Café'], ['Demo Café']]);
    expect(listed.body.payments.find((p: any) => p.id === online.body.payment.id).couponShops).toEqual(['Demo Café']);
    // A sale taken offline with the coupon is refused when it syncs, and the till is told where the coupon works.
    const item = { idempotencyKey: newKey(), sequence: 1, code: await newCode(api, carol, coupon), amount: cny(5000), scannedAt: new Date(api.clock.now()).toISOString() };
    const body = { terminalId: `wrong-shop-${newKey()}`, items: [item] };
    const synced = await api.request('POST', '/api/payments/batch', { token: books, body });
    const resent = await api.request('POST', '/api/payments/batch', { token: books, body });
    expect([synced, resent].map((r) => r.body.results[0].payment.couponShops)).toEqual([['Demo Café'], ['Demo Café']]);
    // Any other payment names none: one paid, or a coupon refused for another reason.
    const paid = await pay(api, cafe, await newCode(api, alice), 600);
    const refusedForMinimum = await pay(api, cafe, await newCode(api, carol, coupon), 100);
    expect([paid.body.payment.couponShops, refusedForMinimum.body.payment.couponShops]).toEqual([null, null]);
  });

  it('declines COUPON_NOT_APPLICABLE / EXPIRED when the coupon ended while the code was live', async () => {
    const manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const until = new Date(api.clock.now() + 30_000).toISOString();
    const created = await api.request('POST', '/api/campaigns', { token: manager, key: newKey(), body: { title: 'Flash 1 off', rule: { kind: 'fixed', off: 100 }, validUntil: until } });
    expect(created.status).toBe(201);
    const granted = await api.request('POST', `/api/campaigns/${created.body.campaign.id}/grants`, { token: manager, key: newKey(), body: { customer: 'alice' } });
    expect(granted.status).toBe(201);
    const code = await newCode(api, alice, granted.body.coupon.id);
    api.clock.advance(31_000);
    const res = await pay(api, cafe, code, 500);
    expect(res.body.payment).toMatchObject({ reason: 'COUPON_NOT_APPLICABLE', reasonDetail: 'EXPIRED' });
  });

  it('declines COUPON_NOT_APPLICABLE / NOT_YET_VALID and BUDGET_EXHAUSTED', async () => {
    const manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const now = api.clock.now();
    const later = await api.request('POST', '/api/campaigns', {
      token: manager,
      key: newKey(),
      body: { title: 'Tomorrow', rule: { kind: 'fixed', off: 100 }, validFrom: new Date(now + 86_400_000).toISOString(), validUntil: new Date(now + 2 * 86_400_000).toISOString() },
    });
    const g1 = await api.request('POST', `/api/campaigns/${later.body.campaign.id}/grants`, { token: manager, key: newKey(), body: { customer: 'bob' } });
    // The customer app refuses to bind a coupon that is not valid yet; a payment with it is refused the same way.
    const early = await api.request('POST', '/api/paycodes', { token: bob, body: { couponId: g1.body.coupon.id } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('COUPON_NOT_AVAILABLE');

    const budgeted = await api.request('POST', '/api/campaigns', {
      token: manager,
      key: newKey(),
      body: { title: 'Small budget', rule: { kind: 'fixed', off: 300 }, validUntil: new Date(now + 86_400_000).toISOString(), budget: cny(500) },
    });
    const id = budgeted.body.campaign.id;
    const c1 = await api.request('POST', `/api/campaigns/${id}/grants`, { token: manager, key: newKey(), body: { customer: 'alice' } });
    const c2 = await api.request('POST', `/api/campaigns/${id}/grants`, { token: manager, key: newKey(), body: { customer: 'bob' } });
    expect((await pay(api, cafe, await newCode(api, alice, c1.body.coupon.id), 1000)).body.payment.deduction.amount).toBe(300);
    const second = await pay(api, cafe, await newCode(api, bob, c2.body.coupon.id), 1000);
    expect(second.body.payment).toMatchObject({ reason: 'COUPON_NOT_APPLICABLE', reasonDetail: 'BUDGET_EXHAUSTED' });
  });

  it('two coupons of one budget settled together (an offline sync): the budget pays one, the other is BUDGET_EXHAUSTED', async () => {
    // Both in one chunk of the batch, decided together in memory (payments/group-plan.ts): the second sees what the
    // first spent of the budget. (Had it not, the campaigns table's check, spent <= budget, would refuse the group's
    // write and the chunk would settle step by step with these same answers: tests/unit/api/group-plan.test.ts holds
    // the plan itself to it.)
    const manager = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const budgeted = await api.request('POST', '/api/campaigns', {
      token: manager,
      key: newKey(),
      body: { title: 'One sale of budget', rule: { kind: 'fixed', off: 300 }, validUntil: new Date(api.clock.now() + 86_400_000).toISOString(), budget: cny(500) },
    });
    const id = budgeted.body.campaign.id;
    const codes = [];
    for (const [customer, token] of [['alice', alice], ['carol', carol]] as const) {
      const grant = await api.request('POST', `/api/campaigns/${id}/grants`, { token: manager, key: newKey(), body: { customer } });
      codes.push(await newCode(api, token, grant.body.coupon.id));
    }
    const scannedAt = new Date(api.clock.now()).toISOString();
    const items = codes.map((code) => ({ idempotencyKey: newKey(), code, amount: cny(1000), scannedAt }));
    const synced = await api.request('POST', '/api/payments/batch', { token: cafe, body: { items } });
    expect(synced.status).toBe(200);
    const payments = synced.body.results.map((r: { payment: { status: string; reasonDetail: string | null; deduction: { amount: number } } }) => r.payment);
    expect(payments.map((p: { status: string }) => p.status)).toEqual(['succeeded', 'declined']);
    expect(payments[0].deduction.amount).toBe(300);
    expect(payments[1].reasonDetail).toBe('BUDGET_EXHAUSTED');
    const campaign = await api.deps.db.kysely.selectFrom('campaigns').select('spent').where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(campaign.spent)).toBe(300);
  });

  it('declines COUPON_NOT_APPLICABLE / NOT_AVAILABLE when the bound coupon was used meanwhile (offline scan, later sync)', async () => {
    // The cashier scanned code 1 (holding the coupon) while offline; the customer then made code 2 with the
    // same coupon and paid with it online. When code 1 syncs, its coupon is gone.
    const coupon = await couponId(api, alice, 'fixed');
    const code1 = await newCode(api, alice, coupon);
    const scannedAt = new Date(api.clock.now()).toISOString();
    api.clock.advance(1000);
    const code2 = await newCode(api, alice, coupon);
    expect((await pay(api, books, code2, 1000)).body.payment.deduction.amount).toBe(500);
    const synced = await pay(api, cafe, code1, 1000, { scannedAt });
    expect(synced.body.payment).toMatchObject({ reason: 'COUPON_NOT_APPLICABLE', reasonDetail: 'NOT_AVAILABLE' });
  });

  it('declines OFFLINE_WINDOW_PASSED for a scan older than 24 h, and accepts a queued scan made while the code was live', async () => {
    const code = await newCode(api, bob);
    const scannedAt = new Date(api.clock.now() + 5_000).toISOString();
    api.clock.advance(10 * 60_000);
    const accepted = await pay(api, cafe, code, 700, { scannedAt });
    expect(accepted.status).toBe(201);
    expect(accepted.body.payment.scannedAt).toBe(scannedAt);

    const stale = await newCode(api, bob);
    const when = new Date(api.clock.now()).toISOString();
    api.clock.advance(24 * 3600_000 + 1);
    const res = await pay(api, cafe, stale, 700, { scannedAt: when });
    expect(res.body.payment.reason).toBe('OFFLINE_WINDOW_PASSED');
  });

  it('a code the customer put away pays a scan from before, but only up to the shop’s offline cap (500.00), online or in a batch', async () => {
    expect((await api.request('POST', '/api/customers', { body: { handle: 'dave', pin: '4444' } })).status).toBe(201);
    const token = await api.signIn('customer', 'dave', '4444');
    await api.request('POST', '/api/wallet/topups', { token, key: newKey(), body: { amount: cny(2_000_000) } });
    const before = await balance(api, token);
    /** A code shown, scanned, put away by the customer 5 s later; the sale reaches the server `after` ms after the scan. */
    const shownAndPutAway = async (after = 3 * 60_000) => {
      const code = await newCode(api, token);
      const scannedAt = new Date(api.clock.now()).toISOString();
      api.clock.advance(5_000);
      expect((await api.request('DELETE', `/api/paycodes/current?code=${code}`, { token })).status).toBe(204);
      api.clock.advance(after - 5_000);
      return { code, scannedAt };
    };

    // Over the cap: a cashier who saw the code cannot charge it ¥15,000 later with a scan time from before.
    const big = await shownAndPutAway();
    const refused = await pay(api, books, big.code, 1_500_000, { scannedAt: big.scannedAt });
    expect([refused.status, refused.body.payment.reason]).toEqual([402, 'OFFLINE_PAYMENT_CAP']);
    const batched = await shownAndPutAway();
    const inBatch = await api.request('POST', '/api/payments/batch', {
      token: books,
      body: { terminalId: `cap-${newKey()}`, items: [{ idempotencyKey: newKey(), sequence: 1, code: batched.code, amount: cny(50_001), scannedAt: batched.scannedAt }] },
    });
    expect(inBatch.body.results[0].payment.reason).toBe('OFFLINE_PAYMENT_CAP');
    expect(await balance(api, token)).toBe(before);

    // At the cap: a genuine offline sale, scanned while the code was live, still pays.
    const genuine = await shownAndPutAway();
    const paid = await pay(api, books, genuine.code, 50_000, { scannedAt: genuine.scannedAt });
    expect([paid.status, paid.body.payment.charged.amount]).toEqual([201, 50_000]);
    // A code still live is an online payment: the cap is not for it, whatever the scan time says.
    const live = await newCode(api, token);
    const online = await pay(api, books, live, 60_000, { scannedAt: new Date(api.clock.now() - 1_000).toISOString() });
    expect([online.status, online.body.payment.charged.amount]).toEqual([201, 60_000]);
    // A sale at the counter whose code lapsed while the cashier keyed a long order (scanned 50 s ago, the phone
    // has since replaced its code) is not an offline one either.
    const keyedSlowly = await shownAndPutAway(50_000);
    const counter = await pay(api, books, keyedSlowly.code, 80_000, { scannedAt: keyedSlowly.scannedAt });
    expect([counter.status, counter.body.payment.charged.amount]).toEqual([201, 80_000]);
    expect(await balance(api, token)).toBe(before - 190_000);
  });

  it('refunds pro rata in parts that add up exactly, then gives the coupon back on the full refund', async () => {
    const token = await api.signIn('customer', 'bob', '2222');
    const coupon = await couponId(api, token, 'fixed');
    const before = await balance(api, token);
    const paid = await pay(api, books, await newCode(api, token, coupon), 1001);
    const id = paid.body.payment.id;
    expect(paid.body.payment.charged.amount).toBe(501);
    const r1 = await api.request('POST', `/api/payments/${id}/refunds`, { token: books, key: newKey(), body: { amount: cny(333) } });
    expect(r1.status).toBe(201);
    expect(r1.body.payment.status).toBe('partially_refunded');
    // 333 of 1001 of the 501 charged, rounded down: 166. The platform funded the 5.00 off, so the shop was settled
    // all 10.01 and gives back exactly the 3.33 refunded (DESIGN.md "Ledger"): the subsidy reversed is 333 − 166 = 167.
    expect([r1.body.refund.cash.amount, r1.body.refund.subsidy.amount]).toEqual([166, 167]);
    const over = await api.request('POST', `/api/payments/${id}/refunds`, { token: books, key: newKey(), body: { amount: cny(669) } });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('REFUND_EXCEEDS_PAYMENT');
    const rest = await api.request('POST', `/api/payments/${id}/refunds`, { token: books, key: newKey(), body: {} });
    expect(rest.status).toBe(201);
    expect(rest.body.payment.status).toBe('refunded');
    expect(r1.body.refund.cash.amount + rest.body.refund.cash.amount).toBe(501);
    expect(r1.body.refund.subsidy.amount + rest.body.refund.subsidy.amount).toBe(500);
    expect(await balance(api, token)).toBe(before);
    const coupons = await api.request('GET', '/api/coupons', { token });
    expect(coupons.body.coupons.find((c: any) => c.id === coupon).state).toBe('available');
    const detail = await api.request('GET', `/api/payments/${id}`, { token });
    expect(detail.body.refunds).toHaveLength(2);
  });

  it('replays a payment for the same key and body, refuses the same key with another body, and moves money once', async () => {
    const before = await balance(api, alice);
    const code = await newCode(api, alice);
    const key = newKey();
    const first = await pay(api, cafe, code, 2500, {}, key);
    const again = await pay(api, cafe, code, 2500, {}, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.payment.id).toBe(first.body.payment.id);
    const other = await pay(api, cafe, code, 2600, {}, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await balance(api, alice)).toBe(before - 2500);
  });

  it('an offline batch sent again answers as the first time, names and coupon included, and charges nothing more', async () => {
    const scannedAt = new Date(api.clock.now()).toISOString();
    const kinds = ['percent', 'fixed', 'threshold'] as const;
    let coupon: string | undefined;
    for (const kind of kinds) coupon ??= await couponId(api, alice, kind).catch(() => undefined);
    const withCoupon = await newCode(api, alice, coupon);
    const plain = await newCode(api, bob);
    const batch = {
      terminalId: 'till-replay',
      items: [
        { idempotencyKey: newKey(), sequence: 1, code: withCoupon, amount: cny(6000), scannedAt },
        { idempotencyKey: newKey(), sequence: 2, code: plain, amount: cny(1200), scannedAt },
      ],
    };
    const before = [await balance(api, alice), await balance(api, bob)];
    const first = await api.request('POST', '/api/payments/batch', { token: cafe, body: batch });
    const again = await api.request('POST', '/api/payments/batch', { token: cafe, body: batch });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(first.body.results.map((r: any) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(first.body.results[0].payment.merchantName).toBe('Demo Café');
    expect(first.body.results[0].payment.customerHandle).toBe('alice');
    expect(first.body.results[0].payment.deduction.amount).toBeGreaterThan(0);
    expect(again.body.results).toEqual(first.body.results);
    const charged = first.body.results.map((r: any) => r.payment.charged.amount);
    expect([await balance(api, alice), await balance(api, bob)]).toEqual([before[0]! - charged[0], before[1]! - charged[1]]);
  });

  it("an offline batch in DESIGN.md's v1 shape (no terminalId, no sequence) settles; a sequence without a till's id is refused whole", async () => {
    const scannedAt = new Date(api.clock.now()).toISOString();
    const code = await newCode(api, bob);
    const before = await balance(api, bob);
    const numbered = await api.request('POST', '/api/payments/batch', { token: cafe, body: { items: [{ idempotencyKey: newKey(), sequence: 1, code, amount: cny(700), scannedAt }] } });
    expect([numbered.status, numbered.body.error?.field]).toEqual([400, 'terminalId']);
    expect(await balance(api, bob)).toBe(before);
    const v1 = await api.request('POST', '/api/payments/batch', { token: cafe, body: { items: [{ idempotencyKey: newKey(), code, amount: cny(700), scannedAt }] } });
    expect(v1.status).toBe(200);
    expect(v1.body.results.map((r: any) => r.status)).toEqual(['succeeded']);
    expect(v1.body.gaps).toEqual([]);
    expect(await balance(api, bob)).toBe(before - 700);
  });

  it('a refund retried with its key refunds once', async () => {
    const paid = await pay(api, cafe, await newCode(api, bob), 800);
    const key = newKey();
    const a = await api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key, body: { amount: cny(300) } });
    const b = await api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key, body: { amount: cny(300) } });
    expect(b.status).toBe(201);
    expect(b.body.refund.id).toBe(a.body.refund.id);
    const detail = await api.request('GET', `/api/payments/${paid.body.payment.id}`, { token: cafe });
    expect(detail.body.payment.refunded.amount).toBe(300);
  });

  it("a full refund the shop's balance cannot cover is refused and changes nothing: the coupon stays used, the budget spent", async () => {
    const owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const made = await api.request('POST', '/api/campaigns', {
      token: owner,
      key: newKey(),
      body: { title: 'Budgeted', rule: { kind: 'fixed', off: 300 }, validUntil: new Date(api.clock.now() + 86_400_000).toISOString(), budget: cny(1_000) },
    });
    const granted = await api.request('POST', `/api/campaigns/${made.body.campaign.id}/grants`, { token: owner, key: newKey(), body: { customer: 'bob' } });
    const paid = await pay(api, cafe, await newCode(api, bob, granted.body.coupon.id), 1000);
    expect(paid.status).toBe(201);
    const before = await balance(api, bob);
    // The shop's balance is paid out (no route does that yet; a payout would), so it cannot cover the refund.
    const k = api.deps.db.kysely;
    const shop = await k.selectFrom('merchants').innerJoin('accounts', 'accounts.id', 'merchants.account_id').select(['accounts.id', 'accounts.balance']).where('merchants.handle', '=', 'demo-cafe').executeTakeFirstOrThrow();
    const move = (debit: string, credit: string) =>
      inTransaction(k, (trx) => postTransfers(trx, 'CNY', [{ debit, credit, amount: shop.balance, kind: 'test' }], api.clock.now()));
    expect((await move(shop.id, externalAccountId('CNY'))).ok).toBe(true);
    try {
      const refused = await api.request('POST', `/api/payments/${paid.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: {} });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('INSUFFICIENT_FUNDS');
    } finally {
      expect((await move(externalAccountId('CNY'), shop.id)).ok).toBe(true);
    }
    expect(await balance(api, bob)).toBe(before);
    const shown = await api.request('GET', `/api/payments/${paid.body.payment.id}`, { token: cafe });
    expect([shown.body.payment.status, shown.body.refunds.length]).toEqual(['succeeded', 0]);
    const coupons = await api.request('GET', '/api/coupons', { token: bob });
    expect(coupons.body.coupons.find((c: any) => c.id === granted.body.coupon.id).state).toBe('redeemed');
    const stats = await api.request('GET', `/api/campaigns/${made.body.campaign.id}/stats`, { token: owner });
    expect(stats.body.remainingBudget).toEqual(cny(700));
  });

  it('lists payments newest first in pages, each side seeing only its own', async () => {
    const page1 = await api.request('GET', '/api/payments?limit=2', { token: cafe });
    expect(page1.body.payments).toHaveLength(2);
    expect(page1.body.next).toBeTruthy();
    const page2 = await api.request('GET', `/api/payments?limit=2&before=${page1.body.next}`, { token: cafe });
    expect(page2.body.payments[0].id < page1.body.payments[1].id).toBe(true);
    // Each list holds payments (an empty one would pass "every" below while showing nothing), and only its own.
    const mine = await api.request('GET', '/api/payments?limit=200', { token: carol });
    expect(mine.body.payments.length).toBeGreaterThan(0);
    expect(mine.body.payments.filter((p: any) => p.customerHandle !== 'carol')).toEqual([]);
    const theirs = await api.request('GET', '/api/payments?limit=200', { token: books });
    expect(theirs.body.payments.length).toBeGreaterThan(0);
    expect(theirs.body.payments.filter((p: any) => p.merchantName !== 'Demo Books')).toEqual([]);
  });

  it("the daily report adds up the day's payments, deductions by campaign and refunds", async () => {
    const list = await api.request('GET', '/api/payments?limit=200', { token: books });
    const day = new Date(api.clock.now()).toISOString().slice(0, 10);
    const report = await api.request('GET', `/api/reports/daily?date=${day}`, { token: books });
    expect(report.status).toBe(200);
    const today = list.body.payments.filter((p: any) => p.settledAt.slice(0, 10) === day);
    const ok = today.filter((p: any) => p.status !== 'declined');
    // The bookshop took payments today (a day with none would add up to nothing on both sides).
    expect(ok.length).toBeGreaterThan(0);
    expect(report.body.count).toBe(ok.length);
    expect(report.body.charged.amount).toBe(ok.reduce((s: number, p: any) => s + p.charged.amount, 0));
    expect(report.body.deduction.amount).toBe(ok.reduce((s: number, p: any) => s + p.deduction.amount, 0));
    const byCampaign = report.body.byCampaign.reduce((s: number, c: any) => s + c.deduction.amount, 0);
    expect(byCampaign).toBe(report.body.deduction.amount);
    expect(report.body.byHour.reduce((s: number, h: any) => s + h.count, 0)).toBe(report.body.count);
    // The refunds the bookshop made that day (bob's 10.01, in two parts, among them), whichever day their sale was.
    const refunds = [];
    for (const p of list.body.payments.filter((p: any) => p.refunded.amount > 0)) {
      const detail = await api.request('GET', `/api/payments/${p.id}`, { token: books });
      refunds.push(...detail.body.refunds.filter((r: any) => r.createdAt.slice(0, 10) === day));
    }
    expect(refunds.length).toBeGreaterThan(0);
    expect([report.body.refundCount, report.body.refunded.amount]).toEqual([refunds.length, refunds.reduce((s: number, r: any) => s + r.amount.amount, 0)]);
  });
});
