import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { startDeps } from '../../api/server.js';
import { balance, cny, dialects, newCode, newKey, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A shop's manager changes its name and offline limits on a screen, not in SQL: every cashier of the shop reads
 * them, a tablet learns them at its next GET /api/me, and the server judges the sales that reach it from then on by
 * the new per-payment cap, without a restart.
 */
describe.each(dialects)('the shop settings on %s', (dialect) => {
  let api: TestApi;
  let owner: string;
  let cashier: string;
  let customer: string;
  const shop = async (token = cashier) => (await api.request('GET', '/api/shop', { token })).body.shop;
  const change = (body: unknown, key = newKey(), token = owner) => api.request('PATCH', '/api/shop', { token, key, body });
  const limits = (paymentMax: number, totalMax = 200_000, countMax = 50) => ({ paymentMax: cny(paymentMax), totalMax: cny(totalMax), countMax });

  /** A code shown, scanned, then put away by the customer; the sale reaches the server three minutes after the scan. */
  const scannedThenPutAway = async () => {
    const code = await newCode(api, customer);
    const scannedAt = new Date(api.clock.now()).toISOString();
    api.clock.advance(5_000);
    expect((await api.request('DELETE', `/api/paycodes/current?code=${code}`, { token: customer })).status).toBe(204);
    api.clock.advance(3 * 60_000 - 5_000);
    return { code, scannedAt };
  };
  const syncOne = async (amount: number, token = cashier, via = api.request) => {
    const { code, scannedAt } = await scannedThenPutAway();
    const res = await via('POST', '/api/payments', { token, key: newKey(), body: { code, amount: cny(amount), scannedAt } });
    return res.body.payment as { status: string; reason: string | null; merchantName: string };
  };
  const syncInBatch = async (amount: number) => {
    const { code, scannedAt } = await scannedThenPutAway();
    const res = await api.request('POST', '/api/payments/batch', {
      token: cashier,
      body: { terminalId: `shop-${newKey()}`, items: [{ idempotencyKey: newKey(), sequence: 1, code, amount: cny(amount), scannedAt }] },
    });
    return res.body.results[0].payment as { status: string; reason: string | null };
  };

  beforeAll(async () => {
    api = await startTestApi(dialect);
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    cashier = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    expect((await api.request('POST', '/api/customers', { body: { handle: 'erin', pin: '5555' } })).status).toBe(201);
    customer = await api.signIn('customer', 'erin', '5555');
    await api.request('POST', '/api/wallet/topups', { token: customer, key: newKey(), body: { amount: cny(5_000_000) } });
  });
  useInvariantCheck(() => api);

  it('any cashier of the shop reads its name, currency and offline limits', async () => {
    expect(await shop()).toEqual({ handle: 'demo-cafe', name: 'Demo Café', currency: 'CNY', timeZone: 'UTC', timeZoneIsServers: true, offlineLimits: limits(50_000) });
    expect((await shop(await api.signIn('cashier', 'cashier-1', '4321', 'demo-books'))).name).toBe('Demo Books');
  });

  it('a manager renames the shop and sets its limits; its tablets read them at their next /api/me, without signing in again', async () => {
    const res = await change({ name: '  Corner Café ', offlineLimits: { paymentMax: cny(30_000), countMax: 20 } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      shop: { handle: 'demo-cafe', name: 'Corner Café', currency: 'CNY', timeZone: 'UTC', timeZoneIsServers: true, offlineLimits: limits(30_000, 200_000, 20) },
      previous: { handle: 'demo-cafe', name: 'Demo Café', currency: 'CNY', timeZone: 'UTC', timeZoneIsServers: true, offlineLimits: limits(50_000) },
    });
    expect(await shop()).toEqual(res.body.shop);
    const me = (await api.request('GET', '/api/me', { token: cashier })).body;
    expect([me.merchantName, me.offlineLimits]).toEqual(['Corner Café', limits(30_000, 200_000, 20)]);
    // Another shop is untouched.
    expect((await shop(await api.signIn('cashier', 'cashier-1', '4321', 'demo-books'))).name).toBe('Demo Books');
  });

  it('a repeat with the same key answers the first answer and changes nothing again; the key with another body is refused', async () => {
    const key = newKey();
    const first = await change({ name: 'Café One' }, key);
    expect(first.status).toBe(200);
    expect((await change({ name: 'Café Two' })).status).toBe(200);
    const again = await change({ name: 'Café One' }, key);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(again.body).toEqual(first.body);
    expect((await shop()).name).toBe('Café Two');
    const reused = await change({ name: 'Café Three' }, key);
    expect([reused.status, reused.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    // Sent twice at once: one change; the other is its replay, or told the first is still running.
    const twinKey = newKey();
    const twins = await Promise.all([change({ name: 'Café Twin' }, twinKey), change({ name: 'Café Twin' }, twinKey)]);
    for (const t of twins) expect(t.status === 200 ? 'ok' : t.body.error.code).toMatch(/^(ok|IN_PROGRESS)$/);
    expect(twins.filter((t) => t.status === 200).length).toBeGreaterThanOrEqual(1);
    expect((await shop()).name).toBe('Café Twin');
    expect((await change({ name: 'Corner Café' })).status).toBe(200);
  });

  it('refuses what is not a name or a limit, with the field at fault, and changes nothing', async () => {
    const before = await shop();
    const refusals: [unknown, number, string, string?][] = [
      [{ name: '   ' }, 400, 'INVALID_REQUEST', 'name'],
      [{ name: 'x'.repeat(61) }, 400, 'INVALID_REQUEST', 'name'],
      [{ name: 'Tab\tCafé' }, 400, 'INVALID_REQUEST', 'name'],
      [{ offlineLimits: { paymentMax: cny(0) } }, 400, 'INVALID_REQUEST', 'offlineLimits.paymentMax.amount'],
      [{ offlineLimits: { paymentMax: cny(-100) } }, 400, 'INVALID_REQUEST', 'offlineLimits.paymentMax.amount'],
      [{ offlineLimits: { paymentMax: cny(100.5) } }, 400, 'INVALID_REQUEST', 'offlineLimits.paymentMax.amount'],
      [{ offlineLimits: { paymentMax: { amount: '100', currency: 'CNY' } } }, 400, 'INVALID_REQUEST', 'offlineLimits.paymentMax.amount'],
      [{ offlineLimits: { totalMax: cny(100_000_001) } }, 400, 'INVALID_REQUEST', 'offlineLimits.totalMax.amount'],
      [{ offlineLimits: { countMax: 0 } }, 400, 'INVALID_REQUEST', 'offlineLimits.countMax'],
      [{ offlineLimits: { countMax: 501 } }, 400, 'INVALID_REQUEST', 'offlineLimits.countMax'],
      [{ offlineLimits: { countMax: 2.5 } }, 400, 'INVALID_REQUEST', 'offlineLimits.countMax'],
      [{ name: 'Café', handle: 'other' }, 400, 'INVALID_REQUEST', 'handle'],
      [{}, 400, 'INVALID_REQUEST'],
      [{ offlineLimits: { paymentMax: { amount: 100, currency: 'USD' } } }, 422, 'CURRENCY_MISMATCH', 'offlineLimits.paymentMax.currency'],
      [{ offlineLimits: { paymentMax: cny(200_001) } }, 422, 'PAYMENT_CAP_OVER_TOTAL', 'offlineLimits.paymentMax.amount'],
      // The total alone, below the per-payment cap the shop has (300.00).
      [{ offlineLimits: { totalMax: cny(29_999) } }, 422, 'PAYMENT_CAP_OVER_TOTAL', 'offlineLimits.totalMax.amount'],
    ];
    for (const [body, status, code, field] of refusals) {
      const res = await change(body);
      expect([JSON.stringify(body), res.status, res.body.error.code]).toEqual([JSON.stringify(body), status, code]);
      if (field) expect(res.body.error.field).toBe(field);
    }
    const unkeyed = await api.request('PATCH', '/api/shop', { token: owner, body: { name: 'No Key' } });
    expect([unkeyed.status, unkeyed.body.error.field]).toEqual([400, 'idempotency-key']);
    expect(await shop()).toEqual(before);
  });

  it('only a manager changes the shop, and only their own', async () => {
    const before = await shop();
    for (const token of [cashier, customer]) {
      const res = await change({ name: 'Taken Over' }, newKey(), token);
      expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await api.request('GET', '/api/shop', { token: customer })).status).toBe(403);
    expect((await api.request('GET', '/api/shop')).status).toBe(401);
    // The bookshop's cashier is no manager either (another shop's manager changes their own: tests/api/matrix.test.ts).
    const books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    expect((await change({ name: 'Taken Over' }, newKey(), books)).status).toBe(403);
    expect(await shop()).toEqual(before);
  });

  it('the server judges queued sales by the new per-payment cap from the moment it is changed, without a restart', async () => {
    // The cap as it was (300.00) is in this process's copy: a queued sale of 299.00 passes, one of 400.00 does not.
    expect(await syncOne(29_900)).toMatchObject({ status: 'succeeded', merchantName: 'Corner Café' });
    expect((await syncOne(40_000)).reason).toBe('OFFLINE_PAYMENT_CAP');

    // Raised to 500.00 and the shop renamed: 400.00 passes now, online and in a batch, on the receipt's new name.
    expect((await change({ name: 'Corner Café & Books', offlineLimits: { paymentMax: cny(50_000) } })).status).toBe(200);
    expect(await syncOne(40_000)).toMatchObject({ status: 'succeeded', merchantName: 'Corner Café & Books' });
    expect((await syncInBatch(40_000)).status).toBe('succeeded');

    // Lowered to 100.00: a scan queued before the change is judged when it reaches the server, by the cap then.
    const queuedBefore = await scannedThenPutAway();
    expect((await change({ offlineLimits: { paymentMax: cny(10_000) } })).status).toBe(200);
    const late = await api.request('POST', '/api/payments', { token: cashier, key: newKey(), body: { code: queuedBefore.code, amount: cny(20_000), scannedAt: queuedBefore.scannedAt } });
    expect([late.status, late.body.payment.reason]).toEqual([402, 'OFFLINE_PAYMENT_CAP']);
    expect((await syncInBatch(10_001)).reason).toBe('OFFLINE_PAYMENT_CAP');
    expect((await syncOne(10_000)).status).toBe('succeeded');
    // A sale at the counter (its code still live) is no offline sale: no cap.
    const live = await api.request('POST', '/api/payments', { token: cashier, key: newKey(), body: { code: await newCode(api, customer), amount: cny(60_000) } });
    expect(live.status).toBe(201);
    expect(await balance(api, customer)).toBe(5_000_000 - 29_900 - 40_000 * 2 - 10_000 - 60_000);
  });

  // Two API processes on one database, as production runs them on PostgreSQL: the other one hears of the change.
  it.runIf(dialect === 'postgres')('another API process judges by the new cap as soon as the notice reaches it', async () => {
    const other = await startDeps({ ...api.deps.config, demo: false }, api.clock);
    try {
      const otherApp = createApp(other);
      const viaOther: TestApi['request'] = async (method, path, options = {}) => {
        const res = await otherApp.request(path, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}`, 'idempotency-key': options.key ?? '' },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        });
        return { status: res.status, body: await res.json(), headers: res.headers };
      };
      // The other process keeps its copy of the cap (100.00) from this sale on.
      expect((await syncOne(10_000, cashier, viaOther)).status).toBe('succeeded');
      expect((await change({ offlineLimits: { paymentMax: cny(20_000) } })).status).toBe(200);
      // The notice travels asynchronously: the test clock stands still, so only it can end the other's copy.
      let status = '';
      for (const deadline = Date.now() + 5_000; status !== 'succeeded' && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        const cap = await syncOne(15_000, cashier, viaOther);
        status = cap.status;
        if (status !== 'succeeded') expect(cap.reason).toBe('OFFLINE_PAYMENT_CAP');
      }
      expect(status).toBe('succeeded');
    } finally {
      await other.stop();
    }
  });
});
