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

/**
 * The ledger keeps one currency, fixed by its first start: accounts already opened in another are not converted
 * by a changed CURRENCY. Started anyway, wallets would be labelled in the new currency and every payment would
 * fail, so the server refuses to start instead, saying what the database holds.
 */
export async function assertLedgerCurrency(db: Executor, currency: string): Promise<void> {
  const other = await db.selectFrom('accounts').select('currency').where('currency', '!=', currency).limit(1).executeTakeFirst();
  if (other) {
    throw new Error(`This database keeps its money in ${other.currency}, but CURRENCY is ${currency}. Start with CURRENCY=${other.currency}, or use another DATABASE_URL for a ledger in ${currency}.`);
  }
}
