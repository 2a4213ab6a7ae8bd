import { beforeAll, describe, expect, it } from 'vitest';
import { sweepExpiredRows } from '../../api/coupons/store.js';
import { TABLET_SILENT_AFTER_MS } from '../../api/reports/tablet-unsent.js';
import { cny, dialects, must, newKey, signInDemo, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * What each tablet says it still holds unsent (api/reports/tablet-unsent.ts): a manager closing the day sees the sales
 * queued on another tablet that has not come back online, as that tablet last said, with when it was heard; and a
 * tablet still signed in that has not been heard from for a while (silent), which may be taking sales offline.
 */
describe.each(dialects)('tablets holding sales unsent, on %s', (dialect) => {
  let api: TestApi;
  let t: Record<'cafe' | 'owner' | 'books' | 'alice', string>;
  const iso = (ms: number) => new Date(ms).toISOString();
  const tell = (token: string, terminal: string, body: unknown) => api.request('PUT', `/api/tablets/${terminal}/unsent`, { token, body });
  const listed = async (token: string) => {
    const res = await api.request('GET', '/api/tablets/unsent', { token });
    expect(res.status).toBe(200);
    return res.body.tablets as { terminalId: string; handle: string; count: number; amount: unknown; oldestQueuedAt: string | null; heardAt: string; silent: boolean; signInRanOutAt: string | null }[];
  };
  beforeAll(async () => {
    api = await startTestApi(dialect);
    t = await signInDemo(api, 'cafe', 'owner', 'books', 'alice');
  });
  useInvariantCheck(() => api);

  it("lists what a cashier's tablet last said it holds unsent, with who was signed in there and when it was heard", async () => {
    const oldest = api.clock.now() - 3_600_000;
    api.clock.advance(1_000);
    const heard = api.clock.now();
    const res = await tell(t.cafe, 'tablet-a', { sequence: 4, count: 3, amount: cny(4_500), oldestQueuedAt: iso(oldest) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sequence: 4, current: true });
    expect(await listed(t.owner)).toEqual([{ terminalId: 'tablet-a', handle: 'cashier-1', count: 3, amount: cny(4_500), oldestQueuedAt: iso(oldest), heardAt: iso(heard), silent: false, signInRanOutAt: null }]);
  });

  it('a report that arrives late never puts back an older state; the same report again changes nothing', async () => {
    api.clock.advance(60_000);
    const newer = await tell(t.cafe, 'tablet-a', { sequence: 6, count: 5, amount: cny(7_000), oldestQueuedAt: iso(api.clock.now() - 7_200_000) });
    expect(newer.body).toEqual({ sequence: 6, current: true });
    const heard = iso(api.clock.now());
    api.clock.advance(60_000);
    // Sent before the one above (its number is lower), arriving after it.
    const late = await tell(t.cafe, 'tablet-a', { sequence: 5, count: 4, amount: cny(5_000), oldestQueuedAt: iso(api.clock.now()) });
    expect(late.status).toBe(200);
    expect(late.body).toEqual({ sequence: 6, current: false });
    const again = await tell(t.cafe, 'tablet-a', { sequence: 6, count: 5, amount: cny(7_000), oldestQueuedAt: iso(api.clock.now() - 60_000 - 7_200_000) });
    expect(again.body).toEqual({ sequence: 6, current: true });
    const [tablet] = await listed(t.owner);
    expect(tablet).toMatchObject({ count: 5, amount: cny(7_000), heardAt: heard });
    // The same number saying something else is a second report numbered as the first: refused, nothing kept.
    const reused = await tell(t.cafe, 'tablet-a', { sequence: 6, count: 1, amount: cny(100), oldestQueuedAt: iso(api.clock.now()) });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('SEQUENCE_REUSED');
    expect((await listed(t.owner))[0]).toMatchObject({ count: 5, amount: cny(7_000) });
  });

  it('a tablet that says it holds nothing drops off the list, and a late report cannot bring it back', async () => {
    await tell(t.owner, 'tablet-b', { sequence: 1, count: 1, amount: cny(800), oldestQueuedAt: iso(api.clock.now()) });
    expect((await listed(t.owner)).map((x) => x.terminalId).sort()).toEqual(['tablet-a', 'tablet-b']);
    expect((await tell(t.cafe, 'tablet-a', { sequence: 9, count: 0, amount: cny(0), oldestQueuedAt: null })).body).toEqual({ sequence: 9, current: true });
    expect((await listed(t.owner)).map((x) => x.terminalId)).toEqual(['tablet-b']);
    const late = await tell(t.cafe, 'tablet-a', { sequence: 8, count: 2, amount: cny(900), oldestQueuedAt: iso(api.clock.now()) });
    expect(late.body).toEqual({ sequence: 9, current: false });
    expect((await listed(t.owner)).map((x) => x.terminalId)).toEqual(['tablet-b']);
  });

  it("another shop's tablets are its own: the same tablet id there is another row, and not listed here", async () => {
    await tell(t.books, 'tablet-b', { sequence: 1, count: 2, amount: cny(2_000), oldestQueuedAt: iso(api.clock.now()) });
    const here = await listed(t.owner);
    expect(here).toHaveLength(1);
    expect(here[0]).toMatchObject({ terminalId: 'tablet-b', handle: 'owner', count: 1, amount: cny(800) });
  });

  it('refuses a report that cannot be so, and keeps nothing of it', async () => {
    const now = iso(api.clock.now());
    const cases: [unknown, number, string][] = [
      [{ sequence: 20, count: 1, amount: { amount: 100, currency: 'USD' }, oldestQueuedAt: now }, 422, 'CURRENCY_MISMATCH'],
      [{ sequence: 20, count: 2, amount: cny(1), oldestQueuedAt: now }, 422, 'AMOUNT_OUT_OF_RANGE'],
      [{ sequence: 20, count: 0, amount: cny(5), oldestQueuedAt: null }, 422, 'AMOUNT_OUT_OF_RANGE'],
      [{ sequence: 20, count: 0, amount: cny(0), oldestQueuedAt: now }, 422, 'OLDEST_MISMATCH'],
      [{ sequence: 20, count: 1, amount: cny(100), oldestQueuedAt: null }, 422, 'OLDEST_MISMATCH'],
      [{ sequence: 0, count: 1, amount: cny(100), oldestQueuedAt: now }, 400, 'INVALID_REQUEST'],
      [{ sequence: 20.5, count: 1, amount: cny(100), oldestQueuedAt: now }, 400, 'INVALID_REQUEST'],
      [{ sequence: 20, count: -1, amount: cny(100), oldestQueuedAt: now }, 400, 'INVALID_REQUEST'],
      [{ sequence: 20, count: 1, amount: cny(100), oldestQueuedAt: 'yesterday' }, 400, 'INVALID_REQUEST'],
      [{ sequence: 20, count: 1, amount: cny(100), oldestQueuedAt: now, note: 'x' }, 400, 'INVALID_REQUEST'],
      [{ sequence: 20, count: 1, amount: cny(100) }, 400, 'INVALID_REQUEST'],
    ];
    for (const [body, status, code] of cases) {
      const res = await tell(t.cafe, 'tablet-c', body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const badId = await tell(t.cafe, 'tablet%20c', { sequence: 20, count: 1, amount: cny(100), oldestQueuedAt: now });
    expect(badId.status).toBe(400);
    expect((await listed(t.owner)).map((x) => x.terminalId)).toEqual(['tablet-b']);
  });

  it('only a cashier tells, and only a manager reads the list', async () => {
    const body = { sequence: 30, count: 1, amount: cny(100), oldestQueuedAt: iso(api.clock.now()) };
    expect((await tell(t.alice, 'tablet-d', body)).status).toBe(403);
    expect((await api.request('PUT', '/api/tablets/tablet-d/unsent', { body })).status).toBe(401);
    const notManager = await api.request('GET', '/api/tablets/unsent', { token: t.cafe });
    expect(notManager.status).toBe(403);
    expect((await listed(t.owner)).map((x) => x.terminalId)).toEqual(['tablet-b']);
  });

  const nothing = (sequence: number) => ({ sequence, count: 0, amount: cny(0), oldestQueuedAt: null });
  const silentIds = async () => (await listed(t.owner)).filter((x) => x.silent).map((x) => x.terminalId).sort();

  it('a tablet still signed in but not heard from for 12 minutes is listed as silent, even holding nothing; its next report takes it off', async () => {
    const cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    expect((await tell(cafe, 'tablet-s', nothing(1))).status).toBe(200);
    const heard = iso(api.clock.now());
    expect((await listed(t.owner)).map((x) => x.terminalId)).not.toContain('tablet-s');
    api.clock.advance(TABLET_SILENT_AFTER_MS - 1);
    expect((await listed(t.owner)).map((x) => x.terminalId)).not.toContain('tablet-s');
    api.clock.advance(1);
    const tablets = await listed(t.owner);
    expect(tablets.find((x) => x.terminalId === 'tablet-s')).toEqual({
      terminalId: 'tablet-s',
      handle: 'cashier-1',
      count: 0,
      amount: cny(0),
      oldestQueuedAt: null,
      heardAt: heard,
      silent: true,
      signInRanOutAt: null,
    });
    // One that last said it holds sales, and has been silent as long, is marked so too, with what it said; and the
    // tablet above that said it holds nothing, its sign-in still live.
    expect(tablets.find((x) => x.terminalId === 'tablet-b')).toMatchObject({ count: 1, amount: cny(800), silent: true });
    expect(await silentIds()).toEqual(['tablet-a', 'tablet-b', 'tablet-s']);
    // Its heartbeat: a new reading with nothing to say, but heard.
    expect((await tell(cafe, 'tablet-s', nothing(2))).status).toBe(200);
    expect((await listed(t.owner)).map((x) => x.terminalId)).not.toContain('tablet-s');
    expect((await tell(t.owner, 'tablet-b', { sequence: 2, count: 1, amount: cny(800), oldestQueuedAt: iso(api.clock.now()) })).status).toBe(200);
    expect(await silentIds()).toEqual(['tablet-a']);
  });

  it('a tablet signed out cleanly, or whose cashier was removed, is not called silent: its session ended', async () => {
    const leaving = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    await tell(leaving, 'tablet-t', nothing(1));
    await must(api.request('POST', '/api/staff', { token: t.owner, key: newKey(), body: { handle: 'temp-1', pin: '5678' } }), 201);
    const staff = await api.request('GET', '/api/staff', { token: t.owner });
    const temp = (staff.body.staff as { id: string; handle: string }[]).find((x) => x.handle === 'temp-1')!;
    const tempToken = await api.signIn('cashier', 'temp-1', '5678', 'demo-cafe');
    await tell(tempToken, 'tablet-r', nothing(1));
    api.clock.advance(TABLET_SILENT_AFTER_MS);
    expect(await silentIds()).toEqual(['tablet-a', 'tablet-b', 'tablet-r', 'tablet-s', 'tablet-t']);

    await must(api.request('DELETE', '/api/sessions/current', { token: leaving }), 200, 204);
    await must(api.request('POST', `/api/staff/${temp.id}/removal`, { token: t.owner, key: newKey(), body: {} }), 200);
    expect(await silentIds()).toEqual(['tablet-a', 'tablet-b', 'tablet-s']);
  });

  it('a tablet whose sign-in ran out is named with when, if it had gone silent before then or last said it holds sales; not one heard until then holding none', async () => {
    const signedInAt = api.clock.now();
    const late = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    await must(tell(late, 'tablet-u', nothing(1)), 200);
    await must(tell(late, 'tablet-v', nothing(1)), 200);
    const ttl = api.deps.config.sessionTtlMs;
    // A minute before this sign-in runs out (every one above has run out by now), both tablets are heard: one holding
    // nothing, one a sale.
    api.clock.advance(ttl - 60_000);
    await must(tell(late, 'tablet-u', nothing(2)), 200);
    await must(tell(late, 'tablet-v', { sequence: 2, count: 1, amount: cny(300), oldestQueuedAt: iso(api.clock.now()) }), 200);
    api.clock.advance(60_000);
    const owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const tablets = await listed(owner);
    // tablet-a and tablet-s were silent long before their sign-ins ran out; tablet-b held a sale. Not tablet-u: heard a
    // minute before, holding none, it could take nothing offline unheard; not the tablets signed out (t) or whose
    // cashier was removed (r).
    expect(tablets.map((x) => [x.terminalId, x.silent, x.signInRanOutAt !== null])).toEqual([
      ['tablet-v', false, true],
      ['tablet-b', false, true],
      ['tablet-s', false, true],
      ['tablet-a', false, true],
    ]);
    expect(tablets[0]).toMatchObject({ count: 1, amount: cny(300), signInRanOutAt: iso(signedInAt + ttl) });
    // Kept past the offline window since it was last heard, while that window has not passed since its sign-in ran out.
    const b = tablets.find((x) => x.terminalId === 'tablet-b')!;
    api.clock.advance(Date.parse(b.heardAt) + api.deps.config.offlineWindowMs + 1 - api.clock.now());
    // The sweeper keeps a cashier's session row that long past its end: without it, no one knows it ran out.
    await sweepExpiredRows(api.deps.db.kysely, api.clock.now(), api.deps.config.offlineWindowMs);
    const owner2 = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    expect((await listed(owner2)).map((x) => x.terminalId)).toEqual(['tablet-v', 'tablet-b', 'tablet-s', 'tablet-a']);
  });

  it('a tablet holding sales, signed out and not heard from for longer than the offline window, is no longer listed; heard again, it is', async () => {
    api.clock.advance(api.deps.config.offlineWindowMs);
    const owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    expect(await listed(owner)).toEqual([]);
    const back = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    expect((await tell(back, 'tablet-b', { sequence: 50, count: 1, amount: cny(800), oldestQueuedAt: iso(api.clock.now()) })).status).toBe(200);
    expect((await listed(owner)).map((x) => [x.terminalId, x.count, x.silent])).toEqual([['tablet-b', 1, false]]);
  });

  it("a manager forgets a tablet that is gone: it is no longer named, a late report cannot bring it back, and its next report names it again", async () => {
    const owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
    const till = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const oldest = iso(api.clock.now());
    await must(tell(till, 'tablet-f', { sequence: 10, count: 2, amount: cny(900), oldestQueuedAt: oldest }), 200);
    expect((await listed(owner)).map((x) => x.terminalId)).toContain('tablet-f');
    const forget = (token: string, terminal: string, key: string | null = newKey()) => api.request('DELETE', `/api/tablets/${terminal}/unsent`, { token, key: key ?? undefined });

    // A cashier may not; a tablet the shop has no row for is unknown; the Idempotency-Key is asked for.
    expect((await forget(till, 'tablet-f')).status).toBe(403);
    expect((await forget(owner, 'tablet-none')).body.error.code).toBe('NOT_FOUND');
    expect((await forget(owner, 'tablet-f', null)).status).toBe(400);
    expect((await listed(owner)).map((x) => x.terminalId)).toContain('tablet-f');

    const key = newKey();
    const forgotten = await forget(owner, 'tablet-f', key);
    expect(forgotten.status).toBe(200);
    expect(forgotten.body).toEqual({ terminalId: 'tablet-f', forgottenAt: iso(api.clock.now()) });
    expect((await listed(owner)).map((x) => x.terminalId)).not.toContain('tablet-f');
    // The same again replays; another key finds it forgotten already, as it was.
    api.clock.advance(1_000);
    const again = await forget(owner, 'tablet-f', key);
    expect([again.status, again.headers.get('idempotent-replayed'), again.body]).toEqual([200, 'true', forgotten.body]);
    expect((await forget(owner, 'tablet-f')).body).toEqual(forgotten.body);

    // A report sent before the forget, arriving after it, and the last one again: still forgotten.
    expect((await tell(till, 'tablet-f', { sequence: 9, count: 3, amount: cny(1_000), oldestQueuedAt: iso(api.clock.now()) })).body).toEqual({ sequence: 10, current: false });
    expect((await tell(till, 'tablet-f', { sequence: 10, count: 2, amount: cny(900), oldestQueuedAt: oldest })).body).toEqual({ sequence: 10, current: true });
    expect((await listed(owner)).map((x) => x.terminalId)).not.toContain('tablet-f');

    // The tablet comes back: its next report is kept (not refused as old) and names it again.
    const back = await tell(till, 'tablet-f', { sequence: 11, count: 1, amount: cny(400), oldestQueuedAt: iso(api.clock.now()) });
    expect(back.body).toEqual({ sequence: 11, current: true });
    expect((await listed(owner)).find((x) => x.terminalId === 'tablet-f')).toMatchObject({ count: 1, amount: cny(400), silent: false });
  });
});
