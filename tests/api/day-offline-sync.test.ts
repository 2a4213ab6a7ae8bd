import { beforeAll, describe, expect, it } from 'vitest';
import { dateIn, dayBounds } from '../../api/reports/days.js';
import { cny, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;

/**
 * A tablet offline at night: bob paid at 23:30, the sale reached the server at 09:15 the next morning. It counts on
 * the day it reached the server (the day its money moved), as before; but the Day report said nothing of it on either
 * day, and the next day's file gave it the Time 09:15, so the night's orders were missing from one day's books with
 * no trace, and the other's seemed rung up when they were sent. Both days now say it, on screen and in the file,
 * and the file's row says when the tablet took it.
 */
describe.each(dialects)('a sale taken offline before midnight and sent the next morning, on %s', (dialect) => {
  let api: TestApi;
  let night: string;
  let morning: string;
  let offlineId: string;

  beforeAll(async () => {
    api = await startTestApi(dialect, { timeZone: ZONE });
    night = dateIn(api.clock.now() + 24 * HOUR, ZONE);
    const [start, end] = dayBounds(night, ZONE);
    api.clock.advance(start + 10 * HOUR - api.clock.now());
    const { cafe, alice } = await signInDemo(api, 'cafe', 'alice');
    expect((await pay(api, cafe, await newCode(api, alice), 2500)).status).toBe(201);

    // 23:30: the tablet, offline, takes bob's code and queues the sale.
    api.clock.advance(end - 30 * 60_000 - api.clock.now());
    const { bob } = await signInDemo(api, 'bob');
    const code = await newCode(api, bob);
    const scannedAt = new Date(api.clock.now()).toISOString();

    // 09:15 the next morning: the network is back and the queue goes out.
    api.clock.advance(end + 9 * HOUR + 15 * 60_000 - api.clock.now());
    morning = dateIn(api.clock.now(), ZONE);
    const { cafe: token } = await signInDemo(api, 'cafe');
    const sent = await api.request('POST', '/api/payments/batch', { token, body: { items: [{ idempotencyKey: newKey(), code, amount: cny(1800), scannedAt }] } });
    expect(sent.status).toBe(200);
    expect(sent.body.results[0].status).toBe('succeeded');
    offlineId = sent.body.results[0].payment.id;
  });
  useInvariantCheck(() => api);

  const get = async (query: string) => {
    const { cafe } = await signInDemo(api, 'cafe');
    const res = await api.request('GET', `/api/reports/daily?${query}`, { token: cafe });
    expect(res.status).toBe(200);
    return res.body;
  };
  function read(date: string): Promise<any>;
  function read(date: string, csv: 'en' | 'zh'): Promise<string[]>;
  async function read(date: string, csv?: 'en' | 'zh') {
    return csv ? ((await get(`date=${date}&format=csv&lang=${csv}`)) as string).split('\r\n') : get(`date=${date}`);
  }

  it("the night's report says the sale it does not count, and where it went", async () => {
    const report = await read(night);
    expect(report.count).toBe(1);
    expect(report.offlineCountedLater).toEqual({ count: 1, amount: cny(1800) });
    expect(report.offlineFromEarlierDays).toEqual({ count: 0, amount: cny(0) });
    const file = await read(night, 'en');
    expect(file).toContain('"Sales taken offline on this day, counted on a later day (1; not in the figures above)",1800,18.00');
    expect(file).not.toContain(offlineId);
  });

  it("the morning's report counts it and says it was taken offline the day before; its row says when", async () => {
    const report = await read(morning);
    expect(report.count).toBe(1);
    expect(report.offlineFromEarlierDays).toEqual({ count: 1, amount: cny(1800) });
    expect(report.offlineCountedLater).toEqual({ count: 0, amount: cny(0) });
    const file = await read(morning, 'en');
    expect(file).toContain('"Sales taken offline on an earlier day, counted on this one (1)",1800,18.00');
    expect(file.find((l) => l.includes(offlineId))).toBe(`${morning} 09:15:00,${night} 23:30:00,${offlineId},bob,cashier-1,Paid,18.00,0.00,,,18.00,18.00,0.00,0.00,,18.00`);
    const zh = await read(morning, 'zh');
    expect(zh).toContain('此前日期离线收款、计入本日的销售（1 笔）,1800,18.00');
  });

  it('a sale rung up online has no offline time in its row', async () => {
    const file = await read(night, 'en');
    const heading = file.findIndex((l) => l.startsWith('Time,Taken offline at,'));
    expect(file[heading + 1]).toMatch(new RegExp(`^${night} 10:00:00,,pay_`));
  });
});
