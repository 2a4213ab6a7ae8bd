/**
 * Who may do what: sign-in for customers and cashiers, sign-out, session expiry, throttling of PIN guesses and
 * of unknown payment codes, and tenancy (a shop never sees another shop's payments, a customer never another
 * customer's). Time is the harness's TestClock, moved forward instead of waited for.
 *
 * Throttles count failures per handle and per client address; through app.request every request comes from
 * the same (unknown) address, so tests that fail sign-ins on purpose start in a fresh window (freshWindow).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../api/ids.js';
import { balance, cny, dialects, newCode, newKey, pay, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const MINUTE = 60_000;
const SESSION_TTL_MS = 12 * 60 * MINUTE;
const PIN_WINDOW_MS = 15 * MINUTE;
const CODE_WINDOW_MS = 5 * MINUTE;

const customer = (handle: string, pin: string) => ({ role: 'customer', handle, pin });
const cashier = (merchant: string, handle: string, pin: string) => ({ role: 'cashier', merchant, handle, pin });

describe.each(dialects)('auth and tenancy on %s', (dialect) => {
  let api: TestApi;
  let cafe: string;
  let books: string;
  let owner: string;

  const signIn = (body: object) => api.request('POST', '/api/sessions', { body });
  const me = (token: string) => api.request('GET', '/api/me', { token });
  /** Past every failure window (PIN and code throttles), so a test's own failures are the only ones counted. */
  const freshWindow = () => api.clock.advance(PIN_WINDOW_MS + MINUTE);
  const paymentsCount = async () => {
    const row = await api.deps.db.kysely.selectFrom('payments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  };

  beforeAll(async () => {
    api = await startTestApi(dialect);
    cafe = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    books = await api.signIn('cashier', 'cashier-1', '4321', 'demo-books');
    owner = await api.signIn('cashier', 'owner', '9999', 'demo-cafe');
  });
  useInvariantCheck(() => api);

  it('a customer signs in and /me says who they are', async () => {
    const res = await signIn(customer('alice', '1111'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'customer', handle: 'alice' });
    expect(res.body.token).toEqual(expect.any(String));
    expect(res.body.customerId).toEqual(expect.any(String));
    // A customer's sign-in slides (customer-signin.test.ts): unused, it runs out after the idle life.
    expect(Date.parse(res.body.expiresAt)).toBe(api.clock.now() + api.deps.config.customerSessionIdleMs);
    const who = await me(res.body.token);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ role: 'customer', customerId: res.body.customerId, handle: 'alice' });
    expect(who.body.token).toBeUndefined();
  });

  it('a cashier signs in to their shop, with the shop and their rights in the answer', async () => {
    const res = await signIn(cashier('demo-cafe', 'cashier-1', '1234'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'cashier', handle: 'cashier-1', merchantName: 'Demo Café', canManage: false, currency: 'CNY' });
    expect(res.body.merchantId).toEqual(expect.any(String));
    expect(res.body.cashierId).toEqual(expect.any(String));
    const manager = await signIn(cashier('demo-cafe', 'owner', '9999'));
    expect(manager.status).toBe(201);
    expect(manager.body.canManage).toBe(true);
    expect(manager.body.merchantId).toBe(res.body.merchantId);
    const who = await me(res.body.token);
    expect(who.body).toMatchObject({ role: 'cashier', merchantId: res.body.merchantId, cashierId: res.body.cashierId, merchantName: 'Demo Café', canManage: false });
  });

  it('/me says when the session runs out, as the sign-in did: a device keeping the sign-in keeps it current', async () => {
    for (const body of [customer('bob', '2222'), cashier('demo-cafe', 'cashier-1', '1234')]) {
      const res = await signIn(body);
      expect(res.status).toBe(201);
      api.clock.advance(MINUTE);
      // Asked twice: the first read the session's row, the second may be answered from this process's copy of it.
      for (let i = 0; i < 2; i++) {
        const who = await me(res.body.token);
        expect(who.status).toBe(200);
        expect(who.body.expiresAt).toBe(res.body.expiresAt);
      }
    }
  });

  it('a wrong PIN and an unknown handle get the very same answer', async () => {
    freshWindow();
    const wrongPin = await signIn(customer('alice', '9999'));
    const unknown = await signIn(customer('nobody-here', '1111'));
    expect(wrongPin.status).toBe(401);
    expect(wrongPin.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrongPin.body);
    // Cashiers likewise: wrong PIN, unknown cashier, unknown shop, and a PIN that is right at another shop.
    const answers = await Promise.all([
      signIn(cashier('demo-cafe', 'cashier-1', '0000')),
      signIn(cashier('demo-cafe', 'nobody-here', '1234')),
      signIn(cashier('no-such-shop', 'cashier-1', '1234')),
      signIn(cashier('demo-cafe', 'cashier-1', '4321')),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(401);
      // The same words; only the tries left differ, counted per handle whether it exists or not (two of the four
      // tries are cashier-1's at the café).
      expect({ ...a.body.error, triesLeft: 0 }).toEqual({ ...wrongPin.body.error, triesLeft: 0 });
    }
    expect(answers.map((a) => a.body.error.triesLeft).sort()).toEqual([3, 4, 4, 4]);
  });

  it('a wrong PIN says how many tries are left, the same for an unknown handle, and the last one says until when', async () => {
    freshWindow();
    const known: number[] = [];
    const unknown: number[] = [];
    let last: Awaited<ReturnType<typeof signIn>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await signIn(customer('bob', `000${i}`));
      known.push(last.body.error.triesLeft);
      expect(last.headers.get('retry-after')).toBe(i < 4 ? null : String(PIN_WINDOW_MS / 1000));
      unknown.push((await signIn(customer('nobody-at-all', `000${i}`))).body.error.triesLeft);
    }
    expect(known).toEqual([4, 3, 2, 1, 0]);
    expect(unknown).toEqual(known);
    // The wait the last wrong PIN announced is the one the next try is told.
    const locked = await signIn(customer('bob', '2222'));
    expect([locked.status, locked.headers.get('retry-after')]).toEqual([429, last!.headers.get('retry-after')]);
    // From a network where others' wrong PINs have used up most of its twenty, a first wrong PIN says so.
    freshWindow();
    for (let i = 0; i < 18; i++) await signIn(customer(`spray-${i}`, '1234'));
    expect((await signIn(customer('alice', '0000'))).body.error.triesLeft).toBe(1);
  });

  it('after five wrong PINs a handle is locked for 15 minutes, even with the right PIN, then opens again', async () => {
    freshWindow();
    for (let i = 0; i < 5; i++) {
      const res = await signIn(customer('bob', `000${i}`));
      expect(res.status).toBe(401);
    }
    const locked = await signIn(customer('bob', '2222'));
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Only bob is locked: carol signs in as usual.
    expect((await signIn(customer('carol', '3333'))).status).toBe(201);
    api.clock.advance(PIN_WINDOW_MS - MINUTE);
    const still = await signIn(customer('bob', '2222'));
    expect(still.status).toBe(429);
    // Retry-After is what is left of the window, so a client that waits as told gets in at the first try.
    expect(Number(still.headers.get('retry-after'))).toBe(MINUTE / 1000);
    api.clock.advance(MINUTE);
    const open = await signIn(customer('bob', '2222'));
    expect(open.status).toBe(201);
    expect((await me(open.body.token)).status).toBe(200);
  });

  it('thirty wrong PINs sent at once still get only five tries before the lock', async () => {
    freshWindow();
    // A guesser does not wait for each answer: if the lock only counted finished tries, a burst of
    // 10,000 requests would try every 4-digit PIN inside one window.
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(customer('bob', String(5000 + i)))));
    const tried = answers.filter((a) => a.status === 401).length;
    const locked = answers.filter((a) => a.status === 429).length;
    expect(tried + locked).toBe(30);
    expect(tried).toBeLessThanOrEqual(5);
    expect((await signIn(customer('bob', '2222'))).status).toBe(429);
  });

  it('six tablets signing in as the same cashier at opening time, all with the right PIN, are all let in', async () => {
    freshWindow();
    const answers = await Promise.all(Array.from({ length: 6 }, () => signIn(cashier('demo-cafe', 'cashier-1', '1234'))));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
  });

  it('twenty-one right sign-ins at once from one address are all let in: only wrong PINs count', async () => {
    freshWindow();
    // At most five per handle, so only the per-address rule could refuse any of them.
    const bodies = [
      ...Array.from({ length: 5 }, () => customer('alice', '1111')),
      ...Array.from({ length: 5 }, () => customer('bob', '2222')),
      ...Array.from({ length: 5 }, () => customer('carol', '3333')),
      ...Array.from({ length: 2 }, () => cashier('demo-cafe', 'cashier-1', '1234')),
      ...Array.from({ length: 2 }, () => cashier('demo-cafe', 'owner', '9999')),
      ...Array.from({ length: 2 }, () => cashier('demo-books', 'cashier-1', '4321')),
    ];
    const answers = await Promise.all(bodies.map(signIn));
    expect(answers.filter((a) => a.status !== 201).map((a) => a.body.error.code)).toEqual([]);
  });

  it('an unknown handle is locked after five tries exactly like a real one, so locking tells nothing', async () => {
    freshWindow();
    for (let i = 0; i < 5; i++) expect((await signIn(customer('ghost', '1111'))).status).toBe(401);
    const ghost = await signIn(customer('ghost', '1111'));
    for (let i = 0; i < 5; i++) expect((await signIn(customer('carol', '1111'))).status).toBe(401);
    const real = await signIn(customer('carol', '3333'));
    expect(ghost.status).toBe(429);
    expect(real.status).toBe(429);
    expect(ghost.body).toEqual(real.body);
  });

  it('a right PIN clears the count, so four slips at a time never lock anyone out', async () => {
    freshWindow();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await signIn(customer('alice', `123${i}`))).status).toBe(401);
      expect((await signIn(customer('alice', '1111'))).status).toBe(201);
    }
  });

  it("locking a cashier handle at one shop leaves the same handle at another shop alone", async () => {
    freshWindow();
    for (let i = 0; i < 5; i++) expect((await signIn(cashier('demo-cafe', 'cashier-1', `000${i}`))).status).toBe(401);
    expect((await signIn(cashier('demo-cafe', 'cashier-1', '1234'))).status).toBe(429);
    expect((await signIn(cashier('demo-books', 'cashier-1', '4321'))).status).toBe(201);
    // Sessions already open are not thrown out by the lock: the café's till keeps working.
    expect((await me(cafe)).status).toBe(200);
  });

  it('twenty wrong PINs from one address over many handles lock sign-in from there until the window passes', async () => {
    freshWindow();
    for (let i = 0; i < 20; i++) expect((await signIn(customer(`spray-${i}`, '1234'))).status).toBe(401);
    const blocked = await signIn(customer('alice', '1111'));
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    // A client cannot step out of its address by writing X-Forwarded-For: no proxy is trusted by default.
    const forged = await api.request('POST', '/api/sessions', { body: customer('alice', '1111'), headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(forged.status).toBe(429);
    api.clock.advance(PIN_WINDOW_MS);
    expect((await signIn(customer('alice', '1111'))).status).toBe(201);
  });

  it('behind a load balancer (TRUSTED_PROXIES=1) wrong PINs lock only the address the balancer saw, not everyone', async () => {
    const behind = await startTestApi(dialect, { trustedProxies: 1 });
    try {
      const from = (client: string) => (body: object) => behind.request('POST', '/api/sessions', { body, headers: { 'x-forwarded-for': client } });
      // The balancer appends the address it saw; what the client wrote before it ("10.9.9.9, ") is not believed.
      const guesser = from('10.9.9.9, 198.51.100.7');
      for (let i = 0; i < 20; i++) expect((await guesser(customer(`spray-${i}`, '1234'))).status).toBe(401);
      expect((await guesser(customer('alice', '1111'))).status).toBe(429);
      expect((await from('10.9.9.9, 198.51.100.8, 198.51.100.7')(customer('alice', '1111'))).status).toBe(429);
      // Another customer and the shop's till, through the same balancer from their own addresses, sign in.
      expect((await from('198.51.100.20')(customer('alice', '1111'))).status).toBe(201);
      expect((await from('192.0.2.44')(cashier('demo-cafe', 'cashier-1', '1234'))).status).toBe(201);
    } finally {
      await behind.close();
    }
  });

  it('signing out ends that session at once and leaves the other devices signed in', async () => {
    const phone = (await signIn(customer('alice', '1111'))).body.token;
    const tablet = (await signIn(customer('alice', '1111'))).body.token;
    const out = await api.request('DELETE', '/api/sessions/current', { token: phone });
    expect(out.status).toBe(204);
    for (const res of [await me(phone), await api.request('GET', '/api/wallet', { token: phone }), await api.request('POST', '/api/paycodes', { token: phone, body: {} })]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect((await api.request('POST', '/api/events/ticket', { token: phone })).status).toBe(401);
    expect((await api.request('DELETE', '/api/sessions/current', { token: phone })).status).toBe(401);
    expect((await me(tablet)).status).toBe(200);
    // A cashier signing out at the end of a shift can no longer take payments with that token.
    const till = (await signIn(cashier('demo-books', 'cashier-1', '4321'))).body.token;
    expect((await api.request('DELETE', '/api/sessions/current', { token: till })).status).toBe(204);
    const code = await newCode(api, tablet);
    const count = await paymentsCount();
    const refused = await pay(api, till, code, 100);
    expect(refused.status).toBe(401);
    expect(await paymentsCount()).toBe(count);
  });

  it('a session revoked in the database behind this process (another server signed it out) is refused once its few cached seconds are over', async () => {
    const phone = (await signIn(customer('alice', '1111'))).body.token;
    expect((await me(phone)).status).toBe(200); // now this process holds a copy (auth/session-cache.ts)
    await api.deps.db.kysely.updateTable('sessions').set({ revoked_at: api.clock.now() }).where('token_hash', '=', sha256(phone)).execute();
    api.clock.advance(api.deps.config.sessionCacheMs);
    const res = await me(phone);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('requests without a usable token are refused as unauthenticated', async () => {
    const garbage = [undefined, 'not-a-real-token-but-long-enough', 'short', `${cafe}x`, cafe.slice(0, -1)];
    for (const token of garbage) {
      const res = await api.request('GET', '/api/wallet', { token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    for (const authorization of [`Basic ${cafe}`, `bearer${cafe}`, `Bearer ${cafe} ${cafe}`, 'Bearer ']) {
      const res = await api.request('GET', '/api/me', { headers: { authorization } });
      expect(res.status).toBe(401);
    }
  });

  it('unknown payment codes are throttled per cashier after 20, while live codes still pay at that till', async () => {
    freshWindow();
    const bob = await api.signIn('customer', 'bob', '2222');
    const guesses = Array.from({ length: 21 }, (_, i) => `88${String(1_000_000 + i).padStart(16, '0')}`);
    for (const guess of guesses.slice(0, 20)) {
      const res = await pay(api, cafe, guess, 100);
      expect(res.status).toBe(402);
      expect(res.body.payment.reason).toBe('CODE_UNKNOWN');
    }
    const count = await paymentsCount();
    const throttled = await pay(api, cafe, guesses[20]!, 100);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('RATE_LIMITED');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await paymentsCount()).toBe(count); // a refused guess is not even recorded
    // The queue keeps moving: a customer's live code pays at the same till, without delay.
    const before = await balance(api, bob);
    const code = await newCode(api, bob);
    const paid = await pay(api, cafe, code, 800);
    expect(paid.status).toBe(201);
    expect(await balance(api, bob)).toBe(before - 800);
    // A code the server knows gets its real answer, not the throttle's.
    const again = await pay(api, cafe, code, 800);
    expect(again.status).toBe(402);
    expect(again.body.payment.reason).toBe('CODE_USED');
    // Other tills are not slowed by this one's typos.
    expect((await pay(api, owner, guesses[20]!, 100)).body.payment.reason).toBe('CODE_UNKNOWN');
    expect((await pay(api, books, guesses[20]!, 100)).body.payment.reason).toBe('CODE_UNKNOWN');
    // After the wait the answer gave (what is left of the window, not a fixed minute), the till may mistype again.
    const wait = Number(throttled.headers.get('retry-after'));
    expect(wait).toBeLessThanOrEqual(CODE_WINDOW_MS / 1000);
    api.clock.advance(wait * 1000 - 1);
    expect((await pay(api, cafe, guesses[20]!, 100)).status).toBe(429);
    api.clock.advance(1);
    const later = await pay(api, cafe, guesses[20]!, 100);
    expect(later.status).toBe(402);
    expect(later.body.payment.reason).toBe('CODE_UNKNOWN');
  });

  it('a burst of 40 unknown codes at once from one till gets no more than 20 looked up', async () => {
    freshWindow();
    const count = await paymentsCount();
    const guesses = Array.from({ length: 40 }, (_, i) => `88${String(2_000_000 + i).padStart(16, '0')}`);
    const answers = await Promise.all(guesses.map((g) => pay(api, books, g, 100)));
    const lookedUp = answers.filter((a) => a.status === 402);
    for (const a of lookedUp) expect(a.body.payment.reason).toBe('CODE_UNKNOWN');
    expect(lookedUp.length + answers.filter((a) => a.status === 429).length).toBe(40);
    expect(lookedUp.length).toBeLessThanOrEqual(20);
    expect(await paymentsCount()).toBe(count + lookedUp.length);
  });

  describe('tenancy', () => {
    let alice: string;
    let bob: string;
    let cafePayment: any;

    beforeAll(async () => {
      alice = await api.signIn('customer', 'alice', '1111');
      bob = await api.signIn('customer', 'bob', '2222');
      const paid = await pay(api, cafe, await newCode(api, alice), 4200);
      expect(paid.status).toBe(201);
      cafePayment = paid.body.payment;
    });

    it("a cashier of another shop can neither see nor refund the café's payment", async () => {
      const before = await balance(api, alice);
      const seen = await api.request('GET', `/api/payments/${cafePayment.id}`, { token: books });
      expect(seen.status).toBe(404);
      expect(seen.body.error.code).toBe('NOT_FOUND');
      // Exactly the answer for a payment that does not exist: nothing to learn from it.
      const missing = await api.request('GET', '/api/payments/pay_000000000doesnotexist', { token: books });
      expect(seen.body).toEqual(missing.body);
      const refund = await api.request('POST', `/api/payments/${cafePayment.id}/refunds`, { token: books, key: newKey(), body: {} });
      expect(refund.status).toBe(404);
      expect(refund.body.error.code).toBe('NOT_FOUND');
      const list = await api.request('GET', '/api/payments?limit=200', { token: books });
      expect(list.body.payments.map((p: any) => p.id)).not.toContain(cafePayment.id);
      expect(await balance(api, alice)).toBe(before);
      const own = await api.request('GET', `/api/payments/${cafePayment.id}`, { token: cafe });
      expect(own.status).toBe(200);
      expect(own.body.payment.refunded).toEqual(cny(0));
    });

    it("a customer cannot see another customer's payment", async () => {
      const seen = await api.request('GET', `/api/payments/${cafePayment.id}`, { token: bob });
      expect(seen.status).toBe(404);
      expect(seen.body.error.code).toBe('NOT_FOUND');
      const list = await api.request('GET', '/api/payments?limit=200', { token: bob });
      expect(list.body.payments.map((p: any) => p.id)).not.toContain(cafePayment.id);
      const own = await api.request('GET', `/api/payments/${cafePayment.id}`, { token: alice });
      expect(own.status).toBe(200);
      expect(own.body.payment.id).toBe(cafePayment.id);
    });

    it("a customer cannot hold another customer's coupon in a code", async () => {
      const coupons = (await api.request('GET', '/api/coupons', { token: alice })).body.coupons;
      const theirs = coupons.find((c: any) => c.state === 'available');
      const res = await api.request('POST', '/api/paycodes', { token: bob, body: { couponId: theirs.id } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      const after = (await api.request('GET', '/api/coupons', { token: alice })).body.coupons;
      expect(after.find((c: any) => c.id === theirs.id).state).toBe('available');
    });

    it('a customer cannot use the cashier routes, not even with a live code in hand', async () => {
      const code = await newCode(api, alice);
      const before = await balance(api, alice);
      const attempts = [
        api.request('POST', '/api/payments', { token: bob, key: newKey(), body: { code, amount: cny(100) } }),
        api.request('POST', '/api/payments/batch', { token: bob, body: { terminalId: 't', items: [{ idempotencyKey: newKey(), code, amount: cny(100), scannedAt: new Date(api.clock.now()).toISOString() }] } }),
        api.request('POST', `/api/payments/${cafePayment.id}/refunds`, { token: alice, key: newKey(), body: {} }),
        api.request('GET', '/api/reports/daily', { token: alice }),
        api.request('GET', '/api/campaigns', { token: alice }),
        api.request('POST', '/api/campaigns', { token: alice, key: newKey(), body: { title: 'Mine', rule: { kind: 'fixed', off: 100 }, validUntil: new Date(api.clock.now() + 86_400_000).toISOString() } }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      expect(await balance(api, alice)).toBe(before);
      // The code was not touched: the real till still takes it.
      expect((await pay(api, cafe, code, 100)).status).toBe(201);
    });

    it('a cashier cannot use the customer routes', async () => {
      const attempts = [
        api.request('GET', '/api/wallet', { token: cafe }),
        api.request('GET', '/api/coupons', { token: cafe }),
        api.request('POST', '/api/paycodes', { token: cafe, body: {} }),
        api.request('POST', '/api/wallet/topups', { token: cafe, key: newKey(), body: { amount: cny(100) } }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    });

    it('a plain cashier cannot create, list or grant campaigns; only the manager can', async () => {
      const body = { title: 'Till special', rule: { kind: 'fixed', off: 100 }, validUntil: new Date(api.clock.now() + 86_400_000).toISOString() };
      const created = await api.request('POST', '/api/campaigns', { token: cafe, key: newKey(), body });
      expect(created.status).toBe(403);
      expect(created.body.error.code).toBe('FORBIDDEN');
      expect((await api.request('GET', '/api/campaigns', { token: cafe })).status).toBe(403);
      const real = await api.request('POST', '/api/campaigns', { token: owner, key: newKey(), body });
      expect(real.status).toBe(201);
      const grant = await api.request('POST', `/api/campaigns/${real.body.campaign.id}/grants`, { token: cafe, key: newKey(), body: { customer: 'bob' } });
      expect(grant.status).toBe(403);
      const bobCoupons = (await api.request('GET', '/api/coupons', { token: bob })).body.coupons;
      expect(bobCoupons.filter((c: any) => c.campaignId === real.body.campaign.id)).toHaveLength(0);
      const listed = await api.request('GET', '/api/campaigns', { token: owner });
      expect(listed.body.campaigns.filter((c: any) => c.title === 'Till special')).toHaveLength(1);
    });

    it("a manager cannot hand out coupons of campaigns that are not their shop's", async () => {
      const platformCampaign = (await api.request('GET', '/api/coupons', { token: bob })).body.coupons.find((c: any) => c.funding === 'platform').campaignId;
      const before = (await api.request('GET', '/api/coupons', { token: bob })).body.coupons.length;
      const grant = await api.request('POST', `/api/campaigns/${platformCampaign}/grants`, { token: owner, key: newKey(), body: { customer: 'bob' } });
      expect(grant.status).toBe(404);
      expect((await api.request('GET', '/api/coupons', { token: bob })).body.coupons.length).toBe(before);
    });
  });

  it('sign-up makes a customer with an empty wallet; the same handle again is taken', async () => {
    const res = await api.request('POST', '/api/customers', { body: { handle: 'dora', pin: '4444' } });
    expect(res.status).toBe(201);
    expect(res.body.customerId).toEqual(expect.any(String));
    const again = await api.request('POST', '/api/customers', { body: { handle: 'dora', pin: '5555' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('HANDLE_TAKEN');
    expect((await api.request('POST', '/api/customers', { body: { handle: 'alice', pin: '5555' } })).status).toBe(409);
    // The first sign-up's PIN is the one that holds.
    const session = await signIn(customer('dora', '4444'));
    expect(session.status).toBe(201);
    expect(session.body.customerId).toBe(res.body.customerId);
    expect(await balance(api, session.body.token)).toBe(0);
    expect((await signIn(customer('dora', '5555'))).status).toBe(401);
  });

  it('five sign-ups of one handle at once make exactly one customer', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => api.request('POST', '/api/customers', { body: { handle: 'eve', pin: `700${i}` } })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(409);
      expect(a.body.error.code).toBe('HANDLE_TAKEN');
    }
  });

  // Last: it moves the clock by half a day and then by a customer's idle life, past every session opened above.
  it("a till's session ends after 12 hours, a phone's left unused after its idle life: each must sign in again", async () => {
    const phone = (await signIn(customer('carol', '3333'))).body.token;
    const till = (await signIn(cashier('demo-cafe', 'cashier-1', '1234'))).body.token;
    api.clock.advance(SESSION_TTL_MS - MINUTE);
    expect((await me(till)).status).toBe(200);
    api.clock.advance(MINUTE);
    const tillOut = await me(till);
    expect([tillOut.status, tillOut.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    // The phone, unused all that time, is still signed in until its idle life from the sign-in has passed.
    api.clock.advance(api.deps.config.customerSessionIdleMs - SESSION_TTL_MS);
    const phoneOut = await me(phone);
    expect([phoneOut.status, phoneOut.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const fresh = await api.signIn('customer', 'carol', '3333');
    const code = await newCode(api, fresh);
    const count = await paymentsCount();
    expect((await pay(api, till, code, 100)).status).toBe(401);
    expect(await paymentsCount()).toBe(count);
    const tillAgain = await api.signIn('cashier', 'cashier-1', '1234', 'demo-cafe');
    expect((await pay(api, tillAgain, code, 100)).status).toBe(201);
  });
});
