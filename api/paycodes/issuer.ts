import type { AppDeps } from '../context.js';
import { TurnBatches } from '../db/turn-batches.js';
import { inOwnTransaction, inTransaction } from '../db/tx.js';
import { generatePaycode, paycodeHash } from './codes.js';
import { issuePaycode } from './issue.js';
import { ISSUE_GROUP_MAX, issueTogether } from './issue-group.js';

export interface IssuedCode {
  code: string;
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
 * that came alone (a quiet counter: issuePaycode's way costs it fewer statements). Each caller gets exactly what
 * issuePaycode would have answered, after the COMMIT that made its code live.
 *
 * Requests issued alone do not hold up the next group: they run beside it. A customer's requests are issued in
 * the order they came (the later one retires the earlier one's code): one whose earlier request is still being
 * issued, in a group or alone, waits for it and then goes alone.
 */
export class PaycodeIssuer {
  readonly #batches: TurnBatches<Pending>;
  /** Per customer, what is issuing their latest request (a group or a request alone), while it runs. */
  readonly #busy = new Map<string, Promise<void>>();

  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'log'>) {
    // PostgreSQL: a few groups at once, so that one waiting for a row lock (a customer's code being paid at this
    // moment) holds up only its own requests; the customers' rows are locked in one order, so groups cannot
    // deadlock on them. SQLite has one writer, and groups would only queue for it.
    this.#batches = new TurnBatches<Pending>(ISSUE_GROUP_MAX, (group) => this.#issueGroup(group), deps.db.dialect === 'postgres' ? GROUPS_AT_ONCE_POSTGRES : 1);
  }

  issue(request: { customerId: string; couponId: string | null }): Promise<IssuedCode> {
    // Written out, not `{ ...request, resolve, reject }`: V8 adds properties to a spread copy on a slow path (~3 µs).
    return new Promise((resolve, reject) => this.#batches.push({ customerId: request.customerId, couponId: request.couponId, resolve, reject }));
  }

  async #issueGroup(group: Pending[]): Promise<void> {
    // A customer whose earlier request is still being issued waits for it: the later request retires its code.
    const members = group.filter((pending) => !this.#busy.has(pending.customerId));
    const issuing = this.#issueTogether(members);
    const settled = issuing.then(
      () => {},
      () => {},
    );
    for (const pending of members) this.#track(pending.customerId, settled);
    const issued = await issuing;
    const byMember = new Map(members.map((pending, i) => [pending, issued[i]]));
    // In the order they came: a customer's second request must retire the code of the first.
    for (const pending of group) {
      const code = byMember.get(pending);
      if (code) pending.resolve(code);
      else this.#issueAlone(pending);
    }
  }

  /** The codes the group issued, per member (null: left out); none for a group of one or a group that failed. */
  async #issueTogether(members: readonly Pending[]): Promise<(IssuedCode | null)[]> {
    const { db, clock, config, log } = this.deps;
    if (members.length <= 1) return members.map(() => null);
    const now = clock.now();
    const expiresAt = now + config.paycodeTtlMs;
    const codes = members.map(() => generatePaycode());
    try {
      const together = await inOwnTransaction(db.kysely, (trx) =>
        issueTogether(
          trx,
          db.dialect,
          members.map((p, i) => ({ customerId: p.customerId, couponId: p.couponId, codeHash: paycodeHash(codes[i]!) })),
          { now, expiresAt },
        ),
      );
      return together.map((issued, i) => (issued ? { code: codes[i]!, expiresAt } : null));
    } catch (err) {
      // Nothing of the group was committed: each request goes alone, and a lasting fault reaches its caller.
      log.warn({ err, size: members.length }, 'a group of code requests failed; issuing them one by one');
      return members.map(() => null);
    }
  }

  /** issuePaycode in a transaction of its own, after whatever is issuing this customer's earlier request. */
  #issueAlone(pending: Pending): void {
    const { db, clock, config } = this.deps;
    const { customerId, couponId } = pending;
    const after = this.#busy.get(customerId) ?? Promise.resolve();
    const done = after
      .then(() => inTransaction(db.kysely, (trx) => issuePaycode(trx, { customerId, couponId, now: clock.now(), ttlMs: config.paycodeTtlMs })))
      .then(pending.resolve, pending.reject);
    this.#track(customerId, done);
  }

  #track(customerId: string, work: Promise<void>): void {
    this.#busy.set(customerId, work);
    void work.then(() => {
      if (this.#busy.get(customerId) === work) this.#busy.delete(customerId);
    });
  }
}

/** Groups of code requests in flight at once on PostgreSQL (a pool holds ten connections). */
const GROUPS_AT_ONCE_POSTGRES = 4;
