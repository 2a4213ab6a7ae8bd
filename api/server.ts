import pino from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { systemClock, type AppDeps, type Clock } from './context.js';
import { sweepExpiredRows } from './coupons/store.js';
import { openDatabase } from './db/connect.js';
import { isEmpty, seedDemo } from './demo/seed.js';
import { createEventBus } from './events/bus.js';
import { SessionCache } from './auth/session-cache.js';
import { SESSIONS_CHANNEL } from './auth/sessions.js';
import { forgetMerchantFacts, SHOPS_CHANNEL } from './shop/facts.js';
import { assertLedgerCurrency, ensureSystemAccounts } from './ledger/system-accounts.js';
import { PaycodeIssuer } from './paycodes/issuer.js';
import { SettlementBatcher } from './payments/batcher.js';
import type { MiddlewareHandler } from 'hono';

/**
 * How often the sweeper runs (coupons/store.ts sweepExpiredRows): it writes down lapsed coupon reservations and
 * deletes codes, sessions and tickets that can no longer matter. Readers never wait for it.
 */
const SWEEP_INTERVAL_MS = 30_000;

/**
 * Everything the process needs, in start-up order: database (migrated), system accounts, demo data on an empty
 * database, the event bus, the app. Used by main.ts and by tests that want the real thing in-process.
 */
export async function startDeps(config: Config, clock: Clock = systemClock): Promise<AppDeps & { stop(): Promise<void> }> {
  const log = pino({ level: config.logLevel, base: undefined });
  const db = await openDatabase(config.databaseUrl, { sqliteCacheKib: config.sqliteCacheKib });
  try {
    await assertLedgerCurrency(db.kysely, config.currency);
  } catch (error) {
    await db.close();
    throw error;
  }
  await ensureSystemAccounts(db.kysely, config.currency, clock.now());
  if (config.demo && (await isEmpty(db))) {
    await seedDemo(db, config.currency, clock.now(), config.timeZone);
    log.info('seeded the demo data');
  }
  const events = await createEventBus(db);
  const sessions = new SessionCache(config.sessionCacheMs);
  // Sign-outs on other processes (auth/sessions.ts revokeSession).
  const unlistenSessions = db.listen ? await db.listen(SESSIONS_CHANNEL, (tokenHash) => sessions.forget(tokenHash)) : undefined;
  // A shop's name or offline limits changed on another process (shop/routes.ts).
  const unlistenShops = db.listen ? await db.listen(SHOPS_CHANNEL, (merchantId) => forgetMerchantFacts(db, merchantId)) : undefined;
  const sweeper = setInterval(() => {
    sweepExpiredRows(db.kysely, clock.now(), config.offlineWindowMs).catch((err) => log.warn({ err }, 'sweep of expired rows failed'));
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  const deps: AppDeps & { stop(): Promise<void> } = {
    db,
    config,
    clock,
    events,
    log,
    sessions,
    settler: undefined as never,
    paycodes: undefined as never,
    async stop() {
      clearInterval(sweeper);
      await unlistenSessions?.();
      await unlistenShops?.();
      await events.close();
      await db.close();
    },
  };
  deps.settler = new SettlementBatcher(deps);
  deps.paycodes = new PaycodeIssuer(deps);
  return deps;
}

export function buildApp(deps: AppDeps, serveStatic?: MiddlewareHandler) {
  return createApp(deps, { serveStatic });
}
