import { sql } from 'kysely';
import type { AppDeps } from '../context.js';
import { prepared } from '../db/prepared.js';
import type { Tx } from '../db/tx.js';
import { platformAccountId } from '../ledger/system-accounts.js';
import { paycodeHash } from '../paycodes/codes.js';
import { lockedCodesCouponsBudgets } from './group-statements.js';
import type { PaymentRequest } from './settle.js';

/**
 * Sales settled one after another in one transaction (a group that could not settle together, an offline batch
 * item by item: batcher.ts) would take their rows sale by sale: the first sale's wallet and the platform's
 * account, then the second sale's coupon, campaign and wallet. Each sale keeps the order every writer keeps
 * (code, coupon, budgeted campaign, accounts by id, the shop's balance last), but the transaction as a whole did
 * not: it held the platform's account while it came to the second customer's wallet, which a refund to that
 * customer of a platform-subsidised sale takes before the platform's account. Each waited for the other until
 * PostgreSQL's deadlock timeout (a second) aborted one, which was then retried.
 *
 * So on PostgreSQL such a transaction first locks every row its sales will write, in that order: the codes by
 * hash, the coupons they hold by id, the budgeted campaigns by id, then the payers' wallets and, when a coupon is
 * the platform's, its account, by id (as ledger/transfers.ts sorts them). The shops' balances are not among them:
 * their credits wait for the end of the transaction (ledger/deferred.ts). The sales then find their rows already
 * theirs. Each locking part is a CTE that reads the one before it, which fixes the order in which they run; the
 * first three are groupFactsPostgres's own (group-statements.ts lockedCodesCouponsBudgets). SQLite writes one
 * transaction at a time and has no row locks.
 */
const lockRowsOfSales = prepared<{ hashes: string[]; platformAccountIds: string[] }>()((db, p) => {
  const statement = sql<{ codes: string; coupons: string; budgets: string; accounts: string }>`
    with ${lockedCodesCouponsBudgets(db, p('hashes'))}, accounts_locked as (
      select id from accounts
      where id = any(array(select account_id from codes) || case
          when exists (select 1 from coupons_read where funding = 'platform') then ${p('platformAccountIds')}::text[]
          else '{}'::text[] end)
        and (select count(*) from budgets) >= 0
      order by id collate "C"
      for no key update
    )
    select (select count(*) from codes) as codes, (select count(*) from coupons_read) as coupons,
      (select count(*) from budgets) as budgets, (select count(*) from accounts_locked) as accounts`;
  return { compile: () => statement.compile(db) };
});

/** Before several sales settle one after another in `trx` (PostgreSQL): their rows, locked in the order above. */
export async function lockRowsForSteps(trx: Tx, deps: AppDeps, requests: readonly PaymentRequest[]): Promise<void> {
  if (deps.db.dialect !== 'postgres' || requests.length < 2) return;
  await lockRowsOfSales(trx, {
    hashes: [...new Set(requests.map((r) => paycodeHash(r.code)))],
    platformAccountIds: [...new Set(requests.map((r) => platformAccountId(r.currency)))],
  });
}
