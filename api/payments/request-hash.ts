import { canonicalJson } from '../http/idempotency.js';
import { sha256 } from '../ids.js';
import type { PaymentRow } from '../db/schema.js';

/** What a payment request says: its code, its amount and, if the till sent it, when the code was scanned (ms). */
export interface PaymentIntent {
  code: string;
  amount: number;
  currency: string;
  scannedAt: number | null;
}

/**
 * The request hash that guards an idempotency key. It covers what the payment means (code, amount, scan time),
 * not which route carried it, so an intent first sent alone and retried in an offline batch is the same request.
 */
export function paymentRequestHash(intent: PaymentIntent): string {
  return sha256(canonicalJson({ code: intent.code, amount: { amount: intent.amount, currency: intent.currency }, scannedAt: intent.scannedAt }));
}

/**
 * Whether a stored payment answers this request: the same hash, or the same sale sent once with its scan time and
 * once without. `scannedAt` is optional on POST /api/payments (the server's time is used) and always present in an
 * offline batch, so a till that sent a sale alone without it, lost the answer and queued the sale with its scan
 * time sent one sale twice, not two; refused as another request, it would have shown a sale that was paid as not
 * paid. Without a scan time the stored one is the payment's own `scanned_at` (the time the server took for it).
 * A different code or amount is still another request.
 */
export function sameRequest(stored: Pick<PaymentRow, 'request_hash' | 'scanned_at'>, request: PaymentIntent & { requestHash: string }): boolean {
  if (stored.request_hash === request.requestHash) return true;
  const otherForm = request.scannedAt === null ? { ...request, scannedAt: stored.scanned_at } : { ...request, scannedAt: null };
  return stored.request_hash === paymentRequestHash(otherForm);
}
