import type { Executor } from '../db/tx.js';
import { verifyPin } from '../auth/pins.js';
import { DEMO } from './seed.js';

/** The verdict for the PIN hashes it was reached on: while they are unchanged, no PIN is hashed again. */
let lastVerdict: { hashes: string; work: boolean } | undefined;

/**
 * Whether the sign-in screens may print the demo's logins ("alice / 1111 … demo-cafe, cashier-1 / 1234"): only
 * while every one of them still signs in. A shop that kept the demo data but changed its PINs, as the README
 * advises before a tablet leaves the office, or removed a demo cashier, must not show logins that no longer work
 * (nor announce that the PINs were once public). Each PIN is checked against its stored hash (scrypt, off the
 * event loop) once per set of hashes: a PIN change anywhere, by any process, changes a hash and is seen on the
 * next request.
 */
export async function demoLoginsWork(db: Executor): Promise<boolean> {
  const shops = DEMO.merchants.map((m) => m.handle);
  const cashiers = await db
    .selectFrom('cashiers')
    .innerJoin('merchants', 'merchants.id', 'cashiers.merchant_id')
    .select(['merchants.handle as shop', 'cashiers.handle', 'cashiers.pin_hash'])
    .where('merchants.handle', 'in', shops)
    .where('cashiers.removed_at', 'is', null)
    .execute();
  const customers = await db
    .selectFrom('customers')
    .select(['handle', 'pin_hash'])
    .where('handle', 'in', DEMO.customers.map((c) => c.handle))
    .execute();
  const stored = new Map<string, string>([...cashiers.map((r) => [`${r.shop}/${r.handle}`, r.pin_hash] as const), ...customers.map((r) => [r.handle, r.pin_hash] as const)]);
  const logins = [...DEMO.merchants.flatMap((m) => m.cashiers.map((c) => ({ who: `${m.handle}/${c.handle}`, pin: c.pin }))), ...DEMO.customers.map((c) => ({ who: c.handle, pin: c.pin }))];
  if (logins.some((l) => !stored.has(l.who))) return false;
  const hashes = logins.map((l) => stored.get(l.who)).join('\n');
  if (lastVerdict?.hashes === hashes) return lastVerdict.work;
  const work = (await Promise.all(logins.map((l) => verifyPin(l.pin, stored.get(l.who)!)))).every(Boolean);
  lastVerdict = { hashes, work };
  return work;
}
