/**
 * What more than one file of the payment routes needs: a sale's checks (the sale's and the batch's: sale-routes.ts,
 * batch-routes.ts), a settled payment's view with its names, and the news of a payment changed after it was taken
 * (a refund, a cash note).
 */
import type { AppDeps, AuthCashier } from '../context.js';
import { ApiError } from '../http/errors.js';
import { AMOUNT_MAX_MINOR } from '../money.js';
import { merchantFacts } from '../shop/facts.js';
import { cashierHandle } from '../staff/handles.js';
import type { PaymentRequest, SettleResult } from './settle.js';
import type { SaleFields } from './schemas.js';
import { paymentRequestHash } from './request-hash.js';
import { loadPaymentView, paymentView, type PaymentView } from './view.js';

export function checkAmount(deps: AppDeps, amount: { amount: number; currency: string }, field: string): void {
  if (amount.currency !== deps.config.currency) {
    throw new ApiError(422, 'CURRENCY_MISMATCH', `This ledger keeps ${deps.config.currency}, not ${amount.currency}.`, `${field}.currency`);
  }
  if (amount.amount < 1 || amount.amount > AMOUNT_MAX_MINOR) {
    throw new ApiError(422, 'AMOUNT_OUT_OF_RANGE', `An amount is 1 to ${AMOUNT_MAX_MINOR} minor units.`, `${field}.amount`);
  }
}

/**
 * A settled payment's view with its names: a new payment's from what settling it read (its shop's and cashier's
 * from their caches); a replay's, which settling did not read, from the database, on the payment as first answered.
 */
export async function namedView(deps: AppDeps, result: SettleResult): Promise<PaymentView> {
  if (result.replayed) return paymentView(result.payment, (await loadPaymentView(deps.db.kysely, result.payment.id))!);
  return paymentView(result.payment, {
    merchantName: (await merchantFacts(deps.db.kysely, deps.db, result.payment.merchant_id)).name,
    cashierHandle: await cashierHandle(deps.db.kysely, deps.db, result.payment.cashier_id),
    customerHandle: result.customerHandle,
    couponTitle: result.couponTitle,
    couponRule: result.couponRule,
  });
}

/**
 * A refund, a cash or not-paid note, or a note taken back changed a payment: the shop's screens (and, for a refund, the customer's) are sent the
 * payment as it now stands, once: a replay changed nothing and announces nothing.
 */
export async function announceChange(deps: AppDeps, response: Response, paymentId: string): Promise<void> {
  // 201 for a note, 200 for a note taken back; an error or a replay announced nothing new.
  if (!response.ok || response.headers.get('Idempotent-Replayed')) return;
  const view = await loadPaymentView(deps.db.kysely, paymentId);
  if (view) await deps.events.publish({ type: 'payment', payment: view });
}

export function toRequest(
  auth: AuthCashier,
  key: string,
  body: SaleFields,
  terminalId: string | null,
  sequence: number | null,
): PaymentRequest {
  // takenBy is left out of the request's hash: it names who is credited with the sale, not what is charged, and
  // an entry queued before tablets sent it must still match its first answer when sent again with it.
  const intent = { code: body.code, amount: body.amount.amount, currency: body.amount.currency, scannedAt: body.scannedAt ? Date.parse(body.scannedAt) : null };
  return {
    merchantId: auth.merchantId,
    cashierId: auth.cashierId,
    takenBy: body.takenBy ?? auth.cashierId,
    idempotencyKey: key,
    ...intent,
    requestHash: paymentRequestHash(intent),
    terminalId,
    terminalSeq: sequence,
  };
}

/**
 * The named takers who are cashiers of this shop, with when each was removed (null: still here); removed ones too,
 * for a sale taken before they left. One query, and none when every item is the sender's own.
 */
export async function shopCashiers(deps: AppDeps, auth: AuthCashier, takers: readonly (string | undefined)[]): Promise<Map<string, number | null>> {
  const known = new Map<string, number | null>();
  const others = [...new Set(takers.filter((t): t is string => t !== undefined && t !== auth.cashierId))];
  if (others.length === 0) return known;
  const rows = await deps.db.kysely.selectFrom('cashiers').select(['id', 'removed_at']).where('merchant_id', '=', auth.merchantId).where('id', 'in', others).execute();
  for (const row of rows) known.set(row.id, row.removed_at === null ? null : Number(row.removed_at));
  return known;
}

/**
 * Whether a request may name its taker: the sender always; a colleague only for a scan they made (`scannedAt`, as
 * every queued sale carries) while they still worked here. A sale is put on someone else's name only as the
 * tablet's outbox recorded it, not for a removed cashier after they left.
 */
export function mayTake(cashiers: Map<string, number | null>, auth: AuthCashier, item: { takenBy?: string; scannedAt?: string }): boolean {
  if (item.takenBy === undefined || item.takenBy === auth.cashierId) return true;
  const removedAt = cashiers.get(item.takenBy);
  if (removedAt === undefined || item.scannedAt === undefined) return false;
  return removedAt === null || Date.parse(item.scannedAt) < removedAt;
}

export function unknownTaker(field: string): ApiError {
  return new ApiError(422, 'UNKNOWN_CASHIER', 'takenBy: not a cashier of this shop who could have taken this sale (a colleague is named only with the scan time, made before they left).', field);
}
