/**
 * TOPUPS=0: a server that takes no simulated top-ups (a real shop's, whose wallets are filled some other way). The
 * wallet says so (`topUps`), so the phone offers no "Add money" that could only ever be refused, and a top-up sent
 * all the same is refused with nothing moved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balance, cny, dialects, newKey, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

describe.each(dialects)('top-ups switched off on %s', (dialect) => {
  let off: TestApi;
  let on: TestApi;
  beforeAll(async () => {
    off = await startTestApi(dialect, { topups: false });
    on = await startTestApi(dialect);
  });
  afterAll(async () => on?.close());
  useInvariantCheck(() => off);

  it('the wallet says whether Add money works here', async () => {
    const carolOff = await off.signIn('customer', 'carol', '3333');
    const carolOn = await on.signIn('customer', 'carol', '3333');
    expect((await off.request('GET', '/api/wallet', { token: carolOff })).body).toMatchObject({ balance: cny(2000), topUps: false });
    expect((await on.request('GET', '/api/wallet', { token: carolOn })).body).toMatchObject({ balance: cny(2000), topUps: true });
  });

  it('a top-up sent all the same is refused, and nothing moves', async () => {
    const carol = await off.signIn('customer', 'carol', '3333');
    const res = await off.request('POST', '/api/wallet/topups', { token: carol, key: newKey(), body: { amount: cny(5000) } });
    expect([res.status, res.body.error.code]).toEqual([403, 'TOPUPS_DISABLED']);
    expect(await balance(off, carol)).toBe(2000);
  });
});
