import { z } from 'zod';

/**
 * Environment, validated once at start (hono-open-api-starter habit): a typo in a variable fails loudly at
 * boot instead of as a strange answer at the counter.
 */
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'));

/**
 * A zone's name as the runtime spells it ("asia/shanghai" is Asia/Shanghai, "US/Eastern" America/New_York): a shop's
 * zone is stored so, and reads back as one of the names the tablets list. Undefined for a zone it does not know.
 */
export function canonicalTimeZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Whether the runtime knows this IANA zone: the server's TIME_ZONE and a shop's own (shop/settings.ts) are checked alike. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone this machine's clock is set to, when the runtime names a real IANA zone (not when it cannot tell). A server
 * on the shop's own computer then counts the shop's day as the owner's clock does, without setting TIME_ZONE; a server
 * on a machine kept on UTC (most hosting) still says UTC, and the shop's zone is set on Shop settings.
 */
export function machineTimeZone(): string | undefined {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? canonicalTimeZone(zone) : undefined;
}

/**
 * The writing connection's page cache, in KiB. SQLite's default is 2 MB; a payment touches a few random
 * leaves of large indexes (the idempotency key, the code, the customer, the wallet's transfers), and once a
 * shop's tables outgrow the cache every payment pays for reads of pages it wrote a moment ago. Measured with
 * `npm run bench` (55,000 customers; and 1,000,000 payments stored): 2 MB 831 payments/s, peak RSS 198 MB;
 * 32 MB 915/s, 206 MB; 64 MB 1,031/s, 250 MB, and with a million payments stored 462 → 631/s. 32 MB keeps the
 * server near its 200 MB memory budget; SQLITE_CACHE_KIB changes it. Session 49, four alternated runs each of the
 * bench's SQLite settlement (offline sync included) and growth sections: 16 MB peaked 16 MB lower under load (168
 * against 184) and 23 MB lower over the offline sync (190 against 213, the one peak over the budget), at the same
 * rate with few payments stored, and with a million 1,178 against 1,290/s on average (the runs' own 1M/1k ratios
 * averaging 0.91 against 1.00), a difference within the runs' spread: not enough to trade the growth target's margin
 * for, so the default stays and the smaller cache is the setting's.
 */
export const SQLITE_CACHE_KIB_DEFAULT = 32_768;

/** How long after its scan a queued offline payment is still accepted (DESIGN.md "Offline cashier": 24 h, as card terminals and wallets use). */
export const OFFLINE_WINDOW_MS_DEFAULT = 24 * 3_600_000;

const DATABASE_URL = /^(sqlite:.+|postgres(ql)?:\/\/.+)$/;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  // Only the two schemes the app speaks: a misspelt `postgress://` must stop the start, not open a SQLite file of
  // that name with the demo's money in it, beside the shop's real ledger.
  DATABASE_URL: z
    .string()
    .default('sqlite:data/pos.db')
    .refine((url) => DATABASE_URL.test(url), 'must be sqlite:<file> or postgres://… (postgresql:// also works)'),
  DEMO: flag,
  TOPUPS: flag,
  CURRENCY: z.string().regex(/^[A-Z]{3}$/).default('CNY'),
  PAYCODE_TTL_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  OFFLINE_WINDOW_MS: z.coerce.number().int().min(60_000).default(OFFLINE_WINDOW_MS_DEFAULT),
  SESSION_TTL_MS: z.coerce.number().int().min(60_000).default(12 * 3600_000),
  CUSTOMER_SESSION_IDLE_MS: z.coerce.number().int().min(60_000).default(30 * 86_400_000),
  CUSTOMER_SESSION_MAX_MS: z.coerce.number().int().min(60_000).default(90 * 86_400_000),
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  EVENTS_HEARTBEAT_MS: z.coerce.number().int().min(500).max(60_000).default(15_000),
  // Checked against the runtime's time zone data now: a misspelt zone would otherwise fail every report later.
  TIME_ZONE: z
    .string()
    .optional()
    .refine((zone) => zone === undefined || isTimeZone(zone), 'not an IANA time zone the runtime knows (e.g. Asia/Shanghai, UTC)'),
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  STATIC_DIR: z.string().default('build'),
  BUILD_ON_START: flag,
  // SQLite's page cache of the writing connection (SQLITE_CACHE_KIB_DEFAULT says what it buys); 256 KiB to 4 GiB.
  SQLITE_CACHE_KIB: z.coerce.number().int().min(256).max(4 * 1024 * 1024).default(SQLITE_CACHE_KIB_DEFAULT),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  demo: boolean;
  topups: boolean;
  currency: string;
  paycodeTtlMs: number;
  offlineWindowMs: number;
  /** A cashier's sign-in: a fixed life (a shift). */
  sessionTtlMs: number;
  /**
   * A customer's sign-in slides (auth/sessions.ts renewSession): it runs out after this long unused, and each use
   * moves its end again, up to customerSessionMaxMs after the sign-in, when the customer must give the PIN again.
   */
  customerSessionIdleMs: number;
  customerSessionMaxMs: number;
  /** How long a process may answer from its own copy of a session (auth/session-cache.ts); 0: never. */
  sessionCacheMs: number;
  /**
   * How often an idle event stream says `ping` (events/routes.ts): it keeps proxies from closing the stream, and tells
   * the browser the stream still carries something. A browser that hears nothing for a few of these opens another.
   */
  eventsHeartbeatMs: number;
  timeZone: string;
  /** How many proxies in front of this process append to X-Forwarded-For (api/auth/routes.ts clientAddress); 0: none. */
  trustedProxies: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  staticDir: string;
  buildOnStart: boolean;
  /** SQLite only: the writing connection's page cache in KiB (db/connect.ts). */
  sqliteCacheKib: number;
}

/**
 * `fallbackTimeZone` is the zone used when TIME_ZONE is not set: the entry points (npm start, npm run shop) pass the
 * machine's (machineTimeZone); tests and embedding keep UTC, so their days do not move with the machine they run on.
 */
export function loadConfig(env: Record<string, string | undefined>, fallbackTimeZone = 'UTC'): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${issues}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    demo: e.DEMO ?? true,
    topups: e.TOPUPS ?? true,
    currency: e.CURRENCY,
    paycodeTtlMs: e.PAYCODE_TTL_MS,
    offlineWindowMs: e.OFFLINE_WINDOW_MS,
    sessionTtlMs: e.SESSION_TTL_MS,
    customerSessionIdleMs: e.CUSTOMER_SESSION_IDLE_MS,
    customerSessionMaxMs: e.CUSTOMER_SESSION_MAX_MS,
    sessionCacheMs: e.SESSION_CACHE_MS,
    eventsHeartbeatMs: e.EVENTS_HEARTBEAT_MS,
    timeZone: e.TIME_ZONE ?? fallbackTimeZone,
    trustedProxies: e.TRUSTED_PROXIES,
    logLevel: e.LOG_LEVEL,
    staticDir: e.STATIC_DIR,
    buildOnStart: e.BUILD_ON_START ?? true,
    sqliteCacheKib: e.SQLITE_CACHE_KIB,
  };
}

/** Defaults for tests and embedding: the same values a bare `npm start` would use, without reading env. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), ...overrides };
}
