import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { cny, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * Money the customer adds in the app (POST /wallet/topups) on one phone is told on the live stream of their other
 * phones, as a payment or a counter top-up is, so a second phone showing the same wallet shows the new balance at once
 * rather than when it is next hidden and shown. No shop is told: none took the money.
 */
describe.each(dialects)("money added in the app on %s", (dialect) => {
  let api: TestApi;
  let phoneA: string;
  let phoneB: string;
  let cafe: string;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    ({ alice: phoneA, cafe } = await signInDemo(api, 'alice', 'cafe'));
    ({ alice: phoneB } = await signInDemo(api, 'alice'));
  });
  useInvariantCheck(() => api);

  it("is told once on the customer's other phone, and a repeated tap tells nothing; the shop's tills hear nothing", async () => {
    const app = createApp(api.deps);
    const open = async (token: string) => (await app.request('/api/events', { headers: { authorization: `Bearer ${token}` } })).body!.getReader();
    const streams = { phoneA: await open(phoneA), till: await open(cafe) };
    const key = newKey();
    const add = () => api.request('POST', '/api/wallet/topups', { token: phoneB, key, body: { amount: cny(3_456) } });
    expect((await add()).status).toBe(201);
    expect((await add()).headers.get('idempotent-replayed')).toBe('true');
    // A payment after it, as a marker on both streams: every event before it has arrived once it has.
    const marker = await pay(api, cafe, await newCode(api, phoneA), 100);
    expect(marker.status).toBe(201);
    const heard: Record<string, unknown[]> = {};
    for (const name of ['phoneA', 'till'] as const) {
      let text = '';
      while (!text.includes(`"id":"${marker.body.payment.id}"`)) text += new TextDecoder().decode((await streams[name].read()).value);
      await streams[name].cancel();
      // This top-up's events only (an earlier test's, told through NOTIFY on PostgreSQL, may arrive late).
      heard[name] = [...text.matchAll(/event: topup\ndata: (.*)\n/g)].map(([, data]) => JSON.parse(data!)).filter((e) => e.amount === 3_456);
    }
    expect(heard).toEqual({ phoneA: [{ amount: 3_456, at: new Date(api.clock.now()).toISOString() }], till: [] });
  });
});
