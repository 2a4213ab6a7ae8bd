import { sha256 } from '../ids.js';
import type { PaymentRow } from '../db/schema.js';
import { paycodeHash } from '../paycodes/codes.js';

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
  return sha256(paymentCanonicalJson(intent));
}

/**
 * canonicalJson({ code, amount: { amount, currency }, scannedAt }) written out for this one shape: the keys in
 * canonicalJson's sorted order, each value through JSON.stringify as canonicalJson writes it, so the text (and so
 * every hash stored with a payment) is the same byte for byte. The generic walk (entries, filter, sort, join) cost
 * ~1.5 µs a payment against ~0.3; tests/unit/api/request-hash.test.ts holds the two to the same text.
 */
export function paymentCanonicalJson(intent: PaymentIntent): string {
  return `{"amount":{"amount":${JSON.stringify(intent.amount)},"currency":${JSON.stringify(intent.currency)}},"code":${JSON.stringify(intent.code)},"scannedAt":${JSON.stringify(intent.scannedAt)}}`;
}

/**
 * Whether a stored payment answers this request: the same hash, or the same sale sent once with its scan time and
 * once without. `scannedAt` is optional on POST /api/payments (the server's time is used) and always present in an
 * offline batch, so a till that sent a sale alone without it, lost the answer and queued the sale with its scan
 * time sent one sale twice, not two; refused as another request, it would have shown a sale that was paid as not
 * paid (and an integration might charge it again under a new key). A different code or amount is still another
 * request.
 *
 * Sent with a scan time and retried without: the stored row has the code's hash and the amount, so the sale is
 * recognised by those (the scan time sent cannot be rebuilt: one a little ahead of the server's clock is stored
 * as the server's time). Sent without and retried with: the hash of the request without its scan time is the one
 * stored. A declined payment of an unknown code keeps no code hash; it is recognised by its scan time as stored.
 */
export function sameRequest(
  stored: Pick<PaymentRow, 'request_hash' | 'scanned_at' | 'code_hash' | 'amount' | 'currency'>,
  request: PaymentIntent & { requestHash: string },
): boolean {
  if (stored.request_hash === request.requestHash) return true;
  if (request.scannedAt !== null) return stored.request_hash === paymentRequestHash({ ...request, scannedAt: null });
  if (stored.code_hash !== null) return stored.code_hash === paycodeHash(request.code) && stored.amount === request.amount && stored.currency === request.currency;
  return stored.request_hash === paymentRequestHash({ ...request, scannedAt: stored.scanned_at });
}
