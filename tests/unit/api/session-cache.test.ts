/**
 * The per-process session cache (api/auth/session-cache.ts): what it may still answer for a session that was
 * signed out. A review found the race this guards: a request reads the session row, the sign-out commits and
 * forgets the token (nothing cached yet), and then the request's stale row is cached for seconds.
 */
import { describe, expect, it } from 'vitest';
import { SessionCache } from '../../../api/auth/session-cache.js';
import type { Auth } from '../../../api/context.js';

const alice: Auth = { role: 'customer', customerId: 'cus_alice', tokenHash: 'h-alice', expiresAt: 3_600_000, signedInAt: 0 };
const HOUR = 3600_000;

describe('session cache', () => {
  it('answers a session it was given until its few seconds are over, and never past the session’s expiry', () => {
    const cache = new SessionCache(5_000);
    cache.put('h-alice', alice, 1_000 + HOUR, 1_000, cache.generation);
    expect(cache.get('h-alice', 5_999)).toEqual(alice);
    expect(cache.get('h-alice', 6_000)).toBeUndefined();
    cache.put('h-alice', alice, 2_000, 1_000, cache.generation);
    expect(cache.get('h-alice', 2_000)).toBeUndefined();
  });

  it('forgets a signed-out session at once', () => {
    const cache = new SessionCache(5_000);
    cache.put('h-alice', alice, HOUR, 0, cache.generation);
    cache.forget('h-alice');
    expect(cache.get('h-alice', 1)).toBeUndefined();
  });

  it('does not cache a row read before a sign-out it has since heard of', () => {
    const cache = new SessionCache(5_000);
    const before = cache.generation; // the request starts reading the row: not revoked yet
    cache.forget('h-alice'); // the sign-out commits meanwhile, here or on another process
    cache.put('h-alice', alice, HOUR, 0, before); // the stale row arrives
    expect(cache.get('h-alice', 1)).toBeUndefined();
    // A row read after the sign-out is cached as usual.
    cache.put('h-bob', { ...alice, tokenHash: 'h-bob' }, HOUR, 0, cache.generation);
    expect(cache.get('h-bob', 1)).toBeDefined();
  });

  it('caches nothing when switched off', () => {
    const cache = new SessionCache(0);
    cache.put('h-alice', alice, HOUR, 0, cache.generation);
    expect(cache.get('h-alice', 0)).toBeUndefined();
  });
});
