import type { Executor } from '../db/tx.js';
import { FLOOR_BY_KIND } from './accounts.js';

/**
 * The two accounts every ledger has, one per currency, with ids fixed by the currency so that every process
 * finds them without a lookup: the platform's marketing budget (funds platform coupons) and the external
 * funding source (top-ups; its negative balance mirrors all money let into the system).
 */
export const platformAccountId = (currency: string) => `acc_platform_${currency}`;
export const externalAccountId = (currency: string) => `acc_external_${currency}`;

export async function ensureSystemAccounts(db: Executor, currency: string, now: number): Promise<void> {
  for (const [id, kind] of [
    [platformAccountId(currency), 'platform'],
    [externalAccountId(currency), 'external'],
  ] as const) {
    await db
      .insertInto('accounts')
      .values({ id, kind, owner_id: null, currency, min_balance: FLOOR_BY_KIND[kind], balance: 0, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}
