/**
 * A customer's sign-in, as the customer audit found it: which PIN limit a 429 is (the handle's own wrong PINs, or
 * other people's from a shared address), and a sliding customer session (renewed while used, unused it runs out,
 * and never past its absolute life), while a cashier's stays one fixed shift. Time is the harness's TestClock.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../api/ids.js';
import { dialects, newKey, startTestApi, useInvariantCheck, type TestApi } from './harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PIN_WINDOW_MS = 15 * MINUTE;

const customer = (handle: string, pin: string) => ({ role: 'customer', handle, pin });
const cashier = (merchant: string, handle: string, pin: string) => ({ role: 'cashier', merchant, handle, pin });

describe.each(dialects)('customer sign-in on %s', (dialect) => {
  let api: TestApi;
  const signIn = (body: object) => api.request('POST', '/api/sessions', { body });
  const me = (token: string) => api.request('GET', '/api/me', { token });
  const freshWindow = () => api.clock.advance(PIN_WINDOW_MS + MINUTE);
  const rowExpiry = async (token: string) =>
    Number((await api.deps.db.kysely.selectFrom('sessions').select('expires_at').where('token_hash', '=', sha256(token)).executeTakeFirstOrThrow()).expires_at);

  beforeAll(async () => {
    api = await startTestApi(dialect);
  });
  useInvariantCheck(() => api);

  describe('PIN limits', () => {
    it("other people's wrong PINs from one address answer limit 'address', and say it is the network", async () => {
      freshWindow();
      for (let i = 0; i < 20; i++) expect((await signIn(customer(`mall-${i}`, '1234'))).status).toBe(401);
      const alice = await signIn(customer('alice', '1111'));
      expect(alice.status).toBe(429);
      expect(alice.body.error).toMatchObject({ code: 'RATE_LIMITED', limit: 'address' });
      expect(alice.body.error.message).toMatch(/network/);
      expect(Number(alice.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it("a handle's own five wrong PINs answer limit 'handle', also when the address's limit is reached as well", async () => {
      freshWindow();
      for (let i = 0; i < 5; i++) expect((await signIn(customer('bob', `000${i}`))).status).toBe(401);
      const own = await signIn(customer('bob', '2222'));
      expect(own.status).toBe(429);
      expect(own.body.error).toMatchObject({ code: 'RATE_LIMITED', limit: 'handle' });
      // Fifteen more for other handles: the address is at its limit too, and bob still hears of his own.
      for (let i = 0; i < 15; i++) expect((await signIn(customer(`mall-${i}`, '1234'))).status).toBe(401);
      expect((await signIn(customer('carol', '3333'))).body.error.limit).toBe('address');
      expect((await signIn(customer('bob', '2222'))).body.error.limit).toBe('handle');
    });

    it("a handle locked by wrong PINs from elsewhere, on an address locked later, is told to wait for both", async () => {
      const behind = await startTestApi(dialect, { trustedProxies: 1 });
      try {
        const from = (client: string) => (body: object) => behind.request('POST', '/api/sessions', { body, headers: { 'x-forwarded-for': client } });
        for (let i = 0; i < 5; i++) expect((await from('198.51.100.1')(customer('bob', `000${i}`))).status).toBe(401);
        behind.clock.advance(5 * MINUTE);
        for (let i = 0; i < 20; i++) expect((await from('198.51.100.2')(customer(`mall-${i}`, '1234'))).status).toBe(401);
        const locked = await from('198.51.100.2')(customer('bob', '2222'));
        expect(locked.body.error.limit).toBe('handle');
        // The handle's window ends in 10 minutes, the address's in 15: a client back after 10 would meet the other.
        expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
      } finally {
        await behind.close();
      }
    });

    it('a right PIN on the address limit alone is still refused: spraying one PIN over many handles stays bounded', async () => {
      freshWindow();
      for (let i = 0; i < 20; i++) expect((await signIn(customer(`mall-${i}`, '1234'))).status).toBe(401);
      // Whether the PIN was right must not show: the right one and a wrong one get the same answer.
      const right = await signIn(customer('carol', '3333'));
      const wrong = await signIn(customer('carol', '9999'));
      expect([right.status, right.body.error]).toEqual([wrong.status, wrong.body.error]);
      freshWindow();
      expect((await signIn(customer('carol', '3333'))).status).toBe(201);
    });

    it("a PIN change's lock is the handle's own", async () => {
      freshWindow();
      expect((await api.request('POST', '/api/customers', { body: { handle: 'dora', pin: '5555' } })).status).toBe(201);
      const token = (await signIn(customer('dora', '5555'))).body.token as string;
      for (let i = 0; i < 5; i++) {
        const wrong = await api.request('POST', '/api/customers/me/pin', { token, key: newKey(), body: { currentPin: '0000', newPin: '7777' } });
        expect(wrong.status).toBe(422);
      }
      const locked = await api.request('POST', '/api/customers/me/pin', { token, key: newKey(), body: { currentPin: '5555', newPin: '7777' } });
      expect(locked.status).toBe(429);
      expect(locked.body.error).toMatchObject({ code: 'RATE_LIMITED', limit: 'handle' });
    });
  });

  describe('sessions', () => {
    it("a customer's sign-in is renewed while used, and runs out once left unused for the idle life", async () => {
      freshWindow();
      const { customerSessionIdleMs: idle } = api.deps.config;
      const res = await signIn(customer('alice', '1111'));
      expect(Date.parse(res.body.expiresAt)).toBe(api.clock.now() + idle);
      const phone = res.body.token as string;
      // Used now and then for longer than the idle life: still signed in, its end moved on each time.
      for (let use = 0; use < 3; use++) {
        api.clock.advance(idle / 2);
        const who = await me(phone);
        expect(who.status).toBe(200);
        expect(Date.parse(who.body.expiresAt)).toBe(api.clock.now() + idle);
        expect(await rowExpiry(phone)).toBe(api.clock.now() + idle);
      }
      // Unused for the idle life: over.
      api.clock.advance(idle);
      const over = await me(phone);
      expect([over.status, over.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    });

    it('the row is written at most once an hour: requests within it keep the end they found', async () => {
      freshWindow();
      const phone = (await signIn(customer('alice', '1111'))).body.token as string;
      const first = await rowExpiry(phone);
      api.clock.advance(10 * MINUTE);
      expect((await api.request('GET', '/api/wallet', { token: phone })).status).toBe(200);
      expect(await rowExpiry(phone)).toBe(first);
      api.clock.advance(HOUR);
      expect((await api.request('GET', '/api/wallet', { token: phone })).status).toBe(200);
      expect(await rowExpiry(phone)).toBe(api.clock.now() + api.deps.config.customerSessionIdleMs);
    });

    it('however much it is used, a sign-in ends at its absolute life, and the PIN is asked for again', async () => {
      freshWindow();
      const { customerSessionIdleMs: idle, customerSessionMaxMs: max } = api.deps.config;
      const start = api.clock.now();
      const phone = (await signIn(customer('bob', '2222'))).body.token as string;
      while (api.clock.now() + DAY < start + max - MINUTE) {
        api.clock.advance(Math.min(DAY, start + max - MINUTE - api.clock.now()));
        const who = await me(phone);
        expect(who.status).toBe(200);
        expect(Date.parse(who.body.expiresAt)).toBe(Math.min(api.clock.now() + idle, start + max));
      }
      api.clock.advance(start + max - MINUTE - api.clock.now());
      expect((await me(phone)).status).toBe(200);
      expect(Date.parse((await me(phone)).body.expiresAt)).toBe(start + max);
      api.clock.advance(MINUTE);
      expect((await me(phone)).status).toBe(401);
      expect((await signIn(customer('bob', '2222'))).status).toBe(201);
    });

    it('a signed-out customer session answers 401, also once a renewal would be due', async () => {
      freshWindow();
      const phone = (await signIn(customer('carol', '3333'))).body.token as string;
      expect((await me(phone)).status).toBe(200);
      expect((await api.request('DELETE', '/api/sessions/current', { token: phone })).status).toBe(204);
      api.clock.advance(2 * HOUR);
      expect((await me(phone)).status).toBe(401);
      const row = await api.deps.db.kysely.selectFrom('sessions').select(['revoked_at']).where('token_hash', '=', sha256(phone)).executeTakeFirstOrThrow();
      expect(row.revoked_at).not.toBeNull();
    });

    it('a session signed out elsewhere, still cached here, is not brought back by a use that renews it', async () => {
      // Another process signed it out, and its notice never came: this process still has the session cached
      // (SESSION_CACHE_MS long) and, the idle life short, a use renews it. The renewal must leave the row signed out.
      const here = await startTestApi(dialect, { sessionCacheMs: 60_000, customerSessionIdleMs: MINUTE });
      try {
        const token = (await here.request('POST', '/api/sessions', { body: customer('carol', '3333') })).body.token as string;
        expect((await here.request('GET', '/api/me', { token })).status).toBe(200);
        const hash = sha256(token);
        const before = await here.deps.db.kysely.selectFrom('sessions').select(['expires_at']).where('token_hash', '=', hash).executeTakeFirstOrThrow();
        await here.deps.db.kysely.updateTable('sessions').set({ revoked_at: here.clock.now() }).where('token_hash', '=', hash).execute();
        // Within the cache's life and the session's, past the renewal step (a tenth of the idle life).
        here.clock.advance(30_000);
        // Answered from the cached copy (what a lost notice costs, for at most SESSION_CACHE_MS): that is not at issue.
        await here.request('GET', '/api/wallet', { token });
        const row = await here.deps.db.kysely.selectFrom('sessions').select(['revoked_at', 'expires_at']).where('token_hash', '=', hash).executeTakeFirstOrThrow();
        expect(row.revoked_at).not.toBeNull();
        expect(Number(row.expires_at)).toBe(Number(before.expires_at));
        // Once the cached copy is gone, the row answers: signed out.
        here.clock.advance(30_000);
        expect((await here.request('GET', '/api/me', { token })).status).toBe(401);
      } finally {
        await here.close();
      }
    });

    it("a cashier's sign-in stays one fixed shift (SESSION_TTL_MS), used or not", async () => {
      freshWindow();
      const ttl = api.deps.config.sessionTtlMs;
      const res = await signIn(cashier('demo-cafe', 'cashier-1', '1234'));
      const till = res.body.token as string;
      expect(Date.parse(res.body.expiresAt)).toBe(api.clock.now() + ttl);
      api.clock.advance(ttl - HOUR);
      const who = await me(till);
      expect(who.status).toBe(200);
      expect(Date.parse(who.body.expiresAt)).toBe(Date.parse(res.body.expiresAt));
      api.clock.advance(HOUR);
      expect((await me(till)).status).toBe(401);
    });
  });
});
