import { affectedRows } from '../db/prepared.js';
import type { Executor } from '../db/tx.js';
import { changeBalance } from './accounts.js';

/**
 * Credits to hot accounts, gathered over a group of settlements and written once, just before the group
 * commits. Every sale credits its merchant's one balance row; updating it per sale would hold that row's lock
 * (PostgreSQL) from the first sale of a group to the commit, so groups for one shop could never overlap. Written
 * once at the end, the lock is held for an instant, and one UPDATE replaces a hundred.
 *
 * Only credits are deferred: a credit cannot take a balance under its floor, so nothing needs checking before
 * it lands. The transfers themselves are written at once; balances equal their transfers again at commit,
 * which is when anyone else can see either.
 */
export class DeferredCredits {
  #credits = new Map<string, number>();

  constructor(private readonly accounts: ReadonlySet<string>) {}

  /** Whether credits to this account wait for the end of the group. */
  defers(accountId: string): boolean {
    return this.accounts.has(accountId);
  }

  add(accountId: string, amount: number): void {
    const next = (this.#credits.get(accountId) ?? 0) + amount;
    if (!Number.isSafeInteger(next)) throw new Error('deferred credit left the safe integer range');
    this.#credits.set(accountId, next);
  }

  /** For savepoints: a settlement rolled back alone takes its credits back with it. */
  snapshot(): Map<string, number> {
    return new Map(this.#credits);
  }

  restore(snapshot: Map<string, number>): void {
    this.#credits = new Map(snapshot);
  }

  /** Writes the gathered credits, in account-id order, after all else the group wrote: a refund writes a shop's balance last too (transfers.ts). */
  async apply(db: Executor): Promise<void> {
    for (const accountId of [...this.#credits.keys()].sort()) {
      const amount = this.#credits.get(accountId)!;
      if (amount === 0) continue;
      const updated = await affectedRows(changeBalance(db, { id: accountId, change: amount }));
      if (updated !== 1) throw new Error(`deferred credit to a missing account ${accountId}`);
    }
    this.#credits.clear();
  }
}
