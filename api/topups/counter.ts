import { CODE_PER_CASHIER, CODE_PER_MERCHANT, retryAfter, takeAttempt } from '../auth/throttle.js';
import type { AppDeps } from '../context.js';
import { inTransaction, type Executor, type Tx } from '../db/tx.js';
import { ApiError } from '../http/errors.js';
import { newId } from '../ids.js';
import { AMOUNT_MAX_MINOR } from '../money.js';
import { externalAccountId } from '../ledger/system-accounts.js';
import { postTransfers } from '../ledger/transfers.js';
import { paycodeHash } from '../paycodes/codes.js';
import { codeWithPayer } from '../payments/settle.js';
import { CODE_REFUSAL_MESSAGES, judgeTopUpAmount, judgeTopUpCode } from './rules.js';

/**
 * A top-up at the counter: the customer hands the cashier cash, and the cashier puts it on their wallet. Money enters
 * the system as with the customer's own (simulated) top-up: a transfer from the external funding account to the
 * wallet, kind `topup`, so the wallet's history and the ledger's invariants stay whole. What the ledger does not know
 * is kept beside it in `counter_topups`: the shop that took the cash and its cashier, so that the shop's Day, X and Z
 * reports count the cash in its drawer (closed into a Z report as a cash settlement is: payments/cash.ts).
 * The customer is named by a payment code they show (rules.ts): the code is read, never used up.
 */
export interface CounterTopUpRequest {
  merchantId: string;
  cashierId: string;
  code: string;
  amount: { amount: number; currency: string };
  /** When the cashier took the code; null: now. */
  scannedAt: number | null;
}

export interface TopUpPayer {
  customerId: string;
  accountId: string;
  handle: string;
}

export interface CounterTopUp {
  id: string;
  amount: number;
  customerId: string;
  customerHandle: string;
  transferId: string;
  createdAt: number;
}

/** Refused input, as the API answers it: the amount (422, as a payment's), then the code (422, a payment's decline reasons). */
function checkAmount(amount: CounterTopUpRequest['amount'], currency: string): void {
  const verdict = judgeTopUpAmount(amount, currency);
  if (verdict.ok) return;
  if (verdict.reason === 'CURRENCY_MISMATCH') throw new ApiError(422, 'CURRENCY_MISMATCH', `This ledger keeps ${currency}, not ${amount.currency}.`, 'amount.currency');
  throw new ApiError(422, 'AMOUNT_OUT_OF_RANGE', `A top-up is 1 to ${AMOUNT_MAX_MINOR} minor units.`, 'amount.amount');
}

/**
 * Whose wallet the code names, if it is a code its customer shows now (rules.ts). Reads only: the code keeps its
 * state and its coupon. An unknown code is refused with `unknown: true` on the error, for the route to count it.
 */
export async function payerOfCode(db: Executor, deps: Pick<AppDeps, 'config' | 'clock'>, request: Omit<CounterTopUpRequest, 'merchantId' | 'cashierId'>): Promise<TopUpPayer> {
  checkAmount(request.amount, deps.config.currency);
  const now = deps.clock.now();
  const code = await codeWithPayer(db).where('paycodes.code_hash', '=', paycodeHash(request.code)).executeTakeFirst();
  const verdict = judgeTopUpCode(code, request.scannedAt ?? now, now);
  if (!verdict.ok) throw new UnknownOrStaleCode(verdict.reason);
  return { customerId: code!.customer_id, accountId: code!.account_id, handle: code!.handle };
}

/** A code that names no customer to top up; `reason` is its stable code. */
export class UnknownOrStaleCode extends ApiError {
  constructor(readonly reason: keyof typeof CODE_REFUSAL_MESSAGES) {
    super(422, reason, CODE_REFUSAL_MESSAGES[reason], 'code');
  }
}

/** Puts the cash on the customer's wallet, inside the caller's transaction (with the request's idempotency key). */
export async function recordCounterTopUp(trx: Tx, deps: Pick<AppDeps, 'config' | 'clock'>, request: CounterTopUpRequest): Promise<CounterTopUp> {
  const payer = await payerOfCode(trx, deps, request);
  const now = deps.clock.now();
  const { currency } = deps.config;
  const posted = await postTransfers(trx, currency, [{ debit: externalAccountId(currency), credit: payer.accountId, amount: request.amount.amount, kind: 'topup' }], now);
  if (!posted.ok) throw new Error('the external source has no floor; a top-up cannot be refused');
  const row = {
    id: newId('ctu', now),
    merchant_id: request.merchantId,
    cashier_id: request.cashierId,
    customer_id: payer.customerId,
    transfer_id: posted.transferIds[0]!,
    amount: request.amount.amount,
    created_at: now,
    z_number: null,
  };
  await trx.insertInto('counter_topups').values(row).execute();
  return { id: row.id, amount: row.amount, customerId: payer.customerId, customerHandle: payer.handle, transferId: row.transfer_id, createdAt: now };
}

/**
 * An unknown code is where guessing would show (a guessed code would name a stranger): counted against the cashier
 * and the shop in the same counts as a payment's unknown codes (payments/settle.ts), in a transaction of its own,
 * as the refused request's rolled back; past either limit the answer is 429 RATE_LIMITED instead.
 */
export async function countUnknownCode(deps: Pick<AppDeps, 'db' | 'clock'>, merchantId: string, cashierId: string): Promise<void> {
  const now = deps.clock.now();
  const wait = await inTransaction(deps.db.kysely, async (trx) =>
    Math.max(await takeAttempt(trx, `code:c:${cashierId}`, CODE_PER_CASHIER, now), await takeAttempt(trx, `code:m:${merchantId}`, CODE_PER_MERCHANT, now)),
  );
  if (wait > 0) {
    throw new ApiError(429, 'RATE_LIMITED', `Too many unknown payment codes; unknown codes are refused for ${Math.ceil(wait / 1000)} s more.`, undefined, retryAfter(wait));
  }
}
