import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { startDeps } from '../../api/server.js';
import { cny, couponId, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const DAY_MS = 86_400_000;

/**
 * A shop keeps its own time zone: where its day starts for the day report, the day's payments, the X report's
 * CSV, the platform's statement, a campaign's days and the tablet's "today". Processes on one database with
 * different TIME_ZONE settings (a platform with shops in several zones) then agree on every shop's day.
 */
describe.each(dialects)("a shop's own time zone, on %s", (dialect) => {
  let api: TestApi;
  useInvariantCheck(() => api);

  /** Another API process on the same database whose own TIME_ZONE is New York's. */
  async function otherProcess() {
    const deps = await startDeps({ ...api.deps.config, timeZone: 'America/New_York', demo: false }, api.clock);
    const app = createApp(deps);
    const get = async (path: string, token: string) => {
      const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    };
    return { get, stop: () => deps.stop() };
  }

  it("a sale at 01:30 in Shanghai is on the Shanghai day, whatever the server's zone, once the manager sets it", async () => {
    api = await startTestApi(dialect, { timeZone: 'UTC' });
    // 17:30 UTC on the UTC day `utcDay` is 01:30 on the next, `shanghaiDay`, in Shanghai. Tomorrow's, not a fixed date:
    // the demo coupons are valid from the day before the seeding (a fixed 3 December made them "not valid yet" from
    // 5 December 2026 on).
    const utcDay = new Date(api.clock.now() + DAY_MS).toISOString().slice(0, 10);
    const shanghaiDay = new Date(Date.parse(utcDay) + DAY_MS).toISOString().slice(0, 10);
    api.clock.advance(Date.parse(`${utcDay}T17:30:00Z`) - api.clock.now());
    const owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const till = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const alice = await api.signIn('customer', 'alice', '1111');
    const bob = await api.signIn('customer', 'bob', '2222');

    // Before: the server's zone. The tablet is told so, and the report's "today" is the UTC date.
    expect((await api.request('GET', '/api/me', { token: till })).body.timeZone).toBe('UTC');
    // The demo's shop has no zone of its own: its answer says the zone is the server's, for Shop settings to tell.
    expect((await api.request('GET', '/api/shop', { token: till })).body.shop).toMatchObject({ timeZone: 'UTC', timeZoneIsServers: true });

    const changed = await api.request('PATCH', '/api/shop', { token: owner, key: newKey(), body: { timeZone: 'Asia/Shanghai' } });
    expect(changed.status).toBe(200);
    expect([changed.body.previous.timeZone, changed.body.shop.timeZone]).toEqual(['UTC', 'Asia/Shanghai']);
    expect([changed.body.previous.timeZoneIsServers, changed.body.shop.timeZoneIsServers]).toEqual([true, false]);
    // The tablets learn it at their next /api/me, as a new name; another shop keeps the server's zone.
    expect((await api.request('GET', '/api/me', { token: till })).body.timeZone).toBe('Asia/Shanghai');
    const books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    expect((await api.request('GET', '/api/me', { token: books })).body.timeZone).toBe('UTC');

    const withPlatformCoupon = await pay(api, till, await newCode(api, alice, await couponId(api, alice, 'percent')), 10_000); // 15.00 off, platform
    expect(withPlatformCoupon.body.payment.status).toBe('succeeded');
    const withShopCoupon = await pay(api, till, await newCode(api, bob, await couponId(api, bob, 'threshold')), 6_000); // 10.00 off, the shop's
    expect(withShopCoupon.body.payment.status).toBe('succeeded');

    const today = await api.request('GET', '/api/reports/daily', { token: till });
    expect([today.body.date, today.body.timeZone, today.body.count]).toEqual([shanghaiDay, 'Asia/Shanghai', 2]);
    expect(today.body.byHour.filter((h: any) => h.count > 0).map((h: any) => h.hour)).toEqual([1]);
    expect((await api.request('GET', `/api/reports/daily?date=${utcDay}`, { token: till })).body.count).toBe(0);
    const listed = await api.request('GET', `/api/payments?date=${shanghaiDay}`, { token: till });
    expect(listed.body.payments).toHaveLength(2);
    expect((await api.request('GET', `/api/payments?date=${utcDay}`, { token: till })).body.payments).toHaveLength(0);

    const statement = await api.request('GET', `/api/reports/platform?from=${shanghaiDay}&to=${shanghaiDay}`, { token: owner });
    expect(statement.body.platformFunded).toEqual(cny(1_500));
    expect((await api.request('GET', `/api/reports/platform?from=${utcDay}&to=${utcDay}`, { token: owner })).body.platformFunded).toEqual(cny(0));

    const campaigns = await api.request('GET', '/api/campaigns', { token: owner });
    const shopCampaign = campaigns.body.campaigns.find((c: any) => c.title.startsWith('¥10 off'));
    const stats = await api.request('GET', `/api/campaigns/${shopCampaign.id}/stats`, { token: owner });
    expect(stats.body.byDay).toEqual([{ date: shanghaiDay, redeemed: 1, deduction: cny(1_000) }]);

    const xCsv = await api.request('GET', '/api/reports/x?format=csv', { token: owner });
    expect(xCsv.headers.get('content-disposition')).toContain(`filename="x-report-${shanghaiDay}T0130.csv"`);
    expect(String(xCsv.body)).toContain('Asia/Shanghai');

    // Another process whose own TIME_ZONE is New York's (where it is still `utcDay`) answers the same day.
    const other = await otherProcess();
    try {
      const there = await other.get('/api/reports/daily', till);
      expect([there.body.date, there.body.timeZone, there.body.count]).toEqual([shanghaiDay, 'Asia/Shanghai', 2]);
      expect((await other.get('/api/me', till)).body.timeZone).toBe('Asia/Shanghai');
      expect((await other.get(`/api/payments?date=${shanghaiDay}`, till)).body.payments).toHaveLength(2);
      // The bookshop has no zone of its own: each process uses its own TIME_ZONE for it, as before.
      expect((await other.get('/api/me', books)).body.timeZone).toBe('America/New_York');
    } finally {
      await other.stop();
    }
  });

  it('refuses a zone the server does not know, and a cashier who is not a manager, and changes nothing', async () => {
    const owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    for (const timeZone of ['Mars/Olympus_Mons', '', 'Asia/Shanghai; drop table merchants', 'x'.repeat(65), 8]) {
      const res = await api.request('PATCH', '/api/shop', { token: owner, key: newKey(), body: { timeZone } });
      expect([res.status, res.body.error.code, res.body.error.field], String(timeZone)).toEqual([400, 'INVALID_REQUEST', 'timeZone']);
    }
    expect((await api.request('GET', '/api/shop', { token: owner })).body.shop.timeZone).toBe('Asia/Shanghai');
    // Spelt otherwise, a zone is kept as the runtime names it: the name the tablets' list shows.
    for (const [typed, kept] of [['europe/berlin', 'Europe/Berlin'], ['US/Eastern', 'America/New_York'], ['asia/shanghai', 'Asia/Shanghai']]) {
      const res = await api.request('PATCH', '/api/shop', { token: owner, key: newKey(), body: { timeZone: typed } });
      expect([res.status, res.body.shop?.timeZone], typed).toEqual([200, kept]);
    }
    // A cashier who is not a manager cannot change it.
    const till = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    expect((await api.request('PATCH', '/api/shop', { token: till, key: newKey(), body: { timeZone: 'UTC' } })).status).toBe(403);
    expect((await api.request('GET', '/api/shop', { token: owner })).body.shop.timeZone).toBe('Asia/Shanghai');
  });
});
