import { beforeAll, describe, expect, it } from 'vitest';
import { dateIn, dayBounds } from '../../api/reports/days.js';
import { cny, dialects, newCode, newKey, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;

/**
 * The Day report's file lists what its figures count, a row each (payments, refunds of earlier sales, cash taken
 * after a decline), but it counted "Top-ups in cash ¥1,100.00" and "Top-ups reversed ¥1,000.00" with no rows: the
 * accountant could not tell whose wallet the ¥1,000 went on, who took the cash, or which one was taken back. They are
 * listed now, after the payments: each top-up made that day, and each reversal made that day (of a top-up of that day
 * or an earlier one), their cash summing to what the top-ups left in the till.
 */
describe.each(dialects)("the Day report's file lists the day's top-ups and reversals, on %s", (dialect) => {
  let api: TestApi;
  let day: string;
  let dayBefore: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi(dialect, { timeZone: ZONE });
    day = dateIn(api.clock.now() + 24 * HOUR, ZONE);
    const [start] = dayBounds(day, ZONE);
    const topUp = async (name: string, token: string, customer: string, amount: number) => {
      const res = await api.request('POST', '/api/topups', { token, key: newKey(), body: { code: await newCode(api, customer), amount: cny(amount) } });
      expect(res.status).toBe(201);
      ids[name] = res.body.topUp.id;
      api.clock.advance(5 * 60_000);
    };
    const reverse = async (name: string, owner: string) => {
      expect((await api.request('POST', `/api/topups/${ids[name]}/reversal`, { token: owner, key: newKey(), body: {} })).status).toBe(201);
      api.clock.advance(5 * 60_000);
    };

    // The evening before: carol's ¥50.00, reversed the next morning.
    api.clock.advance(start - 2 * HOUR - api.clock.now());
    dayBefore = dateIn(api.clock.now(), ZONE);
    const before = await signInDemo(api, 'cafe', 'carol');
    await topUp('evening', before.cafe, before.carol, 5000);

    api.clock.advance(start + 10 * HOUR - api.clock.now());
    const { cafe, owner, bob } = await signInDemo(api, 'cafe', 'owner', 'bob');
    await topUp('hundred', cafe, bob, 10000); // 10:00
    await topUp('thousand', cafe, bob, 100000); // 10:05, keyed for ¥100
    await reverse('thousand', owner); // 10:10
    await reverse('evening', owner); // 10:15
  });
  useInvariantCheck(() => api);

  it('a row each, in the order made: who, whose wallet, and what a reversal takes back', async () => {
    const { owner } = await signInDemo(api, 'owner');
    const lines = ((await api.request('GET', `/api/reports/daily?date=${day}&format=csv`, { token: owner })).body as string).split('\r\n');
    expect(lines).toContain('Top-ups in cash,110000,1100.00');
    expect(lines).toContain('Top-ups reversed (cash paid back),105000,1050.00');
    const heading = 'Time,Top-up,Customer,Cashier,What,Cash in the till (CNY)';
    expect(lines[lines.indexOf(heading) - 1]).toBe('Top-ups in cash');
    const rows = lines.slice(lines.indexOf(heading) + 1, lines.indexOf('', lines.indexOf(heading)));
    expect(rows).toEqual([
      `${day} 10:00:00,${ids.hundred},bob,cashier-1,Top-up in cash,100.00`,
      `${day} 10:05:00,${ids.thousand},bob,cashier-1,Top-up in cash,1000.00`,
      `${day} 10:10:00,${ids.thousand},bob,owner,Reversal of the top-up of ${day} 10:05:00,-1000.00`,
      `${day} 10:15:00,${ids.evening},carol,owner,Reversal of the top-up of ${dayBefore} 22:00:00,-50.00`,
    ]);
    // Summed, what the top-ups left in the till: ¥1,100.00 taken, ¥1,050.00 given back.
    expect(rows.reduce((sum, r) => sum + Math.round(Number(r.split(',').at(-1)) * 100), 0)).toBe(110000 - 105000);

    const zh = ((await api.request('GET', `/api/reports/daily?date=${day}&format=csv&lang=zh`, { token: owner })).body as string).split('\r\n');
    const zhHeading = '时间,充值单号,顾客,收银员,类型,钱箱现金（CNY）';
    expect(zh[zh.indexOf(zhHeading) - 1]).toBe('现金充值');
    expect(zh[zh.indexOf(zhHeading) + 3]).toBe(`${day} 10:10:00,${ids.thousand},bob,owner,撤销 ${day} 10:05:00 的充值,-1000.00`);
  });

  it('the evening before lists its top-up, not the reversal made the next morning', async () => {
    const { owner } = await signInDemo(api, 'owner');
    const lines = ((await api.request('GET', `/api/reports/daily?date=${dayBefore}&format=csv`, { token: owner })).body as string).split('\r\n');
    const heading = lines.indexOf('Time,Top-up,Customer,Cashier,What,Cash in the till (CNY)');
    expect(lines.slice(heading + 1).filter((l) => l.includes(ids.evening!))).toEqual([`${dayBefore} 22:00:00,${ids.evening},carol,cashier-1,Top-up in cash,50.00`]);
  });
});
