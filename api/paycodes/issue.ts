import { sql } from 'kysely';
import type { Tx } from '../db/tx.js';
import { releaseCouponsOfCodes, reserveCoupon } from '../coupons/store.js';
import { generatePaycode, paycodeHash } from './codes.js';

/**
 * The coupon-using request: a fresh payment code for a customer, optionally holding one of their coupons.
 * One live code per customer: the new code retires the previous one (declined as CODE_EXPIRED from then on) and
 * releases what it held; the new code holds exactly the coupon this request names, or none.
 */
export async function issuePaycode(
  trx: Tx,
  input: { customerId: string; couponId: string | null; now: number; ttlMs: number },
): Promise<{ code: string; expiresAt: number }> {
  const { customerId, couponId, now } = input;
  // Touching the customer row first serialises two code requests of the same customer (a row lock on PostgreSQL).
  await trx.updateTable('customers').set((eb) => ({ paycode_seq: eb('paycode_seq', '+', 1) })).where('id', '=', customerId).execute();
  await retirePaycodes(trx, customerId, now);
  const code = generatePaycode();
  const codeHash = paycodeHash(code);
  const expiresAt = now + input.ttlMs;
  if (couponId) await reserveCoupon(trx, { customerId, couponId, codeHash, until: expiresAt, now });
  await trx
    .insertInto('paycodes')
    .values({ code_hash: codeHash, customer_id: customerId, coupon_id: couponId, created_at: now, expires_at: expiresAt, state: 'live', ended_at: null })
    .execute();
  return { code, expiresAt };
}

/**
 * Retires the customer's live code, if any: it is declined as CODE_EXPIRED from now on and what it held is free.
 * Only a code that is still live is retired: one that a payment used meanwhile stays `used` (on PostgreSQL this
 * UPDATE may wait for that payment's lock and then re-checks the condition).
 */
export async function retirePaycodes(trx: Tx, customerId: string, now: number): Promise<void> {
  const retired = await trx
    .updateTable('paycodes')
    .set({ state: 'retired', ended_at: now })
    .where('customer_id', '=', customerId)
    // A literal, not a parameter: SQLite uses the partial index "one live code per customer" only when it can
    // see at prepare time that the query asks for state = 'live' (with a parameter it scans every code).
    .where('state', '=', sql.lit('live'))
    .returning('code_hash')
    .execute();
  await releaseCouponsOfCodes(
    trx,
    retired.map((r) => r.code_hash),
    now,
  );
}
