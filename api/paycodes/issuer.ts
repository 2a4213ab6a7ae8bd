import type { AppDeps } from '../context.js';
import { TurnBatches } from '../db/turn-batches.js';
import { inOwnTransaction, inTransaction } from '../db/tx.js';
import { generatePaycode, paycodeHash } from './codes.js';
import { issuePaycode } from './issue.js';
import { ISSUE_GROUP_MAX, issueTogether } from './issue-group.js';

export interface IssuedCode {
  code: string;
  issuedAt: number;
  expiresAt: number;
}

type Pending = {
  customerId: string;
  couponId: string | null;
  resolve: (issued: IssuedCode) => void;
  reject: (error: unknown) => void;
};

/**
 * Group commit of code requests (the coupon-using request), as payments/batcher.ts does for payments: requests
 * that arrive during one turn of the event loop are issued together in one transaction (issue-group.ts). A
 * request the group leaves out (its coupon cannot be held, or its customer asked twice) is then issued alone by
 * issuePaycode, which answers its error; so is every request of a group that failed as a whole, and a request
 * that came alone (a quiet counter: issuePaycode's way costs it fewer statements). Each caller
 * gets exactly what issuePaycode would have answered, after the COMMIT that made its code live.
 */
export class PaycodeIssuer {
  readonly #batches = new TurnBatches<Pending>(ISSUE_GROUP_MAX, (group) => this.#issueGroup(group));

  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock' | 'config'>) {}

  issue(request: { customerId: string; couponId: string | null }): Promise<IssuedCode> {
    return new Promise((resolve, reject) => this.#batches.push({ ...request, resolve, reject }));
  }

  async #issueGroup(group: Pending[]): Promise<void> {
    const { db, clock, config } = this.deps;
    const now = clock.now();
    const expiresAt = now + config.paycodeTtlMs;
    const codes = group.map(() => generatePaycode());
    const together = await this.#issueTogether(group, codes, now, expiresAt);
    group.forEach((pending, i) => {
      if (together[i]) pending.resolve({ code: codes[i]!, issuedAt: now, expiresAt });
    });
    // In the order they came: a customer's second request must retire the code of the first.
    for (const [i, pending] of group.entries()) {
      if (together[i]) continue;
      const alone = clock.now();
      await inTransaction(db.kysely, (trx) => issuePaycode(trx, { customerId: pending.customerId, couponId: pending.couponId, now: alone, ttlMs: config.paycodeTtlMs })).then(
        (issued) => pending.resolve({ ...issued, issuedAt: alone }),
        pending.reject,
      );
    }
  }

  /** Which requests the group issued; none when it is a group of one or when it failed as a whole. */
  async #issueTogether(group: readonly Pending[], codes: readonly string[], now: number, expiresAt: number): Promise<boolean[]> {
    // Alone, issuePaycode's own statements are fewer: its first write locks the customer, its second reads the
    // live code while retiring it (side by side, a lone code cost up to a fifth more through the group's way).
    if (group.length === 1) return [false];
    const { db } = this.deps;
    try {
      return await inOwnTransaction(db.kysely, (trx) =>
        issueTogether(
          trx,
          db.dialect,
          group.map((p, i) => ({ customerId: p.customerId, couponId: p.couponId, codeHash: paycodeHash(codes[i]!) })),
          { now, expiresAt },
        ),
      );
    } catch {
      // Nothing of the group was committed: each request goes alone, and a lasting fault reaches its caller.
      return group.map(() => false);
    }
  }
}
