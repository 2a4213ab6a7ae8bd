import type { Auth } from '../context.js';

/**
 * Sessions this process has read lately, so that an authenticated request costs no database read. Every request
 * authenticates, and on PostgreSQL the session read was a round trip of its own: the largest single cost of a
 * payment request after the group's own statements (bench/results.md).
 *
 * What a cached session can still do after it was signed out, and for how long:
 * - on the process that signed it out: nothing, it is forgotten at once;
 * - on another process (PostgreSQL, many API processes): until that process hears of it, through the same
 *   LISTEN/NOTIFY channel as payment events, a few milliseconds later;
 * - should that notice be lost (the listening connection broken at that moment), until the entry ages out after
 *   `ttlMs` (SESSION_CACHE_MS, 5 s by default; 0 turns the cache off).
 * Expiry is checked on every use, from the cached row, so a session never outlives its expiresAt. Unknown or
 * revoked tokens are never cached: each costs a read, so a revocation takes effect at once.
 */
export class SessionCache {
  readonly #entries = new Map<string, { auth: Auth; expiresAt: number; cachedUntil: number }>();
  /**
   * Counts sign-outs heard of. A session row read just before a sign-out committed must not be cached after the
   * sign-out was forgotten (it would then live on for ttlMs): readers note the count before reading, and `put`
   * refuses a row read before the latest sign-out (any sign-out: they are rare, and a refused put only costs the
   * next request a read).
   */
  #signOuts = 0;

  /** Note this before reading a session row; hand it to `put`. */
  get generation(): number {
    return this.#signOuts;
  }

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  get(tokenHash: string, now: number): Auth | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.cachedUntil <= now || entry.expiresAt <= now) {
      this.#entries.delete(tokenHash);
      return undefined;
    }
    return entry.auth;
  }

  put(tokenHash: string, auth: Auth, expiresAt: number, now: number, readAtGeneration: number): void {
    if (this.ttlMs <= 0 || readAtGeneration !== this.#signOuts) return;
    // A bound, not an LRU: the sessions of a busy hour fit many times over; past it, start again.
    if (this.#entries.size >= this.max) this.#entries.clear();
    this.#entries.set(tokenHash, { auth, expiresAt, cachedUntil: now + this.ttlMs });
  }

  forget(tokenHash: string): void {
    this.#signOuts++;
    this.#entries.delete(tokenHash);
  }
}
