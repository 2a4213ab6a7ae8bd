import { beforeAll, describe, expect, it } from 'vitest';
import { cny, dialects, newCode, newKey, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A manager reverses today a top-up taken on an earlier day (keyed wrong yesterday, found this morning). The Day report
 * counts the cash paid back today; GET /topups for today lists it too, apart (`earlierReversed`, with the top-up's own
 * time), where before today's list had no row for it: Today's line said "0 top-ups, 1 reversed" and opened "No top-ups
 * at the counter this day". The day it was taken still lists it among its own, marked reversed.
 */
describe.each(dialects)('a reversal today of an earlier day’s top-up on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect);
  });
  useInvariantCheck(() => api);

  it('is listed with today’s top-ups as reversed today, with its own day’s time, on the first page only', async () => {
    let { cafe, owner, books, bob } = await signInDemo(api, 'cafe', 'owner', 'books', 'bob');
    const topUp = async (token: string, amount: number) => {
      const res = await api.request('POST', '/api/topups', { token, key: newKey(), body: { code: await newCode(api, bob), amount: cny(amount) } });
      expect(res.status).toBe(201);
      return res.body.topUp as { id: string; at: string };
    };
    api.clock.advance(1_000);
    const wrong = await topUp(cafe, 5_000);
    // Ids are ordered by the millisecond: the two apart, so the list's order is theirs.
    api.clock.advance(1_000);
    const kept = await topUp(cafe, 700);
    // Another shop's top-up of the same day: never in the café's lists.
    await topUp(books, 900);
    const yesterday = (await api.request('GET', '/api/topups', { token: cafe })).body.date as string;

    api.clock.advance(24 * 60 * 60_000);
    ({ cafe, owner, books, bob } = await signInDemo(api, 'cafe', 'owner', 'books', 'bob'));
    const reversed = await api.request('POST', `/api/topups/${wrong.id}/reversal`, { token: owner, key: newKey(), body: {} });
    expect(reversed.status).toBe(201);
    const reversedAt = new Date(api.clock.now()).toISOString();
    api.clock.advance(1_000);
    const todays = await topUp(cafe, 300);

    // Today: one top-up taken (listed), and yesterday's reversed this morning (apart, with its own time).
    const today = (await api.request('GET', '/api/topups', { token: cafe })).body;
    expect(today.date).not.toBe(yesterday);
    expect(today.topUps.map((t: { id: string }) => t.id)).toEqual([todays.id]);
    expect(today.earlierReversed).toEqual([
      { id: wrong.id, amount: cny(5_000), customer: { handle: 'bob' }, cashier: 'cashier-1', at: wrong.at, reversal: { id: expect.any(String), at: reversedAt, by: 'owner' } },
    ]);
    // The Day report's figures it stands for: today's cash paid back for it, no top-up of today's count.
    const report = (await api.request('GET', '/api/reports/daily', { token: cafe })).body;
    expect(report).toMatchObject({ topUpCount: 1, topUps: cny(300), topUpReversalCount: 1, topUpsReversed: cny(5_000) });

    // A later page of today's top-ups does not list them again.
    const page = (await api.request('GET', `/api/topups?limit=1&before=${encodeURIComponent(todays.id)}`, { token: cafe })).body;
    expect(page).toEqual({ date: today.date, topUps: [], next: null, earlierReversed: [] });

    // Yesterday: both top-ups taken, the wrong one marked reversed (this morning); none reversed that day.
    const before = (await api.request('GET', `/api/topups?date=${yesterday}`, { token: cafe })).body;
    expect(before.topUps.map((t: { id: string; reversal: { at: string } | null }) => [t.id, t.reversal?.at ?? null])).toEqual([
      [kept.id, null],
      [wrong.id, reversedAt],
    ]);
    expect(before.earlierReversed).toEqual([]);

    // The other shop's tills: the café's reversal is not theirs.
    expect((await api.request('GET', '/api/topups', { token: books })).body).toEqual({ date: today.date, topUps: [], next: null, earlierReversed: [] });
  });
});
