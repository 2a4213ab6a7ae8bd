import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import type { SessionCache } from './auth/session-cache.js';
import type { EventBus } from './events/bus.js';
import type { IssuedCode } from './paycodes/issuer.js';
import type { PaymentRequest, SettleResult } from './payments/settle.js';

/** A clock that tests can move; every rule about time (expiry, validity, windows) reads it, never Date.now(). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** What every route needs, created once at start and handed down through Hono's context (not module singletons). */
export interface AppDeps {
  db: Db;
  config: Config;
  clock: Clock;
  events: EventBus;
  log: Logger;
  /** Sessions read lately (auth/session-cache.ts). */
  sessions: SessionCache;
  /** Settles payment requests with group commit (payments/batcher.ts). */
  settler: { settle(request: PaymentRequest): Promise<SettleResult> };
  /** Issues payment codes with group commit (paycodes/issuer.ts). */
  paycodes: { issue(request: { customerId: string; couponId: string | null }): Promise<IssuedCode> };
}

/**
 * `expiresAt`: when the session runs out (epoch ms); GET /api/me says it, so a device knows a kept sign-in is over.
 * `signedInAt`: when a customer gave the PIN, from which their sliding session's absolute life counts (sessions.ts).
 */
export type AuthCustomer = { role: 'customer'; customerId: string; tokenHash: string; expiresAt: number; signedInAt: number };
export type AuthCashier = {
  role: 'cashier';
  cashierId: string;
  merchantId: string;
  canManage: boolean;
  tokenHash: string;
  expiresAt: number;
};
export type Auth = AuthCustomer | AuthCashier;

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    /** The caller's session, once a route's guard or handler has authenticated the request. */
    auth?: Auth;
  };
};
