import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetCustomerPin } from '../../api/auth/pin-reset.js';
import { hashPin } from '../../api/auth/pins.js';
import { dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

/**
 * A customer changing their own PIN in the app: the current PIN is asked for, their other phones are signed out,
 * the old PIN stops working, and a wrong current PIN counts against the handle as a wrong PIN at sign-in does.
 */
describe.each(dialects)('a customer changing their PIN on %s', (dialect) => {
  let api: TestApi;
  let handles = 0;
  beforeAll(async () => {
    api = await startTestApi(dialect);
  });
  useInvariantCheck(() => api);

  /** A customer of their own for each test: the throttle and the sessions are per handle. */
  async function newCustomer(pin = '4826') {
    const handle = `pin-${dialect}-${++handles}`;
    expect((await api.request('POST', '/api/customers', { body: { handle, pin } })).status).toBe(201);
    return { handle, signIn: (p = pin) => api.request('POST', '/api/sessions', { body: { role: 'customer', handle, pin: p } }) };
  }
  const change = (token: string, currentPin: string, newPin: string, key = newKey()) =>
    api.request('POST', '/api/customers/me/pin', { token, key, body: { currentPin, newPin } });
  const wallet = (token: string) => api.request('GET', '/api/wallet', { token });

  it('signs out the other phones, keeps this one, and only the new PIN signs in after', async () => {
    const who = await newCustomer();
    const phone = (await who.signIn()).body.token;
    const oldPhone = (await who.signIn()).body.token;
    const changed = await change(phone, '4826', '913570');
    expect([changed.status, changed.body]).toEqual([200, { signedOutElsewhere: 1 }]);
    expect(JSON.stringify(changed.body)).not.toContain('913570');

    expect((await wallet(phone)).status).toBe(200);
    const refused = await wallet(oldPhone);
    // Saying why (`reason`), so the phone can say it was a new PIN rather than guess from the expiry it kept.
    expect([refused.status, refused.body.error.code, refused.body.error.reason]).toEqual([401, 'UNAUTHENTICATED', 'pin_changed']);
    expect((await who.signIn('4826')).status).toBe(401);
    expect((await who.signIn('913570')).status).toBe(201);
  });

  // The phone signed out may be in the hands of whoever learnt the old PIN: the code it shows must not go on paying
  // for its last minute (it did: a cashier charged it after the change, from the wallet of the customer who changed it).
  it('the payment code on show on a phone it signs out stops paying, and its coupon is free again', async () => {
    const who = await newCustomer();
    const phone = (await who.signIn()).body.token;
    const oldPhone = (await who.signIn()).body.token;
    expect((await api.request('POST', '/api/wallet/topups', { token: phone, key: newKey(), body: { amount: { amount: 5000, currency: 'CNY' } } })).status).toBe(201);
    const shownThere = await newCode(api, oldPhone);
    expect((await change(phone, '4826', '913570')).status).toBe(200);

    const cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const declined = await pay(api, cafe, shownThere, 100);
    expect([declined.status, declined.body.payment?.reason]).toEqual([402, 'CODE_EXPIRED']);
    expect((await wallet(phone)).body.balance.amount).toBe(5000);
    // This phone makes its own code and pays with it.
    expect((await pay(api, cafe, await newCode(api, phone), 100)).status).toBe(201);
  });

  it('with no other phone signed in, a code on show (another tab of this phone) goes on paying', async () => {
    const who = await newCustomer();
    const phone = (await who.signIn()).body.token;
    expect((await api.request('POST', '/api/wallet/topups', { token: phone, key: newKey(), body: { amount: { amount: 5000, currency: 'CNY' } } })).status).toBe(201);
    const shown = await newCode(api, phone);
    expect((await change(phone, '4826', '913570')).body).toEqual({ signedOutElsewhere: 0 });
    const cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    expect((await pay(api, cafe, shown, 100)).status).toBe(201);
  });

  it('a retry after a lost answer gets the first answer and changes nothing; the old PIN under a new key is refused', async () => {
    const who = await newCustomer();
    const phone = (await who.signIn()).body.token;
    const key = newKey();
    const first = await change(phone, '4826', '5555', key);
    expect(first.status).toBe(200);
    const later = (await who.signIn('5555')).body.token; // signed in after the change: not signed out by the retry

    const retry = await change(phone, '4826', '5555', key);
    expect([retry.status, retry.body, retry.headers.get('idempotent-replayed')]).toEqual([200, first.body, 'true']);
    expect((await wallet(later)).status).toBe(200);
    expect((await who.signIn('5555')).status).toBe(201);

    // Knowing the new PIN is not knowing the current one: the same pair under another key is not a change.
    const fresh = await change(phone, '4826', '5555');
    expect([fresh.status, fresh.body.error.code, fresh.body.error.field]).toEqual([422, 'WRONG_PIN', 'currentPin']);
    // The key again with another new PIN (edited after the lost answer): not the change it made, and not a success.
    const edited = await change(phone, '4826', '6666', key);
    expect([edited.status, edited.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    expect((await who.signIn('5555')).status).toBe(201);
  });

  it("a key of another request (a top-up) tells nothing of the PIN: a right guess and a wrong one get the same answer", async () => {
    const who = await newCustomer();
    const phone = (await who.signIn()).body.token;
    const key = newKey();
    expect((await api.request('POST', '/api/wallet/topups', { token: phone, key, body: { amount: { amount: 1, currency: 'CNY' } } })).status).toBe(201);
    const right = await change(phone, '0000', '4826', key); // the real PIN given as the new one
    const wrong = await change(phone, '0000', '1111', key);
    expect([right.status, right.body.error.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    expect([wrong.status, wrong.body]).toEqual([right.status, right.body]);
    expect((await who.signIn('4826')).status).toBe(201);
  });

  it('a wrong current PIN changes nothing and counts as a wrong PIN at sign-in: five lock both out for a while', async () => {
    const who = await newCustomer();
    const phone = (await who.signIn()).body.token;
    const other = (await who.signIn()).body.token;
    for (let i = 0; i < 5; i++) {
      const wrong = await change(phone, '0000', '7777');
      // Each says how many more wrong PINs the handle may take before the pause, the last one until when.
      expect([wrong.status, wrong.body.error.code, wrong.body.error.triesLeft]).toEqual([422, 'WRONG_PIN', 4 - i]);
      expect(wrong.headers.get('retry-after') !== null).toBe(i === 4);
    }
    expect((await wallet(other)).status).toBe(200); // nobody signed out
    const locked = await change(phone, '4826', '7777');
    expect([locked.status, locked.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    // Told to wait what is left of the 15-minute window: waiting that long is enough, and not a moment less.
    const wait = Number(locked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    api.clock.advance(wait * 1000 - 1000);
    expect((await who.signIn('4826')).status).toBe(429);
    api.clock.advance(1000);
    expect((await who.signIn('7777')).status).toBe(401);
    expect((await who.signIn('4826')).status).toBe(201);
  });

  it('refuses a PIN that is not 4–12 digits, and anyone but a signed-in customer', async () => {
    const who = await newCustomer();
    const phone = (await who.signIn()).body.token;
    const bad = await change(phone, '4826', '12ab');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    expect((await api.request('POST', '/api/customers/me/pin', { token: phone, body: { currentPin: '4826', newPin: '1234' } })).status).toBe(400); // no key
    const cashier = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    expect((await change(cashier, '1234', '5678')).status).toBe(403);
    expect((await change('not-a-token', '4826', '5678')).status).toBe(401);
    expect((await who.signIn('4826')).status).toBe(201);
  });

  // The platform's support resets a forgotten PIN with `npm run customer-pin` beside the running server. Two processes
  // of its own (tsx compiling the script), slow on a busy machine: a longer timeout, not a timed check.
  it('`npm run customer-pin` sets a new PIN for a customer who forgot theirs: their devices are signed out and a lockout is lifted', { timeout: 120_000 }, async () => {
    const resetPin = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/customer-pin.ts', ...args], { env: { ...process.env, DATABASE_URL: api.databaseUrl }, encoding: 'utf8' });
    const who = await newCustomer();
    const phone = (await who.signIn()).body.token;
    const shownCode = await newCode(api, phone);
    // They tried to remember it, five times: the handle is locked for a while.
    for (let i = 0; i < 5; i++) expect((await who.signIn('1111')).status).toBe(401);
    expect((await who.signIn('4826')).status).toBe(429);

    const reset = resetPin(['--handle', who.handle]);
    expect(reset.status, reset.stderr).toBe(0);
    const pin = /PIN of \S+ is now (\d{6}) /.exec(reset.stdout)?.[1];
    expect(pin, reset.stdout).toBeDefined();
    expect(reset.stdout).toContain('1 signed-in device(s) signed out');

    // The new PIN works at once, the lockout gone; the old one does not.
    expect((await who.signIn(pin)).status).toBe(201);
    expect((await who.signIn('4826')).status).toBe(401);
    // The phone that was signed in is signed out: on PostgreSQL the server is told at once, a SQLite server's copy of
    // the session lasts its cache's few seconds (SESSION_CACHE_MS).
    api.clock.advance(6_000);
    const refused = await wallet(phone);
    expect([refused.status, refused.body.error.reason]).toEqual([401, 'pin_changed']);
    // The code that phone showed pays no more.
    const cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    const declined = await pay(api, cafe, shownCode, 100);
    expect([declined.status, declined.body.payment?.reason]).toEqual([402, 'CODE_EXPIRED']);

    // A PIN of support's choosing; an unknown handle changes nothing.
    expect(resetPin(['--handle', who.handle, '--pin', '2468']).status).toBe(0);
    expect((await who.signIn('2468')).status).toBe(201);
    const unknown = resetPin(['--handle', 'nobody-here']);
    expect([unknown.status, unknown.stderr]).toEqual([1, expect.stringContaining('No customer has the handle "nobody-here"')]);
    expect((await who.signIn('2468')).status).toBe(201);
  });

  it('a sign-in with the old PIN under way while the PIN is reset gets no session that outlives the reset', async () => {
    // The reset lands at different moments of the sign-in (its PIN check takes tens of milliseconds); whichever,
    // the sign-in is refused, or the session it made is among those the reset signed out.
    for (const delayMs of [0, 2, 5, 10, 20, 40]) {
      const who = await newCustomer();
      const newHash = await hashPin('8080');
      const signingIn = who.signIn('4826');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      expect(await resetCustomerPin(api.deps.db, { handle: who.handle, pinHash: newHash, now: api.clock.now() })).not.toBeNull();
      const signedIn = await signingIn;
      if (signedIn.status === 201) {
        api.clock.advance(6_000); // past this process's copy of the session (SESSION_CACHE_MS)
        expect((await wallet(signedIn.body.token)).status, `reset ${delayMs} ms into the sign-in`).toBe(401);
      } else {
        expect(signedIn.status, `reset ${delayMs} ms into the sign-in`).toBe(401);
      }
      expect((await who.signIn('8080')).status).toBe(201);
    }
  });
});
