import type { Context, MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import type { AppDeps, AppEnv, Auth, AuthCashier, AuthCustomer } from '../context.js';
import { firstRow, prepared } from '../db/prepared.js';
import type { Executor } from '../db/tx.js';
import { ApiError, forbidden } from '../http/errors.js';
import { newToken, sha256 } from '../ids.js';
import type { SessionCache } from './session-cache.js';

/**
 * Sessions are rows keyed by the SHA-256 of a 256-bit random token: a stolen database holds no usable token, and
 * sessions survive a restart of the server. The token travels only in the Authorization header.
 */
export async function createSession(
  db: Executor,
  input: { role: 'customer' | 'cashier'; customerId?: string; cashierId?: string; merchantId?: string; canManage?: boolean },
  now: number,
  ttlMs: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const expiresAt = now + ttlMs;
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      role: input.role,
      customer_id: input.customerId ?? null,
      cashier_id: input.cashierId ?? null,
      merchant_id: input.merchantId ?? null,
      can_manage: input.canManage ? 1 : 0,
      created_at: now,
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { token, expiresAt };
}

/**
 * Why a session was ended before its time, kept with it (sessions.end_reason) and said by the 401 a request with it
 * gets (`reason`), beside `expired` for one that ran out: a tablet signed out by a manager's new PIN was told every
 * reason there could be ("a manager signed it out or changed the PIN, the cashier was removed, or it ran out"), not which.
 */
export type SessionEndReason = 'signed_out' | 'signed_out_by_manager' | 'pin_changed' | 'removed';
export type SessionRefusedReason = SessionEndReason | 'expired';
const END_REASONS: readonly string[] = ['signed_out', 'signed_out_by_manager', 'pin_changed', 'removed'] satisfies SessionEndReason[];

/** What a 401 says of a session that was ended, for people; `reason` is for programs. */
const REFUSED_MESSAGE: Record<SessionRefusedReason, string> = {
  expired: 'This session has expired; sign in again.',
  signed_out: 'This session was signed out; sign in again.',
  signed_out_by_manager: 'A manager signed this cashier out on every tablet; sign in again (the PIN is the same).',
  pin_changed: 'The PIN was changed, which ended this session; sign in with the new PIN.',
  removed: 'A manager removed this cashier from the shop; they can no longer sign in.',
};

/**
 * Why a token the server does not take was refused: ended (and why, when that was kept), or run out; undefined for a
 * token it never issued (or one whose row is gone). Read only on that path, so a request that is let in pays nothing.
 */
export async function refusedReason(db: Executor, tokenHash: string, now: number): Promise<SessionRefusedReason | undefined> {
  const row = await db.selectFrom('sessions').select(['revoked_at', 'end_reason', 'expires_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row) return undefined;
  if (row.revoked_at !== null) return row.end_reason !== null && END_REASONS.includes(row.end_reason) ? (row.end_reason as SessionEndReason) : undefined;
  return Number(row.expires_at) <= now ? 'expired' : undefined;
}

/** The 401 for a token that names no live session: with `reason` when the server knows why (refusedReason). */
export function sessionRefused(reason: SessionRefusedReason | undefined): ApiError {
  if (!reason) return new ApiError(401, 'UNAUTHENTICATED', 'This session has expired or was signed out; sign in again.');
  return new ApiError(401, 'UNAUTHENTICATED', REFUSED_MESSAGE[reason], undefined, undefined, { reason });
}

/** Every authenticated request reads its session: prepared once (db/prepared.ts). */
const sessionRow = prepared<{ tokenHash: string }>()((db, p) => db.selectFrom('sessions').selectAll().where('token_hash', '=', p('tokenHash')));

/** The session of a token hash, read from the database; a live one is remembered in `cache` when given. */
export async function sessionByHash(db: Executor, tokenHash: string, now: number, cache?: SessionCache): Promise<Auth | undefined> {
  const generation = cache?.generation ?? 0;
  const row = await firstRow(sessionRow(db, { tokenHash }));
  if (!row || row.revoked_at !== null || row.expires_at <= now) return undefined;
  let auth: Auth | undefined;
  const expiresAt = Number(row.expires_at);
  if (row.role === 'customer' && row.customer_id) auth = { role: 'customer', customerId: row.customer_id, tokenHash, expiresAt, signedInAt: Number(row.created_at) };
  if (row.role === 'cashier' && row.cashier_id && row.merchant_id) {
    auth = { role: 'cashier', cashierId: row.cashier_id, merchantId: row.merchant_id, canManage: row.can_manage === 1, tokenHash, expiresAt };
  }
  if (auth) cache?.put(tokenHash, auth, row.expires_at, now, generation);
  return auth;
}

function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  // The scheme name is case-insensitive (RFC 9110 11.1): `bearer …` is as good as `Bearer …`.
  const match = header ? /^Bearer +([A-Za-z0-9_-]{10,100})$/i.exec(header.trim()) : null;
  return match?.[1];
}

export async function authenticate(c: Context<AppEnv>): Promise<Auth> {
  // The route's guard (below) authenticated this request already; the handler asking again costs nothing.
  const known = c.get('auth');
  if (known) return known;
  const token = bearerToken(c);
  if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first (Authorization: Bearer <token>).');
  const deps = c.get('deps');
  const tokenHash = sha256(token);
  const now = deps.clock.now();
  const found = deps.sessions.get(tokenHash, now) ?? (await sessionByHash(deps.db.kysely, tokenHash, now, deps.sessions));
  if (!found) throw sessionRefused(await refusedReason(deps.db.kysely, tokenHash, now));
  const auth = found.role === 'customer' ? await renewSession(deps, found, now) : found;
  c.set('auth', auth);
  return auth;
}

/** How long a customer's sign-in lasts from its start, unused: the idle life, unless the absolute one is shorter. */
export const customerSessionLife = (config: Pick<AppDeps['config'], 'customerSessionIdleMs' | 'customerSessionMaxMs'>) =>
  Math.min(config.customerSessionIdleMs, config.customerSessionMaxMs);

/**
 * A customer's session slides: each use moves its end to CUSTOMER_SESSION_IDLE_MS from now, never past
 * CUSTOMER_SESSION_MAX_MS from the sign-in. A phone is not signed out in the middle of a payment or each morning, as
 * it was with a cashier's fixed 12-hour shift; an unused one still runs out, and every one asks for the PIN again in
 * the end. The row is written only once the end would move by RENEW_STEP or more (an hour, at most a tenth of the
 * idle life): a customer's every request is not a write. A revoked or expired row is not touched (the WHERE), so a
 * renewal racing a sign-out cannot bring it back; the copy cached here is replaced only while no sign-out was heard
 * meanwhile (session-cache.ts `generation`). Another process's cached copy keeps the old end until it ages out or
 * reaches that end, when the row is read again.
 */
async function renewSession(deps: Pick<AppDeps, 'db' | 'sessions' | 'config'>, auth: AuthCustomer, now: number): Promise<AuthCustomer> {
  const { customerSessionIdleMs: idle, customerSessionMaxMs: max } = deps.config;
  const end = Math.min(now + idle, auth.signedInAt + max);
  if (end - auth.expiresAt < Math.min(3_600_000, Math.floor(idle / 10))) return auth;
  const generation = deps.sessions.generation;
  const result = await deps.db.kysely
    .updateTable('sessions')
    .set({ expires_at: end })
    .where('token_hash', '=', auth.tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('expires_at', '<', end)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return auth;
  const renewed = { ...auth, expiresAt: end };
  deps.sessions.put(auth.tokenHash, renewed, end, now, generation);
  return renewed;
}

export async function requireCustomer(c: Context<AppEnv>): Promise<AuthCustomer> {
  const auth = await authenticate(c);
  if (auth.role !== 'customer') throw forbidden('Only a customer can do this.');
  return auth;
}

export async function requireCashier(c: Context<AppEnv>): Promise<AuthCashier> {
  const auth = await authenticate(c);
  if (auth.role !== 'cashier') throw forbidden('Only a cashier can do this.');
  return auth;
}

export async function requireManager(c: Context<AppEnv>): Promise<AuthCashier> {
  const auth = await requireCashier(c);
  if (!auth.canManage) throw forbidden('Only a manager of this shop can do this.');
  return auth;
}

/**
 * Route guards, for createRoute({ middleware: [...] }): who may call a route is settled before its input is
 * validated, so a caller without the right session hears 401 or 403, never what is wrong with a body it may not
 * send (nor, from that, what the route expects). The handler still asks (requireCustomer(c) …) for the session
 * with its type; that answer comes from the request's memo.
 */
function guard(check: (c: Context<AppEnv>) => Promise<unknown>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await check(c);
    await next();
  };
}
export const signedInOnly = guard(authenticate);
export const customersOnly = guard(requireCustomer);
export const cashiersOnly = guard(requireCashier);
export const managersOnly = guard(requireManager);

/** Where a process tells the others that a session was signed out (PostgreSQL; SQLite has one process). */
export const SESSIONS_CHANNEL = 'pos_sessions';

/**
 * Sign-out: the row is marked, this process forgets its copy at once, and the other processes are told to
 * forget theirs (auth/session-cache.ts).
 */
export async function revokeSession(deps: Pick<AppDeps, 'db' | 'sessions'>, tokenHash: string, now: number): Promise<void> {
  await deps.db.kysely.updateTable('sessions').set({ revoked_at: now, end_reason: 'signed_out' satisfies SessionEndReason }).where('token_hash', '=', tokenHash).execute();
  await forgetSessions(deps, [tokenHash]);
}

/**
 * Every open session of a cashier ends, in `trx` (a new PIN, a removal, a manager's sign-out: `reason`), but `keep`
 * (the manager setting their own PIN stays signed in): their tablets are signed out at their next request, told why.
 * The caller tells the session caches with forgetSessions once `trx` has committed.
 */
export async function revokeCashierSessions(trx: Executor, cashierId: string, now: number, reason: SessionEndReason, keep?: string): Promise<string[]> {
  let q = trx.updateTable('sessions').set({ revoked_at: now, end_reason: reason }).where('cashier_id', '=', cashierId).where('revoked_at', 'is', null).where('expires_at', '>', now);
  if (keep) q = q.where('token_hash', '!=', keep);
  const rows = await q.returning('token_hash').execute();
  return rows.map((r) => r.token_hash);
}

/**
 * A cashier's open sessions take their new right to manage, in `trx` (a manager gave it or took it back): they
 * stay signed in, and have it, or lose it, at their next request. The caller tells the session caches with
 * forgetSessions once `trx` has committed.
 */
export async function setCashierSessionsManage(trx: Executor, cashierId: string, canManage: boolean, now: number): Promise<string[]> {
  const rows = await trx
    .updateTable('sessions')
    .set({ can_manage: canManage ? 1 : 0 })
    .where('cashier_id', '=', cashierId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('token_hash')
    .execute();
  return rows.map((r) => r.token_hash);
}

/** This process forgets its copies of these sessions at once; the other processes are told through NOTIFY. */
export async function forgetSessions(deps: Pick<AppDeps, 'db' | 'sessions'>, tokenHashes: readonly string[]): Promise<void> {
  for (const tokenHash of tokenHashes) {
    deps.sessions.forget(tokenHash);
    if (deps.db.dialect === 'postgres') await sql`select pg_notify(${SESSIONS_CHANNEL}, ${tokenHash})`.execute(deps.db.kysely);
  }
}
