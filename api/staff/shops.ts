import type { Tx } from '../db/tx.js';
import { newId } from '../ids.js';
import { openAccount } from '../ledger/accounts.js';

/** Offline limits a new merchant starts with (DESIGN.md): 500.00 a payment, 2,000.00 in all, 50 payments. */
export const OFFLINE_LIMITS_DEFAULT = { paymentMax: 50_000, totalMax: 200_000, countMax: 50 };

/**
 * A new shop: its row and its ledger account (the account every sale credits). The demo seed and
 * `npm run shop` both open shops here, so a real shop is made exactly as the demo ones are.
 */
export async function openShop(trx: Tx, input: { handle: string; name: string; currency: string; timeZone?: string; now: number }): Promise<string> {
  const id = newId('mer', input.now);
  const accountId = await openAccount(trx, { kind: 'merchant', ownerId: id, currency: input.currency, now: input.now });
  await trx
    .insertInto('merchants')
    .values({
      id,
      handle: input.handle,
      name: input.name,
      currency: input.currency,
      account_id: accountId,
      offline_payment_max: OFFLINE_LIMITS_DEFAULT.paymentMax,
      offline_total_max: OFFLINE_LIMITS_DEFAULT.totalMax,
      offline_count_max: OFFLINE_LIMITS_DEFAULT.countMax,
      // Left out: the server's TIME_ZONE decides the shop's day (shop/facts.ts shopTimeZone).
      time_zone: input.timeZone ?? null,
      created_at: input.now,
    })
    .execute();
  return id;
}

/** A cashier of a shop; `canManage` lets them run campaigns, close the day and manage the staff. */
export async function addCashier(
  trx: Tx,
  input: { merchantId: string; handle: string; pinHash: string; canManage: boolean; now: number },
): Promise<string> {
  const id = newId('csh', input.now);
  await trx
    .insertInto('cashiers')
    .values({ id, merchant_id: input.merchantId, handle: input.handle, pin_hash: input.pinHash, can_manage: input.canManage ? 1 : 0, created_at: input.now })
    .execute();
  return id;
}
