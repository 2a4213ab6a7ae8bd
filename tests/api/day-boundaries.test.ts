import { afterAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../api/ledger/invariants.js';
import { dialects, newCode, pay, startTestApi, type TestApi } from './harness.js';

/**
 * A shop's day on the days its clocks change: the day report and the day's payments list run from local
 * midnight to local midnight, and the report's hours are the clock's (two 01:00s on a 25-hour day).
 */
describe.each(dialects)('days the clocks change, on %s', (dialect) => {
  const started: TestApi[] = [];
  afterAll(async () => {
    for (const api of started) {
      expect((await checkInvariants(api.deps.db.kysely)).violations).toEqual([]);
      await api.close();
    }
  });

  /** A payment of `amount` at the instant `at`, by bob at demo-cafe. */
  async function payAt(api: TestApi, at: string, amount: number) {
    api.clock.advance(Date.parse(at) - api.clock.now());
    const bob = await api.signIn('customer', 'bob', '2222');
    const cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const paid = await pay(api, cafe, await newCode(api, bob), amount);
    expect(paid.status).toBe(201);
    return cafe;
  }

  it('New York, 1 November 2026 (25 hours): every payment of the day is counted, in its clock hour', async () => {
    const api = await startTestApi(dialect, { timeZone: 'America/New_York' });
    started.push(api);
    await payAt(api, '2026-11-01T03:59:00Z', 101); // 23:59 EDT on 31 October: the day before
    await payAt(api, '2026-11-01T04:30:00Z', 102); // 00:30 EDT
    await payAt(api, '2026-11-01T05:30:00Z', 103); // 01:30 EDT
    await payAt(api, '2026-11-01T06:30:00Z', 104); // 01:30 EST, the second one
    const cafe = await payAt(api, '2026-11-02T04:30:00Z', 105); // 23:30 EST, the day's 25th hour
    await payAt(api, '2026-11-02T05:00:00Z', 106); // 00:00 EST on 2 November: the next day

    const report = await api.request('GET', '/api/reports/daily?date=2026-11-01', { token: cafe });
    expect(report.status).toBe(200);
    expect([report.body.count, report.body.amount.amount]).toEqual([4, 102 + 103 + 104 + 105]);
    const hours = Object.fromEntries(report.body.byHour.filter((h: any) => h.count > 0).map((h: any) => [h.hour, h.amount.amount]));
    expect(hours).toEqual({ 0: 102, 1: 103 + 104, 23: 105 });
    const list = await api.request('GET', '/api/payments?date=2026-11-01&limit=200', { token: cafe });
    expect(list.body.payments.map((p: any) => p.amount.amount).sort()).toEqual([102, 103, 104, 105]);
  });

  it('Sydney, 4 October 2026 (23 hours): the day begins at local midnight, not an hour before', async () => {
    const api = await startTestApi(dialect, { timeZone: 'Australia/Sydney' });
    started.push(api);
    await payAt(api, '2026-10-03T13:30:00Z', 201); // 23:30 AEST on 3 October
    await payAt(api, '2026-10-03T14:30:00Z', 202); // 00:30 AEST on 4 October
    const cafe = await payAt(api, '2026-10-03T16:30:00Z', 203); // 03:30 AEDT (02:00 became 03:00)

    const report = await api.request('GET', '/api/reports/daily?date=2026-10-04', { token: cafe });
    expect([report.body.count, report.body.amount.amount]).toEqual([2, 202 + 203]);
    const hours = Object.fromEntries(report.body.byHour.filter((h: any) => h.count > 0).map((h: any) => [h.hour, h.amount.amount]));
    expect(hours).toEqual({ 0: 202, 3: 203 });
    const before = await api.request('GET', '/api/reports/daily?date=2026-10-03', { token: cafe });
    expect(before.body.count).toBe(1);
  });

  it('Lord Howe Island, 4 October 2026 (the clocks go forward half an hour): each payment in its clock hour', async () => {
    const api = await startTestApi(dialect, { timeZone: 'Australia/Lord_Howe' });
    started.push(api);
    await payAt(api, '2026-10-03T14:00:00Z', 300); // 00:30 LHST (UTC+10:30)
    await payAt(api, '2026-10-03T16:10:00Z', 301); // 03:10 LHDT (UTC+11; 02:00 became 02:30)
    const cafe = await payAt(api, '2026-10-03T16:40:00Z', 302); // 03:40 LHDT

    const report = await api.request('GET', '/api/reports/daily?date=2026-10-04', { token: cafe });
    expect([report.body.count, report.body.amount.amount]).toEqual([3, 300 + 301 + 302]);
    const hours = Object.fromEntries(report.body.byHour.filter((h: any) => h.count > 0).map((h: any) => [h.hour, h.amount.amount]));
    expect(hours).toEqual({ 0: 300, 3: 301 + 302 });
  });
});

describe.each(dialects)('the last calendar date, on %s', (dialect) => {
  it('31 December 9999 is an empty day, not a server error', async () => {
    const api = await startTestApi(dialect);
    try {
      const cafe = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
      const report = await api.request('GET', '/api/reports/daily?date=9999-12-31', { token: cafe });
      expect([report.status, report.body.count]).toEqual([200, 0]);
      const list = await api.request('GET', '/api/payments?date=9999-12-31', { token: cafe });
      expect([list.status, list.body.payments]).toEqual([200, []]);
      const platform = await api.request('GET', '/api/reports/platform?from=2020-01-01&to=9999-12-31', { token: cafe });
      expect(platform.status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
