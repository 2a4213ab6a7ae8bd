import { COUPON_REFUSALS } from '../coupons/verify.js';

/**
 * The payment lifecycle (DESIGN.md "Payments"), one table; anything else is a bug.
 *   succeeded -> partially_refunded | refunded ; partially_refunded -> partially_refunded | refunded
 *   declined is final (the code is used; the customer shows a fresh one).
 */
export const PAYMENT_STATUSES = ['succeeded', 'declined', 'partially_refunded', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/*
 * Every status but `declined` means the money moved: the code reads "not declined" as "paid" in many places,
 * in TypeScript (settle.ts asFirstAnswer, sale-routes.ts's 201 and batch-routes.ts's `succeeded` for an item, view.ts, the client's
 * src/lib/offline/outcome.ts) and in SQL (reports/closing.ts periodFigures, reports/day-routes.ts and day-payments.ts, a
 * campaign's page (coupons/campaign-stats.ts), the CHECK constraints of db/migrations.ts). A status that moves no money yet
 * (a sale held for approval, say) must be added to each of those, not only to this table.
 */

const TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  succeeded: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  declined: [],
};

export function assertPaymentTransition(from: PaymentStatus, to: PaymentStatus): void {
  if (!TRANSITIONS[from].includes(to)) throw new Error(`payment cannot go from '${from}' to '${to}'`);
}

/**
 * `payment.reasonDetail`: why a coupon was refused; or, on CODE_USED, that the code was live when this till scanned it,
 * or that it was used up at this shop (scan-time.ts).
 */
export const DECLINE_DETAILS = [...COUPON_REFUSALS, 'USED_AFTER_SCAN', 'USED_HERE'] as const;
export type DeclineDetail = (typeof DECLINE_DETAILS)[number];

/** `payment.reason`: why a payment was declined (DESIGN.md "Payments"). */
export const DECLINE_REASONS = [
  'CODE_UNKNOWN',
  'CODE_EXPIRED',
  'CODE_USED',
  'COUPON_NOT_APPLICABLE',
  'INSUFFICIENT_FUNDS',
  'OFFLINE_WINDOW_PASSED',
  // The code had ended by the time the sale reached the server, and the sale is over the shop's offline cap (payments/scan-time.ts).
  'OFFLINE_PAYMENT_CAP',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
