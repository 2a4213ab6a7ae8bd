import type { Context } from 'hono';
import type { AppEnv, Auth, AuthCashier, AuthCustomer } from '../context.js';
import { firstRow, prepared } from '../db/prepared.js';
import type { Executor } from '../db/tx.js';
import { ApiError, forbidden } from '../http/errors.js';
import { newToken, sha256 } from '../ids.js';

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

/** Every authenticated request reads its session: prepared once (db/prepared.ts). */
const sessionRow = prepared<{ tokenHash: string }>()((db, p) => db.selectFrom('sessions').selectAll().where('token_hash', '=', p('tokenHash')));

export async function sessionByHash(db: Executor, tokenHash: string, now: number): Promise<Auth | undefined> {
  const row = await firstRow(sessionRow(db, { tokenHash }));
  if (!row || row.revoked_at !== null || row.expires_at <= now) return undefined;
  if (row.role === 'customer' && row.customer_id) return { role: 'customer', customerId: row.customer_id, tokenHash };
  if (row.role === 'cashier' && row.cashier_id && row.merchant_id) {
    return { role: 'cashier', cashierId: row.cashier_id, merchantId: row.merchant_id, canManage: row.can_manage === 1, tokenHash };
  }
  return undefined;
}

function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer ([A-Za-z0-9_-]{10,100})$/.exec(header.trim()) : null;
  return match?.[1];
}

export async function authenticate(c: Context<AppEnv>): Promise<Auth> {
  const token = bearerToken(c);
  if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first (Authorization: Bearer <token>).');
  const { db, clock } = c.get('deps');
  const auth = await sessionByHash(db.kysely, sha256(token), clock.now());
  if (!auth) throw new ApiError(401, 'UNAUTHENTICATED', 'This session has expired or was signed out; sign in again.');
  return auth;
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

export async function revokeSession(db: Executor, tokenHash: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', tokenHash).execute();
}
