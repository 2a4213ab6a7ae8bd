import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/tx.js';
import { retirePaycodes } from '../paycodes/issue.js';
import { SessionCache } from './session-cache.js';
import { forgetSessions, type SessionEndReason } from './sessions.js';
import { clearFailures } from './throttle.js';

/**
 * A customer who forgot their PIN cannot change it in the app (that needs the current one), and a shop cannot
 * reset it: the wallet is the platform's, not the shop's, so the platform's support, having made sure who is
 * asking (outside this system), sets a new one (scripts/customer-pin.ts). Every device signed in as the customer
 * is signed out and the payment code on show, if any, stops paying (whoever has the phone may be the reason for
 * the reset); a sign-in with the old PIN under way meanwhile gets no session (auth/routes.ts checks the PIN's hash
 * again as it makes one). The handle's count of wrong PINs is cleared, so a customer locked out by guesses can
 * sign in at once with the new PIN (a client address's count stays: it guards every handle).
 *
 * `pinHash` is hashed by the caller (scrypt, before the transaction: SQLite's one writer must not wait for it).
 * Returns how many sessions were signed out, or null when no customer has that handle.
 */
export async function resetCustomerPin(db: Db, input: { handle: string; pinHash: string; now: number }): Promise<{ signedOut: number } | null> {
  const revoked = await inTransaction(db.kysely, async (trx) => {
    const customer = await trx.selectFrom('customers').select('id').where('handle', '=', input.handle).executeTakeFirst();
    if (!customer) return null;
    await trx.updateTable('customers').set({ pin_hash: input.pinHash }).where('id', '=', customer.id).execute();
    await retirePaycodes(trx, customer.id, input.now);
    const rows = await trx
      .updateTable('sessions')
      .set({ revoked_at: input.now, end_reason: 'pin_changed' satisfies SessionEndReason })
      .where('customer_id', '=', customer.id)
      .where('revoked_at', 'is', null)
      .returning('token_hash')
      .execute();
    await clearFailures(trx, `pin:c:${input.handle}`);
    return rows.map((r) => r.token_hash);
  });
  if (revoked === null) return null;
  // Running servers drop their cached copies: on PostgreSQL at once (NOTIFY); a SQLite server within its cache's
  // few seconds (SESSION_CACHE_MS), as it has no channel to hear it on.
  await forgetSessions({ db, sessions: new SessionCache(0) }, revoked);
  return { signedOut: revoked.length };
}
