import { sql } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Tx } from '../db/tx.js';
import { releaseCouponsOfCodes, reserveCoupon } from '../coupons/store.js';
import { generatePaycode, paycodeHash } from './codes.js';
import { NEW_CODE_STATE, nextCodeState } from './states.js';

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
  await touchCustomer(trx, { customerId });
  await retirePaycodes(trx, customerId, now);
  const code = generatePaycode();
  const codeHash = paycodeHash(code);
  const expiresAt = now + input.ttlMs;
  if (couponId) await reserveCoupon(trx, { customerId, couponId, codeHash, until: expiresAt, now });
  await insertLiveCode(trx, { codeHash, customerId, couponId, now, expiresAt });
  return { code, expiresAt };
}

/**
 * Retires the customer's live code, if any (with `onlyCodeHash`, only if it is that code): it is declined as
 * CODE_EXPIRED from now on and what it held is free.
 * Only a code that is still live is retired: one that a payment used meanwhile stays `used` (on PostgreSQL this
 * UPDATE may wait for that payment's lock and then re-checks the condition).
 */
export async function retirePaycodes(trx: Tx, customerId: string, now: number, onlyCodeHash?: string): Promise<void> {
  const retired = (onlyCodeHash === undefined ? await retireLiveCode(trx, { customerId, now }) : await retireThisLiveCode(trx, { customerId, now, codeHash: onlyCodeHash })).rows;
  await releaseCouponsOfCodes(
    trx,
    retired.map((r) => r.code_hash),
    now,
  );
}

// Prepared once (db/prepared.ts): every code issue runs these.
const touchCustomer = prepared<{ customerId: string }>()((db, p) =>
  db
    .updateTable('customers')
    .set((eb) => ({ paycode_seq: eb('paycode_seq', '+', 1) }))
    .where('id', '=', p('customerId')),
);
const retireLiveCode = prepared<{ customerId: string; now: number }>()((db, p) =>
  db
    .updateTable('paycodes')
    .set({ state: nextCodeState('live', 'retire'), ended_at: p('now') })
    .where('customer_id', '=', p('customerId'))
    // A literal, not a parameter: SQLite uses the partial index "one live code per customer" only when it can
    // see at prepare time that the query asks for state = 'live' (with a parameter it scans every code).
    .where('state', '=', sql.lit('live'))
    .returning('code_hash'),
);
/** The same, for one named code: a late "put away" from a phone must not retire a newer code (routes.ts). */
const retireThisLiveCode = prepared<{ customerId: string; now: number; codeHash: string }>()((db, p) =>
  db
    .updateTable('paycodes')
    .set({ state: nextCodeState('live', 'retire'), ended_at: p('now') })
    .where('customer_id', '=', p('customerId'))
    .where('state', '=', sql.lit('live'))
    .where('code_hash', '=', p('codeHash'))
    .returning('code_hash'),
);
const insertLiveCode = prepared<{ codeHash: string; customerId: string; couponId: string | null; now: number; expiresAt: number }>()((db, p) =>
  db.insertInto('paycodes').values({
    code_hash: p('codeHash'),
    customer_id: p('customerId'),
    coupon_id: p('couponId'),
    created_at: p('now'),
    expires_at: p('expiresAt'),
    state: NEW_CODE_STATE,
    ended_at: null,
  }),
);
