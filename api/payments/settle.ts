import type { AppDeps } from '../context.js';
import type { PaymentRow } from '../db/schema.js';
import { firstRow, prepared, rowPlaceholders } from '../db/prepared.js';
import type { Executor, Tx } from '../db/tx.js';
import { CODE_PER_CASHIER, CODE_PER_MERCHANT, retryAfter, takeAttempt } from '../auth/throttle.js';
import type { CouponRule } from '../coupons/rules.js';
import { couponFacts, redeemCoupon, releaseCouponsOfCodes } from '../coupons/store.js';
import { ApiError } from '../http/errors.js';
import { merchantKeyScope } from '../http/idempotency.js';
import { newId } from '../ids.js';
import { DeferredCredits } from '../ledger/deferred.js';
import { postTransfers } from '../ledger/transfers.js';
import { paycodeHash } from '../paycodes/codes.js';
import { merchantFacts } from '../shop/facts.js';
import { sameRequest } from './request-hash.js';
import { declined, floorRefusal, judgeOrder, judgeTiming, pastOfflineWindow, type Decline, type OrderApproval } from './decide.js';
import type { Funding } from './split.js';
import { assertScanNotInFuture, NOT_A_USE_HERE_REASONS } from './scan-time.js';
import type { CodeFacts } from './group-plan.js';
import { nextCodeState } from '../paycodes/states.js';

/**
 * The payment service: one payment request settled inside the caller's transaction, so the code's use, the
 * coupon's redemption, the ledger transfers, the payment record and its idempotency key commit together or not
 * at all. Declines are recorded too (status `declined`, nothing moves) and use the code up. "Settle" here is this
 * act of deciding and writing a payment (settled_at is when); not the amount the shop receives (the payment's
 * `settlement`, split.ts), nor a declined payment paid in cash (a cash settlement, cash.ts). DESIGN.md "Payments".
 */
export interface PaymentRequest {
  merchantId: string;
  /** The signed-in cashier who sent the request: unknown codes are counted against them. */
  cashierId: string;
  /**
   * The cashier the payment is recorded under: who took the sale. Usually the sender; a sale taken offline and
   * sent later while a colleague is signed in on that tablet keeps its own cashier (route-helpers.ts mayTake
   * checks the id).
   */
  takenBy: string;
  idempotencyKey: string;
  requestHash: string;
  code: string;
  amount: number;
  currency: string;
  /** When the cashier took the code; defaults to now. Offline payments carry the time of the scan. */
  scannedAt: number | null;
  terminalId: string | null;
  terminalSeq: number | null;
}

export type SettleResult = { payment: PaymentRow; replayed: boolean; customerHandle: string | null; couponTitle: string | null; couponRule: CouponRule | null };

const paymentByKey = prepared<{ merchantId: string; key: string }>()((db, p) =>
  db.selectFrom('payments').selectAll().where('merchant_id', '=', p('merchantId')).where('idempotency_key', '=', p('key')),
);

export async function findByKey(trx: Executor, merchantId: string, key: string): Promise<PaymentRow | undefined> {
  return firstRow(paymentByKey(trx, { merchantId, key }));
}

const otherKeyedRequest = prepared<{ scope: string; key: string }>()((db, p) =>
  db.selectFrom('idempotency_keys').select('key').where('scope', '=', p('scope')).where('key', '=', p('key')),
);

/** 409 when the shop already used this key for a request that was not a payment (a refund, say). */
async function assertKeyNotTakenElsewhere(trx: Executor, merchantId: string, key: string): Promise<void> {
  if (await firstRow(otherKeyedRequest(trx, { scope: merchantKeyScope(merchantId), key }))) {
    throw new ApiError(409, 'IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used for a different request (not a payment).');
  }
}

/** What settlement reads of a code: the code, and whose account it draws on (here and in group-statements.ts). */
export const codeWithPayer = (db: Executor) =>
  db
    .selectFrom('paycodes')
    .innerJoin('customers', 'customers.id', 'paycodes.customer_id')
    .select([
      'paycodes.code_hash',
      'paycodes.customer_id',
      'paycodes.coupon_id',
      'paycodes.created_at',
      'paycodes.expires_at',
      'paycodes.state',
      'paycodes.ended_at',
      'customers.account_id',
      'customers.handle',
    ]);

/** The code being paid with. PostgreSQL locks the code's row until commit. */
const codeToPay = prepared<{ codeHash: string }>()((db, p, dialect) => {
  const query = codeWithPayer(db).where('paycodes.code_hash', '=', p('codeHash'));
  return dialect === 'postgres' ? query.forUpdate('paycodes') : query;
});

/** Any attempt uses the code up: useLiveCode for a decline, which must not touch a code already used or retired; useCode for a success. */
const useLiveCode = prepared<{ codeHash: string; now: number }>()((db, p) =>
  db.updateTable('paycodes').set({ state: nextCodeState('live', 'use'), ended_at: p('now') }).where('code_hash', '=', p('codeHash')).where('state', '=', 'live'),
);
/** From live, or from retired for a queued offline scan made before the code was retired (decided before this). */
const useCode = prepared<{ codeHash: string; now: number }>()((db, p) =>
  db.updateTable('paycodes').set({ state: nextCodeState('retired', 'use'), ended_at: p('now') }).where('code_hash', '=', p('codeHash')),
);

/**
 * The payment that used a code up at this shop, if it named its customer to the shop (scan-time.ts USED_HERE). It
 * was settled at the instant the code was marked used: ended_at is that settlement's `now`, as is its settled_at
 * (useLiveCode and useCode here, useCodes and writeGroup in group-statements.ts), so this is one lookup on the index
 * (merchant_id, settled_at). Other payments of the code sharing that instant are declines NOT_A_USE_HERE_REASONS
 * leaves out (scan-time.ts). Missing it only leaves the decline naming no one, as a photo's does.
 */
const paymentThatUsedCodeHere = prepared<{ merchantId: string; codeHash: string; endedAt: number }>()((db, p) =>
  db
    .selectFrom('payments')
    .select('id')
    .where('merchant_id', '=', p('merchantId'))
    .where('settled_at', '=', p('endedAt'))
    .where('code_hash', '=', p('codeHash'))
    .where((eb) => eb.or([eb('status', '<>', 'declined'), eb('reason', 'not in', NOT_A_USE_HERE_REASONS)])),
);

/** Whether a used code was used up at this shop by a payment that named its customer there; false for any other code. */
export async function codeUsedUpHere(trx: Executor, code: Pick<CodeFacts, 'code_hash' | 'state' | 'ended_at'>, merchantId: string): Promise<boolean> {
  if (code.state !== 'used' || code.ended_at === null) return false;
  return (await firstRow(paymentThatUsedCodeHere(trx, { merchantId, codeHash: code.code_hash, endedAt: code.ended_at }))) !== undefined;
}

export const PAYMENT_COLUMNS: Record<keyof PaymentRow, true> = {
  id: true, merchant_id: true, cashier_id: true, terminal_id: true, terminal_seq: true, customer_id: true, code_hash: true,
  idempotency_key: true, request_hash: true, status: true, reason: true, reason_detail: true, amount: true, deduction: true,
  charged: true, settlement: true, refunded: true, refunded_cash: true, refunded_subsidy: true, coupon_id: true,
  campaign_id: true, funding: true, currency: true, scanned_at: true, settled_at: true, z_number: true, short_by: true,
};
const insertPayment = prepared<PaymentRow>()((db, p) => db.insertInto('payments').values(rowPlaceholders<PaymentRow>(p, PAYMENT_COLUMNS)));

/**
 * The answer to a request whose key this shop already used for a payment: that payment as first answered, or 409
 * when the key came with another request. The names are not read here: the route reads them with the payment
 * (route-helpers.ts namedView), as they stand now.
 */
export function replayOf(existing: PaymentRow, request: PaymentRequest): SettleResult {
  if (!sameRequest(existing, request)) {
    throw new ApiError(409, 'IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used for a different payment request.');
  }
  return { payment: asFirstAnswer(existing), replayed: true, customerHandle: null, couponTitle: null, couponRule: null };
}

/**
 * keyLookupFirst: false leaves the idempotency check to the unique key (merchant, Idempotency-Key) on the
 * payment row. A repeated key then fails at the final insert with a unique violation, the caller rolls the
 * attempt back and settles again with the lookup, which replays the first answer. That saves a statement
 * (a round trip on PostgreSQL) on every new payment, and costs one attempt on a repeat, which is rare on the
 * single-payment route; offline batches, which are often sent again whole, look up first.
 */
export interface SettleOptions {
  keyLookupFirst: boolean;
}

/**
 * `group` is given when this settlement is one of several in one transaction (group commit, offline batch):
 * the merchant's credit then waits in it and is written once for the group (ledger/deferred.ts).
 */
export async function settlePayment(
  trx: Tx,
  deps: AppDeps,
  req: PaymentRequest,
  group?: SettlementGroup,
  options: SettleOptions = { keyLookupFirst: true },
): Promise<SettleResult> {
  const { dialect } = deps.db;
  const now = deps.clock.now();
  if (options.keyLookupFirst) {
    const existing = await findByKey(trx, req.merchantId, req.idempotencyKey);
    if (existing) return replayOf(existing, req);
  }
  // Always, not only with keyLookupFirst: this path also settles the groups that met such a key (settle-group.ts).
  await assertKeyNotTakenElsewhere(trx, req.merchantId, req.idempotencyKey);
  assertScanNotInFuture(req.scannedAt, now);
  const scannedAt = Math.min(req.scannedAt ?? now, now);
  const codeHash = paycodeHash(req.code);
  const paymentId = newId('pay', now);
  const code = await firstRow(codeToPay(trx, { codeHash }));
  const base = paymentBase(req, paymentId, scannedAt, now, {
    customer_id: code?.customer_id ?? null,
    code_hash: code ? codeHash : null,
    coupon_id: code?.coupon_id ?? null,
  });

  let coupon: Awaited<ReturnType<typeof couponFacts>> | undefined;
  const decline = async (decision: Decline): Promise<SettleResult> => {
    if (code) {
      // Any attempt uses the code up, and a declined attempt gives its coupon back at once (DESIGN.md).
      await useLiveCode(trx, { codeHash, now });
      await releaseCouponsOfCodes(trx, [codeHash], now);
    }
    const row = declinedRow(base, decision, coupon);
    await insertPayment(trx, row);
    return { payment: row, replayed: false, customerHandle: code?.handle ?? null, couponTitle: row.campaign_id ? coupon!.title : null, couponRule: row.campaign_id ? coupon!.rule : null };
  };

  if (!code) {
    if (pastOfflineWindow(scannedAt, now, deps.config.offlineWindowMs)) return decline(declined('OFFLINE_WINDOW_PASSED'));
    await countUnknownCode(trx, req, now);
    return decline(declined('CODE_UNKNOWN'));
  }
  // A queued offline scan is judged by when it happened, within the shop's offline cap (scan-time.ts).
  const merchant = await merchantFacts(trx, deps.db, req.merchantId);
  const codeUsedHere = await codeUsedUpHere(trx, code, req.merchantId);
  const timing = judgeTiming(
    code,
    { scannedAt, now, amount: req.amount, codeUsedHere },
    { offlineWindowMs: deps.config.offlineWindowMs, offlinePaymentMax: merchant.offlinePaymentMax },
  );
  if (!timing.ok) return decline(timing);

  if (code.coupon_id) coupon = (await couponFacts(trx, dialect, code.coupon_id, codeHash)) ?? undefined;
  const order = judgeOrder(
    { payer: { customerId: code.customer_id, accountId: code.account_id }, merchantId: req.merchantId, amount: req.amount, currency: req.currency, at: timing.at },
    code.coupon_id ? (coupon ?? null) : undefined,
  );
  if (!order.ok) return decline(order);
  const { money } = order;
  const merchantAccount = merchant.accountId;
  const transfers = order.debits.map((d) => ({ debit: d.account, credit: merchantAccount, amount: d.amount, kind: d.kind, paymentId }));
  const posted = await postTransfers(trx, req.currency, transfers, now, group?.creditsFor(merchantAccount));
  if (!posted.ok) return decline(floorRefusal(posted.accountId, code.account_id, posted.short));
  if (coupon && code.coupon_id) {
    await redeemCoupon(trx, {
      couponId: code.coupon_id,
      from: coupon.state === 'reserved' && coupon.reservedForThisCode ? 'reserved' : 'available',
      paymentId,
      campaignId: coupon.campaignId,
      deduction: money.deduction,
      budgeted: coupon.budget !== null,
      now,
    });
  }
  await useCode(trx, { codeHash, now });
  const row = succeededRow(base, order, coupon);
  await insertPayment(trx, row);
  return { payment: row, replayed: false, customerHandle: code.handle, couponTitle: coupon?.title ?? null, couponRule: coupon?.rule ?? null };
}

/**
 * Unknown codes are where guessing would show: this counts one against the cashier who sent it and against the
 * merchant, and throws 429 RATE_LIMITED past either limit. Counted first, atomically (the row stays locked until
 * commit on PostgreSQL), then judged: concurrent guesses cannot all read the same old count. Past the limit the
 * request is refused and, as the transaction rolls back, leaves no trace. A live code still pays meanwhile (it is
 * found before any count): only guessing is held up.
 */
async function countUnknownCode(trx: Tx, req: PaymentRequest, now: number): Promise<void> {
  const cashierWait = await takeAttempt(trx, `code:c:${req.cashierId}`, CODE_PER_CASHIER, now);
  const merchantWait = await takeAttempt(trx, `code:m:${req.merchantId}`, CODE_PER_MERCHANT, now);
  if (cashierWait > 0 || merchantWait > 0) {
    const wait = Math.max(cashierWait, merchantWait);
    throw new ApiError(429, 'RATE_LIMITED', `Too many unknown payment codes; unknown codes are refused for ${Math.ceil(wait / 1000)} s more.`, undefined, retryAfter(wait));
  }
}

/** The code a payment was asked with, as the payment row records it: none when the code is unknown. */
export interface PaidWithCode {
  customer_id: string | null;
  code_hash: string | null;
  coupon_id: string | null;
}

/** The columns of a new payment row that come from its request and its code, whatever its outcome. */
export function paymentBase(req: PaymentRequest, id: string, scannedAt: number, now: number, code: PaidWithCode) {
  return {
    id,
    merchant_id: req.merchantId,
    cashier_id: req.takenBy,
    terminal_id: req.terminalId,
    terminal_seq: req.terminalSeq,
    idempotency_key: req.idempotencyKey,
    request_hash: req.requestHash,
    amount: req.amount,
    currency: req.currency,
    scanned_at: scannedAt,
    settled_at: now,
    customer_id: code.customer_id,
    code_hash: code.code_hash,
    coupon_id: code.coupon_id,
  };
}

type PaymentBase = ReturnType<typeof paymentBase>;
/** The columns a payment's outcome decides. */
type PaymentOutcome = Pick<PaymentRow, 'status' | 'reason' | 'reason_detail' | 'short_by' | 'deduction' | 'charged' | 'settlement' | 'campaign_id' | 'funding'>;

/**
 * A new payment row: its base and its outcome, every column written out. Not `{ ...base, status, … }`: Node 20's V8
 * adds each property to a spread copy on a slow path (~1.3 µs each), ~18 µs a row against 0.3 µs written out, and
 * its garbage, on every payment (docs/SCALING.md, session 48).
 */
function newPaymentRow(base: PaymentBase, outcome: PaymentOutcome): PaymentRow {
  return {
    id: base.id,
    merchant_id: base.merchant_id,
    cashier_id: base.cashier_id,
    terminal_id: base.terminal_id,
    terminal_seq: base.terminal_seq,
    customer_id: base.customer_id,
    code_hash: base.code_hash,
    idempotency_key: base.idempotency_key,
    request_hash: base.request_hash,
    status: outcome.status,
    reason: outcome.reason,
    reason_detail: outcome.reason_detail,
    amount: base.amount,
    deduction: outcome.deduction,
    charged: outcome.charged,
    settlement: outcome.settlement,
    refunded: 0,
    refunded_cash: 0,
    refunded_subsidy: 0,
    coupon_id: base.coupon_id,
    campaign_id: outcome.campaign_id,
    funding: outcome.funding,
    currency: base.currency,
    scanned_at: base.scanned_at,
    settled_at: base.settled_at,
    z_number: null,
    short_by: outcome.short_by,
  };
}

/**
 * A declined payment's row: nothing charged. The campaign (and who funds it) is recorded only when the decline is
 * about the coupon (`withCampaign`), so that a campaign's page counts the uses it refused.
 */
export function declinedRow(base: PaymentBase, { reason, detail, withCampaign, shortBy }: Decline, coupon: { campaignId: string; funding: Funding } | undefined): PaymentRow {
  const campaign = withCampaign ? coupon : undefined;
  return newPaymentRow(base, {
    status: 'declined',
    reason,
    reason_detail: detail,
    short_by: shortBy ?? null,
    deduction: 0,
    charged: 0,
    settlement: 0,
    campaign_id: campaign?.campaignId ?? null,
    funding: campaign?.funding ?? null,
  });
}

/** A settled payment's row: what the order's decision charged, with the coupon's campaign when one was used. */
export function succeededRow(base: PaymentBase, { money, funding }: OrderApproval, coupon: { campaignId: string } | undefined): PaymentRow {
  return newPaymentRow(base, {
    status: 'succeeded',
    reason: null,
    reason_detail: null,
    short_by: null,
    deduction: money.deduction,
    charged: money.charged,
    settlement: money.settlement,
    campaign_id: coupon?.campaignId ?? null,
    funding,
  });
}

/** A replay answers what the first request answered: the payment as it was settled, before any refund. */
function asFirstAnswer(row: PaymentRow): PaymentRow {
  if (row.status === 'declined') return row;
  return { ...row, status: 'succeeded', refunded: 0, refunded_cash: 0, refunded_subsidy: 0 };
}

/** One transaction's worth of settlements: the merchant credits they defer until just before it commits. */
export class SettlementGroup {
  readonly #merchantAccounts = new Set<string>();
  readonly #credits = new DeferredCredits(this.#merchantAccounts);
  creditsFor(merchantAccountId: string): DeferredCredits {
    this.#merchantAccounts.add(merchantAccountId);
    return this.#credits;
  }
  snapshot() {
    return this.#credits.snapshot();
  }
  restore(snapshot: Map<string, number>) {
    this.#credits.restore(snapshot);
  }
  apply(trx: Tx) {
    return this.#credits.apply(trx);
  }
}
