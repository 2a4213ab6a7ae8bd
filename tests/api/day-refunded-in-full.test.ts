import { beforeAll, describe, expect, it } from 'vitest';
import { dateIn, dayBounds } from '../../api/reports/days.js';
import { couponId, dialects, newCode, newKey, pay, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;

/**
 * A Day report is the day's books: a refund made the next day is the next day's. Its "Savings by campaign" said
 * "1 refunded in full" of a use whose whole refund came the day after (counted as the sale stands now), so the
 * month-end file of a day contradicted its own row of that sale ("Paid", nothing refunded on this day) and differed
 * from the same day's file taken that evening. A use refunded in full on its own day still says so.
 */
describe.each(dialects)("a Day report's uses refunded in full, on %s", (dialect) => {
  let api: TestApi;
  let day: string;
  let nextDay: string;

  beforeAll(async () => {
    api = await startTestApi(dialect, { timeZone: ZONE });
    day = dateIn(api.clock.now() + 24 * HOUR, ZONE);
    const [start, end] = dayBounds(day, ZONE);
    api.clock.advance(start + 10 * HOUR - api.clock.now());
    let { cafe, alice, bob } = await signInDemo(api, 'cafe', 'alice', 'bob');
    // Alice's ¥60 with the ¥10-off coupon is refunded whole the next morning; bob's ¥5 off sale that same day.
    const kept = await pay(api, cafe, await newCode(api, alice, await couponId(api, alice, 'threshold')), 6000);
    const sameDay = await pay(api, cafe, await newCode(api, bob, await couponId(api, bob, 'fixed')), 800);
    expect([kept.status, sameDay.status]).toEqual([201, 201]);
    api.clock.advance(HOUR);
    expect((await api.request('POST', `/api/payments/${sameDay.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: {} })).status).toBe(201);

    api.clock.advance(end + HOUR - api.clock.now());
    nextDay = dateIn(api.clock.now(), ZONE);
    ({ cafe } = await signInDemo(api, 'cafe'));
    expect((await api.request('POST', `/api/payments/${kept.body.payment.id}/refunds`, { token: cafe, key: newKey(), body: {} })).status).toBe(201);
  });
  useInvariantCheck(() => api);

  const cafeToken = () => signInDemo(api, 'cafe').then((t) => t.cafe);

  it("counts as refunded in full only the uses refunded in full by the day's end, on screen and in the file", async () => {
    const token = await cafeToken();
    const report = await api.request('GET', `/api/reports/daily?date=${day}`, { token });
    const uses = Object.fromEntries((report.body.byCampaign as { title: string; count: number; refundedCount: number }[]).map((c) => [c.title, [c.count, c.refundedCount]]));
    expect(uses).toEqual({ '¥10 off orders of ¥50 or more': [1, 0], '¥5 off': [1, 1] });

    const file = ((await api.request('GET', `/api/reports/daily?date=${day}&format=csv`, { token })).body as string).split('\r\n');
    expect(file).toContain('Savings by campaign: ¥10 off orders of ¥50 or more (1 use; Paid by: Shop),1000,10.00');
    expect(file).toContain('"Savings by campaign: ¥5 off (1 use, 1 refunded in full; Paid by: Platform)",500,5.00');
    expect(file.find((l) => l.includes(',alice,'))).toContain(',Paid,60.00,');
  });

  it('the next day, which holds the refund, has no use of the coupon to count', async () => {
    const report = await api.request('GET', `/api/reports/daily?date=${nextDay}`, { token: await cafeToken() });
    expect(report.body.byCampaign).toEqual([]);
    expect(report.body.refunded.amount).toBe(6000);
  });

  it('the X report, read now, counts both as refunded in full', async () => {
    const x = await api.request('GET', '/api/reports/x', { token: await cafeToken() });
    expect((x.body.figures.byCampaign as { refundedCount: number }[]).map((c) => c.refundedCount)).toEqual([1, 1]);
  });
});
