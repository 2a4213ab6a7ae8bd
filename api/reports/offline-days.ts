import { sql } from 'kysely';
import { COUNTER_SALE_MS } from '../payments/scan-time.js';
import type { Executor } from '../db/tx.js';

/**
 * Sales a tablet took offline on one day that reached the server on another. A sale counts on the day it settled
 * (the day its money moved, as the ledger and the platform statement have it), so a sale scanned at 23:30 and sent
 * at 09:15 is the next day's. The Day report says so on both days, or the night's orders are missing from one and
 * the other has sales that seem to be from 09:15.
 *
 * A sale is taken offline when it settled more than COUNTER_SALE_MS after its scan (the time a sale at the counter
 * may take, retries included: a sale sent at 23:59:50 and answered after midnight is not one). The scan is at most
 * the offline window before its settlement, which bounds the search on the (merchant, settled_at) index.
 */
export interface OfflineAcrossDays {
  /** Sales of the day [from, to) scanned before it began: in this day's figures. */
  fromEarlierDays: { count: number; amount: number };
  /** Sales scanned in the day that settled after it ended: in a later day's figures, not this one's. */
  countedLater: { count: number; amount: number };
}

export async function offlineAcrossDays(db: Executor, merchantId: string, from: number, to: number, offlineWindowMs: number): Promise<OfflineAcrossDays> {
  const sales = () =>
    db
      .selectFrom('payments')
      .where('merchant_id', '=', merchantId)
      .where('status', '<>', 'declined')
      .where(sql<boolean>`settled_at - scanned_at > ${COUNTER_SALE_MS}`)
      .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount), 0)`.as('amount')]);
  const earlier = await sales().where('settled_at', '>=', from).where('settled_at', '<', to).where('scanned_at', '<', from).executeTakeFirstOrThrow();
  const later = await sales()
    .where('settled_at', '>=', to)
    .where('settled_at', '<=', to + offlineWindowMs + COUNTER_SALE_MS)
    .where('scanned_at', '>=', from)
    .where('scanned_at', '<', to)
    .executeTakeFirstOrThrow();
  const figure = (row: { n: unknown; amount: unknown }) => ({ count: Number(row.n ?? 0), amount: Number(row.amount ?? 0) });
  return { fromEarlierDays: figure(earlier), countedLater: figure(later) };
}
