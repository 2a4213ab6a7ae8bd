import { sql } from 'kysely';
import type { Executor } from '../db/tx.js';

/**
 * The ledger's invariants (DESIGN.md), checked by the tests after every scenario and by the benchmarks after their
 * runs. Nothing in the running server calls it (no route, no npm script): on a live database it is a function to
 * call from a script of one's own, with that database's Executor.
 * 1. the sum of all balances is zero, per currency (the external source mirrors all money let in);
 * 2. every balance equals its credits minus its debits;
 * 3. no balance is under its floor.
 */
export interface InvariantReport {
  ok: boolean;
  violations: string[];
  accounts: number;
  transfers: number;
}

export async function checkInvariants(db: Executor): Promise<InvariantReport> {
  const violations: string[] = [];
  const sums = await db
    .selectFrom('accounts')
    .select(['currency', sql<number>`sum(balance)`.as('total'), sql<number>`count(*)`.as('n')])
    .groupBy('currency')
    .execute();
  let accounts = 0;
  for (const row of sums) {
    accounts += Number(row.n);
    if (Number(row.total) !== 0) violations.push(`sum of ${row.currency} balances is ${row.total}, not 0`);
  }
  const mismatched = await sql<{ id: string; balance: number; computed: number }>`
    select a.id, a.balance,
      coalesce((select sum(t.amount) from transfers t where t.credit_account_id = a.id), 0)
      - coalesce((select sum(t.amount) from transfers t where t.debit_account_id = a.id), 0) as computed
    from accounts a`.execute(db);
  for (const row of mismatched.rows) {
    if (Number(row.balance) !== Number(row.computed)) {
      violations.push(`account ${row.id} balance ${row.balance} but its transfers sum to ${row.computed}`);
    }
  }
  const under = await db
    .selectFrom('accounts')
    .select(['id', 'balance', 'min_balance'])
    .where('min_balance', 'is not', null)
    .whereRef('balance', '<', 'min_balance')
    .execute();
  for (const row of under) violations.push(`account ${row.id} balance ${row.balance} is under its floor ${row.min_balance}`);
  const count = await db.selectFrom('transfers').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { ok: violations.length === 0, violations, accounts, transfers: Number(count.n) };
}
