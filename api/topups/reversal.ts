import type { AppDeps } from '../context.js';
import type { Tx } from '../db/tx.js';
import { ApiError } from '../http/errors.js';
import { newId } from '../ids.js';
import { getBalance } from '../ledger/accounts.js';
import { externalAccountId } from '../ledger/system-accounts.js';
import { postTransfers } from '../ledger/transfers.js';
import { judgeTopUpReversal } from './rules.js';

/**
 * A manager takes back a counter top-up keyed wrong (¥1,000 for ¥100, or the wrong customer's code): the whole
 * amount goes from the wallet back to the external funding account, as it came (the cash leaves the system: the
 * drawer hands it back, or it was never taken), by a new transfer of kind `topup_reversal`; the top-up's own
 * transfer stays as it was. Beside it, a row in `counter_topup_reversals` names the top-up, the manager and when,
 * so that the shop's reports count the cash paid out when it was (closed into the next Z report, whichever Z holds
 * the top-up) and the customer's history says so.
 *
 * Whole top-ups only: a part would leave "which part was wrong" to be keyed again, with its own mistakes; a wrong
 * amount is reversed and keyed again right. A wallet that no longer holds the amount (the customer spent it) is
 * refused, and nothing moves: a reversal never takes a wallet below its floor.
 */
export interface TopUpReversalRequest {
  merchantId: string;
  /** The manager reversing it. */
  cashierId: string;
  topUpId: string;
}

export interface TopUpReversal {
  id: string;
  topUpId: string;
  amount: number;
  customerId: string;
  customerHandle: string;
  cashierId: string;
  createdAt: number;
}

/** The wallet holds less than the top-up: the customer has spent some of it. `balance` is what it holds, in minor units. */
export class WalletSpent extends ApiError {
  constructor(
    readonly balance: number,
    amount: number,
    currency: string,
  ) {
    super(
      409,
      'WALLET_SPENT',
      `The wallet holds ${balance} minor units of ${currency}, less than the top-up's ${amount}: the customer has spent some of it, so it cannot be taken back. Nothing changed.`,
    );
  }
}

const REFUSALS = {
  NOT_FOUND: () => new ApiError(404, 'NOT_FOUND', 'This shop took no such top-up.'),
  ALREADY_REVERSED: () => new ApiError(409, 'ALREADY_REVERSED', 'This top-up was reversed already.'),
};

/**
 * Reverses the top-up inside the caller's transaction (with the request's idempotency key). The top-up's row is
 * read locked (PostgreSQL; SQLite's writer holds the whole database), so two reversals of it at once queue, and
 * the second finds the first's; the unique top-up of the reversal table holds that too.
 */
export async function reverseCounterTopUp(trx: Tx, deps: Pick<AppDeps, 'config' | 'clock' | 'db'>, request: TopUpReversalRequest): Promise<TopUpReversal> {
  const topUp = await trx
    .selectFrom('counter_topups')
    .innerJoin('customers', 'customers.id', 'counter_topups.customer_id')
    .select(['counter_topups.id', 'counter_topups.merchant_id', 'counter_topups.amount', 'counter_topups.customer_id', 'customers.handle', 'customers.account_id'])
    .where('counter_topups.id', '=', request.topUpId)
    .$if(deps.db.dialect === 'postgres', (q) => q.forUpdate('counter_topups'))
    .executeTakeFirst();
  const reversed = topUp ? (await trx.selectFrom('counter_topup_reversals').select('id').where('topup_id', '=', topUp.id).executeTakeFirst()) !== undefined : false;
  const verdict = judgeTopUpReversal(topUp, reversed, request.merchantId);
  if (!verdict.ok) throw REFUSALS[verdict.reason]();
  const row = topUp!;
  const amount = Number(row.amount);
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error(`a counter top-up holds a positive amount: ${row.amount}`);
  const now = deps.clock.now();
  const { currency } = deps.config;
  const posted = await postTransfers(trx, currency, [{ debit: row.account_id, credit: externalAccountId(currency), amount, kind: 'topup_reversal' }], now);
  if (!posted.ok) throw new WalletSpent((await getBalance(trx, row.account_id)) ?? 0, amount, currency);
  const reversal = {
    id: newId('ctr', now),
    topup_id: row.id,
    merchant_id: request.merchantId,
    cashier_id: request.cashierId,
    transfer_id: posted.transferIds[0]!,
    amount,
    created_at: now,
    z_number: null,
  };
  await trx.insertInto('counter_topup_reversals').values(reversal).execute();
  return { id: reversal.id, topUpId: row.id, amount, customerId: row.customer_id, customerHandle: row.handle, cashierId: request.cashierId, createdAt: now };
}
